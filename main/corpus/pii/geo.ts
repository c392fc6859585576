// Geography smaller than a state: street addresses (number + street name + suffix, with unit), PO boxes,
// city names before a state ("Worcester, MA 01608"), places after "lives in" / "resident of", and ZIP / ZIP+4
// codes in address context (after a state, or labelled "ZIP"). Bare five-digit numbers are not ZIP codes.
import { type Emit, type Pass, type PassEnv } from './types';
import { zipFitsState } from './validators';
import { isLetter, isNameChar, isUpper } from './name-tokens';
import { STREET_HEADS, ORG_WORDS } from './domain-terms';
import { countries } from 'countries-list';
import { type DigitPass, type LeadTest, type RunTest, NEVER_AT_RUN, codeAt, digitRuns, isPronounI, eachMatch, eachMatchAtDigitRuns, isAsciiLetter, isAsciiLower, isDigit, isSpaceChar, wordBoundaryBefore, isCapital } from './context';

const STATE_ABBR =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
const STATE_NAMES =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Mass\\.|Calif\\.|Penn\\.|Conn\\.|Ill\\.|Mich\\.|Fla\\.|Tex\\.';
const SUFFIX =
  'Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Alley|Aly|Row|Pike|Turnpike|Tpke|Plaza|Plz|Path|Crescent|Cres|Loop|Ridge|Heights|Hts|Expressway|Expy|Causeway|Walk|Commons|Green|Park|Point|Pt|Run|Pass|Crossing|Xing|Mall|Mews|Grove|Gardens|Gdns|Parade|Esplanade|Promenade|Quay|Rise|Approach|Vale|Lawns|Meadows|Wynd|Brae|Wharf|Paddocks';
// A capitalised word, Latin-1 and Latin Extended-A letters included ("Juárez", "Łódź"), one code unit each.
const WORD = "[A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ][A-Za-zÀ-ÖØ-öø-ÿĀ-ɏḀ-ỿ'’.-]*"; // Latin, with the Latin Extended blocks ("Huế", "Đà Nẵng")
// A unit after the street ("Apt 4B", "Suite 3010", "#12", "5th Floor").
const UNIT =
  "(?:,?\\s(?:(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Rm|Room|Bldg|Building|#)\\.?\\s?#?\\s?[A-Za-z0-9-]{1,6}(?![A-Za-z0-9])|\\d{1,3}(?:st|nd|rd|th)\\s(?:Floor|Fl)\\b\\.?))?";

// (The name and its type on one line: "WBC 10 RBC.\nDr. Smith" is no street; a line may break after the number.)
const STREET_RE = new RegExp(
  `\\b\\d{1,6}[A-Z]?(?:-\\d{1,4})?\\s(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?[ \\t])?` +
    `(?:(?:${WORD}|\\d{1,3}(?:st|nd|rd|th))(?:[ \\t]${WORD}){0,3}[ \\t](?:${SUFFIX})\\b\\.?|Broadway\\b)(?:[ \\t](?:N|S|E|W|NE|NW|SE|SW)\\b\\.?)?${UNIT}`,
  'y', // tried at each run of digits only (eachMatchAtDigitRuns): a street number opens every match
);
// After the street number: a capital maybe, "-" and one to four digits maybe, whitespace, then the capital or digit
// the street's name (or its direction) opens with.
const STREET_RUN: RunTest = (text, s, e) => {
  if (e - s > 6 || !wordBoundaryBefore(text, s)) return false;
  let p = e;
  if (isCapital(codeAt(text, p))) p++;
  if (codeAt(text, p) === 45) {
    const digits = ++p;
    while (isDigit(codeAt(text, p))) p++;
    if (p === digits || p - digits > 4) return false;
  }
  if (!isSpaceChar(codeAt(text, p))) return false;
  const c = codeAt(text, p + 1);
  return isCapital(c) || isDigit(c);
};

// PO boxes and labelled ZIP codes are tried only at the one place before a run of digits where they could open
// (eachMatchAtDigitRuns with a LeadTest).
const PO_BOX_RE = /(?:P\.?\s?O\.?\s?|Post Office )[Bb][Oo][Xx]\s#?\d{1,6}\b/y;
// "P.O. Box #" read backwards from the number: "#"?, one \s, "box" in any case, then "Post Office " or P.?\s?O.?\s?.
const PO_BOX_BEFORE: LeadTest = (text, at, end) => {
  if (end - at > 6) return -1;
  let p = at;
  if (codeAt(text, p - 1) === 35) p--;
  p--;
  if ((codeAt(text, p - 1) | 32) !== 120 || (codeAt(text, p - 2) | 32) !== 111 || (codeAt(text, p - 3) | 32) !== 98) return -1;
  p -= 3;
  if (p >= 12 && text.startsWith('Post Office ', p - 12)) return p - 12;
  if (!isAsciiLetter(codeAt(text, p - 1)) && codeAt(text, p - 1) !== 46) p--; // \s
  if (codeAt(text, p - 1) === 46) p--;
  if (codeAt(text, p - 1) !== 79) return -1; // O
  p--;
  if (!isAsciiLetter(codeAt(text, p - 1)) && codeAt(text, p - 1) !== 46) p--; // \s
  if (codeAt(text, p - 1) === 46) p--;
  return codeAt(text, p - 1) === 80 ? p - 1 : -1; // P
};
// "Springfield, MA 01101", "Worcester, Massachusetts", "St. Louis, MO"; group 1 = city, group 2 = ZIP.
// Anchored on ", <state>" and read backwards for the city: "Springfield, MA 01101", "Worcester, Massachusetts".
const STATE_AFTER_COMMA_RE = new RegExp(`, (?:${STATE_ABBR}|${STATE_NAMES})(?![a-z])(?:\\.?,?\\s(\\d{5}(?:-\\d{4})?)(?!\\d))?`, 'g');
const CITY_BEFORE_RE = new RegExp(`(?:${WORD})(?:[ -](?:${WORD})){0,2}$`);
const AFTER_STREET_RE = new RegExp(`(?:\\b(?:${SUFFIX})\\.?|\\bBox \\d+|\\d)(?:\\s(?:N|S|E|W|NE|NW|SE|SW)\\.?)?${UNIT},?\\s*\\n?\\s*$`);
const ZIP_LABEL_RE = /\b(?:ZIP|Zip|zip)(?:\s?code)?\s?[:#]?\s?(\d{5}(?:-\d{4})?)\b/y;
// "zip", "ZIP code" read backwards from the number: up to three of \s?[:#]?\s?, "code" and one \s maybe, "zip".
const ZIP_LABEL_BEFORE: LeadTest = (text, at, end) => {
  if (end - at !== 5) return -1;
  let p = at;
  while (p > at - 3 && p > 0 && !isAsciiLetter(codeAt(text, p - 1))) p--;
  if (p >= 4 && text.startsWith('code', p - 4)) {
    p -= 4;
    if (p > 0 && !isAsciiLetter(codeAt(text, p - 1))) p--; // \s
  }
  if (p < 3) return -1;
  const a = codeAt(text, p - 3);
  return (a === 122 || a === 90) && (codeAt(text, p - 2) | 32) === 105 && (codeAt(text, p - 1) | 32) === 112 ? p - 3 : -1;
};

// "lives in Dorchester", "resident of Ithaca": the verb is found by literal search, the place read after it.
// Lower-case literal alternatives without \b or /i keep the regex engine on its fast path; the first letter is checked in code.
const LIVES_IN_RE = / (?:in|of|at|to) (?=[A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ])/g; // literal-led; the verb before it is checked in code
const LIVES_VERB_RE = /(?:ives in|ives at|iving in|esides in|esiding in|esident of|oved to|elocated to|ative of|orn in|ome in)$/;
const PLACE_AFTER_RE = new RegExp(`^(?:${WORD})(?:\\s(?:${WORD})){0,2}`);
const NOT_PLACES = new Set(['The', 'A', 'An', 'His', 'Her', 'Their', 'Our', 'This', 'That', 'Hospital', 'Clinic', 'Court']);

// "Our client, Jo Roe, of Dayton, retained": a place after ", of" that is no ordinary word.
const COMMA_OF_RE = new RegExp(`, of ((?:${WORD})(?: (?:${WORD})){0,2}),`, 'g');
// "lives at 12 Elm St in Dayton."
const AFTER_STREET_IN_RE = new RegExp(`^,? in ((?:${WORD})(?: (?:${WORD})){0,2})(?=[.,;:)\\n]|$)`);
// "27 Heol Hir, Llanishen, CF14 5AQ", "14 Park Road, Pontprennau, Cardiff CF23 8RD": the parts of an address line after
// the street, up to two, each ended by a comma, the end of the line, a stop, or a postcode or a state's code and ZIP.
const TOWN_AFTER_STREET_RE = new RegExp(
  `^,[ \\t]?((?:${WORD})(?: (?:${WORD})){0,2})(?=,|[ \\t]*(?:\\n|$)|[.;)]|[ \\t](?:[A-Z]{1,2}\\d|\\d{4,6}\\b|[A-Z]{2} \\d{5}))`,
);
// A state's, a province's or a county's code ("MA", "QC", "NSW", "CA"), no town.
const REGION_CODE_RE = /^[A-Z]{2,3}$/;
// Last words of an institution, not a town ("300 Longwood Ave, Boston Children's Hospital").
const INSTITUTION_RE = /\b(?:Hospital|Clinic|Center|Centre|University|College|School|Church|Court|Office|Building|Tower|House|Hall|Inc|LLC|Ltd|Corp)\.?$/;

const UNIT_BEFORE_RE = /(?:Flat|Unit|Apt\.?|Apartment|Suite|Ste\.?) ?#?\d{1,5}[A-Za-z]?(?:, ?|\/)$/;
// The parts of an address before its street, each ended by a comma, as Hong Kong, Singapore, Indian, Gulf and British
// addresses write them ("Flat C, 23/F, Block 2, Harbour Crest, 18 Tai Hang Road", "Room 1107, Cheung Kong Center, 2
// Queen's Road Central"): a unit, a floor or a block with its number or letter (group 1), or a building's name
// (capitalised words ending with a word for a building; group 2), which counts only with a unit before it: alone it is
// as often a hospital's or a firm's ("Community Regional Medical Center, 2823 Fresno Street").
const PART_BEFORE_STREET_RE = new RegExp(
  '(?<![A-Za-z0-9])(?:((?:Flat|Unit|Apt\\.?|Apartment|Suite|Ste\\.?|Room|Rm\\.?|Office(?: No\\.)?|Shop|Block|Blk\\.?|Tower|Building|Bldg\\.?|Level|Floor|Villa|Plot(?: No\\.)?) ?#?(?:\\d{1,5}[A-Za-z]?|[A-Z])|\\d{1,3}\\/F|[GLU]\\/F|\\d{1,3}(?:st|nd|rd|th) Floor)|' +
    "((?:[A-Z][A-Za-z'’.-]+ ){1,4}(?:Building|Centre|Center|Tower|Towers|House|Court|Mansions?|Plaza|Hall|Crest|Gardens|Estate|Heights|Complex|Camp|Apartments|Residency|Residences|Arcade|Chambers|Lodge))" +
    '), ?$',
);
const PARTS_BEFORE_STREET = 4;

/** Where an address whose street opens at `street` opens: before the unit, floor, block and building parts before it. */
function addressStart(text: string, street: number): number {
  const unit = UNIT_BEFORE_RE.exec(text.slice(Math.max(0, street - 20), street));
  let start = street - (unit?.[0].length ?? 0);
  let withUnit = start; // the start before the last unit read
  for (let k = 0; k < PARTS_BEFORE_STREET && text.charCodeAt(start - 2) === 44; k++) {
    const part = PART_BEFORE_STREET_RE.exec(text.slice(Math.max(0, start - 64), start));
    if (part === null) break;
    start -= part[0].length;
    if (part[1] !== undefined) withUnit = start;
  }
  return withUnit;
}
// German, Austrian, Swiss, Dutch and Scandinavian streets put the number after the name: "Lindenstraße 47",
// "Oranjestraat 17", "Drottninggatan 5"; "Am Wolfsmantel 33" is left, but
// "Hauptstr. 5", "Schillerplatz 3a", "Bahnhofsallee 12" are found; a postcode and town after it ("80331 München") too.
// Tried at runs of digits only, the street's name read backwards from its number.
// An adjective may stand before the street's word ("Mörfelder Landstraße 212", "Alte Gasse 3"), which may then stand
// alone ("Berliner Straße 12"; not "Strasse 5").
// Norwegian, Danish, Swedish and Finnish street words too: "Gaustadalléen 21", "Storgata 5", "Vesterbrogade 3",
// "Karl Johans gate" (one word only), "Stortorget 1", "Mannerheimintie" (left: "-tie" ends other words), "Aleksanterinkatu 15".
const GERMAN_STREET_WORD =
  '[A-ZÄÖÜÅÆØ][A-Za-zÄÖÜäöüßåæøÅÆØé-]*(?:[Ss]traße|[Ss]trasse|[Ss]tr\\.|[Gg]asse|[Aa]llee|[Pp]latz|[Ww]eg|[Dd]amm|[Uu]fer|[Cc]haussee|[Ss]traat|[Ll]aan|[Pp]lein|[Gg]racht|[Kk]ade|[Ss]ingel|[Dd]ijk|[Gg]atan?|[Vv]ägen|[Vv]eien|[Vv]ej|[Aa]ll[ée]en|[Vv]egen|[Gg]aten?|[Gg]aden?|[Tt]orget|[Pp]lassen|[Ss]træde|[Kk]atu)';
const GERMAN_STREET_RE = new RegExp(
  '(?<![A-Za-zÄÖÜäöüß-])(?:[A-ZÄÖÜ][a-zäöüß]*(?:er|e|en) (?:Straße|Strasse|Str\\.|Gasse|Allee|Platz|Weg|Damm|Ufer|Chaussee|' + GERMAN_STREET_WORD + ')|' +
    GERMAN_STREET_WORD + ') \\d{1,4}[a-z]?(?![\\dA-Za-z])',
  'y',
);
// The start of the word before " <number>" (a dot may end it: "Hauptstr."), when a capital opens it.
const GERMAN_STREET_BEFORE: LeadTest = (text, at, end) => {
  if (end - at > 4 || codeAt(text, at - 1) !== 32) return -1;
  // The word's last letter first: e (-straße, -gasse, -allee, -kade), z, g, m, r, t (-straat, -gracht), n (-laan,
  // -plein, -gatan), l, k, a, j, or the dot of "str.". Most numbers follow a word ending otherwise ("MRN 123", "age
  // 45"), which is not read back.
  const last = codeAt(text, at - 2);
  if (!STREET_WORD_LAST.has(last)) return -1;
  let q = at - 1;
  if (codeAt(text, q - 1) === 46) q--;
  while (q > 0 && isGermanLetter(codeAt(text, q - 1))) q--;
  const c = codeAt(text, q);
  if (!(isCapital(c) || c === 196 || c === 214 || c === 220 || c === 197 || c === 198 || c === 216)) return -1;
  return codeAt(text, q - 1) === 32 ? adjectiveBefore(text, q - 1, q) : q;
};

/**
 * Where the adjective that ends at `end` opens (a capital, then lower-case letters, the last "er", "e" or "en", as
 * GERMAN_STREET_RE reads it, no letter or "-" before it), else `street`: where the street's word opens.
 */
function adjectiveBefore(text: string, end: number, street: number): number {
  const last = codeAt(text, end - 1);
  if (!(last === 101 || ((last === 114 || last === 110) && codeAt(text, end - 2) === 101))) return street;
  let p = end - 1;
  while (p > 0 && isGermanLower(codeAt(text, p - 1))) p--;
  const c = codeAt(text, p - 1);
  if (!(isCapital(c) || c === 196 || c === 214 || c === 220)) return street;
  const before = codeAt(text, p - 2);
  return isGermanLetter(before) || (before >= 192 && before <= 255) ? street : p - 1;
}

function isGermanLower(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 228 || c === 246 || c === 252 || c === 223;
}
// The last characters of the street words above: e z g m r t n l k a j u and ".".
const STREET_WORD_LAST: ReadonlySet<number> = new Set([...'ezgmrtnlkaju.'].map((c) => c.charCodeAt(0)));
// A postcode and a town after the street: German "80331 München", Dutch "3581 KM Utrecht", Danish or Austrian "1010 Wien".
const GERMAN_TOWN_AFTER_RE = /^,? (\d{5}|\d{4}(?: ?[A-Z]{2})?) ([A-ZÄÖÜ][a-zäöüß]+(?:[ -][A-ZÄÖÜ][a-zäöüß]+)?)/;

// Australian postcodes after a state ("Coogee NSW 2034", "Fitzroy VIC 3065"): the four digits, tried at runs of four digits.
const AU_POSTCODE_RE = /(?<![A-Za-z0-9])(?:NSW|VIC|QLD|SA|WA|TAS|ACT|NT),? (\d{4})(?![\d-])/y;
const AU_STATE_BEFORE: LeadTest = (text, at, end) => {
  if (end - at !== 4 || codeAt(text, at - 1) !== 32) return -1;
  let p = at - 1;
  if (codeAt(text, p - 1) === 44) p--;
  const stateEnd = p;
  while (p > stateEnd - 3 && isCapital(codeAt(text, p - 1))) p--;
  return stateEnd - p >= 2 && !isWordCode(codeAt(text, p - 1)) && /^(?:NSW|VIC|QLD|SA|WA|TAS|ACT|NT)$/.test(text.slice(p, stateEnd)) ? p : -1;
};

// The first digits of each Australian state's and territory's postcodes (Australia Post's ranges, PO boxes included).
const AU_POSTCODE_PREFIXES: Readonly<Record<string, RegExp>> = {
  NSW: /^[12]/, ACT: /^(?:02|26|29)/, VIC: /^[38]/, QLD: /^[49]/, SA: /^5/, WA: /^6/, TAS: /^7/, NT: /^08/,
};

/** Whether `code` is a postcode of the state `match` opens with ("ACT, 2012" is not: the ACT's begin 02, 26 or 29). */
function auPostcodeFits(match: string, code: string): boolean {
  const state = /^[A-Z]+/.exec(match)?.[0] ?? '';
  return AU_POSTCODE_PREFIXES[state]?.test(code) ?? false;
}

// Both in one walk over the runs of digits (each walk costs ~1 ms per MB of digit-dense notes): no run opens both.
const FOREIGN_RE = new RegExp(`${GERMAN_STREET_RE.source}|${AU_POSTCODE_RE.source}`, 'y');
const FOREIGN_BEFORE: LeadTest = (text, at, end) => {
  const german = GERMAN_STREET_BEFORE(text, at, end);
  return german >= 0 ? german : AU_STATE_BEFORE(text, at, end);
};

function isGermanLetter(c: number): boolean {
  return isAsciiLetter(c) || c === 45 || c === 196 || c === 214 || c === 220 || c === 223 || c === 228 || c === 246 || c === 252 ||
    c === 197 || c === 198 || c === 216 || c === 229 || c === 230 || c === 248 || c === 233; // Å Æ Ø å æ ø é
}

// UK postcodes ("LS6 3BQ", "SW1A 1AA", "M1 1AE"; an area of one letter is one of B E G L M N S W) and Canadian postal
// codes ("M5T 3A9", "K1A0B1"): shapes no word or ordinary number has (letters and digits in fixed places, upper case),
// so they are found without context. Both open with one or two capitals right before a run of digits: tried only there
// (eachMatchAtDigitRuns).
// Irish Eircodes ("H71 WK22", "D6W XY12") too: a routing key and four letters or digits, one a letter at least ("B12 1000"
// is a dose).
const POSTCODE_RE =
  /(?<![A-Za-z0-9])(?:(?:[BEGLMNSW]|[A-Z]{2})\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}|[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d|(?:[AC-FHKNPRTV-Y]\d{2}|D6W) (?=\d*[AC-FHKNPRTV-Y])[0-9AC-FHKNPRTV-Y]{4})(?![A-Za-z0-9])/y;
// The one or two capitals before the run, after no letter or digit.
const CAPITALS_BEFORE: LeadTest = (text, at) => {
  let p = at;
  while (p > at - 2 && isCapital(codeAt(text, p - 1))) p--;
  return p < at && !isWordCode(codeAt(text, p - 1)) ? p : -1;
};

function isWordCode(c: number): boolean {
  return isCapital(c) || (c >= 97 && c <= 122) || isDigit(c);
}

// "Sylvania OH 43560": a state's code and a ZIP code with no comma before the code, tried at runs of five digits after
// " XX " that follow a word; the ZIP code must be one the state uses (zipFitsState), as "CT 20394" or "OR 12345" in a
// note are a scan's or a room's numbers.
const ZIP_AFTER_STATE_RE = /(?<=[A-Za-z.] )([A-Z]{2}) (\d{5}(?:-\d{4})?)(?![\d-])/y;
const ZIP_AFTER_STATE_BEFORE: LeadTest = (text, at, end) => {
  if (end - at !== 5 || codeAt(text, at - 1) !== 32 || codeAt(text, at - 4) !== 32) return -1;
  const a = codeAt(text, at - 3);
  const b = codeAt(text, at - 2);
  const w = codeAt(text, at - 5);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90 && (isAsciiLetter(w) || w === 46) ? at - 3 : -1;
};

// An Indian PIN code after the town and a dash ("Hyderabad – 500 034", "Hyderabad - 500045"): six digits, the first
// 1–8, maybe written 3 + 3.
const INDIA_PIN_RE = /(?<=[A-Za-z.] [–-] )[1-8]\d{2} ?\d{3}(?!\d)/y;
const INDIA_PIN_RUN: RunTest = (text, s, e) => {
  const c = codeAt(text, s);
  const dash = codeAt(text, s - 2);
  return (e - s === 6 || e - s === 3) && c >= 49 && c <= 56 && codeAt(text, s - 1) === 32 && (dash === 0x2013 || dash === 45) && codeAt(text, s - 3) === 32;
};
// The house before it on the same line, the way Indian addresses open ("Plot No. 14, Road No. 3, Banjara Hills",
// "H.No. 8-3-229/12, Yousufguda Basti"): from the label to the comma before the town.
const INDIA_HOUSE_RE = /\b(?:(?:Plot|House|Door|Flat|Shop|Qtr|Quarter)\.?(?: ?No\.?)?|[HD]\. ?No\.?)\s?[:#]?\s?\d[^\n]*?(?=, [^,\n]*$)/;

function indiaPinCodes(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(INDIA_PIN_RE, text, (m) => {
    emit('ZIP', m.index, m.index + m[0].length, 0.85);
    const dash = m.index - 3; // " – " before the code
    const lineStart = text.lastIndexOf('\n', dash) + 1;
    const before = text.slice(lineStart, dash);
    const town = /(?:^|, )((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)$/.exec(before);
    if (town) emit('GEO', dash - (town[1] as string).length, dash, 0.8);
    const house = INDIA_HOUSE_RE.exec(before);
    if (house) emit('ADDRESS', lineStart + house.index, lineStart + house.index + house[0].length, 0.85);
  }, INDIA_PIN_RUN);
}

// A Singapore postcode after the country's name ("Singapore 530412", "SINGAPORE 530412"): six digits.
const SG_POSTCODE_RE = /(?<=(?:Singapore|SINGAPORE),? )\d{6}(?!\d)/y;
const SG_POSTCODE_RUN: RunTest = (text, s, e) => e - s === 6 && /(?:Singapore|SINGAPORE),? $/.test(text.slice(Math.max(0, s - 11), s));

function singaporePostcodes(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(SG_POSTCODE_RE, text, (m) => emit('ZIP', m.index, m.index + 6, 0.9), SG_POSTCODE_RUN);
}

// A rural route and its box ("RR 2 Box 114", "R.R. 3, Box 18", "Rural Route 1 Box 7", "HC 64 Box 2210"), tried at the
// route's number.
const RURAL_ROUTE_RE = /(?<=(?:\bRR|\bR\.R\.|\bRural Route|\bHC) )\d{1,3},? Box \d{1,5}\b/y;
// The route's word before its number (RURAL_ROUTE_RE's lookbehind).
const RURAL_ROUTE_LEAD_RE = /(?:\bRR|\bR\.R\.|\bRural Route|\bHC) $/;
// (By character codes first: a space, then "R", "." or "e" of RR, R.R., Route, or "C" of HC, before the number.)
const RURAL_ROUTE_RUN: RunTest = (text, s, e) => {
  if (e - s > 3 || codeAt(text, s - 1) !== 32) return false;
  const c = codeAt(text, s - 2);
  return (c === 82 || c === 46 || c === 101 || c === 67) && RURAL_ROUTE_LEAD_RE.test(text.slice(Math.max(0, s - 12), s));
};

function ruralRoutes(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(RURAL_ROUTE_RE, text, (m) => {
    const lead = RURAL_ROUTE_LEAD_RE.exec(text.slice(Math.max(0, m.index - 12), m.index)) as RegExpExecArray;
    emit('ADDRESS', m.index - lead[0].length, m.index + m[0].length, 0.9);
  }, RURAL_ROUTE_RUN);
}

// A Japanese postcode: "〒530-0041", or "Osaka 530-0041, Japan".
const JP_POSTCODE_RE = /\d{3}-\d{4}(?!\d)/y;
const JP_POSTCODE_RUN: RunTest = (text, s, e) => {
  if (e - s !== 3 || codeAt(text, e) !== 45 || !isDigit(codeAt(text, e + 4)) || isDigit(codeAt(text, e + 5))) return false;
  const c = codeAt(text, s - 1) === 32 ? codeAt(text, s - 2) : codeAt(text, s - 1);
  return c === 0x3012 || /^,? Japan(?=[.,;)]|[ \t]*(?:\r?\n|$))/.test(text.slice(e + 5, e + 15)); // the address's end
};

function japanesePostcodes(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(JP_POSTCODE_RE, text, (m) => emit('ZIP', m.index, m.index + 8, 0.9), JP_POSTCODE_RUN);
}

// A parcel of land in a deed's legal description: its lot with the block, the tract or the subdivision that makes it
// one place ("Lot 22 of Tract No. 11,804", "Lot 47, SUNRIDGE ESTATES UNIT TWO", "Lot 9, Block 3"). A lot alone ("Lot
// 4471" of a vaccine) is no place.
const LOT_RE =
  /(?:Lot|LOT) \d{1,4}[A-Z]?(?:(?:,| of| in) (?:Block|BLOCK) \d{1,4}[A-Z]?)?(?:(?:,| of| in) (?:Tract|TRACT)(?: No\.?)? \d[\d,]*\d)?(?:, (?=[A-Z]{3})[A-Z][A-Z0-9'’&-]*(?: [A-Z0-9][A-Z0-9'’&-]*){0,6}(?=[,;.]))?/y;
// A Singapore HDB block's address: "Blk 418 Serangoon Central, #11-207", "Blk 12A Jalan Bukit Merah".
const HDB_BLOCK_RE = /Blk\.? \d{1,4}[A-Z]?(?: [A-Z][A-Za-z]*(?: [A-Z0-9][A-Za-z0-9]*){0,3})?(?:,? #\d{1,3}-\d{1,5})?/y;
// An Indian land record's parcel: "Gat No. 214", "Survey No. 45/2", "Khasra No. 118/3".
const INDIAN_PARCEL_RE = /(?:Gat|Survey|Khasra|Sy\.) No\.? ?\d{1,5}(?:\/\d{1,4}[A-Z]?)*(?![\d/])/y;

// A Hong Kong flat's floor and the flat, in either order ("Rm 1203, 12/F", "Flat B, 7/F", "12/F, Flat 3"): the floor's
// number before "/F", the flat or room after a comma on one side of it (FLAT_BEFORE_FLOOR_RE, FLAT_AFTER_FLOOR_RE).
const FLAT = '(?:Flat|FLAT|Rm\\.?|RM|Room|ROOM|Unit|UNIT|Shop|SHOP|Suite|SUITE) ?[A-Z0-9]{1,5}(?:-[A-Z0-9]{1,4})?';
const FLAT_BEFORE_FLOOR_RE = new RegExp(`(?<![A-Za-z])${FLAT}, ?$`);
const FLAT_AFTER_FLOOR_RE = new RegExp(`^, ?${FLAT}(?![A-Za-z0-9])`);
// A house, a plot, a villa or a block and the numbered road, street, sector or ward it stands in, as addresses of South
// Asia and the Gulf write them ("House 12, Road 5", "House No. 45/A, Road No. 11", "Plot No. 45, Sector 12", "House No.
// 1234, Ward No. 5", "Villa 23, Street 14", "Block 5, Lot 12, Phase 2"); an Indian door's number, the locality after
// it ("Door No. 12-3-456, Gandhi Nagar"). Read at the first number. These shapes say an address more surely than a
// place after "lives at" does: 0.9.
const HOUSE_ROAD_RE =
  /(?:(?:House|HOUSE|Plot|PLOT|Holding|HOLDING|Villa|VILLA|Block|BLOCK)(?: No\.?)? ?#?\d{1,4}(?:\/?[A-Z]|\/\d{1,3})?(?:, ?(?:Road|ROAD|Rd\.?|Street|STREET|Sector|SECTOR|Ward|WARD|Lane|LANE|Lot|LOT|Phase|PHASE)(?: No\.?)? ?#?\d{1,3}(?:\/?[A-Z])?(?![A-Za-z0-9])){1,3}|Door No\.? ?\d{1,4}(?:-\d{1,4}){0,3}[A-Z]?(?:, [A-Z][a-z]+(?: [A-Z][a-z]+){0,2})?)(?![A-Za-z0-9])/y;
// The words HOUSE_ROAD_RE opens with, before their number.
const HOUSE_WORDS: ReadonlySet<string> = new Set(['House', 'HOUSE', 'Plot', 'PLOT', 'Holding', 'HOLDING', 'Villa', 'VILLA', 'Block', 'BLOCK']);
// A Japanese address's block numbers (chōme, block, house) and its district, before the ward or the city that the
// romanised address names next ("1-2-3 Shibuya, Shibuya-ku", "2-14-7 Minami-Aoyama, Minato-ku"): the whole an address.
const CHOME_RE = /(?<![\w.\/-])\d{1,2}-\d{1,2}(?:-\d{1,3})? [A-Z][a-z]+(?:-[A-Z]?[a-z]+)?, [A-Z][a-z]+-(?:ku|shi|cho|machi|gun|mura)(?![A-Za-z])/y;

/** The start and end of a Hong Kong flat's floor and flat whose floor's number is the run text[s, e) (see FLAT), or null. */
function flatAndFloor(text: string, s: number, e: number): [number, number] | null {
  const after = FLAT_AFTER_FLOOR_RE.exec(text.slice(e + 2, e + 24));
  if (after !== null) return [s, e + 2 + after[0].length];
  const before = FLAT_BEFORE_FLOOR_RE.exec(text.slice(Math.max(0, s - 24), s));
  return before === null ? null : [s - before[0].length, e + 2];
}

/** Where one of HOUSE_WORDS opens before the number at `s` (a space between, no letter before it), or -1. */
function houseWordBefore(text: string, s: number): number {
  const w = text.lastIndexOf(' ', s - 2) + 1;
  return s - 1 - w >= 4 && s - 1 - w <= 7 && HOUSE_WORDS.has(text.slice(w, s - 1)) && (w === 0 || !isAsciiLetter(codeAt(text, w - 1))) ? w : -1;
}

/** A Singapore HDB block's address read at the number `s` after "Blk " (HDB_BLOCK_RE). */
function hdbBlock(text: string, s: number, emit: Emit): void {
  HDB_BLOCK_RE.lastIndex = s - 4;
  const m = HDB_BLOCK_RE.exec(text);
  if (m !== null) emit('ADDRESS', s - 4, s - 4 + m[0].length, 0.85);
}

/**
 * Parcels of land (LOT_RE, INDIAN_PARCEL_RE), Singapore's HDB blocks (HDB_BLOCK_RE), Hong Kong's flats and floors,
 * Bangladeshi houses and roads (HOUSE_ROAD_RE) and Japanese block numbers (CHOME_RE), read at runs of digits.
 */
function addressesAtDigitRuns(text: string, emit: Emit): void {
  const runs = digitRuns(text);
  for (let r = 0; r < runs.starts.length; r++) {
    const s = runs.starts[r] as number;
    const e = runs.ends[r] as number;
    const after = codeAt(text, e);
    if (after === 47 && codeAt(text, e + 1) === 70 && !isAsciiLetter(codeAt(text, e + 2)) && e - s <= 2) {
      // "/F" after the number: a floor
      const flat = flatAndFloor(text, s, e);
      if (flat !== null) {
        emit('ADDRESS', flat[0], flat[1], 0.9);
        continue;
      }
    } else if (after === 45 && e - s <= 2 && isDigit(codeAt(text, e + 1))) {
      // "1-2-3 Shibuya, Shibuya-ku"
      CHOME_RE.lastIndex = s;
      const m = CHOME_RE.exec(text);
      if (m !== null) {
        emit('ADDRESS', s, s + m[0].length, 0.9);
        continue;
      }
    }
    if (s < 4 || codeAt(text, s - 1) !== 32) continue;
    const t = codeAt(text, s - 2) | 32;
    const house = t === 101 || t === 116 || t === 103 || t === 97 || t === 107 ? houseWordBefore(text, s) : -1;
    if (house >= 0) {
      // "House ", "Plot ", "Holding ", "Villa ", "Block " before the number
      HOUSE_ROAD_RE.lastIndex = house;
      const m = HOUSE_ROAD_RE.exec(text);
      if (m !== null) emit('ADDRESS', house, house + m[0].length, 0.9);
    } else if (t === 107 && codeAt(text, s - 3) === 108 && codeAt(text, s - 4) === 66 && !isAsciiLetter(codeAt(text, s - 5))) {
      hdbBlock(text, s, emit); // "Blk " before the number
    } else if (t === 116 && (codeAt(text, s - 4) | 32) === 108 && !isAsciiLetter(codeAt(text, s - 5))) {
      // "Lot " before the number
      LOT_RE.lastIndex = s - 4;
      const m = LOT_RE.exec(text);
      if (m !== null && m[0].length > 4 + (runs.ends[r] as number) - s + 1) emit('ADDRESS', s - 4, s - 4 + m[0].length, 0.85);
    } else if ((t === 46 || t === 111) && (codeAt(text, s - 3) === 111 || codeAt(text, s - 3) === 78)) {
      // "No. " or "No " before the number: the parcel's word before it
      const n = s - (t === 46 ? 4 : 3); // "N"
      if (codeAt(text, n) !== 78 || codeAt(text, n - 1) !== 32) continue;
      let w = n - 1;
      while (w > 0 && (isAsciiLetter(codeAt(text, w - 1)) || codeAt(text, w - 1) === 46)) w--;
      INDIAN_PARCEL_RE.lastIndex = w;
      let m = INDIAN_PARCEL_RE.exec(text);
      if (m === null) {
        HOUSE_ROAD_RE.lastIndex = w; // "House No. 45/A, Road No. 11"
        m = HOUSE_ROAD_RE.exec(text);
      }
      if (m !== null) emit('ADDRESS', w, w + m[0].length, 0.85);
    }
  }
}

/** The passes tried at runs of digits, for the test that holds each to its regex with flag g. */
export const DIGIT_PASSES: Readonly<Record<string, DigitPass>> = {
  street: { re: STREET_RE, accept: STREET_RUN },
  po_box: { re: PO_BOX_RE, accept: NEVER_AT_RUN, lead: PO_BOX_BEFORE },
  zip_label: { re: ZIP_LABEL_RE, accept: NEVER_AT_RUN, lead: ZIP_LABEL_BEFORE },
  zip_after_state: { re: ZIP_AFTER_STATE_RE, accept: NEVER_AT_RUN, lead: ZIP_AFTER_STATE_BEFORE },
  india_pin: { re: INDIA_PIN_RE, accept: INDIA_PIN_RUN },
  sg_postcode: { re: SG_POSTCODE_RE, accept: SG_POSTCODE_RUN },
  rural_route: { re: RURAL_ROUTE_RE, accept: RURAL_ROUTE_RUN },
  postcode: { re: POSTCODE_RE, accept: NEVER_AT_RUN, lead: CAPITALS_BEFORE },
  german_street_or_au_postcode: { re: FOREIGN_RE, accept: NEVER_AT_RUN, lead: FOREIGN_BEFORE },
};

// A copyright's mark and years before a year ("Copyright 2016 Iain Lane", "(C) 1996-2011, 2014 Anthony Green"): the
// holder's name follows, no street.
const COPYRIGHT_BEFORE_RE = /(?:copyright|\(c\)|©)[:,]?(?:\s*(?:19|20)\d\d(?:\s?[-–]\s?(?:19|20)?\d\d)?,)*\s*$/i;

function streets(text: string, emit: Emit, env: PassEnv): void {
  eachMatchAtDigitRuns(STREET_RE, text, (m) => {
    const end = m.index + m[0].length;
    if (/^(?:19|20)\d\d\b/.test(m[0]) && COPYRIGHT_BEFORE_RE.test(text.slice(Math.max(0, m.index - 40), m.index))) return;
    // A unit written before the number, as in the UK and Australia: "Flat 3, 27 Otley Road", "Unit 6/42 Beach Road"; and
    // the floor, block and building before it (addressStart).
    emit('ADDRESS', addressStart(text, m.index), end, 0.9);
    const city = AFTER_STREET_IN_RE.exec(text.slice(end, end + 40));
    if (city) {
      const start = end + city[0].length - (city[1] as string).length;
      emit('GEO', start, start + (city[1] as string).length, 0.85);
    }
    townsAfterStreet(text, end, emit, (w) => env.isCommon(w) || env.isNeverName(w));
  }, STREET_RUN);
}

/**
 * The towns of an address line after its street, which ends at `at` (TOWN_AFTER_STREET_RE), emitted as GEO.
 * `isOrdinary`: whether a word is an ordinary word, a state's or a country's name or a title.
 */
export function townsAfterStreet(text: string, at: number, emit: Emit, isOrdinary: (word: string) => boolean): void {
  for (let part = 0; part < 2 && text.charCodeAt(at) === 44; part++) {
    const town = TOWN_AFTER_STREET_RE.exec(text.slice(at, at + 48));
    if (!town) return;
    let name = town[1] as string;
    while (name.endsWith('.') && !/\b(?:St|Ste|Ft|Mt|Pt)\.$/.test(name)) name = name.slice(0, -1); // "…, Monday."
    const words = name.split(' ');
    // A state's code after the town, before its postcode ("Coogee NSW 2034", "Sylvania OH 43560"), is no part of it.
    if (words.length > 1 && REGION_CODE_RE.test(words.at(-1) as string)) {
      words.pop();
      name = words.join(' ');
    }
    // Not a unit, a state, a person's title or ordinary words ("Apt", "QC", "Massachusetts", "Dr.", "Monday").
    if (words.every(isOrdinary) || NOT_PLACES.has(words[0] as string) || INSTITUTION_RE.test(name) || REGION_CODE_RE.test(name)) return;
    if (/^(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Room|Bldg|Building|PO|P\.O\.)\b/.test(name)) return;
    const start = at + town[0].length - (town[1] as string).length;
    emit('GEO', start, start + name.length, 0.8);
    at = start + name.length;
    // A postcode of four digits right after the town ends the line's address ("Māngere, Auckland 2022", "Ōtara 2023,").
    const code = POSTCODE_AFTER_TOWN_RE.exec(text.slice(at, at + 8));
    if (code) {
      emit('ZIP', at + 1, at + code[0].length, 0.8);
      return;
    }
  }
}
// " " and four digits, then the line's end, a comma, a semicolon, a stop or " ·" (and no more digits or a unit).
const POSTCODE_AFTER_TOWN_RE = /^ \d{4}(?=[ \t]*(?:\r?\n|$)|[,;.]| ·)/;

/** Streets written the German way, and Australian postcodes: addresses of other countries' forms. */
function foreignAddresses(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(FOREIGN_RE, text, (m) => {
    const end = m.index + m[0].length;
    if (m[1] !== undefined) {
      // "NSW 2034": the postcode, when it is one of the state's ("THE LAND REGISTRATION ACT, 2012" is a year).
      if (auPostcodeFits(m[0], m[1])) emit('ZIP', end - 4, end, 0.85);
      return;
    }
    emit('ADDRESS', m.index, end, 0.85);
    const town = GERMAN_TOWN_AFTER_RE.exec(text.slice(end, end + 48));
    if (town) {
      const zip = end + town[0].indexOf(town[1] as string);
      emit('ZIP', zip, zip + (town[1] as string).length, 0.85);
      const at = end + town[0].length - (town[2] as string).length;
      emit('GEO', at, at + (town[2] as string).length, 0.85);
    }
  }, NEVER_AT_RUN, FOREIGN_BEFORE);
}

function placesAfterCommaOf(text: string, emit: Emit, env: PassEnv): void {
  eachMatch(COMMA_OF_RE, text, (m) => {
    const place = m[1] as string;
    if (place.split(' ').some((w) => env.isCommon(w) || NOT_PLACES.has(w))) return;
    emit('GEO', m.index + 5, m.index + 5 + place.length, 0.75);
  });
}

function poBoxes(text: string, emit: Emit, env: PassEnv): void {
  eachMatchAtDigitRuns(PO_BOX_RE, text, (m) => {
    const end = m.index + m[0].length;
    emit('ADDRESS', m.index, end, 0.9);
    // The postcode after a dash, as Kenya writes it, and the town after it ("P.O. Box 4417-00100, Nairobi").
    if (codeAt(text, end) !== 45 || !/^-\d{5}(?!\d)/.test(text.slice(end, end + 7))) return;
    emit('ZIP', end + 1, end + 6, 0.9);
    const words = codeAt(text, end + 6) === 44 ? TOWN_WORDS_AFTER_RE.exec(text.slice(end + 7, end + 47)) : null;
    const town = words ? leadingPlace(words[1] as string, env) : '';
    if (town !== '') emit('GEO', end + 8, end + 8 + town.length, 0.9);
  }, NEVER_AT_RUN, PO_BOX_BEFORE);
}

// The towns of an address read around a postcode of another country's form, the words a capital opens (Latin letters).
const TOWN_WORDS_AFTER_RE = new RegExp(`^ (${WORD}(?: ${WORD}){0,2})`);
// Indian states and union territories, before a PIN code of six digits ("Pathanamthitta dist., Kerala 689582").
const INDIAN_STATE_RE = /(?:Kerala|Karnataka|Tamil Nadu|Andhra Pradesh|Telangana|Maharashtra|Gujarat|Rajasthan|Punjab|Haryana|Uttar Pradesh|Uttarakhand|Madhya Pradesh|Chhattisgarh|Bihar|Jharkhand|Odisha|Orissa|West Bengal|Assam|Goa|Delhi|Himachal Pradesh|Jammu and Kashmir|Puducherry|Pondicherry)$/;
// Labels of a postcode in other countries' words ("CEP 01310-200", "PLZ 80331", "Postcode: 2034", "Postal code 4001").
const POSTCODE_LABEL_RE = /(?:^|[^A-Za-z])(?:CEP|PLZ|[Pp]ost ?[Cc]ode|POSTCODE|[Pp]ostal [Cc]ode|POSTAL CODE)[:.]? ?$/;

// What may follow a town that ends an address: the line's end or the text's, a comma, a semicolon, a stop, a slash,
// or a space and "·", "(", "–", "-" or "|".
const TOWN_ENDS_RE = /^(?:$|\r?\n|[,;./]| [·(–|-])/;

/** The longest run of the first one to three words of `words` that is a place of the gazetteer (beside a postcode), or ''. */
function leadingPlace(words: string, env: PassEnv): string {
  const parts = words.split(' ');
  for (let k = parts.length; k > 0; k--) {
    const name = parts.slice(0, k).join(' ').replace(/[.,]+$/, '');
    if (env.isPlaceBesidePostcode(name)) return name;
  }
  return '';
}

/**
 * Postcodes of other countries beside their town, which the gazetteer holds: before it after a comma, a "·", a pipe
 * or at a line's start ("Avinguda del Port 311, 46024 València", "· 04275 Leipzig"), or after it at the end of the
 * address ("Kathmandu 44600 ·", "Kolkata 700029", an Indian state's PIN code "Kerala 689582"); and after a label
 * ("CEP 01310-200", "PLZ 80331"). Four digits before a town only when they cannot be a year (not 1900–2099).
 */
function postcodesBesideTowns(text: string, emit: Emit, env: PassEnv): void {
  const runs = digitRuns(text);
  for (let r = 0; r < runs.starts.length; r++) {
    const s = runs.starts[r] as number;
    let e = runs.ends[r] as number;
    const len = e - s;
    if (len < 4 || len > 6 || isWordCode(codeAt(text, s - 1)) || isWordCode(codeAt(text, e))) continue;
    const prev = codeAt(text, s - 1);
    // A Brazilian CEP's three digits after a dash ("01310-200").
    if (len === 5 && codeAt(text, e) === 45 && isDigit(codeAt(text, e + 1)) && isDigit(codeAt(text, e + 3)) && !isDigit(codeAt(text, e + 4))) e += 4;
    if (prev === 32 && mayEndPostcodeLabel(text, s - 1) && POSTCODE_LABEL_RE.test(text.slice(Math.max(0, s - 16), s))) {
      emit('ZIP', s, e, 0.9);
      continue;
    }
    // Before the town: at a line's start or after ", ", "· ", "| ".
    const lineStart = prev !== prev || prev === 10 || (prev === 32 && (codeAt(text, s - 2) === 10 || codeAt(text, s - 2) === 32));
    const afterMark = prev === 32 && (codeAt(text, s - 2) === 44 || codeAt(text, s - 2) === 183 || codeAt(text, s - 2) === 124);
    const first = codeAt(text, e + 1);
    if ((lineStart || afterMark) && e - s <= 5 && codeAt(text, e) === 32 && (isCapital(first) || first >= 192)) {
      const year = len === 4 && (text.startsWith('19', s) || text.startsWith('20', s));
      const words = year ? null : TOWN_WORDS_AFTER_RE.exec(text.slice(e, e + 40));
      const town = words ? leadingPlace(words[1] as string, env) : '';
      STREET_RE.lastIndex = s;
      // The town ends the address, or its line's part ("46024 València · 24 h", "91058 Erlangen, Germany"); the number is
      // no street's ("3118 Terra Bella Drive", "4418 Camino del Sol").
      if (town !== '' && TOWN_ENDS_RE.test(text.slice(e + 1 + town.length, e + 3 + town.length)) && !STREET_RE.test(text)) {
        emit('ZIP', s, e, 0.85);
        emit('GEO', e + 1, e + 1 + town.length, 0.95);
        continue;
      }
    }
    // After the town, at the end of the address: the line's end, a comma, a semicolon, a stop, ")" or " ·". (Not after
    // a US state's code: "MA 02115" is read with the state.)
    // A comma may part them ("Fresno, 93727" on a form). Four digits too where they cannot be a year (not 1500–2099:
    // "Auckland 1010", "Pretoria 0002", "Quezon City 1100").
    const comma = codeAt(text, s - 2) === 44 ? 1 : 0;
    const yearLike = len === 4 && ((codeAt(text, s) === 49 && codeAt(text, s + 1) >= 53) || (codeAt(text, s) === 50 && codeAt(text, s + 1) === 48));
    if (prev !== 32 || yearLike || !isLetter(codeAt(text, s - 2 - comma)) || isStateCodeBefore(text, s - 1 - comma)) continue;
    const next = codeAt(text, e);
    const next2 = codeAt(text, e + 1);
    // The address ends: the text or a line does, a comma, a semicolon, a stop, ")", " ·", or a form's next field after
    // two spaces or a tab.
    const ends = next !== next || next === 10 || next === 13 || next === 44 || next === 59 || next === 46 || next === 41 || next === 9 ||
      (next === 32 && (next2 === 183 || next2 === 32));
    if (!ends) continue;
    // The one to three capitalised words before the number, read back by character codes; the longest that is a town.
    let from = -1; // where the words open
    let wordEnd = s - 1 - comma;
    const starts: number[] = [];
    for (let w = 0; w < 3; w++) {
      let q = wordEnd;
      while (q > 0 && isTownChar(codeAt(text, q - 1))) q--;
      if (q === wordEnd || !isUpper(codeAt(text, q))) break;
      starts.push(q);
      from = q;
      if (codeAt(text, q - 1) !== 32) break;
      wordEnd = q - 1;
    }
    if (from < 0) continue;
    let town = '';
    for (let k = starts.length - 1; k >= 0 && town === ''; k--) {
      const name = text.slice(starts[k] as number, s - 1 - comma);
      if (env.isPlaceBesidePostcode(name)) town = name;
    }
    if (town !== '') {
      emit('ZIP', s, e, 0.85);
      emit('GEO', s - 1 - comma - town.length, s - 1 - comma, 0.9);
    } else if (len === 6 && comma === 0 && INDIAN_STATE_RE.test(text.slice(from, s - 1))) {
      emit('ZIP', s, e, 0.85);
    }
  }
}

/** Whether a postcode's label may end at `end` (its colon or stop maybe before): "CEP", "PLZ", "Postcode", "code". */
function mayEndPostcodeLabel(text: string, end: number): boolean {
  let p = end - 1;
  const c = codeAt(text, p);
  if (c === 58 || c === 46) p--;
  const d = codeAt(text, p);
  return d === 80 || d === 90 || d === 101 || d === 69;
}

/** Whether the two capitals of a US state's code end at `end` ("MA 02115", ", CA 94110"). */
function isStateCodeBefore(text: string, end: number): boolean {
  return isCapital(codeAt(text, end - 1)) && isCapital(codeAt(text, end - 2)) && !isTownChar(codeAt(text, end - 3));
}

/** A character of a town's name (WORD's): a letter of the name tokenizer's, ' ’ -, or a stop ("St."). */
function isTownChar(c: number): boolean {
  return isNameChar(c) || c === 46;
}

function statesAfterComma(text: string, emit: Emit): void {
  eachMatch(STATE_AFTER_COMMA_RE, text, (m) => {
    const zip = m[1];
    // ", OR" after an upper-case word is a conjunction in a shouted disclaimer, not a state.
    const before = text.charCodeAt(m.index - 1);
    if (!zip && before >= 65 && before <= 90) return;
    const end = m.index + m[0].length;
    // "Walter B. Greaves, Georgia Bar No. 308841", "State Bar": a bar membership, no address.
    if (/^ Bar\b/.test(text.slice(end, end + 4))) return;
    // "Chiamaka, ID 40418": an id number, not one of Idaho's ZIP codes.
    if (zip !== undefined && m[0].startsWith(', ID') && !zipFitsState('ID', zip)) return;
    const cityMatch = CITY_BEFORE_RE.exec(text.slice(Math.max(0, m.index - 48), m.index));
    if (cityMatch) {
      const city = cityMatch[0];
      const cityStart = m.index - city.length;
      let cut = 0; // the first word: up to the first " " or "-"
      while (cut < city.length && city.charCodeAt(cut) !== 32 && city.charCodeAt(cut) !== 45) cut++;
      const firstWord = city.slice(0, cut);
      // A two-letter state without a ZIP ("Jane Roe, MD", "Ed Lee, PA") counts only right after a street line.
      const isAbbr = /^, [A-Z]{2}\b/.test(m[0]);
      const plausible = !isAbbr || zip !== undefined || AFTER_STREET_RE.test(text.slice(Math.max(0, cityStart - 80), cityStart));
      if (plausible && !NOT_PLACES.has(firstWord) && !/^(?:Suite|Apt|Unit|Inc|LLC|Corp)\b/.test(city)) {
        emit('GEO', cityStart, m.index, zip ? 0.9 : 0.75);
      }
    }
    if (zip) {
      const zipStart = m.index + m[0].length - zip.length;
      emit('ZIP', zipStart, zipStart + zip.length, 0.95);
    }
  });
}

function zipsAfterStateCode(text: string, emit: Emit, env: PassEnv): void {
  eachMatchAtDigitRuns(ZIP_AFTER_STATE_RE, text, (m) => {
    const zip = m[2] as string;
    if (!zipFitsState(m[1] as string, zip)) return;
    const cityMatch = CITY_BEFORE_RE.exec(text.slice(Math.max(0, m.index - 49), m.index - 1));
    if (cityMatch) {
      // Without a comma nothing ends the town's name before it: its last word, and the words before that are no
      // ordinary words ("Ann Arbor", not "Argonne National Laboratory Argonne").
      const words = cityMatch[0].split(' ');
      let k = words.length - 1;
      while (k > 0 && !env.isCommon(words[k - 1] as string)) k--;
      const city = words.slice(k).join(' ');
      if (!NOT_PLACES.has(city.split(/[ -]/)[0] as string) && !env.isCommon(city) && !/^(?:Suite|Apt|Unit|Inc|LLC|Corp)\b/.test(city)) {
        emit('GEO', m.index - 1 - city.length, m.index - 1, 0.85);
      }
    }
    const zipStart = m.index + 3;
    emit('ZIP', zipStart, zipStart + zip.length, 0.9);
  }, NEVER_AT_RUN, ZIP_AFTER_STATE_BEFORE);
}

function labelledZips(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(ZIP_LABEL_RE, text, (m) => {
    const zipStart = m.index + m[0].length - (m[1] as string).length;
    emit('ZIP', zipStart, zipStart + (m[1] as string).length, 0.95);
  }, NEVER_AT_RUN, ZIP_LABEL_BEFORE);
}

// Cities that the list of states and countries holds (as names of universities or halves of a state's name).
const CITIES_AMONG_STATES: ReadonlySet<string> = new Set(['berkeley', 'cambridge', 'oxford', 'columbia', 'washington', 'york']);

function placesAfterLivesIn(text: string, emit: Emit, env: PassEnv): void {
  eachMatch(LIVES_IN_RE, text, (m) => {
    const start = m.index + m[0].length;
    const verb = LIVES_VERB_RE.exec(text.slice(Math.max(0, start - 14), start - 1));
    if (!verb) return;
    const at = start - 1 - verb[0].length;
    if (!/[A-Za-z]/.test(text[at - 1] ?? '')) return;
    // (Not the pronoun after it: "lives in Moab I think".)
    let place = PLACE_AFTER_RE.exec(text.slice(start, start + 60))?.[0];
    if (place?.endsWith(' I') && isPronounI(text, start + place.length - 1)) place = place.slice(0, -2);
    if (!place || NOT_PLACES.has(place.split(' ')[0] as string)) return;
    // (Not into the next sentence: "lives in Naperville. He moved"; "St. Louis" keeps its dot.)
    const stop = /\b(?!(?:St|Ste|Ft|Mt|Pt)\.)[A-Za-zÀ-ž]+\.(?= )/.exec(place);
    const name = (stop ? place.slice(0, stop.index + stop[0].length) : place).trimEnd().replace(/[.,]+$/, '');
    // A country or a state alone ("born in Poland", "moved to Ohio") is larger than Safe Harbor's units: no finding.
    if (!name.includes(' ') && env.isNeverName(name) && !CITIES_AMONG_STATES.has(name.toLowerCase())) return;
    emit('GEO', start, start + name.length, 0.88);
  });
}

function postcodes(text: string, emit: Emit, env: PassEnv): void {
  eachMatchAtDigitRuns(POSTCODE_RE, text, (m) => {
    emit('ZIP', m.index, m.index + m[0].length, 0.9);
    addressAroundPostcode(text, m.index, emit, env);
  }, NEVER_AT_RUN, CAPITALS_BEFORE);
}

// Separators of a letterhead's or a footer's line: "Carrigrohane Road, Cork T12 XK40 · 021 555 0190 · …".
const LINE_PART_SEPARATOR_RE = / [·|•] /g;
// A line of an address block: a house number maybe, capitalised words and the small words between them ("12 Cnoc na
// Gréine", "Rue de la Paix").
const BLOCK_LINE_RE = new RegExp(`^(?:\\d{1,5}[A-Za-z]?,? )?${WORD}(?: (?:${WORD}|na|an|de|del|la|le|les|du|des|di|da|dos|y|van|der|von|am)){0,5}$`);
// A person's title opening a line of an address block: the addressee, above the address.
const TITLE_LINE_RE = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Rev)\b/;

/**
 * The address before a UK, Irish or Canadian postcode at `zipStart`: on its line, the parts before it (the last a town:
 * "Oldham OL9 8QT", "Carrigrohane Road, Cork T12 XK40"); and when the postcode's line is a letter's last address line,
 * the lines above it up to the street's ("Flat 2, 14 Harrow Lane\nChadderton\nOldham OL9 8QT"): the lines between the
 * street's and the postcode's are places. Not past a blank line, a title, a label or a long line; nothing when no street
 * is found above (the line above might be the addressee's name).
 */
function addressAroundPostcode(text: string, zipStart: number, emit: Emit, env: PassEnv): void {
  const lineStart = text.lastIndexOf('\n', zipStart - 1) + 1;
  // After a label opening the line ("Address: Flat 37, …"), which is no part of the address.
  const label = ADDRESS_LABEL_RE.exec(text.slice(lineStart, zipStart));
  let partStart = label === null ? lineStart : lineStart + label[0].length;
  LINE_PART_SEPARATOR_RE.lastIndex = lineStart;
  for (let m = LINE_PART_SEPARATOR_RE.exec(text); m !== null && m.index < zipStart; m = LINE_PART_SEPARATOR_RE.exec(text)) partStart = m.index + 3;
  const before = text.slice(partStart, zipStart).replace(/,?\s*$/, '');
  // (An Irish county before its Eircode, "Co. Cork P31 X2Y4", is found by placeFields.)
  if (before.length > 0 && !before.startsWith('Co. ')) {
    const parts = before.split(', ');
    // The address is the parts at the line's end, up to the first that is no part of an address ("…, University
    // Hospital of Wales, Heol Tŷ Gwyn, Cardiff CF14 9QX", "… who lives at 6 Ffordd y Bryn, Hope, Flintshire LL12 9RT").
    let first = parts.length;
    while (first > 0 && parts.length - first < 5 && POSTAL_PART_RE.test(parts[first - 1] as string)) first--;
    if (first === parts.length) return;
    let at = partStart;
    for (let k = 0; k < first; k++) at += (parts[k] as string).length + 2;
    for (let k = first; k < parts.length; k++) {
      const part = parts[k] as string;
      if (STREET_HEAD_PART_RE.test(part)) emit('ADDRESS', at, at + part.length, 0.9); // over a name in its words ("Tŷ Gwyn")
      else if (/\d/.test(part) || DWELLING_RE.test(part)) emit('ADDRESS', at, at + part.length, 0.8);
      // (Right before the postcode a town may be an ordinary word: "Cork", "Reading", "Bath".)
      // (Not a state's or a province's code: "Gatineau, QC J8X 2L9".)
      else if (k === parts.length - 1 && !REGION_CODE_RE.test(part) && isTownName(part, env, true)) emit('GEO', at, at + part.length, 0.9); // above the bar for a domain word
      // A district before the town ("Headingley, Leeds LS6 3BQ").
      else if (k === parts.length - 2 && isTownName(part, env)) emit('GEO', at, at + part.length, 0.75);
      at += part.length + 2;
    }
    if (first > 0) return; // the line holds more than an address: the lines above are not read
  }
  if (partStart > lineStart) return;
  // The lines above, from the nearest: places until the street's line.
  const places: Array<[number, number]> = [];
  let end = lineStart - 1;
  for (let n = 0; n < 3 && end > 0; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/,?\s*$/, '');
    if (line.length === 0 || line.length > 50 || TITLE_LINE_RE.test(line) || !BLOCK_LINE_RE.test(line.replace(/^(?:Flat|Unit|Apt\.?|Apartment|Suite) \d{1,4}[A-Za-z]?, /, ''))) return;
    if (/\d/.test(line) || DWELLING_RE.test(line)) {
      emit('ADDRESS', start, start + line.length, 0.8);
      for (const [s0, e0] of places) emit('GEO', s0, e0, 0.75);
      return;
    }
    if (!isTownName(line, env)) return;
    places.push([start, start + line.length]);
    end = start - 1;
  }
}

/** Whether words are a town's name: not all ordinary words (unless `ordinary`), no institution's, state's or country's. */
function isTownName(words: string, env: PassEnv, ordinary = false): boolean {
  const list = words.split(' ');
  return !list.every((w) => env.isNeverName(w) || (!ordinary && env.isCommon(w))) && !NOT_PLACES.has(list[0] as string) && !INSTITUTION_RE.test(words);
}

// Irish counties written "Co. Galway" (a literal opens it; "Co." alone is also a company's).
const IRISH_COUNTY_RE =
  /Co\. (?:Antrim|Armagh|Carlow|Cavan|Clare|Cork|Derry|Donegal|Down|Dublin|Fermanagh|Galway|Kerry|Kildare|Kilkenny|Laois|Leitrim|Limerick|Londonderry|Longford|Louth|Mayo|Meath|Monaghan|Offaly|Roscommon|Sligo|Tipperary|Tyrone|Waterford|Westmeath|Wexford|Wicklow)\b/y; // tried at each "Co. " (indexOf)
// A form's place fields ("City/Town: Ottawa", "Place of birth: Kohak"): the capitalised words after the label. Read at
// each colon, the label before it.
const PLACE_LABELS: ReadonlySet<string> = new Set([
  'city', 'town', 'city/town', 'village', 'municipality', 'suburb', 'locality', 'birthplace', 'place of birth', 'county', 'district', 'hometown',
  'home town', 'native place', 'parish',
  // South Asian units below the district and a police station's or a post office's place ("Tehsil: Sadar", "PS: Kotwali").
  'tehsil', 'taluk', 'taluka', 'mandal', 'thana', 'police station', 'post office',
]);
// Labels after which only a place the gazetteer holds is read as one ("Permanent address: Pokhara, Kaski district").
const KNOWN_PLACE_LABELS: ReadonlySet<string> = new Set(['address', 'residence']);
const PLACE_AFTER_LABEL_RE = /^[ \t]*([A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ][\p{L}'’.-]*(?: [A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ][\p{L}'’.-]*){0,2})/u;

function placeFields(text: string, emit: Emit, env: PassEnv): void {
  for (let at = text.indexOf('Co. '); at !== -1; at = text.indexOf('Co. ', at + 4)) {
    if (at > 0 && isAsciiLetter(text.charCodeAt(at - 1))) continue;
    IRISH_COUNTY_RE.lastIndex = at;
    const m = IRISH_COUNTY_RE.exec(text);
    if (m !== null) emit('GEO', at, at + m[0].length, 0.85);
  }
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    // Every label ends in "y", "n", "e", "b", "t", "h" (city, town, village, suburb, district, birth…): most colons
    // (times, ratios, other labels) are left at once.
    const last = text.charCodeAt(colon - 1) | 32;
    if (last !== 121 && last !== 110 && last !== 101 && last !== 98 && last !== 116 && last !== 104 && last !== 115 && last !== 108 && last !== 107 && last !== 97) continue;
    // The label: up to three words ending at the colon, read back over letters, "/" and spaces.
    let p = colon;
    while (p > 0 && colon - p < 16) {
      const c = text.charCodeAt(p - 1);
      if (!(isAsciiLetter(c) || c === 47 || c === 32)) break;
      p--;
    }
    const label = text.slice(p, colon).trim().toLowerCase();
    const head = label.slice(label.lastIndexOf(' ') + 1);
    const known = KNOWN_PLACE_LABELS.has(head);
    if (!known && !PLACE_LABELS.has(label) && !PLACE_LABELS.has(head)) continue;
    const place = PLACE_AFTER_LABEL_RE.exec(text.slice(colon + 1, colon + 60));
    if (!place) continue;
    const name = (place[1] as string).replace(/\.$/, ''); // a sentence's stop ("Native place: Tirur.")
    if (known && !env.isPlace(name)) continue;
    if (name.split(' ').every((w) => env.isCommon(w) || env.isNeverName(w))) continue; // "County: N/A", "City: Same"
    const at = colon + 1 + place[0].length - (place[1] as string).length;
    emit('GEO', at, at + name.length, 0.85);
  }
}

/** The geographic passes, in the order the scanner runs them. */
// A postal line of its own: capitalised parts joined by commas, one of them naming a street or a house, the last a town
// (a county and a postcode may follow): "Market Street, Clifden, Co. Galway H71 WK22", "Ardbear Cottage, Ardbear,
// Clifden". The parts before the town are the address, the town a place. Not a line with small words ("Department of
// Medicine, Harvard Medical School, Boston"), and not a list of names (no part names a street or a house).
// A flat's, a unit's or a floor's number as a part of an address line ("Flat 37", "Level 3", "Unit 4B").
const UNIT_PART = '(?:Flat|Unit|Apt\\.?|Apartment|Suite|Level|Floor) \\d{1,4}[A-Za-z]?';
// A part of an address that opens with a word for street ("Heol Tŷ Gwyn", "Rue Montcalm").
const STREET_HEAD_PART_RE = new RegExp(`^(?:${STREET_HEADS.map((w) => (w[0] as string).toUpperCase() + w.slice(1)).join('|')}) `);
const POSTAL_PART_RE = new RegExp(`^(?:(?:\\d{1,5}[A-Za-z]? )?${WORD}(?: ${WORD}){0,3}|${UNIT_PART})$`);
// A label opening an address's line: "Address: ", "Home address: ".
const ADDRESS_LABEL_RE = /^[ \t]*(?:[A-Z][a-z]+ )?[Aa]ddress:[ \t]*/;
const DWELLING_RE = new RegExp(`\\b(?:${SUFFIX}|Cottage|House|Farm|Lodge|Villa|Manor|Close|Estate|Cottages|Flats|Mansions)\\.?$`);
const COUNTY_OR_POSTCODE_RE = /^Co\. |^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$|^[A-Z]\d{2} ?[A-Z\d]{4}$/;

/** A–Z, Latin-1 and Latin Extended-A capitals (roughly), 0–9. */
function isCapitalOrDigit(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0xde) || (c >= 0x100 && c <= 0x17f);
}

function postalLines(text: string, emit: Emit): void {
  // Line by line from one ", " to the next: lines without one are never read.
  for (let comma = text.indexOf(', '); comma !== -1; ) {
    const lineStart = text.lastIndexOf('\n', comma) + 1;
    let lineEnd = text.indexOf('\n', comma);
    if (lineEnd === -1) lineEnd = text.length;
    if (lineEnd - lineStart <= 100 && isCapitalOrDigit(text.charCodeAt(lineStart))) postalLine(text, lineStart, lineEnd, emit);
    comma = text.indexOf(', ', lineEnd);
  }
}

function postalLine(text: string, lineStart: number, lineEnd: number, emit: Emit): void {
  // By character codes first: a ", " in the line, and a capital or a digit after each.
  let commas = 0;
  for (let k = lineStart; k < lineEnd - 2; k++) {
    if (text.charCodeAt(k) !== 44 || text.charCodeAt(k + 1) !== 32) continue;
    if (!isCapitalOrDigit(text.charCodeAt(k + 2))) return;
    commas++;
  }
  if (commas === 0) return;
  const line = text.slice(lineStart, lineEnd).trimEnd();
  const parts = line.split(', ');
  while (parts.length > 0 && COUNTY_OR_POSTCODE_RE.test(parts.at(-1) as string)) parts.pop();
  if (parts.length < 2 || parts.length > 5 || !parts.every((part) => POSTAL_PART_RE.test(part))) return;
  const address = parts.slice(0, -1);
  if (!address.some((part) => DWELLING_RE.test(part))) return;
  const addressEnd = lineStart + address.join(', ').length;
  emit('ADDRESS', lineStart, addressEnd, 0.8);
  const town = (parts.at(-1) as string).replace(/(?<!\b(?:St|Ste|Ft|Mt|Pt))\.+$/, ''); // not the sentence's stop
  emit('GEO', addressEnd + 2, addressEnd + 2 + town.length, 0.8);
}

// A town or a district before its country after a comma ("in Marsaskala, Malta", "from Ikeja, Nigeria", "Dhanmondi,
// Bangladesh"): one to three capitalised words, the first no ordinary word, no given name (a person's affiliation, "Maria
// Rossi, Italy", is the name detector's), the last no organisation's word ("Acme Ltd, Ireland"). The countries are the
// ISO 3166 countries' English names (countries-list) and a few short forms.
const COUNTRY_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(countries).map((c) => c.name),
  'UK', 'U.K.', 'USA', 'U.S.A.', 'U.S.', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'the Netherlands', 'Holland',
  'Czech Republic', 'Ivory Coast', 'Burma', 'Swaziland', 'South Korea', 'North Korea', 'Russia', 'Vietnam', 'Laos',
]);
// The first word of each country's name: most words after a comma open none.
const COUNTRY_FIRST_WORDS: ReadonlySet<string> = new Set([...COUNTRY_NAMES].map((c) => c.replace(/^the /, '').split(' ')[0] as string));
// Their first two characters, as two character codes in one number: a quicker first test.
const COUNTRY_OPENINGS: ReadonlySet<number> = new Set([...COUNTRY_FIRST_WORDS].map((w) => w.charCodeAt(0) * 65536 + w.charCodeAt(1)));
// The town before the comma: one to three capitalised words (WORD).
// One to three capitalised words after a comma, a city's name among them maybe (cityEndAt).
const CITY_AFTER_COMMA_RE = new RegExp(`^${WORD}(?: ${WORD}){0,2}`);
// A place's preposition before a town ("in", "from", "near" …): read by character codes (prepositionBeforeTown), then
// right before the town's words.
const TOWN_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'at', 'from', 'near', 'to', 'of', 'outside', 'around']);
const PLACE_PREPOSITION_BEFORE_RE = new RegExp(`\\b(?:${[...TOWN_PREPOSITIONS].join('|')})\\s$`);
const TOWN_BEFORE_COMMA_RE = new RegExp(`(?<![A-Za-zÀ-ÖØ-öø-ÿĀ-ɏḀ-ỿ'’.-])${WORD}(?: ${WORD}){0,2}$`);
const SEAT_BEFORE_RE = /(?:\b(?:province|state|region|territory|canton|prefecture)s? of|\b(?:Universi\S*|Institut\S*|College|School|Academy|Hospital|Bank|Laborator\S*)(?: [A-Za-z]+){0,2} (?:of|de|di|du|des|del|da))[ \t]$/i;
// The words of a firm's or an organisation's name ("Ltd", "GmbH", "AG", "University"), in any case, a stop after it maybe.
const COMPANY_WORDS: ReadonlySet<string> = new Set(['ag', 'sa', 'bv', 'nv', 'srl', 'spa', 'oy', 'ab', 'as', 'kk', 'pty', 'co', 'limited', 'sarl', 'sas', 'kg', 'se']);
function isOrgWord(word: string): boolean {
  const w = word.replace(/\.$/, '').toLowerCase();
  return ORG_WORDS.has(w) || COMPANY_WORDS.has(w);
}

/** Whether a country's name (COUNTRY_NAMES, the longest; "the" before it maybe) opens text[at…]. */
function isCountryAt(text: string, at: number): boolean {
  if (text.startsWith('the ', at)) at += 4;
  if (!COUNTRY_OPENINGS.has(text.charCodeAt(at) * 65536 + text.charCodeAt(at + 1))) return false;
  let e = at;
  while (e < text.length && (isLetter(text.charCodeAt(e)) || text.charCodeAt(e) === 46)) e++;
  const first = text.slice(at, e);
  if (!COUNTRY_FIRST_WORDS.has(first) && !COUNTRY_FIRST_WORDS.has(first.replace(/\.$/, ''))) return false;
  const words = text.slice(at, at + 48).split(/[ ,;:()\n]/);
  for (let n = Math.min(words.length, 4); n > 0; n--) {
    const name = words.slice(0, n).join(' ');
    if (COUNTRY_NAMES.has(name) || COUNTRY_NAMES.has(name.replace(/\.$/, ''))) {
      // Not the first words of a longer name of something else ("Niger Delta", "Jordan River").
      const next = words[n];
      return !(next !== undefined && /^[A-Z]/.test(next) && text.charCodeAt(at + name.length) === 32);
    }
  }
  return false;
}

/**
 * The end of a city the gazetteer holds that opens text[at…] (one to three capitalised words, the longest first, no
 * capitalised word right after, no given name: "Hooker, Thomas, and Sherman"), or -1.
 */
function cityEndAt(text: string, at: number, env: PassEnv): number {
  const m = CITY_AFTER_COMMA_RE.exec(text.slice(at, at + 48));
  if (m === null) return -1;
  let words = m[0].split(' ');
  const stop = words.findIndex((w) => w.endsWith('.')); // a sentence's stop after a word ends the name
  if (stop >= 0) words = [...words.slice(0, stop), (words[stop] as string).slice(0, -1)];
  for (let n = words.length; n > 0; n--) {
    const name = words.slice(0, n).join(' ');
    if (env.isPlaceBesidePostcode(name) && !env.isGiven(name)) return text.charCodeAt(at + name.length) === 32 && isCapital(text.charCodeAt(at + name.length + 1)) ? -1 : at + name.length;
  }
  return -1;
}

/**
 * Whether one to three capitalised words end at `comma` with a place's preposition in small letters before them ("in
 * Kilimani", "from East Legon"), read back by character codes: a necessary condition for PLACE_PREPOSITION_BEFORE_RE,
 * which most commas fail at once.
 */
function prepositionBeforeTown(text: string, comma: number): boolean {
  let k = comma;
  for (let words = 0; words < 3; words++) {
    while (k > 0 && (isLetter(text.charCodeAt(k - 1)) || text.charCodeAt(k - 1) === 45 || text.charCodeAt(k - 1) === 39 || text.charCodeAt(k - 1) === 8217)) k--;
    if (!isUpper(text.charCodeAt(k)) || text.charCodeAt(k - 1) !== 32) return false;
    // The word before: a place's preposition or another capitalised word of the town.
    let w = k - 1;
    while (w > 0 && isAsciiLower(text.charCodeAt(w - 1))) w--;
    if (w < k - 1) return k - 1 - w <= 7 && (w === 0 || !isLetter(text.charCodeAt(w - 1))) && TOWN_PREPOSITIONS.has(text.slice(w, k - 1));
    k--;
  }
  return false;
}

function townsBeforeCountries(text: string, emit: Emit, env: PassEnv): void {
  for (let comma = text.indexOf(', '); comma !== -1; comma = text.indexOf(', ', comma + 2)) {
    const c = text.charCodeAt(comma + 2);
    if (!(isCapital(c) || (c === 116 && text.startsWith('the ', comma + 2)))) continue; // most words after a comma: no country
    // A country after the comma; or a city, when a place's preposition stands before the town ("in Kilimani, Nairobi",
    // "from Thamel, Kathmandu"): the town is a district of the city.
    let city = -1;
    if (!isCountryAt(text, comma + 2) && (!prepositionBeforeTown(text, comma) || (city = cityEndAt(text, comma + 2, env)) < 0)) continue;
    const m = TOWN_BEFORE_COMMA_RE.exec(text.slice(Math.max(0, comma - 64), comma));
    if (m === null) continue;
    if (city >= 0 && !PLACE_PREPOSITION_BEFORE_RE.test(text.slice(Math.max(0, comma - m[0].length - 8), comma - m[0].length))) continue;
    // From after the last sentence's end among its words ("in May. Vostok, Antarctica"), not an abbreviation's ("St. Ann").
    let words = m[0].replace(/\.$/, '').split(' ');
    const stop = words.findLastIndex((w, k) => k < words.length - 1 && w.endsWith('.') && !/^(?:St|Ste|Mt|Ft|Pt)\.$/.test(w));
    if (stop >= 0) words = words.slice(stop + 1);
    const town = words.join(' ');
    const start = comma - town.length - (m[0].endsWith('.') ? 1 : 0);
    const first = words[0] as string;
    if (NOT_PLACES.has(first) || env.isCommon(first) || env.isGiven(first) || env.isNeverName(first) || COUNTRY_NAMES.has(town) || /^[A-Z]+$/.test(first)) continue;
    if (words.some((w) => isOrgWord(w) || /[a-z][A-Z]/.test(w) || (env.isCommon(w) && !env.isPlace(town)))) continue; // "SuSE Linux AG"
    // A province's or a state's name, a university's or an institute's seat: no person's place ("the province of Quebec,
    // Canada", "University of Cambridge, England", "Universidad de Palermo, Argentina").
    if (SEAT_BEFORE_RE.test(text.slice(Math.max(0, start - 40), start))) continue;
    emit('GEO', start, start + town.length, 0.75);
    if (city >= 0) emit('GEO', comma + 2, city, 0.9); // (sure enough for a domain word: "Nairobi")
  }
}

export const GEO_PASSES: readonly Pass[] = [streets, foreignAddresses, placesAfterCommaOf, poBoxes, statesAfterComma, zipsAfterStateCode, labelledZips, placesAfterLivesIn, postcodes, placeFields, postalLines, indiaPinCodes, singaporePostcodes, japanesePostcodes, ruralRoutes, addressesAtDigitRuns, postcodesBesideTowns, townsBeforeCountries];
