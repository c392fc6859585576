// Person names from capitalised tokens, hash-set lookups and context (and, on the same tokens, city and town names from
// the gazetteer: "moved to Naperville", "our Houston office", "Boca Raton"):
//   titles ("Dr. Okafor", "Mrs. Jane Q. Public"), labels ("Patient: Roe, Jane", "Attending: R. Osei"),
//   known given name + name-like words ("Maria Kowalczyk"), lone unambiguous names mid-sentence, and every later
//   mention of a surname already found in the same text. Eponyms ("Parkinson's disease", "Hodgkin lymphoma",
//   "Foley catheter") and domain words on their own (drug names such as "Allegra") are never names.
import { type Emit } from './types';
import { digitRuns, isAsciiLetter, isAsciiLower, isPronounI } from './context';
import { ORG_WORDS, RELATIONS_AFTER_NAME } from './domain-terms';
import {
  COMMON, DIVISION, DOMAIN, FIRST, type FlagTable, NAMEISH, HOLIDAY, NEVER, PLACE, PLACE_START, STATE, STREET, STREET_END, SUR, TITLE, TOWN, type Tok, hashRange, inflectionFlags, isEponym, isNamedBefore, isRelativeBefore, isSpouseBefore, isRelativeWord, isRoleBefore,
  fold, isLabelBefore, isUpper, lowerBound, tokenize,
} from './name-tokens';
import { looksEnglish } from './english';
import { townsAfterStreet } from './geo';

// Anchored on the sign-off's last word ("…submitted,\n"), the whole phrase checked in code. Tried only where one of
// the words ends a line (signoffOpening): the same matches as the regex with flag g, without trying it at every letter.
const SIGNOFF_RE = /(?:submitted|Sincerely|sincerely|faithfully|Respectfully|regards|Regards|truly|yours|Signed|Thanks|thanks|Cheers|wishes|Warmly),?(?:[ \t]*\r?\n){1,3}[ \t]*(?=[A-Z])/y;
const SIGNOFF_WORDS = ['submitted', 'Sincerely', 'sincerely', 'faithfully', 'Respectfully', 'regards', 'Regards', 'truly', 'yours', 'Signed', 'Thanks', 'thanks', 'Cheers', 'wishes', 'Warmly'];
// Transcript and affidavit headings: "DEPOSITION OF JANE ROE", "Declaration of Jane Roe".
// Anchored on the literal " of " (the engine skips ahead on a literal), the heading word checked in code.
const OF_HEADING_RE = / (?:OF|of) (?=[A-Z])/g;
const OF_HEADING_WORD_RE = /(?:DEPOSITION|TESTIMONY|AFFIDAVIT|DECLARATION|STATEMENT|Deposition|Testimony|Affidavit|Declaration)$/;
// The greetings that open a letter's, an e-mail's or a message's first line before the person it is to.
const GREETINGS: readonly string[] = ['Dear ', 'Hi ', 'Hello ', 'Hey ', 'Dearest '];
// A sign-off opening a line, the name after it on the same line ("Thanks, Esi", "Regards Segun", "xoxo Ama").
const SIGNOFF_LINE_RE = /^(?:Thanks|Thank you|Many thanks|Regards|Kind regards|Best regards|Warm regards|Best wishes|Best|Cheers|Love|xoxo|With thanks)[,!.]? +/;
// Their first words' heads, by the first letter's code.
const SIGNOFF_LINE_HEADS = new Map<number, string[]>();
for (const head of ['Than', 'Many', 'Rega', 'Kind', 'Best', 'Warm', 'Chee', 'Love', 'xoxo', 'With']) {
  const c = head.charCodeAt(0);
  SIGNOFF_LINE_HEADS.set(c, [...(SIGNOFF_LINE_HEADS.get(c) ?? []), head]);
}
// "and his" or "and her" and a relative after a name (relativeAfter).
const AND_HIS_RELATIVE_RE = new RegExp(` and h(?:is|er) (?:${RELATIONS_AFTER_NAME})(?![A-Za-z])`, 'y');
// What follows a possessive's "'s " (relativeAfter): a relative (group 1) or a phone, in a mail's footer.
const AFTER_POSSESSIVE_RE = new RegExp(`(?:(${RELATIONS_AFTER_NAME})|iPhone|iPad|Galaxy|Samsung|Android|Pixel|phone|mobile)(?![A-Za-z])`, 'y');
// A mail's footer before the phone's owner: "Sent from Aroha's iPhone".
const SENT_FROM_BEFORE_RE = /(?:^|\n)[ \t]*Sent from $/;
// Who a greeting is to when it is to no one by name.
const GREETED_NOT_NAMES: ReadonlySet<string> = new Set([
  'sir', 'sirs', 'madam', 'madame', "ma'am", 'mum', 'mom', 'mam', 'mummy', 'mommy', 'dad', 'daddy', 'nana', 'nan', 'gran',
  'granny', 'grandma', 'grandpa', 'grandad', 'aunty', 'auntie', 'uncle', 'doc', 'bro', 'sis', 'guys', 'folks', 'everyone',
  'everybody', 'all', 'team', 'there', 'both', 'colleague', 'colleagues', 'friends', 'mate', 'mates', 'y\'all',
]);
const SIGNOFF_PHRASE_RE = /(?:Respectfully submitted|Respectfully|Sincerely|Yours sincerely|Yours faithfully|Best regards|Kind regards|Warm regards|Regards|Very truly yours|Yours truly|Signed|Thanks|Many thanks|Cheers|Best wishes|Warmly)$/;
// Given names in the lists that stand alone as something else: programming languages licences name ("under the same
// terms as Perl itself"). With a surname they are names still ("Carrissa Perl").
const LONE_NOT_NAMES: ReadonlySet<string> = new Set(['Perl', 'PHP']);
// German and Dutch articles that the name lists hold as given names ("Der", "Den", "Des"), read as articles where the
// text is in another language than English.
const ARTICLES: ReadonlySet<string> = new Set(['der', 'die', 'das', 'dem', 'den', 'des', 'het', 'een']);
const PLACE_PREPOSITION = /\b(?:in|of|at|near|from|to|into|outside)\s$/;
// A word of talking or writing before "to" or "from": a person follows, not a place ("Spoke to Siobhan", "handed over to
// Kwabena", "a message from Aoife").
const TALK_BEFORE_RE =
  /\b(?:[Ss]poke|[Ss]peak(?:ing)?|[Ss]poken|[Tt]alk(?:ed|ing)?|[Cc]hatted|[Ee]xplained|[Mm]entioned|[Hh]anded(?: over)?|[Hh]andover|[Ss]ent|[Ww]rote|[Ww]ritten|[Mm]essage|[Ll]etter|[Rr]eferral|[Rr]eferred|[Cc]all|[Vv]oicemail|[Tt]ext|[Ee]-?mail|[Tt]hanks|[Rr]epl(?:ied|y)|[Rr]eported|[Ii]ntroduced|[Gg]ave|[Gg]iven|[Pp]assed|[Ff]orwarded|[Aa]pologi[sz]ed|[Ll]istened) (?:to|from) $/;
// Before a town that the medical lists also hold ("Framingham risk score", "Denver shunt", "Boston criteria"): only
// after one of these is it the town ("transfer to Framingham", "lives near Boston", "via Amsterdam", "until Ålesund");
// "to" only after a word of going ("secondary to Cushing", "according to Bethesda" are the eponyms).
const TOWN_PREPOSITION = /\b(?:in|at|near|from|into|outside|via|through|until|till|approaching|towards?|leaving|reaching|visiting|(?:move[ds]?|moving|relocat(?:ed|ing)|transfer(?:red)?|discharged?|dr(?:ove|iving)|fl(?:ew|ying)|travel(?:l?ed|l?ing)?|trip|went|going|head(?:ed|ing)|plan(?:s|ned|ning)?|return(?:ed|ing)?|back|home|commut(?:es?|ing)|tickets?|flights?|bus|train|ferry) to)\s$/;
// Or an address around it: a street or unit before ("42 Beach Road, Coogee", "Apt. 1412, Atlanta"), a state or province
// code, a postcode or a county after ("Coogee NSW 2034", "Toronto, ON M5T 3A9", "Leeds LS6 3BQ", "Clifden, Co. Galway").
// A company's seat is no person's identifier: "a corporation with a principal place of business in Boston".
const COMPANY_SEAT_BEFORE = /(?:place of business|principal office|headquartered|headquarters|incorporated|organized)\s+(?:in|at)\s$/;
const ADDRESS_BEFORE = /(?:\d+[A-Za-z]?(?: [A-Z][A-Za-z.]*){1,4}|(?:Apt|Unit|Suite|Ste|Flat)\.? ?\d+[A-Za-z]?),[ \t]$/;
const ADDRESS_AFTER = /^,?[ \t]+(?:[A-Z]{2,3}(?![A-Za-z])|\d{4,5}(?!\d)|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|Co\. [A-Z]|County\b)/;
// After a town that is also a name: a case's caption ("Ashcroft v. Iqbal").
const VERSUS_AFTER = /^\s+vs?\.?\s/;
// Prepositions, "and" and the verbs of a note's instructions in their capitalised form, which open a sentence before a
// name (isOpeningWord): "Between Muthoni Wairimu and …", "Contact Bongani Dlamini on …".
const OPENING_WORDS: ReadonlySet<string> = new Set(['Per', 'Between', 'With', 'From', 'To', 'For', 'By', 'And', 'Against', 'Regarding', 'Contact', 'Call', 'Ask', 'Tell', 'Phone', 'Ring', 'Email', 'Text', 'Thank', 'Inform', 'Remind', 'Notify']);
const STANDS_ALONE_RE = /^[.,;:!?)\r\n]|^$/; // what may follow a name standing as a phrase of its own

// A holiday's name, a date ("Christmas Eve 2019", "New Year's", "Thanksgiving Monday", "St. Patrick's Day", "Mother's
// Day"), tried at a word of HOLIDAY_HEADS; not "Christmas disease", "Christmas tree", "Easter Island".
const HOLIDAY_RE =
  /(?:(?:Christmas|Thanksgiving|Easter|Halloween|Hanukkah|Diwali|Passover|Kwanzaa|New Year['’]s|(?:Chinese|Lunar) New Year|Eid(?: al-| ul-| )?(?:Fitr|Adha)|Dashain|Tihar|Vesak|Rosh Hashanah|Yom Kippur|Good Friday|Holy Saturday|Whit (?:Monday|Sunday)|Pentecost|Hogmanay|Shrove Tuesday|Ash Wednesday|Palm Sunday|Juneteenth|Michaelmas|Holi|Deepavali|Navratri|Durga Puja|Onam|Pongal|[VB]aisakhi|Lohri|Raksha Bandhan|Ganesh Chaturthi|Songkran|Chuseok|Nowruz|Purim|Sukkot|Shavuot|Mardi Gras)(?: (?:Day|Eve|Sunday|Monday|Weekend))?(?! (?:[Dd]isease|[Ff]actor|[Tt]ree|[Ii]sland|[Cc]ard|[Ss]eal|[Ss]easonal))|(?:Valentine|Mother|Father|St\.? Patrick|St\.? Brigid|St\.? Andrew|St\.? David|St\.? George)['’]s Day|(?:Boxing|Independence|Labor|Labour|Memorial|Veterans['’]?|Remembrance|Anzac|Canada|Australia|Presidents['’]?|Waitangi|Bastille|Victoria|Columbus|Martin Luther King(?: Jr\.?)?|MLK) Day|(?:Guy Fawkes|Bonfire) Night)(?:,? (?:19|20)\d{2}(?!\d))?/y;

// What a holiday's name alone describes, not a day: "for Easter decorations", "for Christmas presents".
const HOLIDAY_NOUN_AFTER = /^ (?:decorations?|presents?|gifts?|party|parties|dinner|lunch|shopping|cards?|lights|cookies|eggs?|bunny|sales?|songs?|carols?|markets?|costumes?|candy|tree|pageant|concert|play|music|special|bonus|baskets?)\b/;
const HOLIDAY_PREPOSITION = /\b(?:on|since|before|after|at|over|around|until|till|by|for|during|from|near|last|this|next|past)\s(?:the\s)?$/i;

// The days of a month in words, as ordinals ("first" … "thirty-first").
const ORDINAL_DAY =
  '(?:(?:twenty|thirty)[- ](?:first|second|third)|twenty[- ](?:fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)';
// The day before its month ("the twelfth of March") and after it ("March the 3rd", "March the third").
const DAY_OF_MONTH = `(?:the )?${ORDINAL_DAY} (?:day )?of `;
const MONTH_THE_DAY = ` the (?:${ORDINAL_DAY}|(?:[12]?\\d|3[01])(?:st|nd|rd|th))`;
const ORDINAL_DAY_OF_BEFORE_RE = new RegExp(`(?<![A-Za-z-])${DAY_OF_MONTH}$`, 'i');
const ORDINAL_DAY_AFTER_RE = new RegExp(`^${MONTH_THE_DAY}(?![A-Za-z0-9-])`, 'i');
// What a person does in a note's sentence, after their name.
const ACTOR_VERB_AFTER_RE = /^ (?:attended|presented|was (?:admitted|seen|reviewed|discharged|transferred|assessed|examined)|reports|reported|denies|denied|consented|refused|declined|called|phoned|rang|telephoned|arrived|agreed|complained|states|stated|says|said|told|explained|signed|requested|visited)\b/;
// What one person's word does next in a note (loneActor): fewer verbs than ACTOR_VERB_AFTER_RE, those a system's, a
// drug's or a test's name does not take ("Epic called", "Eliquis was reviewed"); after a word no list holds, only what a
// person says, feels or decides, or their age (not "Handover phoned to …", "the Confederate states during …").
const LONE_ACTOR_VERB_AFTER_RE = /^ (?:says|said|reports|reported|denies|denied|complains|complained|feels|felt|consented|refused|declined|is (?:a )?\d{1,3}[- ](?:years?|yrs?|months?)[- ]old|(states|stated|agreed|attended|phoned|rang|telephoned|was (?:admitted|seen|discharged|examined)))\b/;
// The first two letters of those verbs, as char codes (first << 16 | second).
const LONE_ACTOR_VERB_HEADS: ReadonlySet<number> = new Set(
  ['sa', 're', 'de', 'co', 'fe', 'is', 'st', 'ag', 'at', 'ph', 'ra', 'te', 'wa'].map((h) => (h.charCodeAt(0) << 16) | h.charCodeAt(1)),
);
// A label of several people, before its colon ("Children:", "Siblings:", "Sons:"): the names after it are one each.
const PEOPLE_LABEL_BEFORE_RE = /\b(?:[Cc]hildren|[Ss]ons|[Dd]aughters|[Ss]iblings|[Bb]rothers|[Ss]isters|[Gg]randchildren|[Kk]ids|[Dd]ependants|[Dd]ependents|CHILDREN|SIBLINGS)\s*$/;
// What parts two entries of such a list: ", ", ", and ", " and ", " & ".
const ENTRY_SEPARATOR_RE = /^(?:,? and |,? & |, )/;
const MONTH_NAMES: ReadonlySet<string> = new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
// A month with its day in words or after "the", whole: what month() emits as a date without a digit.
const MONTH_ALTERNATIVES = [...MONTH_NAMES].join('|');
const ORDINAL_DAY_DATE_RE = new RegExp(`^(?:${DAY_OF_MONTH}(?:${MONTH_ALTERNATIVES})(?:${MONTH_THE_DAY})?|(?:${MONTH_ALTERNATIVES})${MONTH_THE_DAY})$`, 'i');
const AGE_IN_PARENS_AFTER_RE = /^ \(\d{1,2}\)/;
const LIST_BEFORE_RE = /(?:, |\band |^|\n)$/;
// A regnal number or a generation after a name ("Charles II", "Elizabeth I", "Martin Luther King Jr").
const NAME_SUFFIX_RE = /^(?:I|II|III|IV|V|VI|VII|VIII|Jr|Sr|JR|SR)$/;
// An article before a capitalised ordinary word makes it a noun ("the Church", "a Grant"), not a name mentioned again.
const ARTICLE_BEFORE_RE = /(?:^|[^A-Za-z])[Tt]he $/;
// "born", "b." or "née" before a number, after a name ("born 3 May 2016", ", b. 1858", " née 1931", "b. abt. 1858").
const BORN_BEFORE_RE = /,? (?:born|b\.|née|nee) (?:on |abt\. |about |c\. |ca\. )?$/;

/** Where the marker (BORN_BEFORE_RE) before the run of digits at `run` starts (its comma or space), or -1. */
function bornMarkBefore(text: string, run: number): number {
  // Its last two characters before the space: "rn" (born), "on" (born on), "b." "t." "c." "a." (b., abt., c., ca.),
  // "ée" / "ee" (née), "ut" (about).
  if (text.charCodeAt(run - 1) !== 32) return -1;
  const c = text.charCodeAt(run - 2);
  const b = text.charCodeAt(run - 3);
  const maybe = c === 110 ? b === 114 || b === 111 : c === 46 ? b === 98 || b === 116 || b === 99 || b === 97 : c === 101 ? b === 233 || b === 101 : c === 116 && b === 117;
  if (!maybe) return -1;
  const m = BORN_BEFORE_RE.exec(text.slice(Math.max(0, run - 18), run));
  return m === null ? -1 : run - m[0].length;
}
// A Canadian province (or its code) in parentheses after a town.
const PROVINCE_AFTER_RE = /^ \((?:Québec|Quebec|Qc|QC|Ontario|Ont\.|ON|Nouveau-Brunswick|New Brunswick|NB|Nova Scotia|Nouvelle-Écosse|NS|Manitoba|MB|Alberta|AB|Saskatchewan|SK|British Columbia|BC)\)/;
const WEEKDAYS: ReadonlySet<string> = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
// The word before a month's name alone that makes it a date ("in", "since", "until", "early", "mid-").
const MONTH_PREPOSITION = /\b(?:in|since|during|until|till|through|by|from|of|for|before|after|around|last|next|this|early|late|mid)(?: |-)$/i;

/** Whether text[start, end) is a date without a digit: a holiday's name (HOLIDAY_RE) or a month's. */
export function isNamedDate(text: string, start: number, end: number): boolean {
  const span = text.slice(start, end);
  if (MONTH_NAMES.has(span)) return true;
  // A month with its day in words ("the twelfth of March", "March the third").
  if (ORDINAL_DAY_DATE_RE.test(span)) return true;
  HOLIDAY_RE.lastIndex = start;
  const m = HOLIDAY_RE.exec(text);
  return m !== null && m.index + m[0].length === end;
}

// Lower-case particles inside a name, between two capitalised words ("Van der Berg", "de la Cruz", "bin Rashid",
// Welsh "ap Dafydd"), and the son / daughter / wife "of" of Indian and Malay names ("Karthik s/o Subramaniam", "Nur
// Hidayah bte Ismail").
const PARTICLES_RE = /^ (?:van der|van den|van de|de la|de los|de las|van|von|der|den|de|del|della|di|da|das|do|dos|du|ter|ten|bin|ibn|al|el|ap|ferch|verch|s\/o|d\/o|w\/o|bte|binte|binti) $/;
// Capitalised particles inside a name, between two of its words: Arabic ("Hessa Al Suwaidi", "Omar Bin Zayed") and
// Irish ("Sinéad Ó Murchú", "Aoife Ní Bhriain", "Cathal Mac Giolla Phádraig").
const CAPITAL_PARTICLES: ReadonlySet<string> = new Set(['Al', 'El', 'Bin', 'Bint', 'Ibn', 'Abu', 'Ó', 'Ní', 'Nic', 'Mac', 'Mc', 'Ua', 'Uí']);
// A nickname after a name: in quotes, or in parentheses maybe after "goes by", "known as" (group 1 or 2).
const NICKNAME_AFTER_RE = /^,? (?:\((?:(?:goes by|known as|called|nicknamed|a\.?k\.?a\.?) )?["“]?([A-Z][a-z]{1,15})["”]?\)|["“]([A-Z][a-z]{1,15})["”])/;
// A German doctor's degree between "Dr." and the name ("Dr. med.", "Dr. rer. nat.", "Dr. med. dent.").
const TITLE_DEGREE_RE = /^\.? (?:med|med\. dent|med\. vet|rer\. nat|rer\. pol|phil|jur|iur|habil|theol)\. $/;
// The same particles between a title and a name ("Dr. van der Merwe"); group 1 = the particles.
const TITLE_PARTICLE_RE = new RegExp(`^\\.? (${PARTICLES_RE.source.slice(2, -2)}) $`);

// Prepositions that open a sentence before a place ("From São Paulo I travelled"): no part of a longer name.
const OPENING_PREPOSITIONS: ReadonlySet<string> = new Set(['From', 'In', 'To', 'At', 'Near', 'Outside', 'Via', 'Since', 'Until', 'Through', 'Around', 'After', 'Before', 'Like']);

// Around a street's name: the house number before it ("27 ", "12B ") or after it (" 1500", ", 5"; not a postcode).
const HOUSE_NUMBER_BEFORE_RE = /(?:^|[^\w./-])(\d{1,5}[A-Za-z]?,? )$/; // "245, rue Saint-Germain" (Québec)
const HOUSE_NUMBER_AFTER_RE = /^,? \d{1,4}(?![\d.,/-]\d|\d)/;
// What may stand between a street's words: a space, or a particle ("Ffordd y Bryn", "rue de la Paix", "Calle de los
// Amigos").
const STREET_PARTICLES_RE = /^ (?:y|de|del|da|do|dos|das|des|du|la|le|di|della|dei|de la|de los|de las) $/;

/** Whether text[a, b) between two words of a street's name is a space or a particle. */
function streetGap(text: string, a: number, b: number): boolean {
  return (b === a + 1 && text.charCodeAt(a) === 32) || (b - a <= 8 && STREET_PARTICLES_RE.test(text.slice(a, b)));
}

/** Whether the two letters at `at` may open a street word (STREET_HEADS): He Ff St Lô Rh Ru Ca Co Ch Av Tr Vi Pi Pa. */
function opensStreetWord(text: string, at: number): boolean {
  const b = text.charCodeAt(at + 1);
  switch (text.charCodeAt(at)) {
    case 72: return b === 101; // He
    case 70: return b === 102; // Ff
    case 83: return b === 116; // St
    case 76: return b === 0xf4; // Lô
    case 82: return b === 104 || b === 117; // Rh Ru
    case 67: return b === 97 || b === 111 || b === 104; // Ca Co Ch
    case 65: return b === 118; // Av
    case 84: return b === 114; // Tr
    case 86: return b === 105; // Vi
    case 80: return b === 105 || b === 97; // Pi Pa
    default: return false;
  }
}

// "rue" in lower case and the particles after it, before a street's name ("55 rue Montcalm", "12 rue de la Paix").
const LOWER_RUE_BEFORE_RE = /(?:^|[^\p{L}])rue (?:(?:de la|de l'|du|des|de) )?$/u;

/** Where "rue " in lower case (and its particles) opens the street whose name's first word is at `start`, or -1. */
function lowerRueStart(text: string, start: number): number {
  if (start < 4 || text.charCodeAt(start - 1) !== 32) return -1;
  const c = text.charCodeAt(start - 2); // the last letter of "rue", "la", "du", "des", "de"
  if (c !== 101 && c !== 97 && c !== 117 && c !== 115) return -1;
  const m = LOWER_RUE_BEFORE_RE.exec(text.slice(Math.max(0, start - 13), start));
  return m === null ? -1 : start - m[0].length + (m[0].startsWith('rue') ? 0 : 1);
}

// Before a street named without its number: "stopped on", "lives off", "walking along".
const STREET_PREPOSITION_RE = /\b(?:on|near|off|along|onto|down|up|at|from|to|by|via|across|past|corner of)\s$/;
// A street named as a road's feature after "the": "near the Shady Grove Road exit", "the Story Road overpass".
const ROAD_FEATURE_AFTER_RE = /^ (?:exit|overpass|underpass|interchange|on-ramp|off-ramp|ramp|bridge|intersection|junction|roundabout|tunnel|viaduct|crossing)\b/;
// A word for a district after a place's name, in lower case ("Bhaktapur district", "Kirtipur municipality").
const LOWER_DIVISION_AFTER_RE = /^ (?:district|municipality|rural municipality|parish|county|borough|township|upazila|tehsil|taluka?)(?![\p{L}])/u;
// Their first four letters, as four character codes (ASCII) in one number.
const LOWER_DIVISION_HEADS: ReadonlySet<number> = new Set(
  ['dist', 'muni', 'rura', 'pari', 'coun', 'boro', 'town', 'upaz', 'tehs', 'talu'].map((h) => ((h.charCodeAt(0) << 24) | (h.charCodeAt(1) << 16) | (h.charCodeAt(2) << 8) | h.charCodeAt(3)) >>> 0),
);
// The other street of an intersection: "Florin Rd and Franklin Blvd", "Cedar Ave & 24th St".
const INTERSECTION_BEFORE_RE = /\b(?:Rd|Road|St|Street|Ave|Avenue|Blvd|Boulevard|Dr|Drive|Ln|Lane|Hwy|Highway|Pkwy|Parkway)\.? (?:and|&) $/;

const NO_SINK: Emit = () => {};
const NO_TOKENS: readonly Tok[] = [];

// What extend() lets a name grow over (see the callers).
const AFTER_LABEL = 0;
const AFTER_ROLE = 1;
const NAME_WORD = 2;
const AFTER_TITLE = 3;
const AFTER_GIVEN = 4;
const STANDING_ALONE = 5;
type Accept = typeof AFTER_LABEL | typeof AFTER_ROLE | typeof NAME_WORD | typeof AFTER_TITLE | typeof AFTER_GIVEN | typeof STANDING_ALONE;

export class NameDetector {
  // The state of one detect() call, kept in fields and reused across texts: the rules are methods, not closures
  // created per text.
  private text = '';
  private toks: readonly Tok[] = NO_TOKENS;
  private emit: Emit = NO_SINK;
  private englishCache = -1;
  // Words of names confirmed by strong context in this text, as ranges of the text (no strings: compared case-folded,
  // which for the Latin-1 letters, apostrophes and hyphens of tokens is what comparing lower-cased copies was).
  private readonly foundStarts: number[] = [];
  private readonly foundEnds: number[] = [];
  private readonly foundHashes = new Set<number>(); // their case-folded hashes: most tokens are ruled out by these
  // Their lengths and folded first and last letters, one bit per triple: most tokens are ruled out without even the
  // hash (cleared word by word after each text, not all 4 KB).
  private readonly foundKeys = new Uint32Array(1024);
  // Per-token scratch (zeroed over this text's tokens; never read past them).
  private emitted = new Uint8Array(1024);
  private placeEnd = -1; // where the last town or place this detector found ends
  private readonly conjuncts: number[] = []; // [first, last] token pairs: names joined by "and" to a name found
  /** Whether a word is an ordinary word, a never-name, a title or a state's name (for the towns after a street). */
  private readonly isOrdinaryWord = (word: string): boolean => (this.flags.getWord(word) & (COMMON | NEVER | TITLE | STATE)) !== 0;
  private eponymCache = new Int8Array(1024); // 0 unknown, 1 yes, 2 no

  /** `flags`: the lexicon's flag table (flagsFor, or a table shared by another thread). */
  constructor(private readonly flags: FlagTable) {}

  detect(text: string, emit: Emit): void {
    const toks = tokenize(text);
    if (toks.length === 0) return;
    this.text = text;
    this.toks = toks;
    this.emit = emit;
    this.englishCache = -1;
    this.placeEnd = -1;
    if (this.emitted.length < toks.length) {
      this.emitted = new Uint8Array(toks.length * 2);
      this.eponymCache = new Int8Array(toks.length * 2);
    }
    this.emitted.fill(0, 0, toks.length);
    this.eponymCache.fill(0, 0, toks.length);
    try {
      this.run();
    } finally {
      // Drop this text's names and the references to the text and its sink (the detector outlives them).
      for (let k = 0; k < this.foundStarts.length; k++) {
        this.foundKeys[foundKey(text, this.foundStarts[k] as number, this.foundEnds[k] as number) >>> 5] = 0;
      }
      this.foundStarts.length = 0;
      this.foundEnds.length = 0;
      this.foundHashes.clear();
      this.conjuncts.length = 0;
      this.text = '';
      this.toks = NO_TOKENS;
      this.emit = NO_SINK;
    }
  }

  // The rules are split in methods of moderate size, each compiled on its own: one large method was compiled twice
  // (once more when a rare branch first ran) and ran unoptimized for hundreds of texts before it was hot.
  private run(): void {
    this.anchored();
    this.bornNames();
    const { toks, emitted } = this;
    for (let i = 0; i < toks.length; i++) {
      if (emitted[i]) continue;
      const j = this.rulesAt(i);
      // (A possessive's or "and his" after a word no rule took: "Amara's mum".)
      if (j === i && !emitted[i]) this.relativeAfter(i);
      i = j;
    }
    // The names joined to a name by "and" that no rule took (conjunctAfter).
    const conjuncts = this.conjuncts;
    for (let k = 0; k < conjuncts.length; k += 2) {
      const from = conjuncts[k]!;
      const to = conjuncts[k + 1]!;
      let free = true;
      for (let j = from; j <= to && free; j++) if (emitted[j]) free = false;
      if (free) this.take(from, to, 0.8);
    }
    conjuncts.length = 0;
    if (this.foundStarts.length > 0) {
      this.listEntries();
      this.laterMentions();
    }
  }

  /**
   * The other entries of a list of people: entries of two or three capitalised words (initials among them), each alone
   * between separators (a line's end, "·", "•", ";", "," or "|"; a remark in parentheses after it), three or more in a
   * row, a third of them (and two) names the rules above found: "Tou Lee · Summer Vang · Grace Yang", a list of authors
   * one a line; or two after a label, the first a name ("cc: Deepak Sharma; Aakanksha Agrawal"). An entry with an
   * ordinary word the name lists lack (a heading, "Social History") is none.
   */
  private listEntries(): void {
    const { text, toks, emitted } = this;
    let runStart = -1; // the current run's first token, or -1
    const entries: number[] = []; // [first token, last token] pairs of the current run
    let afterLabel = false; // the run opens after a label's colon
    const close = () => {
      const n = entries.length / 2;
      if (n >= 2) {
        let named = 0;
        for (let k = 0; k < entries.length; k += 2) if (emitted[entries[k]!] && emitted[entries[k + 1]!]) named++;
        // (Two entries after a label whose first is a name: "cc: Deepak Sharma; Aakanksha Agrawal".)
        if (n >= 3 ? named >= 2 && named * 3 >= n : afterLabel && emitted[entries[0]!] === 1) {
          for (let k = 0; k < entries.length; k += 2) {
            const from = entries[k]!;
            const to = entries[k + 1]!;
            let ok = true;
            for (let j = from; j <= to && ok; j++) if (emitted[j] || (!(toks[j] as Tok).initial && !this.weak(toks[j] as Tok)) || this.isTitle(toks[j] as Tok)) ok = false;
            if (ok) this.take(from, to, 0.75);
          }
        }
      }
      entries.length = 0;
      runStart = -1;
    };
    let prevEnd = -1; // where the previous entry (with its remark) ended
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as Tok;
      if (t.initial) continue;
      // Outside a run, a word with no separator before it and no title just before opens no entry: most words, passed
      // over before the look for the entry's other words (the same outcome as below, where such a word is skipped).
      if (runStart < 0 && listSeparatorBefore(text, t.start) < 0 && !(i > 0 && t.start - (toks[i - 1] as Tok).end <= 2 && this.isTitle(toks[i - 1] as Tok))) continue;
      let j = i;
      while (j + 1 < toks.length && j - i < 2 && this.adjacent(toks[j] as Tok, toks[j + 1] as Tok)) j++;
      if (j === i || (toks[j] as Tok).initial) continue;
      // (A title before the entry's name is part of the entry: "Witnesses: Dr. Priya Venkataraman, Tou Lee, …".)
      const title = i > 0 && this.isTitle(toks[i - 1] as Tok) && t.start - (toks[i - 1] as Tok).end <= 2 ? (toks[i - 1] as Tok) : undefined;
      const before = listSeparatorBefore(text, title ? title.start : t.start);
      const after = listEntryEnd(text, (toks[j] as Tok).end);
      if (before < 0 || after < 0) {
        if (runStart >= 0 && t.start > prevEnd) close();
        continue;
      }
      // The same run: only blanks and one separator since the previous entry, or lines of one word between (a list of
      // authors with their handles: "Adam Chainz\nabs51295\nAceGentile\nAdam Tse").
      if (runStart >= 0 && before !== prevEnd && !oneWordLines(text, prevEnd, before)) close();
      if (runStart < 0) {
        runStart = i;
        afterLabel = text.charCodeAt(before) === 58;
      }
      entries.push(i, j);
      prevEnd = after;
      i = j;
    }
    close();
  }

  /** Names after labels ("Patient: …"), sign-offs and "DEPOSITION OF …" headings. */
  private anchored(): void {
    const { text, toks, emitted } = this;
    // Labels: "Patient: …", "Attending: …" — anchored on the colon, the label read backwards.
    for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
      let at = colon + 1;
      while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
      // An electronic signature's mark before the name ("Signature: /s/ K. A. Major").
      if (text.charCodeAt(at) === 47 && text.startsWith('/s/ ', at)) at += 4;
      const i = lowerBound(toks, at);
      if (toks[i]?.start !== at || emitted[i]) continue;
      if (isLabelBefore(text, colon)) this.labelled(i, false, PEOPLE_LABEL_BEFORE_RE.test(text.slice(Math.max(0, colon - 16), colon)));
    }
    let sm: RegExpExecArray | null;
    let from = 0; // end of the previous sign-off
    this.greetingAt(0);
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
      this.greetingAt(nl + 1);
      const at = signoffOpening(text, nl);
      if (at < from) continue;
      SIGNOFF_RE.lastIndex = at;
      if ((sm = SIGNOFF_RE.exec(text)) === null) continue;
      from = at + sm[0].length;
      const wordEnd = sm.index + (/^[A-Za-z]+/.exec(sm[0])?.[0].length ?? 0);
      if (!SIGNOFF_PHRASE_RE.test(text.slice(Math.max(0, wordEnd - 24), wordEnd))) continue;
      const i = lowerBound(toks, sm.index + sm[0].length);
      if (toks[i]?.start === sm.index + sm[0].length && !emitted[i]) this.labelled(i, false);
    }
    OF_HEADING_RE.lastIndex = 0;
    while ((sm = OF_HEADING_RE.exec(text)) !== null) {
      if (!OF_HEADING_WORD_RE.test(text.slice(Math.max(0, sm.index - 12), sm.index))) continue;
      const i = lowerBound(toks, sm.index + sm[0].length);
      if (toks[i]?.start === sm.index + sm[0].length && !emitted[i]) this.labelled(i, false);
    }
  }

  /**
   * The rules at token i (in no name yet): a place name of several words, the name rules, else a town of one word. The
   * last token of what they took, or i.
   */
  private rulesAt(i: number): number {
    const t = this.toks[i] as Tok;
    const plain = !t.allCaps && !t.initial;
    const n = this.toks[i + 1];
    if (plain && n !== undefined && n.start - t.end <= 6 && (this.F(t) & PLACE_START) !== 0) {
      const j = this.placePhrase(i);
      if (j > i) return j;
    }
    // A street named after its word for street, with its house number ("27 Heol Hir", "Rua Augusta 1500", "55 rue
    // Montcalm": the name after a "rue" in lower case). (A sentence's first word only when its first two letters may
    // open a street word: its flags are otherwise never looked up, see below.)
    if (plain && (lowerRueStart(this.text, t.start) >= 0 || ((!t.sentenceStart || opensStreetWord(this.text, t.start)) && (this.F(t) & STREET) !== 0))) {
      const j = this.street(i);
      if (j >= i) return j;
    }
    // (At a sentence's start only a holiday of several words: "Christmas Eve", "New Year's", "Mother's Day", or a month
    // and "the" day, "Date of injury: March the 3rd"; a lone word there would need its flags looked up, as most
    // sentences' first words are not, for a preposition it lacks.)
    if (plain && (!t.sentenceStart || (n !== undefined && n.start - t.end <= 3) || (this.text.charCodeAt(t.end + 1) === 116 && this.text.startsWith(' the ', t.end))) && (this.F(t) & HOLIDAY) !== 0) {
      const j = this.holiday(i);
      if (j > i) return j;
    }
    // A district's, a county's or a parish's name with its word ("Kisumu County", "Bhaktapur district", "County Kerry").
    if (plain) {
      const j = this.division(i);
      if (j >= i) return j;
    }
    // A street named without its number after a preposition ("stopped on Candler Road", "near Vinsetta Blvd"), read at
    // its type, the names before it taken back.
    if (plain && !t.sentenceStart && (this.F(t) & STREET_END) !== 0 && this.namedStreet(i)) return i;
    if (plain) {
      const k = this.placeCuesAt(i);
      if (k >= i) return k;
    }
    const j = this.nameRulesAt(i);
    // A town of one word opening a sentence is left to the passes that read an address or "lives in" around it: most
    // capitalised words open sentences, and their flags are otherwise never looked up.
    if (j === i && plain && !t.sentenceStart && !this.emitted[i] && (this.F(t) & (PLACE | TOWN)) !== 0) this.town(i);
    return j;
  }

  /**
   * A street's address around token i, a word for street (STREET) or the first word of the name after a lower-case
   * "rue": the name (up to four capitalised words, particles between them: "Ffordd y Bryn", "rue de la Paix"), with a
   * house number before it or after it (four digits at most: five after the name are a postcode, "rue Michel-Ange
   * 75794 Paris"). Emitted as ADDRESS; its last token returned, or -1.
   */
  private street(i: number): number {
    const { text, toks } = this;
    const t = toks[i] as Tok;
    const rue = lowerRueStart(text, t.start);
    const opens = rue >= 0 ? rue : t.start;
    // The name: the word itself for "rue …", else the capitalised words after the street word.
    let j = opens < t.start ? i : i + 1;
    if (j >= toks.length || (opens === t.start && !streetGap(text, t.end, (toks[j] as Tok).start))) return -1;
    while (j + 1 < toks.length && j - i < 4 && !(toks[j + 1] as Tok).allCaps && streetGap(text, (toks[j] as Tok).end, (toks[j + 1] as Tok).start)) j++;
    const end = (toks[j] as Tok).end;
    const before = HOUSE_NUMBER_BEFORE_RE.exec(text.slice(Math.max(0, opens - 8), opens));
    let addressEnd = end;
    if (before) {
      this.emit('ADDRESS', opens - (before[1] as string).length, end, 0.85);
    } else {
      const after = HOUSE_NUMBER_AFTER_RE.exec(text.slice(end, end + 8));
      if (after === null) return -1;
      addressEnd = end + after[0].length;
      this.emit('ADDRESS', opens, addressEnd, 0.85);
    }
    townsAfterStreet(text, addressEnd, this.emit, this.isOrdinaryWord);
    for (let k = i; k <= j; k++) this.emitted[k] = 1;
    return j;
  }

  /**
   * A street named without its house number at token i, its type ("Road"): one to three capitalised words before it,
   * a preposition before them ("on", "near", "off" …). Emitted as ADDRESS (over a name found in its words before).
   */
  private namedStreet(i: number): boolean {
    const { text, toks } = this;
    let k = i;
    while (k > 0 && i - k < 3 && !(toks[k - 1] as Tok).allCaps && this.adjacent(toks[k - 1] as Tok, toks[k] as Tok)) k--;
    if (k === i) return false;
    const start = (toks[k] as Tok).start;
    const roadFeature = text.charCodeAt(start - 2) === 101 && ROAD_FEATURE_AFTER_RE.test(text.slice((toks[i] as Tok).end, (toks[i] as Tok).end + 14)) && ARTICLE_BEFORE_RE.test(text.slice(Math.max(0, start - 5), start));
    if (!roadFeature && !STREET_PREPOSITION_RE.test(text.slice(Math.max(0, start - 11), start)) && !INTERSECTION_BEFORE_RE.test(text.slice(Math.max(0, start - 16), start))) return false;
    let end = (toks[i] as Tok).end;
    if (text.charCodeAt(end) === 46 && /^(?:Ave|Blvd|Hwy|Pkwy)$/.test(text.slice((toks[i] as Tok).start, end))) end++; // "Blvd."
    this.emit('ADDRESS', start, end, 0.85);
    for (let m = k; m <= i; m++) this.emitted[m] = 1;
    townsAfterStreet(text, end, this.emit, this.isOrdinaryWord);
    return true;
  }

  /**
   * A place named with its word for a district, a county, a parish (DIVISION: "Kisumu County", "Edison Township",
   * "Bhaktapur district" in lower case too), or after "County" ("County Kerry"), emitted as GEO with the word: the last
   * token taken, else -1. The name is no ordinary word, unless the gazetteer holds it ("Orange County"; not "Northern
   * District", "School District"), nor a title or a word never a name; "the district of Galloway" names what follows.
   */
  private division(i: number): number {
    const { text, toks } = this;
    const t = toks[i] as Tok;
    const n = toks[i + 1];
    if (text.charCodeAt(t.end) !== 32) return -1;
    const next = n !== undefined && n.start === t.end + 1 && !n.allCaps && !n.initial ? n : undefined;
    let end: number;
    let last = i;
    let name: Tok = t;
    if (next !== undefined && (this.F(next) & DIVISION) !== 0) {
      end = next.end;
      last = i + 1;
    } else if (next !== undefined && text.startsWith('County', t.start) && t.end - t.start === 6) {
      end = next.end;
      last = i + 1;
      name = next;
    } else {
      // Most words are followed by none: its first four letters first.
      const head = ((text.charCodeAt(t.end + 1) << 24) | (text.charCodeAt(t.end + 2) << 16) | (text.charCodeAt(t.end + 3) << 8) | text.charCodeAt(t.end + 4)) >>> 0;
      if (!LOWER_DIVISION_HEADS.has(head)) return -1;
      const lower = LOWER_DIVISION_AFTER_RE.exec(text.slice(t.end, t.end + 20));
      if (lower === null) return -1;
      end = t.end + lower[0].length;
    }
    if (text.startsWith(' of ', end)) return -1;
    const f = this.F(name);
    if ((f & (TITLE | NEVER)) !== 0 || ((f & COMMON) !== 0 && (f & (PLACE | TOWN)) === 0) || name.allCaps || name.initial) return -1;
    if (ORG_WORDS.has(text.slice(name.start, name.end).toLowerCase())) return -1;
    // The words of the name before it ("Santa Clara County"), up to two, no ordinary ones.
    let first = i;
    while (name === t && first > 0 && i - first < 2 && !this.emitted[first - 1] && this.adjacent(toks[first - 1] as Tok, toks[first] as Tok) && !(toks[first - 1] as Tok).allCaps && (this.F(toks[first - 1] as Tok) & (COMMON | TITLE | NEVER)) === 0) first--;
    this.emit('GEO', (toks[first] as Tok).start, end, 0.8);
    for (let k = i; k <= last; k++) this.emitted[k] = 1;
    return last;
  }

  /** A holiday's name from token i (HOLIDAY_RE), emitted as a DATE: its last token, or i. */
  private holiday(i: number): number {
    const { text, toks } = this;
    HOLIDAY_RE.lastIndex = (toks[i] as Tok).start;
    const m = HOLIDAY_RE.exec(text);
    if (m === null) {
      this.month(i);
      return i;
    }
    const end = m.index + m[0].length;
    // The holiday's name alone ("Christmas", "New Year's") is a date after a preposition ("since Christmas", "before
    // Easter"), not before a noun ("a Christmas party", "Easter decorations").
    if (!/ (?:Day|Eve|Sunday|Monday|Weekend)|\d/.test(m[0]) && (!HOLIDAY_PREPOSITION.test(text.slice(Math.max(0, m.index - 18), m.index)) || HOLIDAY_NOUN_AFTER.test(text.slice(end, end + 16)))) return i;
    this.emit('DATE', m.index, end, 0.85);
    let j = i;
    while (j + 1 < toks.length && (toks[j + 1] as Tok).start < end) j++;
    for (let k = i; k <= j; k++) this.emitted[k] = 1;
    return j;
  }

  /**
   * A month's name alone at token i, a date element, after a preposition ("in December", "since January", "by mid-May"):
   * not before a number (the date passes read "December 3") or a capitalised word ("for April Jones", "in May Street").
   */
  private month(i: number): void {
    const { text, toks } = this;
    const t = toks[i] as Tok;
    if (!MONTH_NAMES.has(text.slice(t.start, t.end))) return;
    // A day in words or as an ordinal with it: "the twelfth of March", "twenty-first of June", "March the 3rd", "March
    // the third".
    const dayBefore = ORDINAL_DAY_OF_BEFORE_RE.exec(text.slice(Math.max(0, t.start - 32), t.start));
    const dayAfter = ORDINAL_DAY_AFTER_RE.exec(text.slice(t.end, t.end + 24));
    if (dayBefore !== null || dayAfter !== null) {
      this.emit('DATE', t.start - (dayBefore?.[0].length ?? 0), t.end + (dayAfter?.[0].length ?? 0), 0.85);
      this.emitted[i] = 1;
      return;
    }
    if (!MONTH_PREPOSITION.test(text.slice(Math.max(0, t.start - 14), t.start))) return;
    if (t.end < text.length && text.charCodeAt(t.end) !== 32 ? /^['’]?[A-Za-z0-9]/.test(text.slice(t.end, t.end + 2)) : /^ +(?:\d|[A-Z])/.test(text.slice(t.end, t.end + 4))) return;
    this.emit('DATE', t.start, t.end, 0.7);
    this.emitted[i] = 1;
  }

  /**
   * A place name of two to four capitalised words from token i ("Boca Raton", "St. Louis", "San Miguel de Tucumán"),
   * the longest the gazetteer holds, standing on its own (not inside a longer capitalised phrase such as a hospital's
   * name, not after a title): emitted as GEO, its last token returned; else i.
   */
  private placePhrase(i: number): number {
    const { text, toks } = this;
    if (this.phraseBefore(i)) return i;
    let found = i;
    for (let j = i + 1; j < toks.length && j <= i + 3; j++) {
      const a = toks[j - 1] as Tok;
      const b = toks[j] as Tok;
      if (b.allCaps || b.initial || !placeGap(text, a.end, b.start)) break;
      const f = this.flags.get(text, (toks[i] as Tok).start, b.end);
      if ((f & PLACE) !== 0 && (f & (STATE | DOMAIN | NEVER)) === 0) found = j;
    }
    if (found === i || this.capAfter(found) || this.companySeat((toks[i] as Tok).start)) return i;
    this.emit('GEO', (toks[i] as Tok).start, (toks[found] as Tok).end, 0.75);
    this.placeEnd = (toks[found] as Tok).end;
    for (let k = i; k <= found; k++) this.emitted[k] = 1;
    return found;
  }

  /**
   * A city or town of one word at token i, which no name rule took. Not an ordinary word ("Mobile", "Reading" are left
   * out of the gazetteer's use altogether), a state, a title; not inside a longer capitalised phrase ("Houston
   * Methodist", "Lockheed Martin"), not a company's seat. A city that is also a name not after "of" ("circle of
   * Willis") or before "v." ("Ashcroft v. Iqbal"); a small town, or a city the medical lists hold ("Framingham",
   * "Denver", "Atlanta": scores, shunts, classifications), only after a preposition or inside an address, and no
   * eponym after it ("Cushing's").
   */
  private town(i: number): void {
    const { text } = this;
    const t = this.toks[i] as Tok;
    const f = this.F(t);
    if (t.allCaps || t.initial || (f & (COMMON | STATE | TITLE | NEVER)) !== 0) return;
    if (this.phraseBefore(i) || this.capAfter(i) || this.eponym(i)) return;
    // The word before it, read by character codes: most towns need no regex at all.
    let wordEnd = t.start - 1;
    while (wordEnd > 0 && text.charCodeAt(wordEnd) === 32) wordEnd--;
    const prev = text.charCodeAt(wordEnd);
    const afterIn = (prev === 110 && text.charCodeAt(wordEnd - 1) === 105) || (prev === 116 && text.charCodeAt(wordEnd - 1) === 97); // "in", "at"
    if (afterIn && this.companySeat(t.start)) return;
    let confidence = 0.7;
    if ((f & DOMAIN) !== 0 || (f & PLACE) === 0) {
      // A possessive is the eponym's ("Cushing's"); a preposition or an address is the evidence that lets a domain word
      // or a small town's name ("Moab branded software", "Apache HTTP server") be a place.
      const after = text.charCodeAt(t.end);
      if (after === 39 || after === 8217) return;
      const before = text.slice(Math.max(0, t.start - 24), t.start);
      if (!TOWN_PREPOSITION.test(before) && !ADDRESS_BEFORE.test(before) && !ADDRESS_AFTER.test(text.slice(t.end, t.end + 12)) && !this.afterPlaceAnd(t.start)) return;
      // Above the scanner's bar for a lone domain word (0.9); a small town's name no list holds, a little below a name's.
      confidence = (f & DOMAIN) !== 0 ? 0.9 : 0.75;
    } else if ((f & NAMEISH) !== 0) {
      // "circle of Willis" (after "of"), "Ashcroft v. Iqbal" (before "v." or "vs").
      if (prev === 102 && text.charCodeAt(wordEnd - 1) === 111 && !isAsciiLetter(text.charCodeAt(wordEnd - 2))) return;
      if (VERSUS_AFTER.test(text.slice(t.end, t.end + 6))) return;
    }
    this.emit('GEO', t.start, t.end, confidence);
    this.emitted[i] = 1;
    this.placeEnd = t.end;
  }

  /** Whether "and", "or" or "to" joins the place at `start` to a town just found ("in Pacifica and Colma", "from Hilo to Kailua-Kona"). */
  private afterPlaceAnd(start: number): boolean {
    const gap = start - this.placeEnd;
    return (gap === 5 || gap === 4) && this.placeEnd > 0 && / (?:and|or|to) $/.test(this.text.slice(this.placeEnd, start));
  }

  /** Whether the place at `start` is a company's seat ("… principal place of business in Boston"). */
  private companySeat(start: number): boolean {
    return COMPANY_SEAT_BEFORE.test(this.text.slice(Math.max(0, start - 40), start));
  }

  /**
   * Whether a capitalised word stands right before token i, one space between ("Lockheed Martin", "factor V Leiden"),
   * or an initial ("D. Abernathy").
   */
  private capBefore(i: number): boolean {
    const p = this.toks[i - 1];
    if (p === undefined) return false;
    const start = (this.toks[i] as Tok).start;
    if (p.initial && this.text.charCodeAt(p.end) === 46) return start === p.end + 2 && this.text.charCodeAt(p.end + 1) === 32;
    return start === p.end + 1 && this.text.charCodeAt(p.end) === 32;
  }

  /** capBefore(i), but not a preposition opening the sentence ("From São Paulo I travelled", "In Quetta we"). */
  private phraseBefore(i: number): boolean {
    if (!this.capBefore(i)) return false;
    const p = this.toks[i - 1] as Tok;
    return !(p.sentenceStart && OPENING_PREPOSITIONS.has(this.text.slice(p.start, p.end)));
  }

  /** Whether a capitalised word (not all capitals, not the pronoun "I") follows token i, one space between. */
  private capAfter(i: number): boolean {
    const n = this.toks[i + 1];
    if (n === undefined || n.allCaps || n.start !== (this.toks[i] as Tok).end + 1 || this.text.charCodeAt(n.start - 1) !== 32) return false;
    // (Not the pronoun "I", a month or a weekday after it: "in Moab I think", "in Vancouver July 8–15".)
    if (n.end === n.start + 1) return !isPronounI(this.text, n.start);
    const word = this.text.slice(n.start, n.end);
    return !MONTH_NAMES.has(word) && !WEEKDAYS.has(word);
  }

  /** The name rules at token i (in no name yet), in order: the last token of what they took, or i. */
  private nameRulesAt(i: number): number {
    const { text, toks, emitted } = this;
    const t = toks[i] as Tok;
    const n = toks[i + 1];
    const gap = n ? n.start - t.end : 0;
    const gapOk = n !== undefined && ((gap === 1 && text.charCodeAt(t.end) === 32) || (gap === 2 && text.charCodeAt(t.end) === 46 && text.charCodeAt(t.end + 1) === 32));
    // Title + name: "Dr. Okafor", "Mr. J. Smith".
    if (gapOk && t.end - t.start <= 10 && this.isTitle(t)) return this.afterTitle(i);
    // Title + particle + name: "Dr. van der Merwe", "Mr de Souza" (the particle is part of the name); a German doctor's
    // degree between ("Dr. med. Jürgen Hoffmann": the degree is not).
    if (n !== undefined && gap >= 3 && gap <= 14 && !n.allCaps && t.end - t.start <= 10 && this.isTitle(t)) {
      const between = text.slice(t.end, n.start);
      const particle = TITLE_PARTICLE_RE.exec(between);
      if ((particle !== null || TITLE_DEGREE_RE.test(between)) && this.accepts(i + 1, AFTER_TITLE)) {
        const j = this.extend(i + 1, 3, AFTER_TITLE);
        this.take(i + 1, j, 0.95);
        if (particle !== null) this.emit('NAME', t.end + particle[0].length - (particle[1] as string).length - 1, (toks[j] as Tok).end, 0.95);
        return j;
      }
    }
    if (t.initial && gapOk && n !== undefined) return this.afterInitial(i);
    if (t.allCaps && n !== undefined && n.initial && gap === 1) return this.capsAroundInitial(i);
    if (t.allCaps && gapOk && n !== undefined) return this.capsName(i);
    if (t.initial || t.allCaps) return i;
    // One word that acts as a person does in a note's sentence ("Olumide says the pain started", "Thabo denied it").
    if (!gapOk && this.loneActor(i)) return i;
    // A capitalised word opening a sentence and followed by a lower-case word is never evidence on its own (a surname's
    // particle is no such word: "Guido van Rossum, as well as …").
    if (t.sentenceStart && !gapOk && !(n !== undefined && gap >= 4 && gap <= 9 && PARTICLES_RE.test(text.slice(t.end, n.start)))) {
      // (Unless an age in parentheses follows: "Lerato (14) was not at home.")
      if (this.namedWithAge(i)) this.take(i, i, 0.75);
      return i;
    }
    // Roles: "his wife Maria Kowalczyk", "our client, Jo Roe", "counsel is Delcine Adam".
    // (Not a place after the role and a comma: "(son, Dorchester, Massachusetts)".)
    if (this.weak(t) && (this.F(t) & DOMAIN) === 0 && isRoleBefore(text, t.start) && !(text.charCodeAt(t.start - 2) === 44 && (this.F(t) & (PLACE | TOWN)) !== 0 && (this.F(t) & FIRST) === 0)) {
      this.labelled(i, true);
      if (emitted[i]) {
        while (i + 1 < toks.length && emitted[i + 1]) i++;
        return i;
      }
    }
    // A relative named by a word the name lists hold, even one that is an ordinary or a domain word, or by one that is
    // no ordinary word: "Wife Rose Young", "his sister Summer", "my son Will", "tito Boyet", "uncle Avi" (not "Mother
    // Nature", "daughter Cells"). So is a word after "name is" ("the nurse's name is Summer", "his name is Rich") or
    // after a marriage's word ("married to Precious").
    const relativeName = ((this.F(t) & NAMEISH) !== 0 || (this.F(t) & COMMON) === 0) && !this.never(t) && !this.isTitle(t);
    if (relativeName && (isRelativeBefore(text, t.start) || isNamedBefore(text, t.start) || isSpouseBefore(text, t.start))) {
      const j = this.extend(i, 3, AFTER_GIVEN);
      this.take(i, j, 0.9);
      return j;
    }
    // The same between commas after the relative ("The daughter, Ancy, is expecting"), not a town there, the name then
    // closed by a comma (not "(son, Dorchester, Massachusetts)").
    if (relativeName && ((this.F(t) & (PLACE | TOWN)) === 0 || (this.F(t) & FIRST) !== 0) && isRelativeBefore(text, t.start, true)) {
      const j = this.extend(i, 3, AFTER_GIVEN);
      if (text.charCodeAt((toks[j] as Tok).end) === 44) {
        this.take(i, j, 0.9);
        return j;
      }
    }
    // Two or three capitalised words that act in a note's sentence ("Chukwuemeka Obi attended with his wife", "Zsofia
    // Kovacs called back", "Jarrah Williams was admitted"): a person, when the last is a surname the lists hold or none is
    // a word they know in any sense (no ordinary word, place, title or domain term).
    const actor = this.actor(i);
    if (actor > i) return actor;
    // Every rule below needs a given name or a weak word: decided before reading the words after it.
    if ((this.F(t) & FIRST) === 0 && !this.weak(t)) return i;
    if (this.eponym(i)) return i;
    // Given name + name-like words: "Maria Kowalczyk", "James T. Whitfield".
    if ((this.F(t) & FIRST) !== 0 && !this.never(t)) {
      const j = this.afterGivenName(i);
      if (j > i) return j;
    }
    // Two or three name-like words standing alone mid-sentence ("counsel met Delcine Adam").
    if (this.weak(t) && !(this.isPrevCap(i) && !this.isOpeningWord(i - 1))) {
      const j = this.standingAlone(i);
      if (j > i) return j;
    }
    // A name and an age in parentheses in a list of people ("children, Ayanda (9) and Lwazi (6)", "Son Lwandle (8)"): a
    // word that is no ordinary, domain or never-name word, after a comma, "and" or a line's start.
    if (this.namedWithAge(i) && LIST_BEFORE_RE.test(text.slice(Math.max(0, t.start - 5), t.start))) {
      this.take(i, i, 0.75);
      return i;
    }
    // A lone unambiguous given name mid-sentence: "asked Siobhan to call". (A lone surname is too often a firm,
    // product or place — "Creative Commons", "Berkeley" — unless a title or an earlier full mention vouches for it.)
    if (
      !t.sentenceStart && this.strong(t) && (this.F(t) & FIRST) !== 0 && (this.F(t) & STATE) === 0 && !this.isNextCap(i) &&
      !(this.isPrevCap(i) && !this.isOpeningWord(i - 1)) && !this.afterPlacePreposition(i) && !isRelativeWord(text, t.start, t.end) &&
      this.unknownIsEvidence() && !LONE_NOT_NAMES.has(text.slice(t.start, t.end))
    ) {
      this.emit('NAME', t.start, t.end, 0.65);
      emitted[i] = 1;
    }
    return i;
  }

  /**
   * An initial and a family name ("by H. Adair", "K. Sravani (daughter-in-law)", "son K. Ravi Teja"): the word after the
   * initial a name word that is no ordinary one, or a word no list knows; not after another capitalised word ("Plan B.
   * Kowalski", "Vitamin D. Smith") or an abbreviation ("Fed. R. Civ. P."). The last token taken, or i.
   */
  private afterInitial(i: number): number {
    const { text, toks } = this;
    const t = toks[i] as Tok;
    let n = toks[i + 1] as Tok;
    if (text.charCodeAt(t.end) !== 46 || this.capBefore(i)) return i;
    // Two initials ("D. M. Tran", "N. K. Subramanian").
    let first = i + 1;
    if (n.initial && n.start === t.end + 2 && text.charCodeAt(n.end) === 46 && toks[i + 2] !== undefined && (toks[i + 2] as Tok).start === n.end + 2) {
      first = i + 2;
      n = toks[first] as Tok;
      if (n.initial || n.end - n.start < 4) return i; // "E. D. Cal." is a court's
    }
    // A family name in capitals after the initials ("N. K. SUBRAMANIAN, J."): no ordinary, domain or never-name word.
    if (n.allCaps) {
      if (n.end - n.start < 3 || (this.F(n) & (COMMON | DOMAIN | NEVER | TITLE | STATE)) !== 0 || (first === i + 1 && !/^,|^ ?\(/.test(text.slice(n.end, n.end + 2)))) return i;
      this.take(i, first, 0.8);
      return first;
    }
    if (n.initial || this.eponym(first)) return i;
    // Not the pronoun after a transcript's "Q." ("Q. I'm showing you").
    if (text.charCodeAt(n.start) === 73 && (text.charCodeAt(n.start + 1) === 39 || text.charCodeAt(n.start + 1) === 8217)) return i;
    // After an abbreviation ("Fed. R. Civ. P.", "Mass. R. Evid.", "E.D. Cal."): a citation's initials, not a person's.
    const p = toks[i - 1];
    if (text.charCodeAt(t.start - 1) === 46 || (p !== undefined && p.end + 2 === t.start && text.charCodeAt(p.end) === 46)) return i;
    const f = this.F(n);
    if (!(this.strong(n) || this.eponymName(n) || (f === 0 && n.end - n.start >= 4 && this.unknownIsEvidence()))) return i;
    const j = this.extend(first, 3, NAME_WORD);
    if (this.isOrgNext(j)) return i;
    this.take(i, j, 0.8);
    return j;
  }

  /**
   * Names right before "born", "b." or "née" and a number ("River Mundine born 3 May 2016", "Anna King, b. 1884"): found
   * from the runs of digits, the marker read backwards from each, the name's one to three words before it.
   */
  private bornNames(): void {
    const { text, toks, emitted } = this;
    const runs = digitRuns(text);
    for (let r = 0; r < runs.starts.length; r++) {
      const mark = bornMarkBefore(text, runs.starts[r] as number);
      if (mark < 0) continue;
      const j = lowerBound(toks, mark) - 1; // the last token before the mark
      const last = toks[j];
      if (last === undefined || emitted[j] || last.end !== mark) continue;
      let i = j;
      while (i > 0 && j - i < 2 && !emitted[i - 1] && this.adjacent(toks[i - 1] as Tok, toks[i] as Tok)) i--;
      // From the first word that is a name's: no never-name word, title, state; one word alone no ordinary or domain word.
      while (i <= j && (this.never(toks[i] as Tok) || this.isTitle(toks[i] as Tok) || (this.F(toks[i] as Tok) & STATE) !== 0)) i++;
      if (i > j || toks.slice(i, j + 1).some((w) => this.never(w) || (w.end - w.start < 2 && !w.initial))) continue;
      if (i === j && (this.F(toks[i] as Tok) & (COMMON | DOMAIN)) !== 0) continue;
      this.take(i, j, 0.85);
    }
  }

  /**
   * A county, parish or borough named before its word at token i ("in Geauga County", "Orange County", "St. Tammany
   * Parish"): one or two capitalised words right before it, no never-name word (but an ordinary word may name one).
   */
  private countyBefore(i: number): void {
    const toks = this.toks;
    let k = i;
    while (k > 0 && i - k < 2 && !(toks[k - 1] as Tok).allCaps && this.adjacent(toks[k - 1] as Tok, toks[k] as Tok) && !this.never(toks[k - 1] as Tok)) k--;
    if (k === i) return; // no name before it, or only a never-name ("The County Judge")
    this.emit('GEO', (toks[k] as Tok).start, (toks[i] as Tok).end, 0.85);
    for (let m = k; m <= i; m++) this.emitted[m] = 1;
  }

  /**
   * A place at token i known by what stands around it: a county's word after its name (countyBefore); a town before its
   * province in parentheses, as Canada writes it ("Rimouski (Québec)", "Baie-Comeau (Qc)"); the place after "the town
   * of"; a place after an Indian address's abbreviation ("R/o Dhorkin, Tq. Paithan, Dist. Chhatrapati Sambhajinagar").
   * Its last token, or -1. (Apart from rulesAt, which stays small.)
   */
  private placeCuesAt(i: number): number {
    const text = this.text;
    const t = this.toks[i] as Tok;
    if (i > 0 && isCountyWord(text, t.start, t.end)) {
      this.countyBefore(i);
      return i;
    }
    if (text.charCodeAt(t.end + 1) !== 40 && !mayEndPlaceCue(text, t.start - 1)) return -1; // most tokens
    if (text.charCodeAt(t.end) === 32 && text.charCodeAt(t.end + 1) === 40 && PROVINCE_AFTER_RE.test(text.slice(t.end, t.end + 22))) {
      this.emit('GEO', t.start, t.end, 0.85);
      this.emitted[i] = 1;
      return i;
    }
    if (text.charCodeAt(t.start - 1) !== 32) return -1;
    // "the village of Kohak", "the City of Rancho Santa Margarita", "County of Orange".
    if ((text.charCodeAt(t.start - 2) | 32) === 102 && (text.charCodeAt(t.start - 3) | 32) === 111 && text.charCodeAt(t.start - 4) === 32 && mayBePlaceOf(text, t.start - 4)) {
      const word = wordEndingAt(text, t.start - 4);
      // "the town of …" or "Town of …" (not "the largest city of Bulgaria", a country's city).
      const at = t.start - 4 - word.length;
      if (PLACE_OF.has(word.toLowerCase()) && (isUpper(word.charCodeAt(0)) || /(?:^|[^A-Za-z])[Tt]he $/.test(text.slice(Math.max(0, at - 5), at)))) {
        return this.placeAfterCue(i, true);
      }
    }
    return placeCueBefore(text, t.start - 1) ? this.placeAfterCue(i, false) : -1;
  }

  /**
   * The place (one to three capitalised words) at token i after a place's cue (placeCueBefore, or "the town of"):
   * its last token, or -1. `ordinary`: its first word may be an ordinary word.
   */
  private placeAfterCue(i: number, ordinary: boolean): number {
    const toks = this.toks;
    const t = toks[i] as Tok;
    // (After "the town of", an ordinary word may name the place: "County of Orange", "Town of Old Lyme".)
    if (t.allCaps || t.initial || (this.F(t) & ((ordinary ? 0 : COMMON) | NEVER | TITLE | STATE)) !== 0) return -1;
    let j = i;
    while (j + 1 < toks.length && j - i < 2 && this.adjacent(toks[j] as Tok, toks[j + 1] as Tok) && !(toks[j + 1] as Tok).allCaps && (this.F(toks[j + 1] as Tok) & (NEVER | TITLE)) === 0) j++;
    // After "County of" or "the town of" a place is sure enough that a domain word is one too ("County of Orange").
    this.emit('GEO', t.start, (toks[j] as Tok).end, ordinary ? 0.9 : 0.85);
    this.placeEnd = (toks[j] as Tok).end;
    for (let k = i; k <= j; k++) this.emitted[k] = 1;
    return j;
  }

  /**
   * A name that opens with a word in capitals at token i, the token after it one space away: a surname in capitals
   * before given names, as Chinese, Singapore and Hong Kong records write them ("LAM Chi-keung", "WONG Mei Ling"): a
   * list's surname of five letters or fewer, then one or two given names or hyphenated syllables; or a full name in
   * capitals ("DARIO MORETTI-FLYNN", "MARGARET ELLEN HARDY"): a given name that is no ordinary word, then one or two
   * words of three letters or more in capitals that are names or no list's words. The last token taken, or i.
   */
  private capsName(i: number): number {
    const toks = this.toks;
    const t = toks[i] as Tok;
    const n = toks[i + 1] as Tok;
    const f = this.F(t);
    if ((f & (NEVER | TITLE | STATE)) !== 0 || t.end - t.start < 2) return i;
    if (!n.allCaps && !n.initial) {
      if ((f & SUR) === 0 || t.end - t.start > 5) return i;
      let j = i;
      while (j + 1 < toks.length && j - i < 2) {
        const u = toks[j + 1] as Tok;
        const g = this.F(u);
        if (u.allCaps || u.initial || !this.adjacent(toks[j] as Tok, u) || (g & (COMMON | NEVER | TITLE | STATE | DOMAIN)) !== 0) break;
        // A given name, or a romanised name's hyphenated syllables ("Chi-keung"): not "SAX Parser".
        if ((g & FIRST) === 0 && !hasHyphen(this.text, u.start, u.end)) break;
        j++;
      }
      // Not remembered for later mentions (below 0.85): the capitals alone are no name.
      if (j > i) this.take(i, j, 0.8);
      return j;
    }
    if ((f & FIRST) === 0 || (f & (COMMON | DOMAIN)) !== 0) return this.threeCapsNameWords(i);
    let j = i;
    while (j + 1 < toks.length && j - i < 2) {
      const u = toks[j + 1] as Tok;
      const g = this.F(u);
      if (!u.allCaps || u.end - u.start < 3 || !this.adjacent(toks[j] as Tok, u) || (g & (NEVER | TITLE | STATE)) !== 0) break;
      if ((g & NAMEISH) === 0 && (g & (COMMON | DOMAIN)) !== 0) break;
      j++;
    }
    if (j > i) this.take(i, j, 0.85);
    return j;
  }

  /**
   * Three words in capitals in a row, each a word of the name lists and none an ordinary, domain or never-name word, a
   * title or a state: a full name whose given name the lists hold only as a surname ("KEIKO YAMAMOTO TANAKA"). The
   * last token taken, or i.
   */
  private threeCapsNameWords(i: number): number {
    const toks = this.toks;
    if (i + 2 >= toks.length) return i;
    for (let k = i; k <= i + 2; k++) {
      const u = toks[k] as Tok;
      const g = this.F(u);
      if (!u.allCaps || u.end - u.start < 3 || (g & NAMEISH) === 0 || (g & (COMMON | DOMAIN | NEVER | TITLE | STATE)) !== 0) return i;
      if (k > i && !this.adjacent(toks[k - 1] as Tok, u)) return i;
    }
    this.take(i, i + 2, 0.85);
    return i + 2;
  }

  /**
   * A name in capitals with a middle initial ("MANGESH S. DESHMUKH"): two words in capitals, neither an ordinary, domain
   * or never-name word, around an initial and its dot. The last token taken, or i.
   */
  private capsAroundInitial(i: number): number {
    const { text, toks } = this;
    const a = toks[i] as Tok;
    const m = toks[i + 1] as Tok;
    const b = toks[i + 2];
    if (b === undefined || !b.allCaps || text.charCodeAt(m.end) !== 46 || b.start !== m.end + 2) return i;
    for (const w of [a, b]) if (w.end - w.start < 3 || (this.F(w) & (COMMON | DOMAIN | NEVER | TITLE | STATE)) !== 0) return i;
    this.take(i, i + 2, 0.85);
    return i + 2;
  }

  /** The name after the title at token i, if any ("Dr. Okafor", "Mr. J. Smith"): the last token taken, or i. */
  private afterTitle(i: number): number {
    const toks = this.toks;
    const n = toks[i + 1];
    // A heading in capitals ("INTAKE NURSE CALLBACK NOTE"): after a title in capitals, a word no name list holds, then
    // an ordinary word in capitals ("EXAMINATION BY MR. GEAR:" stays a name).
    if (n && n.allCaps && (toks[i] as Tok).allCaps && (this.F(n) & NAMEISH) === 0) {
      const after = toks[i + 2];
      if (after !== undefined && after.allCaps && this.adjacent(n, after) && (this.F(after) & (COMMON | NEVER)) !== 0) return i;
    }
    // A title in capitals without its period before an ordinary word that is no name is an abbreviation ("MS Word
    // Documents", "the MS Society", "DR Congo").
    const title = toks[i] as Tok;
    if (n && title.allCaps && !n.allCaps && this.text.charCodeAt(title.end) !== 46 && (this.F(n) & COMMON) !== 0) {
      const next = toks[i + 2];
      const ordinary = (t: Tok) => (this.F(t) & COMMON) !== 0 && (this.F(t) & NAMEISH) === 0;
      if (ordinary(n) || (next !== undefined && this.adjacent(n, next) && !next.allCaps && ordinary(next))) return i;
    }
    if (n && (this.accepts(i + 1, AFTER_TITLE) || (n.allCaps && !this.never(n)))) {
      const j = this.extend(i + 1, 3, AFTER_TITLE);
      if (!(toks[j] as Tok).initial) {
        this.take(i + 1, j, 0.95);
        return j;
      }
    }
    return i;
  }

  /** A given name at token i and the name-like words after it, on evidence: the last token taken, or i. */
  private afterGivenName(i: number): number {
    const { text, toks } = this;
    const t = toks[i] as Tok;
    const j = this.extend(i, 4, AFTER_GIVEN);
    if (j === i) return i;
    // In German or Dutch text an article is no given name ("Der Begriff „Abwandlung“", "Der Lizenzgeber ist").
    if (t.end - t.start === 3 && !this.unknownIsEvidence() && ARTICLES.has(text.slice(t.start, t.end).toLowerCase())) return i;
    // Evidence beyond the given name: a dictionary name that is no ordinary word, or (mid-sentence, or after
    // an unambiguous given name) a capitalised word no list knows, such as a rare surname.
    // A name the medical word lists also hold for an eponym ("Thomas splint", "Alice in Wonderland syndrome", "Paul–
    // Bunnell test", "Campbell de Morgan spots") is evidence too when it stands in a run of name words none of which is
    // used as an eponym: "Alice Smith", "Thomas Miller", "Mark Campbell" (the eponyms themselves end at the lower-case
    // word, or are caught by the eponym check above).
    let evidence = this.strong(t) || this.eponymName(t) ? 1 : 0;
    const unknownCounts = evidence > 0 || !t.sentenceStart;
    let allOrdinary = true;
    for (let k = i; k <= j; k++) {
      const u = toks[k] as Tok;
      if (!u.initial && ((this.F(u) & (COMMON | DOMAIN)) === 0 || this.eponymName(u))) allOrdinary = false;
      if (k === i) continue;
      if (this.strong(u) || this.eponymName(u) || (unknownCounts && !u.initial && !this.nameish(u) && this.weak(u) && u.end - u.start >= 3 && this.unknownIsEvidence())) evidence++;
      // A surname's particle after a given name is evidence even at a sentence's start ("Grace de Vries called").
      else if (u.start - (toks[k - 1] as Tok).end >= 4 && !u.initial && this.weak(u) && (this.nameish(u) || this.unknownIsEvidence())) evidence++;
    }
    // A state's name as a given name needs a surname that is no ordinary word ("Georgia Bar", "Florida Power" are not).
    let stateOfOrdinary = (this.F(t) & STATE) !== 0;
    for (let k = i + 1; k <= j && stateOfOrdinary; k++) if ((this.F(toks[k] as Tok) & COMMON) === 0) stateOfOrdinary = false;
    if (evidence > 0 && !(allOrdinary && t.sentenceStart) && !stateOfOrdinary && !this.isOrgNext(j)) {
      this.take(i, j, 0.85);
      return j;
    }
    return i;
  }

  /**
   * Two or three name-like words from token i standing alone: either one is an unambiguous dictionary name or none is
   * in any list. Not part of a longer capitalised phrase ("GNU Affero General Public License"), not all places. The
   * last token taken, or i.
   */
  private standingAlone(i: number): number {
    const { text, toks } = this;
    const t = toks[i] as Tok;
    let j = this.extend(i, 3, STANDING_ALONE);
    // A title opens the next name: it ends none ("Neighbour Mrs. Fitzpatrick").
    for (let k = i + 1; k <= j; k++) {
      if ((this.F(toks[k] as Tok) & TITLE) !== 0) {
        j = k - 1;
        break;
      }
    }
    if (j === i) return i;
    let anyStrong = false;
    let allUnknown = true;
    let allPlaces = true;
    for (let k = i; k <= j; k++) {
      const u = toks[k] as Tok;
      if (this.strong(u)) anyStrong = true;
      if ((this.F(u) & (NAMEISH | COMMON)) !== 0) allUnknown = false;
      if ((this.F(u) & STATE) === 0) allPlaces = false;
    }
    // At a sentence start capitals say nothing: only words no list knows, standing as a phrase of their own
    // ("A. Leonid Linson."), count there.
    const evidenceOk = t.sentenceStart
      ? allUnknown && STANDS_ALONE_RE.test(text.slice((toks[j] as Tok).end, (toks[j] as Tok).end + 1)) && this.unknownIsEvidence()
      : anyStrong || (allUnknown && this.unknownIsEvidence());
    if (evidenceOk && !allPlaces && !this.isNextCap(j)) {
      this.take(i, j, 0.7);
      return j;
    }
    return i;
  }

  /** Later mentions of a name already found: "Mr. Kowalczyk … Kowalczyk reports". */
  private laterMentions(): void {
    const { text, toks, emitted, foundHashes, foundKeys } = this;
    for (let i = 0; i < toks.length; i++) {
      if (emitted[i]) continue;
      const t = toks[i] as Tok;
      const key = foundKey(text, t.start, t.end);
      if (
        (foundKeys[key >>> 5]! & (1 << (key & 31))) !== 0 && foundHashes.has(hashRange(text, t.start, t.end)) &&
        this.isFound(t.start, t.end) && !this.eponym(i) &&
        // An ordinary word alone: not opening a sentence, not in a longer capitalised phrase ("Catholic Church").
        !((this.F(t) & COMMON) !== 0 && (t.sentenceStart || this.isPrevCap(i) || this.isNextCap(i) || ARTICLE_BEFORE_RE.test(text.slice(Math.max(0, t.start - 5), t.start)))) &&
        // Not before a word that names no one ("Roman Catholic" after a "Roman" was found).
        !(this.isNextCap(i) && this.never(toks[i + 1] as Tok) && !NAME_SUFFIX_RE.test(text.slice((toks[i + 1] as Tok).start, (toks[i + 1] as Tok).end)))
      ) {
        this.emit('NAME', t.start, t.end, 0.8);
      }
    }
  }

  /** Lexicon flags of a token, looked up on first use: most capitalised words never need them. */
  private F(t: Tok): number {
    return t.f >= 0 ? t.f : this.lookUp(t);
  }

  /** F's first look-up (apart, so that the many places F is compiled into do not each hold a copy of it). */
  private lookUp(t: Tok): number {
    // A contraction is an ordinary word, never a name ("Client: Don't log …", "Won't").
    if (isContraction(this.text, t.end)) {
      t.f = COMMON | NEVER;
      return t.f;
    }
    let f = this.flags.get(this.text, t.start, t.end);
    if (f === 0) f = this.flags.getWithoutAccents(this.text, t.start, t.end);
    if (f === 0) f = inflectionFlags(this.flags, this.text, t.start, t.end);
    if (f === 0) f = compoundFlags(this.flags, this.text, t.start, t.end);
    t.f = f;
    return f;
  }

  /** Whether words no list knows may count as evidence of a name (see english.ts). */
  private unknownIsEvidence(): boolean {
    if (this.englishCache < 0) this.englishCache = looksEnglish(this.text) ? 1 : 0;
    return this.englishCache === 1;
  }

  private eponym(k: number): boolean {
    if (this.eponymCache[k] === 0) this.eponymCache[k] = isEponym(this.text, (this.toks[k] as Tok).end) ? 1 : 2;
    return this.eponymCache[k] === 1;
  }

  private nameish(t: Tok): boolean {
    return (this.F(t) & NAMEISH) !== 0;
  }

  /** A name word that is no ordinary or domain word: "Kowalczyk", "Okafor", "Siobhan". */
  private strong(t: Tok): boolean {
    const f = this.F(t);
    return (f & NAMEISH) !== 0 && (f & (COMMON | DOMAIN | NEVER)) === 0;
  }

  /** A name that is no ordinary word but is in the domain lists, for an eponym: "Alice", "Thomas", "Campbell". */
  private eponymName(t: Tok): boolean {
    const f = this.F(t);
    return (f & NAMEISH) !== 0 && (f & DOMAIN) !== 0 && (f & (COMMON | NEVER)) === 0;
  }

  /** The last token of the name that acts at token i (see nameRulesAt), else i. */
  private actor(i: number): number {
    const { text, toks } = this;
    let j = i;
    while (j < i + 2 && j + 1 < toks.length && this.adjacent(toks[j] as Tok, toks[j + 1] as Tok) && (toks[j + 1] as Tok).start - (toks[j] as Tok).end === 1) j++;
    if (j === i) return i;
    const last = toks[j] as Tok;
    if (!ACTOR_VERB_AFTER_RE.test(text.slice(last.end, last.end + 16))) return i;
    let unknown = true;
    for (let k = i; k <= j; k++) {
      const tk = toks[k] as Tok;
      const f = this.F(tk);
      if (tk.allCaps || tk.initial || tk.end - tk.start < 2 || (f & (NEVER | TITLE | STATE | DOMAIN | PLACE | TOWN)) !== 0 || ((f & COMMON) !== 0 && (f & NAMEISH) === 0)) return i;
      if ((f & (NAMEISH | COMMON)) !== 0) unknown = false;
    }
    if (!unknown && (this.F(last) & SUR) === 0) return i;
    if (unknown && !this.unknownIsEvidence()) return i;
    if (this.isOrgNext(j)) return i;
    this.take(i, j, 0.8);
    return j;
  }

  /**
   * Whether token i alone is a person by what it does next (LONE_ACTOR_VERB_AFTER_RE: "Olumide says", "Aroha is 6 years
   * old", "Thabo denied"): a given name the lists hold, or in English text a word no list holds, that is no
   * ordinary, domain or never-name word, title, state or place, and no part of a longer capitalised name. Taken if so.
   */
  private loneActor(i: number): boolean {
    const { text, toks } = this;
    const t = toks[i] as Tok;
    if (t.allCaps || t.initial || t.end - t.start < 3 || text.charCodeAt(t.end) !== 32) return false;
    // Most words are followed by none of the verbs: their first two letters first.
    if (!LONE_ACTOR_VERB_HEADS.has((text.charCodeAt(t.end + 1) << 16) | text.charCodeAt(t.end + 2))) return false;
    const verb = LONE_ACTOR_VERB_AFTER_RE.exec(text.slice(t.end, t.end + 32));
    if (verb === null) return false;
    const f = this.F(t);
    if ((f & (COMMON | NEVER | TITLE | STATE | DOMAIN | PLACE | TOWN)) !== 0) return false;
    // A word no list holds: not with the verbs a given name alone takes (group 1), nor a plural ("Insiders said").
    if ((f & FIRST) === 0 && (f !== 0 || verb[1] !== undefined || text.charCodeAt(t.end - 1) === 115 || !this.unknownIsEvidence())) return false;
    if (this.isPrevCap(i) || ORG_WORDS.has(text.slice(t.start, t.end).toLowerCase())) return false;
    this.take(i, i, 0.75);
    return true;
  }

  /**
   * Whether a word after a greeting may be a name: a name word, a word no list knows or a domain word only ("Hi Ama,"),
   * no title, no word for a relative or a group ("Dear Sir", "Hi Mum", "Hello everyone").
   */
  private greeted(t: Tok): boolean {
    const f = this.F(t);
    if ((f & (TITLE | NEVER | STATE)) !== 0 || t.end - t.start < 2 || GREETED_NOT_NAMES.has(this.text.slice(t.start, t.end).toLowerCase())) return false;
    return this.weak(t) || (f & COMMON) === 0;
  }

  /** Whether token i is a word no list holds as ordinary, domain or never-name, before an age in parentheses ("Lerato (14)"). */
  private namedWithAge(i: number): boolean {
    const { text } = this;
    const t = this.toks[i] as Tok;
    return text.charCodeAt(t.end + 1) === 40 && text.charCodeAt(t.end) === 32 && this.weak(t) && (this.F(t) & (COMMON | DOMAIN)) === 0 &&
      AGE_IN_PARENS_AFTER_RE.test(text.slice(t.end, t.end + 6));
  }

  /**
   * Whether token i stands after a preposition that a place follows ("in", "from", "to" …), unless a word of talking or
   * writing comes before it and the word is no place the gazetteer holds ("Spoke to Siobhan", "a message from Kwabena").
   */
  private afterPlacePreposition(i: number): boolean {
    const t = this.toks[i] as Tok;
    if (!PLACE_PREPOSITION.test(this.text.slice(Math.max(0, t.start - 8), t.start))) return false;
    return (this.F(t) & (PLACE | TOWN | PLACE_START)) !== 0 || !TALK_BEFORE_RE.test(this.text.slice(Math.max(0, t.start - 32), t.start));
  }

  /**
   * The person a greeting opening the line at `line` is to: "Dear Siobhan,", "Hi Kwabena,", "Hello Ama Owusu" (a title
   * after it is read by the title's rule: "Dear Dr Okafor"; an ordinary word is no name: "Dear Colleague", "Hi team").
   */
  private greetingAt(line: number): void {
    const { text } = this;
    let at = line;
    while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
    const c = text.charCodeAt(at);
    // "D", "H" (a greeting); "T", "R", "K", "B", "C", "L", "M", "W", "x" (a sign-off)
    if (c !== 68 && c !== 72 && c !== 84 && c !== 82 && c !== 75 && c !== 66 && c !== 67 && c !== 76 && c !== 77 && c !== 87 && c !== 120) return;
    const greeting = c === 68 || c === 72 ? GREETINGS.find((g) => text.startsWith(g, at)) : undefined;
    if (greeting !== undefined) {
      this.greetedName(at + greeting.length, false);
      return;
    }
    // A sign-off and the name on the same line, ending it: "Thanks, Esi", "Regards Segun", "Cheers! Ama". (The first
    // words' heads first: most lines open with none.)
    const heads = SIGNOFF_LINE_HEADS.get(c);
    if (heads === undefined || !heads.some((h) => text.startsWith(h, at))) return;
    const m = SIGNOFF_LINE_RE.exec(text.slice(at, at + 24));
    if (m !== null) this.greetedName(at + m[0].length, true);
  }

  /**
   * The name of one to three words at `start` after a greeting or a sign-off (greeted), followed by ",", "!", "." or
   * the line's end; `ends`: the line's end only, "!" or "." before it maybe.
   */
  private greetedName(start: number, ends: boolean): void {
    const { text, toks, emitted } = this;
    const i = lowerBound(toks, start);
    const t = toks[i];
    if (t === undefined || t.start !== start || emitted[i] || t.allCaps || !this.greeted(t)) return;
    let j = i;
    while (j + 1 < toks.length && j - i < 2 && this.adjacent(toks[j] as Tok, toks[j + 1] as Tok) && this.greeted(toks[j + 1] as Tok)) j++;
    let e = (toks[j] as Tok).end;
    const after = text.charCodeAt(e);
    if (ends) {
      if (after === 33 || after === 46) e++;
      while (text.charCodeAt(e) === 32 || text.charCodeAt(e) === 9) e++;
      if (e < text.length && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) return;
    } else if (after !== 44 && after !== 10 && after !== 13 && after !== 33 && after !== 46) return; // ",", a line's end, "!", "."
    this.take(i, j, 0.9); // (sure enough for a domain word: "Hi Ama,")
    if (i > 0 && !ends) emitted[i - 1] = 1; // "Hi" is a given name too: no part of the name after it ("Hi John,")
  }

  /**
   * The person whose relative or phone follows the name ending at token i: after a possessive ("Amara's mum called",
   * "Kwame Asante's daughter"; a mail's footer "Sent from Aroha's iPhone") or after "and his" or "and her" ("Ahmed and
   * his brother Karim", "Grace and her husband"). One to three words, a word of the name lists among them (or a word no
   * list holds in a footer), no place, no title, no role after "the" ("the President's wife"), no relative's word
   * ("Mum's phone").
   */
  private relativeAfter(i: number): void {
    const { text, toks } = this;
    const t = toks[i] as Tok;
    const c = text.charCodeAt(t.end);
    let phone = false;
    if (c === 39 || c === 8217) {
      if (text.charCodeAt(t.end + 1) !== 115 || text.charCodeAt(t.end + 2) !== 32) return; // "'s "
      AFTER_POSSESSIVE_RE.lastIndex = t.end + 3;
      const m = AFTER_POSSESSIVE_RE.exec(text);
      if (m === null) return;
      phone = m[1] === undefined;
    } else if (c === 32 && text.charCodeAt(t.end + 1) === 97 && text.startsWith(' and h', t.end)) {
      AND_HIS_RELATIVE_RE.lastIndex = t.end;
      if (!AND_HIS_RELATIVE_RE.test(text)) return;
    } else return;
    if (t.allCaps) return;
    let j = i;
    while (j > 0 && i - j < 2 && !this.emitted[j - 1] && this.adjacent(toks[j - 1] as Tok, toks[j] as Tok)) j--;
    while (j < i && this.isTitle(toks[j] as Tok)) j++; // "Mr Okafor's daughter": the title is no part of the name
    const start = (toks[j] as Tok).start;
    if (phone && !SENT_FROM_BEFORE_RE.test(text.slice(Math.max(0, start - 24), start))) return;
    let named = phone;
    for (let k = j; k <= i; k++) {
      const tk = toks[k] as Tok;
      const f = this.F(tk);
      if ((f & (NEVER | TITLE | STATE)) !== 0 || ((f & (PLACE | TOWN)) !== 0 && (f & FIRST) === 0)) return;
      if (isRelativeWord(text, tk.start, tk.end) || (phone && (f & COMMON) !== 0 && (f & NAMEISH) === 0)) return;
      if ((f & NAMEISH) !== 0) named = true;
    }
    if (!named || /\bthe $/i.test(text.slice(Math.max(0, start - 4), start))) return;
    this.take(j, i, 0.9);
  }

  /** Could be part of a name: a name word, or a word no list knows. */
  private weak(t: Tok): boolean {
    const f = this.F(t);
    return (f & NEVER) === 0 && t.end - t.start >= 2 && ((f & NAMEISH) !== 0 || (f & (COMMON | DOMAIN)) === 0);
  }

  private isTitle(t: Tok): boolean {
    return (this.F(t) & TITLE) !== 0;
  }

  private never(t: Tok): boolean {
    return (this.F(t) & NEVER) !== 0;
  }

  /** Adjacent: only a space between (or "J. " after an initial, or a particle: "Van der Berg", "María de la Cruz"). */
  private adjacent(a: Tok, b: Tok): boolean {
    const text = this.text;
    const gap = b.start - a.end;
    if (gap === 1 && text.charCodeAt(a.end) === 32) return true;
    // Across the break of a wrapped line, its indent maybe, only after a given name that is no ordinary word, before a
    // name word or a word no list holds: "help from Peter\nSchneider-Kamp" (not "places My\nWork").
    if (text.charCodeAt(a.end) === 10 && gap <= 9 && (this.F(a) & (FIRST | COMMON)) === FIRST && ((this.F(b) & COMMON) === 0 || (this.F(b) & NAMEISH) !== 0) &&
      isIndent(text, a.end + 1, b.start) && wrappedAt(text, a.end)) return true;
    if (gap === 1) return false;
    if (a.initial && text.charCodeAt(a.end) === 46) return gap === 2 && text.charCodeAt(a.end + 1) === 32;
    return gap >= 4 && gap <= 9 && !a.allCaps && PARTICLES_RE.test(text.slice(a.end, b.start));
  }

  private take(from: number, to: number, confidence: number): void {
    const toks = this.toks;
    this.emit('NAME', (toks[from] as Tok).start, (toks[to] as Tok).end, confidence);
    for (let k = from; k <= to; k++) {
      this.emitted[k] = 1;
      if (confidence >= 0.85) this.remember(k, to > from);
    }
    if (confidence >= 0.85) {
      this.nicknameAfter(to);
      this.conjunctAfter(from, to);
    }
  }

  /**
   * A second name joined to a name just found by "and" or "&", written the same way ("to KENJI ARAKAWA and NGOZI
   * ARAKAWA-EZE, husband and wife", "Maria Lopez and Tomás Ruiz"): two or three words, in capitals after a name in
   * capitals, capitalised otherwise, none an ordinary word the name lists do not hold, a domain, title, state or
   * never-name word. Taken after the other rules, where none took a word of it, below 0.85: not remembered, and no
   * conjunct of its own.
   */
  private conjunctAfter(from: number, to: number): void {
    const { text, toks } = this;
    const last = toks[to] as Tok;
    const j = to + 1;
    const first = toks[j];
    if (first === undefined || this.emitted[j]) return;
    const gap = text.slice(last.end, first.start);
    if (gap !== ' and ' && gap !== ' & ') return;
    const caps = (toks[from] as Tok).allCaps;
    let k = j;
    for (; k < toks.length && k - j < 3; k++) {
      const u = toks[k] as Tok;
      if (k > j && !this.adjacent(toks[k - 1] as Tok, u)) break;
      const f = this.F(u);
      if (u.initial || u.allCaps !== caps || u.end - u.start < 2 || (f & (NEVER | TITLE | STATE | DOMAIN)) !== 0 || ((f & COMMON) !== 0 && (f & NAMEISH) === 0)) break;
    }
    if (k - j >= 2 && !this.isOrgNext(k - 1)) this.conjuncts.push(j, k - 1);
  }

  /**
   * Remembers token k as a found name word, for later mentions in any case (not an initial; an ordinary word only as a
   * word of a full name the name lists hold, and then not where it opens a sentence: see laterMentions).
   */
  private remember(k: number, inFullName = false): void {
    const { text, toks } = this;
    const t = toks[k] as Tok;
    const f = this.F(t);
    // An ordinary word the name lists hold only as a word of a full name ("Hope O'Brien", "Grace Yang").
    if (t.initial || t.end - t.start < 3 || (f & (DOMAIN | NEVER | TITLE)) !== 0 || ((f & COMMON) !== 0 && (!inFullName || (f & NAMEISH) === 0))) return;
    const h = hashRange(text, t.start, t.end);
    if (!this.foundHashes.has(h) || !this.isFound(t.start, t.end)) {
      this.foundStarts.push(t.start);
      this.foundEnds.push(t.end);
      this.foundHashes.add(h);
    }
    const key = foundKey(text, t.start, t.end);
    this.foundKeys[key >>> 5] = this.foundKeys[key >>> 5]! | (1 << (key & 31));
  }

  /**
   * A nickname right after a name ended by token j, in quotes or parentheses ("Konstantinos \"Kostas\" Papadopoulos",
   * "Alexandros (\"Alex\") Karamanlis", "PAPADOPOULOS, Dimitra (\"Mitsi\")", "TRAN, Van Hung (goes by \"Henry\")"), and
   * the family name after it: taken and remembered, so that later mentions of the nickname are found too.
   */
  private nicknameAfter(j: number): void {
    const { text, toks } = this;
    const end = (toks[j] as Tok).end;
    const c = text.charCodeAt(end + 1);
    if (c !== 40 && c !== 34 && c !== 8220 && !(text.charCodeAt(end) === 44 && text.charCodeAt(end + 2) === 40)) return;
    const m = NICKNAME_AFTER_RE.exec(text.slice(end, end + 40));
    // (Only in English text, asked last: in German a quoted term follows many a capitalised noun, "Der Begriff
    // \"Abwandlung\"".)
    if (m === null || !this.unknownIsEvidence()) return;
    const nick = (m[1] ?? m[2]) as string;
    const at = end + m[0].lastIndexOf(nick);
    const k = lowerBound(toks, at);
    const t = toks[k];
    if (t === undefined || t.start !== at || t.end !== at + nick.length || this.never(t) || this.isTitle(t)) return;
    // In quotes no ordinary word that is no given name (a contract's defined term: ("Landlord")); without quotes only a
    // given name that is no ordinary word ("(Kasia)" is left, as "(Vietnamese)", "(Pharmacy)").
    const f = this.F(t);
    if (/["“]/.test(m[0]) ? (f & (COMMON | FIRST)) === COMMON : (f & (FIRST | COMMON)) !== FIRST) return;
    this.emit('NAME', t.start, t.end, 0.9);
    this.emitted[k] = 1;
    this.remember(k);
    // The family name after the nickname ("… \"Kostas\" Papadopoulos").
    const next = toks[k + 1];
    const close = end + m[0].length;
    if (next !== undefined && next.start === close + 1 && text.charCodeAt(close) === 32 && !next.allCaps && this.weak(next) && !this.emitted[k + 1]) {
      const last = this.extend(k + 1, 2, AFTER_GIVEN);
      this.emit('NAME', next.start, (toks[last] as Tok).end, 0.9);
      for (let q = k + 1; q <= last; q++) {
        this.emitted[q] = 1;
        this.remember(q);
      }
    }
  }

  /** Whether text[start, end) equals a found name word, compared case-folded. */
  private isFound(start: number, end: number): boolean {
    const text = this.text;
    const n = end - start;
    for (let k = 0; k < this.foundStarts.length; k++) {
      const s = this.foundStarts[k] as number;
      if ((this.foundEnds[k] as number) - s !== n) continue;
      let j = 0;
      while (j < n && fold(text.charCodeAt(s + j)) === fold(text.charCodeAt(start + j))) j++;
      if (j === n) return true;
    }
    return false;
  }

  /** Extends a name from token i over adjacent tokens that `accept` takes (at most `max` tokens in all). */
  private extend(i: number, max: number, accept: Accept): number {
    const toks = this.toks;
    let j = i;
    for (;;) {
      if (j + 1 >= toks.length || j - i + 1 >= max || !this.adjacent(toks[j] as Tok, toks[j + 1] as Tok)) break;
      if (this.accepts(j + 1, accept)) j++;
      else if (j + 2 < toks.length && this.isCapitalParticle(j + 1) && this.adjacent(toks[j + 1] as Tok, toks[j + 2] as Tok) && this.accepts(j + 2, accept)) j += 2;
      else break;
    }
    while (j > i && (toks[j] as Tok).initial) j--;
    return j;
  }

  /** Whether token k is a capitalised particle of Arabic or Irish names ("Hessa Al Suwaidi", "Sinéad Ó Murchú"). */
  private isCapitalParticle(k: number): boolean {
    const t = this.toks[k] as Tok;
    const n = t.end - t.start;
    // By its length and its second letter first (l, i, b, a, c, í; "Ó" has one): most words after a name are no particle.
    if (n > 4) return false;
    if (n > 1) {
      const second = this.text.charCodeAt(t.start + 1);
      if (second !== 108 && second !== 105 && second !== 98 && second !== 97 && second !== 99 && second !== 237) return false;
    }
    return CAPITAL_PARTICLES.has(this.text.slice(t.start, t.end));
  }

  private accepts(k: number, accept: Accept): boolean {
    const u = this.toks[k] as Tok;
    switch (accept) {
      case AFTER_LABEL:
      case AFTER_ROLE:
        return (
          this.nameWord(k) || (u.allCaps && !this.never(u)) ||
          (accept === AFTER_LABEL && !this.never(u) && !this.isTitle(u) && !this.eponym(k) && (this.F(u) & DOMAIN) === 0)
        );
      case NAME_WORD:
        return this.nameWord(k);
      case AFTER_TITLE:
        // After a title even an ordinary or domain word is a surname: "Dr. Emmi Cash", "Ms. Pink", "Dr. Foley".
        return this.nameWord(k) || (!this.never(u) && !u.allCaps && !this.isTitle(u) && !this.eponym(k));
      case AFTER_GIVEN:
        return this.nameWord(k) && !u.allCaps;
      case STANDING_ALONE:
        return !u.allCaps && !u.initial && this.weak(u) && !this.eponym(k);
    }
  }

  private nameWord(k: number): boolean {
    const t = this.toks[k] as Tok;
    if (this.isTitle(t)) return false;
    if (t.initial) return true;
    if (this.weak(t)) return !this.eponym(k);
    return (this.F(t) & DOMAIN) !== 0 && this.nameish(t) && !this.never(t) && !this.eponym(k);
  }

  /** Name after a label, role or sign-off starting at token i ("Roe, Jane M.", "JANE ROE"). */
  private labelled(i: number, role: boolean, people = false): void {
    const { text, toks } = this;
    const t = toks[i] as Tok;
    if (this.isTitle(t) || this.never(t) || (t.end - t.start < 2 && !t.initial)) return;
    if (role && (t.allCaps || (this.F(t) & DOMAIN) !== 0 || !this.weak(t))) return;
    // After a label an ordinary word is a name only when more of the name follows: "Lillie, Gwendolin",
    // "Kimberley Madonna" — not "Defendant: To survive …".
    const next0 = toks[i + 1];
    const more = text.charCodeAt(t.end) === 44 || (next0 !== undefined && this.adjacent(t, next0));
    if (!t.initial && !this.weak(t) && !more) return;
    let j = this.extend(i, 4, role ? AFTER_ROLE : AFTER_LABEL);
    // (Not an organisation's name: "Cc: Records Dept", "Referred by: Harbor Legal Services".)
    if (this.isOrgNext(j)) return;
    const next = toks[j + 1];
    const last = toks[j] as Tok;
    // (Not a credential or a code in capitals after a name that is not: "Adaeze Okafor, ARDC No. 6329114".)
    // (Nor an organisation's initials in capitals before lower-case words: "Ha-eun Park, DAWN legal advocacy".)
    const acronym = next !== undefined && next.allCaps && !last.allCaps && text.charCodeAt(next.end) === 32 && isAsciiLower(text.charCodeAt(next.end + 1));
    if (!role && !people && next && !acronym && next.start === last.end + 2 && text.charCodeAt(last.end) === 44 && text.charCodeAt(last.end + 1) === 32 && this.weak(next) && !this.isTitle(next) && (!next.allCaps || last.allCaps || (this.F(next) & NAMEISH) !== 0)) {
      j = this.extend(j + 1, 3, NAME_WORD); // "Roe, Jane" (surname first)
      const initial = toks[j + 1];
      if (initial?.initial && this.adjacent(toks[j] as Tok, initial)) j++; // keep "M." of "Roe, Jane M."
    }
    this.take(i, j, 0.9);
    if (people) this.moreEntries(j);
  }

  /**
   * After a label of several people ("Children: Kofi, Esi and Yaw"), the entries after the name ending at token j: each
   * one to three name words after ", ", " and " or " & " (a remark in parentheses between maybe: "Kofi (9), Esi (6)").
   */
  private moreEntries(j: number): void {
    const { text, toks } = this;
    for (let k = j; k + 1 < toks.length; ) {
      let p = (toks[k] as Tok).end;
      if (text.charCodeAt(p) === 32 && text.charCodeAt(p + 1) === 40) {
        const shut = text.indexOf(')', p + 2);
        if (shut === -1 || shut - p > 12) return;
        p = shut + 1;
      }
      const gap = ENTRY_SEPARATOR_RE.exec(text.slice(p, p + 7));
      const n = toks[k + 1] as Tok;
      if (gap === null || n.start !== p + gap[0].length || this.emitted[k + 1] || n.allCaps || !this.weak(n) || this.isTitle(n)) return;
      const e = this.extend(k + 1, 3, NAME_WORD);
      this.take(k + 1, e, 0.85);
      k = e;
    }
  }

  /** Whether the capitalised word right after token j names an organisation or place ("… National Laboratory"). */
  private isOrgNext(j: number): boolean {
    if (!this.isNextCap(j)) return false;
    const n = this.toks[j + 1] as Tok;
    return ORG_WORDS.has(this.text.slice(n.start, n.end).toLowerCase());
  }

  private isPrevCap(i: number): boolean {
    const p = this.toks[i - 1];
    const t = this.toks[i] as Tok;
    return p !== undefined && t.start - p.end <= 2 && (this.text.charCodeAt(t.start - 1) === 32 || this.text.charCodeAt(t.start - 1) === 45);
  }

  /**
   * Whether token k is one of OPENING_WORDS opening a sentence, no part of a name after it: "Per Maria, the patient
   * slept well", "Between Muthoni Wairimu (the Vendor) and …", "Call Siobhan tomorrow".
   */
  private isOpeningWord(k: number): boolean {
    const t = this.toks[k] as Tok;
    return t.sentenceStart && t.end - t.start <= 9 && OPENING_WORDS.has(this.text.slice(t.start, t.end));
  }

  private isNextCap(i: number): boolean {
    const n = this.toks[i + 1];
    const t = this.toks[i] as Tok;
    return n !== undefined && n.start === t.end + 1 && this.text.charCodeAt(t.end) === 32;
  }
}

/**
 * Whether text[from, to) may separate two words of a place name: a space, or a few letters, spaces and dots on one
 * line (" de ", ". " of "St. Louis", " upon ").
 */
function placeGap(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 6 || text.charCodeAt(to - 1) !== 32) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 46 && !isAsciiLower(c)) return false;
  }
  return true;
}

/**
 * Where SIGNOFF_RE could match with the line break at `nl` as its first: the start of a sign-off word that ends the
 * line (before an optional comma, spaces or tabs and "\r"), or -1.
 */
function signoffOpening(text: string, nl: number): number {
  let p = nl;
  if (text.charCodeAt(p - 1) === 13) p--;
  while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 9)) p--;
  if (text.charCodeAt(p - 1) === 44) p--;
  const last = text.charCodeAt(p - 1);
  if (last !== 100 && last !== 121 && last !== 115) return -1; // every word ends in d, y or s
  for (const word of SIGNOFF_WORDS) if (p >= word.length && text.startsWith(word, p - word.length)) return p - word.length;
  return -1;
}

/**
 * A token's length and folded first and last letters in 15 bits. Words equal when lower-cased (Latin-1 letters, which
 * the tokens are made of, keep their length and fold as toLowerCase() does) have the same key.
 */
function foundKey(text: string, start: number, end: number): number {
  return (((end - start) & 31) << 10) | ((fold(text.charCodeAt(start)) & 31) << 5) | (fold(text.charCodeAt(end - 1)) & 31);
}

/**
 * The flags of a hyphenated word no list knows, from its parts: a given name when the first part is one and every other
 * part a name word ("Marie-Claire", "Jean-Baptiste", "Pierre-Louis"); else an ordinary word when every part is one
 * ("Sister-in-law", "Follow-Up", "Rose-May" too); 0 otherwise. A part in the domain lists must be a given name too: the
 * eponyms of syndromes pair surnames ("Mallory-Weiss", "Osgood-Schlatter", "Stevens-Johnson"), and their parts no list
 * knows as names ("Arnold-Chiari").
 */
function compoundFlags(flags: FlagTable, text: string, start: number, end: number): number {
  // (The dash searched inside the word only: indexOf would read on to the text's end for every word without one.)
  let dash = start + 1;
  while (dash < end - 1 && text.charCodeAt(dash) !== 45) dash++;
  if (dash >= end - 1) return 0;
  let common = COMMON;
  let name = true;
  let last = 0;
  for (let from = start; from < end; ) {
    let to = from;
    while (to < end && text.charCodeAt(to) !== 45) to++;
    const f = to > from ? flags.get(text, from, to) : 0;
    common &= f;
    if (to - from < 2 || (f & NAMEISH) === 0 || (f & (NEVER | TITLE | STATE)) !== 0 || ((from === start || (f & DOMAIN) !== 0) && (f & FIRST) === 0)) name = false;
    last = f;
    from = to + 1;
  }
  return name ? FIRST | (last & SUR) | common : common;
}

// The abbreviations and words of an Indian address before a place: "R/o" (resident of), "Tq." / "Tal." / "Taluka",
// "Dist." / "District", "Vill." / "Village", "Teh." / "Tehsil", "mouje", "At/Post".
const PLACE_CUES: ReadonlySet<string> = new Set(['r/o', 'tq.', 'tal.', 'taluka', 'dist.', 'district', 'vill.', 'village', 'teh.', 'tehsil', 'mouje', 'at/post', 'at/po']);

// Words for a place before "of" and its name.
const PLACE_OF: ReadonlySet<string> = new Set(['village', 'town', 'city', 'hamlet', 'municipality', 'borough', 'commune', 'county', 'parish', 'township']);

/**
 * Whether a word of PLACE_OF may end at `end`, by character codes: its last letter (e n y t h p) and its length (4, 6, 7,
 * 8 or 12 letters); most words before "of" are left here.
 */
function mayBePlaceOf(text: string, end: number): boolean {
  const last = text.charCodeAt(end - 1) | 32;
  if (last !== 101 && last !== 110 && last !== 121 && last !== 116 && last !== 104 && last !== 112) return false;
  let s = end;
  while (s > 0 && end - s <= 12 && isAsciiLetter(text.charCodeAt(s - 1))) s--;
  const n = end - s;
  return n === 4 || n === 6 || n === 7 || n === 8 || n === 12;
}

/** The letters that end at `end` (a word, up to 14 letters). */
function wordEndingAt(text: string, end: number): string {
  let s = end;
  while (s > 0 && end - s < 14 && isAsciiLetter(text.charCodeAt(s - 1))) s--;
  return text.slice(s, end);
}

/** Whether a place's cue may end at `end` (a space there, the cue's last two characters before it: PLACE_CUES). */
function mayEndPlaceCue(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 32) return false;
  const b = text.charCodeAt(end - 2) | 32;
  const c = text.charCodeAt(end - 1) | 32;
  return c === 46 ? b === 113 || b === 108 || b === 116 || b === 104
    : (c === 111 && (b === 47 || b === 112)) || (c === 97 && b === 107) || (c === 116 && (b === 99 || b === 115)) ||
      (c === 101 && (b === 103 || b === 106)) || (c === 108 && b === 105) || (c === 102 && b === 111); // … "of"
}

/** Whether a place's cue (PLACE_CUES) ends at `end` (the space before the place), by its last two characters first. */
function placeCueBefore(text: string, end: number): boolean {
  if (!mayEndPlaceCue(text, end)) return false;
  let start = end;
  while (start > 0 && end - start < 8) {
    const d = text.charCodeAt(start - 1);
    if (d === 32 || d === 10 || d === 9 || d === 40 || d === 44) break;
    start--;
  }
  return end - start >= 3 && PLACE_CUES.has(text.slice(start, end).toLowerCase());
}

/** Whether text[start, end) holds a hyphen. */
function hasHyphen(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (text.charCodeAt(k) === 45) return true;
  return false;
}

/** Whether text[start, end) is "County", "Parish", "Borough" or "Township". */
function isCountyWord(text: string, start: number, end: number): boolean {
  const n = end - start;
  const c = text.charCodeAt(start);
  if (!((c === 67 && n === 6) || (c === 80 && n === 6) || (c === 66 && n === 7) || (c === 84 && n === 8))) return false;
  const w = text.slice(start, end);
  return w === 'County' || w === 'Parish' || w === 'Borough' || w === 'Township';
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 8217;
}

/** Whether the word ending at `end` ends in a contraction: "n't", "'ll", "'re", "'ve", "'m" or "'d". */
function isContraction(text: string, end: number): boolean {
  const a = text.charCodeAt(end - 1);
  const b = text.charCodeAt(end - 2);
  if (a === 116) return isApostrophe(b) && text.charCodeAt(end - 3) === 110; // n't
  if (a === 109 || a === 100) return isApostrophe(b); // 'm, 'd
  return isApostrophe(text.charCodeAt(end - 3)) && ((b === 108 && a === 108) || (b === 114 && a === 101) || (b === 118 && a === 101)); // 'll, 're, 've
}

/** A list's separator: a line's end, "·", "•", ";", "," or "|". */
function isListSeparator(c: number): boolean {
  return c === 10 || c === 13 || c === 0xb7 || c === 0x2022 || c === 59 || c === 44 || c === 124;
}

/**
 * Where the separator before a list entry opening at `start` is (blanks between; a list's first entry may open the text
 * or follow a colon), or -1.
 */
function listSeparatorBefore(text: string, start: number): number {
  let p = start - 1;
  while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p--;
  if (p < 0) return 0;
  // "A, B and C", "A, B, & C": the joiner before the last entry, or the comma before the joiner (where listEntryEnd
  // ends the entry before).
  const joiner = p >= 3 && text.charCodeAt(p) === 100 && text.startsWith(' and', p - 3) ? p - 2 : text.charCodeAt(p) === 38 ? p : -1;
  if (joiner >= 0) {
    let q = joiner - 1;
    while (q >= 0 && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q--;
    return q >= 0 && text.charCodeAt(q) === 44 ? q : joiner;
  }
  const c = text.charCodeAt(p);
  return isListSeparator(c) || c === 58 ? p : -1;
}

/**
 * Where the separator after a list entry ending at `end` is (blanks, and a remark in parentheses, between), the text's
 * end, or -1.
 */
function listEntryEnd(text: string, end: number): number {
  let p = end;
  while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
  if (text.charCodeAt(p) === 40) {
    let shut = p + 1; // the remark's ")", 40 characters on at most (read no further: the scan stays linear)
    while (shut < text.length && shut - p <= 40 && text.charCodeAt(shut) !== 41) shut++;
    if (text.charCodeAt(shut) !== 41 || shut - p > 40) return -1;
    p = shut + 1;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
  }
  if (p >= text.length) return p;
  if (text.charCodeAt(p) === 97 && text.startsWith('and ', p)) return p; // "A, B and C"
  return isListSeparator(text.charCodeAt(p)) || text.charCodeAt(p) === 38 ? p : -1;
}

/** Whether text[from, to) is whole lines of one word each (from and to at line ends). */
function oneWordLines(text: string, from: number, to: number): boolean {
  if (text.charCodeAt(from) !== 10 || text.charCodeAt(to) !== 10 || to - from > 200) return false;
  for (let k = from + 1; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 9) return false;
  }
  return true;
}

/**
 * Whether the line break at `at` wraps running text (prose filled to a width, as e-mails and plain-text letters are):
 * a line of prose of 50 to 100 characters before it, and the next line goes on in words ("… some help from Peter\nSchneider-Kamp
 * and Nicholas Riley"), not with a label's colon.
 */
function wrappedAt(text: string, at: number): boolean {
  let lineStart = at; // read back 101 characters at most
  while (lineStart > 0 && at - lineStart <= 100 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  if (at - lineStart < 50 || at - lineStart > 100 || text.charCodeAt(at - 1) === 32) return false;
  // Prose: four words or more in lower case on the line (a heading has few: "Department of Pastoral Care and Chaplaincy").
  let lower = 0;
  for (let k = lineStart; k < at && lower < 4; k++) if (text.charCodeAt(k) === 32 && isAsciiLower(text.charCodeAt(k + 1))) lower++;
  if (lower < 4) return false;
  const next = text.slice(at + 1, at + 60);
  return !LABEL_LINE_RE.test(next) && (next.indexOf('\n') === -1 || next.indexOf('\n') > 12);
}

// A line that opens with a label: one to three words and a colon ("Smith: yes", "Date of birth: …").
const LABEL_LINE_RE = /^[ \t]*[^\s:(]+(?: [^\s:(]+){0,2}:/;

/** Whether text[from, to) holds only spaces and tabs. */
function isIndent(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9) return false;
  return true;
}
