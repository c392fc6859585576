// Dates: every element more specific than a bare year (HIPAA Safe Harbor keeps years only). Numeric forms
// (03/03/2021, 3-3-21, 2021-03-03, 03.03.2021), month names ("March 3, 2021", "3 Mar 2021", "3-Mar-21",
// "March 2021", "the 3rd of March"), and month/day without a year when a date word precedes it ("seen on 3/14").
import { type Emit, type Pass } from './types';
import { type DigitPass, type LeadTest, type RunTest, NEVER_AT_RUN, before, codeAt, digitRuns, eachMatchAtDigitRuns, isAsciiLetter, isDigit, isSpaceChar, wordBoundaryBefore } from './context';
import { isPlausibleYear, isValidMonthDay } from './validators';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)';
const ORD = '(?:st|nd|rd|th)?';

// y-m-d, m/d/y, d/m/y with one separator used twice; time of day may follow and is part of the date element.
const NUMERIC_RE = /(?<![\d./-])(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?![\d/]|[.-]\d)(?:[T ](\d{1,2}:\d{2}(?::\d{2})?))?/y;
// Month first: "March 3, 2021", "Mar. 3rd 2021", "March 3", "March 2021", "Mar 2021", "Feb '24" (the year's two digits
// after an apostrophe: group 6). Tried only at the word before a run of digits (eachMatchAtDigitRuns with MONTH_BEFORE).
const MONTH_FIRST_RE = new RegExp(`\\b${MONTH}\\.?(?:\\s(?:(\\d{1,2})${ORD}(?![\\d:])(?:,?\\s(\\d{4}|'\\d{2}))?|(\\d{4}))|-(\\d{1,2})-(\\d{4})|\\s['’](\\d{2}))\\b`, 'y');
// The month opens a match whose first digits are the run at `at`: the word of at least three letters before one
// character (the \s) and an optional ".".
const MONTH_BEFORE: LeadTest = (text, at, end) => {
  if (end - at > 2 && end - at !== 4) return -1; // a day (one or two digits) or a year
  let p = at - 1;
  if (codeAt(text, p) === 39 || codeAt(text, p) === 8217) p--; // the apostrophe of a year's two digits
  if (codeAt(text, p - 1) === 46) p--;
  const wordEnd = p;
  while (p > 0 && isAsciiLetter(codeAt(text, p - 1))) p--;
  return wordEnd - p >= 3 && isMonthInitial(codeAt(text, p)) ? p : -1;
};

// Day first: "3 March 2021", "3rd of March, 2021", "03-Mar-21", "3 Mar".
const DAY_FIRST_RE = new RegExp(`\\b(\\d{1,2})${ORD}(?:\\sof)?([\\s-])${MONTH}\\.?(?:,?[\\s-](\\d{4}|\\d{2}))?(?![\\w])`, 'y');
// Day, month and year written together in capitals, as military and many clinical systems write them ("12MAR2024",
// "03JAN31"): two digits, the month's three letters, the year's two or four digits.
const COMPACT_RE = /\b(\d{2})(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(\d{4}|\d{2})\b/y;
const COMPACT_RUN: RunTest = (text, s, e) =>
  e - s === 2 && isMonthInitial(codeAt(text, e)) && isDigit(codeAt(text, e + 3)) && wordBoundaryBefore(text, s);
const MONTH_DAY_RE = /(?<![\d./-])(\d{1,2})\/(\d{1,2})(?![\d/]|\.\d)/y;
// What a match needs of the digit run it opens with (see RunTest).
// The first number, a separator, one or two digits and the same separator again.
const NUMERIC_RUN: RunTest = (text, s, e) => {
  const separator = codeAt(text, e);
  if (e - s > 4 || !isDateSeparator(separator) || !isDigit(codeAt(text, e + 1)) || isDateSeparator(codeAt(text, s - 1))) return false;
  return codeAt(text, e + 2) === separator || (isDigit(codeAt(text, e + 2)) && codeAt(text, e + 3) === separator);
};
const MONTH_DAY_RUN: RunTest = (text, s, e) => e - s <= 2 && codeAt(text, e) === 47 && !isDateSeparator(codeAt(text, s - 1));
// After the day: an ordinal suffix maybe ("st", "nd", "rd", "th"), "\sof" maybe, whitespace or "-", and the capital a
// month opens with. A suffix or "of" that is there is part of any match (what follows the day is no month otherwise).
const DAY_FIRST_RUN: RunTest = (text, s, e) => {
  if (e - s > 2 || !wordBoundaryBefore(text, s)) return false;
  let p = e;
  const c = codeAt(text, p);
  const d = codeAt(text, p + 1);
  if ((c === 115 && d === 116) || (c === 110 && d === 100) || (c === 114 && d === 100) || (c === 116 && d === 104)) p += 2;
  if (isSpaceChar(codeAt(text, p)) && codeAt(text, p + 1) === 111 && codeAt(text, p + 2) === 102) p += 3;
  const separator = codeAt(text, p);
  return (separator === 45 || isSpaceChar(separator)) && isMonthInitial(codeAt(text, p + 1));
};

/** J F M A S O N D: the letters a month name (MONTH) opens with. */
function isMonthInitial(c: number): boolean {
  return c === 74 || c === 70 || c === 77 || c === 65 || c === 83 || c === 79 || c === 78 || c === 68;
}

/** . / - */
function isDateSeparator(c: number): boolean {
  return c === 46 || c === 47 || c === 45;
}

const DATE_WORDS = /(?:\bon|since|dated|date|from|until|till|through|thru|by|to|of|dob|d\.o\.b\.|doa|dod|dos|doi|admission|death|injury|service|onset|arrival|departure|appointment|born|admitted|discharged|seen|visit|surgery|last|next|between|and|before|after|returned|effective|signed|filed|served|entered|due|collected|drawn|placed|removed|started|stopped|scheduled|tomorrow|today|yesterday|check|w\/[ce]|commencing|ending|(?:mon|tues?|wed|thur?s?|fri|sat|sun)(?:day)?|or)\W{0,3}$/;

/** The first three letters of a word, lower-cased, as one number (ASCII letters only: a month word's are). */
function key3(word: string): number {
  return ((word.charCodeAt(0) | 32) << 16) | ((word.charCodeAt(1) | 32) << 8) | (word.charCodeAt(2) | 32);
}

// A month word's first three letters name its month ("Sept" and "September" too): read by character codes, no slices.
const MONTH_BY_KEY = new Map(Object.entries(MONTHS).filter(([k]) => k.length === 3).map(([k, n]) => [key3(k), n]));

/** The month a month word (a match of MONTH) names. */
function monthNumber(token: string): number {
  return token.length < 3 ? 0 : (MONTH_BY_KEY.get(key3(token)) ?? 0);
}

const MONTH_WORD_RE = new RegExp(MONTH);
function monthIn(text: string): number {
  const m = MONTH_WORD_RE.exec(text);
  return m ? monthNumber(m[0]) : 0;
}

// A deed's or an order's date: "the 1st day of September, 2022", "this 14th day of February 2023".
const DAY_OF_RE = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)\\s+day\\s+of\\s+${MONTH}\\.?(?:,?\\s+(\\d{4}))?\\b`, 'y');
// One or two digits, an ordinal suffix and " day".
const DAY_OF_RUN: RunTest = (text, s, e) =>
  e - s <= 2 && isOrdinalSuffixAt(text, e) && wordBoundaryBefore(text, s) && /^(?:st|nd|rd|th)\s+day\b/.test(text.slice(e, e + 8));

/** Whether text[at] may open an ordinal's suffix: "s", "n", "r" or "t" (of "st", "nd", "rd", "th"). */
function isOrdinalSuffixAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 115 || c === 110 || c === 114 || c === 116;
}

// "Tuesday the 4th", "since Sunday the 28th", "booked Mon 17th": a weekday and a day of the month.
const WEEKDAY_THE_RE = /\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,? (?:the )?(\d{1,2})(?:st|nd|rd|th)\b(?! (?:floor|fl|dose|cycle|time|week|attempt|visit|line|grade|degree|round|trimester)\b)/y;
// The weekday (and ", the " maybe) before the run: read backwards from it.
const WEEKDAY_BEFORE: LeadTest = (text, at, end) => {
  if (end - at > 2 || codeAt(text, at - 1) !== 32) return -1;
  let p = at - 1;
  if (codeAt(text, at - 2) === 101 && text.slice(at - 4, at) === 'the ') {
    p = at - 4;
    if (codeAt(text, p - 1) !== 32) return -1;
    p--;
  }
  if (codeAt(text, p - 1) === 44) p--;
  if (codeAt(text, p - 1) === 46) p--; // "Wed. the 17th"
  const wordEnd = p;
  while (p > 0 && isAsciiLetter(codeAt(text, p - 1))) p--;
  return wordEnd - p >= 3 && /^(?:mon|tue|wed|thu|fri|sat|sun)/i.test(text.slice(p, p + 3)) && !isAsciiLetter(codeAt(text, p - 1)) ? p : -1;
};
// "on the 12th like you said", "since the 3rd.": a day of the month alone, after a date preposition, where the phrase
// ends or goes on with no noun ("on the 3rd floor", "by the 2nd dose" are no dates).
const THE_NTH_RE = /\b(?:[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill) the (\d{1,2})(?:st|nd|rd|th)(?=[ \t]*(?:[.,;:!?)]|\r?\n|$)| (?:like|when|and|but|so|because|as|or|i|we|he|she|they|you|at|around|if|then|please|too|already)\b)/y;
const THE_NTH_BEFORE: LeadTest = (text, at, end) => {
  if (end - at > 2 || codeAt(text, at - 1) !== 32 || codeAt(text, at - 2) !== 101 || text.slice(at - 4, at) !== 'the ' || codeAt(text, at - 5) !== 32) return -1;
  const wordEnd = at - 5;
  let p = wordEnd;
  while (p > 0 && isAsciiLetter(codeAt(text, p - 1))) p--;
  return /^(?:[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill)$/.test(text.slice(p, wordEnd)) && !isAsciiLetter(codeAt(text, p - 1)) ? p : -1;
};
// "since 11/2022", "from 3/2019": a month and a year after a date word.
const MONTH_YEAR_RE = /(?<![\w./-])(\d{1,2})\/(\d{4})(?![\d/]|\.\d)/y;
const MONTH_YEAR_RUN: RunTest = (text, s, e) => e - s <= 2 && codeAt(text, e) === 47 && isDigit(codeAt(text, e + 4)) && !isDigit(codeAt(text, e + 5)) && wordBoundaryBefore(text, s);

// A day, a month and a year of another calendar: the Solar Hijri (Afghan "1 Hamal 1367", Iranian "3 Mehr 1399"), the
// lunar Hijri ("12 Ramadan 1444"), the Hebrew ("5 Nisan 5783") and Nepal's Bikram Sambat ("15 Baisakh 2081"). The year
// is required, in the calendars' present centuries: several of these months are short words of their own ("Tir", "Dey",
// "Av" left out, "Asad" a name).
// Nepal's Bikram Sambat months (its years are of this century).
const BIKRAM_SAMBAT_MONTHS = 'Baisakh|Baishakh|Jestha|Jeth|Asar|Ashadh|Asadh|Shrawan|Saun|Bhadra|Bhadau|Ashwin|Asoj|Kartik|Mangsir|Mangshir|Poush|Paush|Push|Magh|Falgun|Phalgun|Chaitra|Chait';
const OTHER_CALENDAR_RE = new RegExp(
  String.raw`\b(\d{1,2})(?:st|nd|rd|th)? (?:Hamal|Sawr|Saur|Jawza|Saratan|Asad|Sunbula|Sonbola|Mizan|Aqrab|Qaws|Jadi|Jaddi|Dalw|Hut|Hoot|Farvardin|Ordibehesht|Khordad|Tir|Mordad|Amordad|Shahrivar|Mehr|Aban|Azar|Dey|Bahman|Esfand|Muharram|Safar|Rabi(?:['’ ]|\b)?(?:al|ul)-?(?:Awwal|Thani|Akhir)|Jumad(?:a|i)(?: |-)?(?:al|ul)-?(?:Awwal|Ula|Thani|Akhirah|Ukhra)|Rajab|Sha['’]?ban|Ramadan|Ramazan|Shawwal|Dhu(?: |-)?al-?(?:Qa['’]?dah|Hijjah)|Tishrei|Cheshvan|Heshvan|Kislev|Tevet|Shevat|Adar(?: I{1,2})?|Nisan|Iyar|Sivan|Tammuz|Elul|${BIKRAM_SAMBAT_MONTHS}),? (1[34]\d{2}|5[78]\d{2}|20[0-9]{2})(?![\d])`,
  'y',
);
// One or two digits, an ordinal suffix maybe, a space and a capital.
const OTHER_CALENDAR_RUN: RunTest = (text, s, e) => {
  if (e - s > 2 || !wordBoundaryBefore(text, s)) return false;
  let p = e;
  if (isAsciiLetter(codeAt(text, p)) && isAsciiLetter(codeAt(text, p + 1))) p += 2;
  const c = codeAt(text, p + 1);
  return codeAt(text, p) === 32 && c >= 65 && c <= 90;
};

const BIKRAM_SAMBAT_MONTH_RE = new RegExp(` (?:${BIKRAM_SAMBAT_MONTHS}),? `);

function otherCalendarDates(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(OTHER_CALENDAR_RE, text, (m) => {
    if (Number(m[1]) < 1 || Number(m[1]) > 31) return;
    // A year of this century only with a month of the Bikram Sambat ("12 Tir 2000 mg" is a dose).
    if ((m[2] as string).startsWith('20') && !BIKRAM_SAMBAT_MONTH_RE.test(m[0])) return;
    emit('DATE', m.index, m.index + m[0].length, 0.85);
  }, OTHER_CALENDAR_RUN);
}

// A day, the month in Roman numerals and the year, as Central and Eastern European records write them ("29.IX.1890",
// "3.V.1945", "12 XI 2020").
const ROMAN_MONTH_RE = /\b(\d{1,2})([. /])(I{1,3}|IV|VI{0,3}|IX|XI{0,2})\2(\d{4})\b/y;
const ROMAN_MONTH_RUN: RunTest = (text, s, e) => {
  const c = codeAt(text, e + 1);
  const separator = codeAt(text, e);
  return e - s <= 2 && (separator === 46 || separator === 32 || separator === 47) && (c === 73 || c === 86 || c === 88) && wordBoundaryBefore(text, s);
};

function romanMonthDates(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(ROMAN_MONTH_RE, text, (m) => {
    const year = Number(m[4]);
    if (Number(m[1]) >= 1 && Number(m[1]) <= 31 && year >= 1800 && year <= 2099) emit('DATE', m.index, m.index + m[0].length, 0.85);
  }, ROMAN_MONTH_RUN);
}

// Day first in French, Spanish, Portuguese, Italian, German and Dutch: "14 juillet 1992", "le 3 mars", "1er avril 2024",
// "3 de marzo de 2025", "12 de março", "5 giugno 2023", "3. März 2024", "12 maart 2024". Month names in lower case (or
// capitalised), the year maybe.
const ROMANCE_MONTHS: Readonly<Record<string, number>> = {
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9,
  octobre: 10, novembre: 11, décembre: 12, decembre: 12, enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6,
  julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12, janeiro: 1,
  fevereiro: 2, março: 3, marco: 3, maio: 5, junho: 6, julho: 7, setembro: 9, outubro: 10, dezembro: 12,
  gennaio: 1, febbraio: 2, aprile: 4, maggio: 5, giugno: 6, luglio: 7, settembre: 9, ottobre: 10, dicembre: 12,
  januar: 1, jänner: 1, februar: 2, märz: 3, maerz: 3, april: 4, juni: 6, juli: 7, oktober: 10, dezember: 12,
  januari: 1, februari: 2, maart: 3, mei: 5, augustus: 8,
};
const ROMANCE_DAY_FIRST_RE = new RegExp(
  `\\b(\\d{1,2})(?:er|\\.)? (?:de )?(${Object.keys(ROMANCE_MONTHS).join('|')})(?![\\p{L}])(?:,? (?:de )?(\\d{4})(?!\\d))?`,
  'iyu',
);
// After the day: "er" or "." maybe, a space, "de " maybe, and a letter a month opens with (j f m a s o n d g l).
const ROMANCE_DAY_RUN: RunTest = (text, s, e) => {
  if (e - s > 2 || !wordBoundaryBefore(text, s)) return false;
  let p = e;
  if (codeAt(text, p) === 101 && codeAt(text, p + 1) === 114) p += 2;
  else if (codeAt(text, p) === 46) p++;
  if (codeAt(text, p) !== 32) return false;
  if (codeAt(text, p + 1) === 100 && codeAt(text, p + 2) === 101 && codeAt(text, p + 3) === 32) p += 3;
  const c = codeAt(text, p + 1) | 32;
  return c === 106 || c === 102 || c === 109 || c === 97 || c === 115 || c === 111 || c === 110 || c === 100 || c === 103 || c === 108;
};

const ROMANCE_BEFORE_RE = /(?:^|[\s(])(?:le|du|au|el|del|al|dès|depuis|avant|après|jusqu'au|hasta|desde|em|dia|o)\s$/i;

function romanceDates(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(ROMANCE_DAY_FIRST_RE, text, (m) => {
    if (!isValidMonthDay(ROMANCE_MONTHS[(m[2] as string).toLowerCase()] ?? 0, Number(m[1]))) return;
    // Without a year ("3 Mars bars", "2 mai tais" are English): the month in lower case, after an article or a
    // preposition of those languages or before a stop.
    const end = m.index + m[0].length;
    if (m[3] === undefined && (!/^\p{Ll}/u.test(m[2] as string) || !(ROMANCE_BEFORE_RE.test(text.slice(Math.max(0, m.index - 10), m.index)) || /^[.,;:)]|^$/.test(text.slice(end, end + 1))))) return;
    emit('DATE', m.index, end, m[3] !== undefined ? 0.95 : 0.8);
  }, ROMANCE_DAY_RUN);
}

/** The passes tried at runs of digits, for the test that holds each to its regex with flag g. */
export const DIGIT_PASSES: Readonly<Record<string, DigitPass>> = {
  numeric: { re: NUMERIC_RE, accept: NUMERIC_RUN },
  month_first: { re: MONTH_FIRST_RE, accept: NEVER_AT_RUN, lead: MONTH_BEFORE },
  day_first: { re: DAY_FIRST_RE, accept: DAY_FIRST_RUN },
  compact: { re: COMPACT_RE, accept: COMPACT_RUN },
  month_day: { re: MONTH_DAY_RE, accept: MONTH_DAY_RUN },
  day_of: { re: DAY_OF_RE, accept: DAY_OF_RUN },
  weekday_the: { re: WEEKDAY_THE_RE, accept: NEVER_AT_RUN, lead: WEEKDAY_BEFORE },
  the_nth: { re: THE_NTH_RE, accept: NEVER_AT_RUN, lead: THE_NTH_BEFORE },
  month_year: { re: MONTH_YEAR_RE, accept: MONTH_YEAR_RUN },
  other_calendar: { re: OTHER_CALENDAR_RE, accept: OTHER_CALENDAR_RUN },
  roman_month: { re: ROMAN_MONTH_RE, accept: ROMAN_MONTH_RUN },
  romance_day_first: { re: ROMANCE_DAY_FIRST_RE, accept: ROMANCE_DAY_RUN },
};

// A version's word just before a number ("version 2019.12.01", "v. 2024.03.12", "release 2023.10.02").
const VERSION_WORD_BEFORE_RE = /(?:\bv|version|release|ver|rev|revision|build|tag|snapshot|update)\.?\s?$/;

// A birth's or a death's label just before eight digits: a date written without separators ("DOB 19560312", "Date of
// birth: 12031956"), as systems export it. Elsewhere eight digits are as often an id.
const BIRTH_LABEL_BEFORE_RE = /(?:\bDOB|\bD\.O\.B\.?|\bDOD|date of (?:birth|death)|birth ?date|\bborn)\s*[:#]?\s*$/i;

/** Whether the numbers are a date, the year first: year, month, day. */
function isYearFirstDate(year: string, month: string, day: string): boolean {
  return isPlausibleYear(year) && isValidMonthDay(Number(month), Number(day));
}

/** Whether the numbers are a date, the year last: day and month in either order ("12/03/2024", "03/12/2024"). */
function isYearLastDate(a: string, b: string, year: string): boolean {
  return isPlausibleYear(year) && (isValidMonthDay(Number(a), Number(b)) || isValidMonthDay(Number(b), Number(a)));
}

/** Eight digits after a birth's or a death's label (BIRTH_LABEL_BEFORE_RE) that are a date, year first or last. */
function compactDatesAfterLabels(text: string, emit: Emit): void {
  const runs = digitRuns(text);
  for (let r = 0; r < runs.starts.length; r++) {
    const at = runs.starts[r] as number;
    const end = runs.ends[r] as number;
    if (end - at !== 8 || isAsciiLetter(codeAt(text, end)) || isAsciiLetter(codeAt(text, at - 1))) continue;
    const d = text.slice(at, end);
    if ((isYearFirstDate(d.slice(0, 4), d.slice(4, 6), d.slice(6)) || isYearLastDate(d.slice(0, 2), d.slice(2, 4), d.slice(4))) && BIRTH_LABEL_BEFORE_RE.test(text.slice(Math.max(0, at - 20), at))) emit('DATE', at, end, 0.9);
  }
}

function numericDates(text: string, emit: Emit): void {
  compactDatesAfterLabels(text, emit);
  eachMatchAtDigitRuns(NUMERIC_RE, text, (m) => {
    const [a, sep, b, c] = [m[1] as string, m[2] as string, m[3] as string, m[4] as string];
    let ok = false;
    // Year first: "2024-03-12", "1985-3-7"; with stops only as East Asian dates write it, month and day in two digits
    // each and no version's word or a name's letters before it ("2024.03.12", not "version 2019.12.01", "gtk-2019.12.01").
    if (a.length === 4) {
      ok = c.length <= 2 && isYearFirstDate(a, b, c);
      if (ok && sep === '.') ok = b.length === 2 && c.length === 2 && !isAsciiLetter(codeAt(text, m.index - 1)) && !VERSION_WORD_BEFORE_RE.test(before(text, m.index, 12));
    }
    else if (a.length <= 2) {
      ok = isYearLastDate(a, b, c);
      if (ok && sep === '.' && c.length === 2 && before(text, m.index, 9).match(/v(?:er(?:sion)?)?\.?\s?$/)) ok = false;
    }
    if (ok) emit('DATE', m.index, m.index + m[0].length, a.length === 4 || c.length === 4 ? 0.95 : 0.85);
  }, NUMERIC_RUN);
}

function monthFirstDates(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(MONTH_FIRST_RE, text, (m) => {
    const day = m[1] ?? m[4]; // "March 3", "Mar-03-2024"
    if (day !== undefined && !isValidMonthDay(monthIn(m[0]), Number(day))) return;
    // "May 2021" style month-year: keep (the month is a date element); "May 12" needs a real day.
    if (m[0].startsWith('May') && day === undefined && m[3] === undefined && m[6] === undefined) return;
    emit('DATE', m.index, m.index + m[0].length, day !== undefined && (m[2] ?? m[5]) !== undefined ? 0.97 : 0.85);
  }, NEVER_AT_RUN, MONTH_BEFORE);
}

// A month's abbreviation, whose stop is its own ("12 Mar."); after a month's whole name the stop ends the sentence.
const MONTH_ABBREVIATION_STOP_RE = /(?:^|[^A-Za-z])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$/i;

function dayFirstDates(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(DAY_FIRST_RE, text, (m) => {
    const month = monthIn(m[0].slice((m[1] as string).length));
    if (!isValidMonthDay(month, Number(m[1]))) return;
    if (m[2] === '-' && m[3] === undefined) return; // "3-Mar" alone is too often a range or a code
    const stop = m[3] === undefined && m[0].endsWith('.') && !MONTH_ABBREVIATION_STOP_RE.test(m[0]) ? 1 : 0; // "12 March."
    emit('DATE', m.index, m.index + m[0].length - stop, m[3] !== undefined ? 0.95 : 0.8);
  }, DAY_FIRST_RUN);
  eachMatchAtDigitRuns(COMPACT_RE, text, (m) => {
    if (isValidMonthDay(monthIn(m[2] as string), Number(m[1]))) emit('DATE', m.index, m.index + m[0].length, 0.9);
  }, COMPACT_RUN);
}

// A weekday's name just before: "Thu 13/06", "Fri. 14/6" (day first, as written outside North America).
const WEEKDAY_JUST_BEFORE_RE = /\b(?:mon|tues?|wed|thur?s?|fri|sat|sun)(?:day)?\.?,? $/;

// After a month and day: a time ("3/7 05:48") or the other end of a range of days ("3/16–3/18"), which no ratio has.
const TIME_OR_RANGE_AFTER_RE = /^(?: \d{1,2}:\d{2}(?!\d)|[–-]\d{1,2}\/\d{1,2}(?![\d/]))/;
// Before a month and day: a verb of something that happened on a day (a fraction follows none of them).
const DAY_VERBS_RE = /\b(?:arrived|met|booked|phoned|called|sent|received|submitted|reviewed|reported|resumed|restarted|earliest|latest|expires|expired|updated|ended|began|created|inserted|diagnosed)\W{0,3}$/;

function monthDayDates(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(MONTH_DAY_RE, text, (m) => {
    const context = before(text, m.index, 14);
    const a = Number(m[1]);
    const b = Number(m[2]);
    // Day first only where the first number cannot be a month ("on 13/03"), or after a weekday ("Thu 13/06").
    if (!isValidMonthDay(a, b) && !(isValidMonthDay(b, a) && (a > 12 || WEEKDAY_JUST_BEFORE_RE.test(context)))) return;
    const end = m.index + m[0].length;
    const after = TIME_OR_RANGE_AFTER_RE.exec(text.slice(end, end + 8));
    if (after === null && !DATE_WORDS.test(context) && !DAY_VERBS_RE.test(context)) return;
    // The range's other day with it (the time is no date element).
    emit('DATE', m.index, after !== null && after[0].charCodeAt(0) !== 32 ? end + after[0].length : end, 0.75);
  }, MONTH_DAY_RUN);
}

function dayOfDates(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(DAY_OF_RE, text, (m) => {
    const month = monthIn(m[0].slice(m[0].lastIndexOf(' of ') + 4));
    if (!isValidMonthDay(month, Number(m[1]))) return;
    emit('DATE', m.index, m.index + m[0].length, 0.95);
  }, DAY_OF_RUN);
}

function weekdayDates(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(WEEKDAY_THE_RE, text, (m) => {
    if (Number(m[1]) >= 1 && Number(m[1]) <= 31) emit('DATE', m.index, m.index + m[0].length, 0.85);
  }, NEVER_AT_RUN, WEEKDAY_BEFORE);
  eachMatchAtDigitRuns(THE_NTH_RE, text, (m) => {
    const day = Number(m[1]);
    const at = m.index + m[0].indexOf('the ');
    if (day >= 1 && day <= 31) emit('DATE', at, m.index + m[0].length, 0.75);
  }, NEVER_AT_RUN, THE_NTH_BEFORE);
  eachMatchAtDigitRuns(MONTH_YEAR_RE, text, (m) => {
    const month = Number(m[1]);
    const context = before(text, m.index, 14);
    if (month < 1 || month > 12 || !isPlausibleYear(m[2] as string) || !(DATE_WORDS.test(context) || DAY_VERBS_RE.test(context))) return;
    emit('DATE', m.index, m.index + m[0].length, 0.8);
  }, MONTH_YEAR_RUN);
}

// Around a date found: its weekday ("Tuesday, March 23", "Thurs 10/12") and the other end of a range of days ("Oct. 2-9",
// "14-16 June 2023"), part of the same date element.
const WEEKDAY_BEFORE_RE = /(?:^|[^A-Za-z])((?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,? )$/;
const DAY_RANGE_AFTER_RE = /^(?: ?[-–] ?| (?:and|&) )\d{1,2}(?![\d/.:,]\d|\d)/;
const DAY_RANGE_BEFORE_RE = /(?:^|[^\d/.])(\d{1,2}(?: ?[-–] ?| (?:and|&) ))$/;

/** A date finding's span [start, end) widened over its weekday and a range of days around it. */
export function widenDate(text: string, start: number, end: number): [number, number] {
  const weekday = WEEKDAY_BEFORE_RE.exec(text.slice(Math.max(0, start - 12), start));
  if (weekday) start -= (weekday[1] as string).length;
  // A range after a day ("Oct. 2-9", "March 3 and 4"), not after a year ("March 3, 2021 - 4 visits"); a day before
  // ("17 and 18 January", "11–15 September").
  if (isDigit(codeAt(text, end - 1)) && !isDigit(codeAt(text, end - 3))) {
    const after = DAY_RANGE_AFTER_RE.exec(text.slice(end, end + 9));
    if (after) end += after[0].length;
  }
  if (isDigit(codeAt(text, start))) {
    const range = DAY_RANGE_BEFORE_RE.exec(text.slice(Math.max(0, start - 9), start));
    if (range) start -= (range[1] as string).length;
  }
  return [start, end];
}

/** The date passes, in the order the scanner runs them. */
export const DATE_PASSES: readonly Pass[] = [numericDates, monthFirstDates, dayFirstDates, monthDayDates, dayOfDates, weekdayDates, otherCalendarDates, romanMonthDates, romanceDates];
