// Names and addresses written in lower case, as patients write portal messages and texts ("hi dr patel, this is jenny kowalski …
// my husband mike … - jen"): the word-by-word name detector (names.ts) reads capitalised words only. A lower-case word
// is a name only after a cue that introduces a person, and only when the name lists hold it:
//   a title ("dr patel", "mrs. okafor"): a family or given name — an ordinary word too ("dr smith.") only when nothing
//     follows it in the sentence, as "dr will call" would otherwise lose "will";
//   "this is", "my name is", "i'm", and a relation ("my husband mike", "my mom linda"): a given name that is no
//     ordinary word, and a family name after it ("jenny kowalski");
//   a sign-off line ("- jen", "thanks, jen"): a given name that is no ordinary word, alone on the line's end.
// Found by one regex over the cue words, in texts that write "i" or "dr" in lower case (writesLowerCase).
import { eachMatch } from './context';
import { looksEnglish } from './english';
import { type Emit, type Pass, type PassEnv } from './types';

const RELATIONS =
  'husband|hubby|wife|mom|mum|mother|dad|father|son|daughter|sister|brother|friend|boyfriend|girlfriend|fianc[eé]e?|partner|' +
  'neighbou?r|aunt|uncle|grandma|grandpa|grandmother|grandfather|granddaughter|grandson|niece|nephew|cousin|roommate|caregiver';
// Group 1: a title; group 2: an introduction or a relation. The name is read after the match.
const CUE_RE = new RegExp(`\\b(?:([Dd]r|[Dd]octor|[Mm]rs?|[Mm]s|[Mm]iss)\\.? |(this is|my name is|i'?m|i am|my (?:${RELATIONS})),? )(?=[a-z])`, 'g');
// A sign-off at a line's end: "- jen", "thanks, jen", "thx jen!", "love, mom" (the word is checked in code).
const SIGNOFF_RE = /(?:^|\n)[ \t]*(?:[-–—~][ \t]*|(?:thanks|thank you|thx|ty|cheers|love|best|regards)[,!.]*[ \t]+)([a-z][a-z'-]+)[ \t!.]*(?=\r?\n|$)/g;
// Kin words before a relative's name, in lower case: Tagalog (tita, tito, kuya, lola, lolo), Somali (habaryar, adeer,
// eedo), Spanish (tía, tío, abuela), Yiddish (bubbe, zayde), and English ones without "my". ("ate", Tagalog's elder
// sister, is left out: it is also the verb.)
const KIN_RE = /(?<![\p{L}'’-])(?:tita|tito|kuya|lola|lolo|habaryar|adeer|eedo|ayeeyo|abuela|abuelo|abuelita|t[ií]a|t[ií]o|bubbe|bubby|zayde|zaidy|auntie|aunty|uncle|aunt|cousin|grandma|grandpa) ([a-z][a-z'’-]+)(?![\p{L}'’-])/gu;
// Words after a kin word that the name lists hold but that are verbs or small words there ("uncle said", "auntie will").
const AFTER_KIN_NOT_NAMES: ReadonlySet<string> = new Set(['said', 'says', 'will', 'can', 'may', 'did', 'does', 'has', 'had', 'was', 'is', 'and', 'but', 'who', 'got', 'just', 'also', 'still', 'then', 'too', 'called', 'came', 'told', 'asked', 'wants', 'went', 'thinks', 'knows', 'lives', 'here', 'there', 'say']);
const WORD_RE = /[a-z][a-z'’-]*/y;
// What may follow an ordinary word taken as a name after a title: the end of the sentence or a comma.
const ENDS_PHRASE_RE = /^[ \t]*(?:[.,;:!?)]|\r?\n|$)/;

// A speech transcript's fillers, never a family name ("miss guerline um his birthday").
const FILLERS: ReadonlySet<string> = new Set(['um', 'uh', 'er', 'ah', 'oh', 'ok', 'hmm']);

/** The lower-case word at `at` (letters, apostrophes, hyphens), or null. */
function wordAt(text: string, at: number): string | null {
  WORD_RE.lastIndex = at;
  return WORD_RE.exec(text)?.[0] ?? null;
}

/**
 * The end of a name whose first word ends at `end`, a family name taken in: the lower-case word after one space when
 * it is a name word and no ordinary word ("jenny kowalski").
 */
function withFamilyName(text: string, end: number, env: PassEnv): number {
  if (text.charCodeAt(end) !== 32) return end;
  const next = wordAt(text, end + 1);
  return next !== null && next.length >= 2 && !FILLERS.has(next) && env.isNameWord(next) && !env.isCommon(next) ? end + 1 + next.length : end;
}

// The pronoun "i" ("i'm", "im") or "dr" in lower case after a space or a line break, or a speech transcript's "um",
// "uh". One regex opening with a literal class (~1.5 ms per MB); the cue regex costs ~6 ms per MB where text has no
// cue, which is almost all formal text, where names.ts reads the capitalised names.
const LOWER_CASE_RE = /[ \n](?:i|im|i'm|dr\.?|um|uh) /;

/** Whether a text is written in lower case at least in part (LOWER_CASE_RE, also at its start: "i …", "dr …", "um …"). */
function writesLowerCase(text: string): boolean {
  return LOWER_CASE_RE.test(text) || LOWER_CASE_RE.test(` ${text.slice(0, 5)}`);
}

/** Names and addresses in a text that writes in lower case (one look at the text for both). */
function lowerCase(text: string, emit: Emit, env: PassEnv): void {
  // (English only: German writes "im" and has given names among its words: "der", "davon".)
  if (!writesLowerCase(text) || !looksEnglish(text)) return;
  lowerCaseNames(text, emit, env);
  lowerCaseGivenNames(text, emit, env);
  lowerCaseAddresses(text, emit, env);
  spokenNumbers(text, emit);
  lowerCaseDates(text, emit);
}

// Numbers said digit by digit, as a speech transcript writes them ("seven eight six five five five zero one two seven"):
// five digits or more, named by what is said before them and by their count.
const DIGIT_WORD = '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)';
const SPOKEN_DIGITS_RE = new RegExp(`(?<![\\p{L}])${DIGIT_WORD}(?:[ ,-]+(?:double )?${DIGIT_WORD}){4,}(?![\\p{L}])`, 'giu');
const SPOKEN_KINDS: readonly (readonly [RegExp, 'ZIP' | 'SSN' | 'HEALTH_PLAN' | 'MRN' | 'ACCOUNT' | 'PHONE'])[] = [
  [/\bzip(?: code)?\W+(?:is\W+)?$/i, 'ZIP'],
  [/\b(?:social|ssn)\b[^.]{0,30}$/i, 'SSN'],
  [/\b(?:medicaid|medicare|member|insurance|policy)\b[^.]{0,30}$/i, 'HEALTH_PLAN'],
  [/\b(?:record|chart|mrn|patient id)\b[^.]{0,30}$/i, 'MRN'],
  [/\b(?:account|claim|case)\b[^.]{0,30}$/i, 'ACCOUNT'],
];

/** Whether text[start, end) is a number said digit by digit or a date written in words (what the passes here emit). */
export function isSpokenInWords(text: string, start: number, end: number): boolean {
  const span = text.slice(start, end);
  SPOKEN_WHOLE_RE ??= new RegExp(`^(?:${SPOKEN_DIGITS_RE.source}|${LOWER_DATE_RE.source}|the ${ORDINAL_WORD})$`, 'iu');
  return SPOKEN_WHOLE_RE.test(span);
}
let SPOKEN_WHOLE_RE: RegExp | undefined; // what isSpokenInWords matches, compiled at its first use

function spokenNumbers(text: string, emit: Emit): void {
  eachMatch(SPOKEN_DIGITS_RE, text, (m) => {
    let digits = 0;
    for (const w of m[0].toLowerCase().split(/[ ,-]+/)) if (w !== 'double') digits += w === '' ? 0 : 1;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const kind = SPOKEN_KINDS.find(([re]) => re.test(before))?.[1];
    const type = kind ?? (digits === 7 || digits === 10 || digits === 11 ? 'PHONE' : digits >= 6 ? 'ACCOUNT' : undefined);
    if (type !== undefined) emit(type, m.index, m.index + m[0].length, 0.75);
  });
}

// Dates written in lower case or in words: "march 19", "thurs 14th", "june twenty first nineteen twenty seven",
// "wednesday the fourth", "on the twelfth".
const ORDINAL_WORD =
  '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))';
const YEAR_WORDS = '(?: (?:nineteen|twenty) (?:oh |hundred )?(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine)| two thousand(?: and)?(?: (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?))?)?';
const LOWER_MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)';
const LOWER_WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thurs?|fri|sat|sun)';
const LOWER_DATE_RE = new RegExp(
  `(?<![\\p{L}])(?:${LOWER_MONTH}\\.? (?:\\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|(?:the )?${ORDINAL_WORD}${YEAR_WORDS})|${LOWER_WEEKDAY}\\.? (?:the )?(?:\\d{1,2}(?:st|nd|rd|th)|${ORDINAL_WORD})|on the ${ORDINAL_WORD}(?=\\s*(?:[.,;:!?)]|$)| (?:at|like|and|of (?:this|next|the) month)\\b))(?![\\p{L}\\d])`,
  'gu',
);

function lowerCaseDates(text: string, emit: Emit): void {
  eachMatch(LOWER_DATE_RE, text, (m) => {
    // "may 5 people" is no date: a month that is also a word needs a day in words or an ordinal ("may 5th").
    if (/^(?:may|sun|sat|wed) \d{1,2}$/.test(m[0])) return;
    const at = m[0].startsWith('on the ') ? m.index + 3 : m.index;
    emit('DATE', at, m.index + m[0].length, 0.75);
  });
}

// A lower-case word of three letters or more (the given names of a text written in lower case are read from it).
const LOWER_WORD_RE = /(?<![\p{L}'’-])[a-z][a-z'’-]{2,}(?![\p{L}'’-])/gu;
// Given names that are also month, weekday or other abbreviations in notes ("jan 5", "sat down", "dee" as "D").
const NOT_GIVEN: ReadonlySet<string> = new Set(['tito', 'tita', 'lola', 'lolo', 'kuya', 'nana', 'min', 'mins', 'max', 'hrs', 'sec', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'med', 'meds', 'sig', 'tab', 'tabs', 'cap', 'caps', 'dee', 'dot', 'kay', 'lou']);

/**
 * In a text written in lower case, a given name that is no ordinary word, with a family name after it that is none
 * either ("so jenny kowalski called", "tell minh i said hi"): what names.ts finds from capitals in formal text.
 */
function lowerCaseGivenNames(text: string, emit: Emit, env: PassEnv): void {
  eachMatch(LOWER_WORD_RE, text, (m) => {
    const word = m[0];
    if (NOT_GIVEN.has(word) || !env.isGiven(word)) return;
    emit('NAME', m.index, withFamilyName(text, m.index + word.length, env), 0.7);
  });
}

function lowerCaseNames(text: string, emit: Emit, env: PassEnv): void {
  eachMatch(CUE_RE, text, (m) => {
    const at = m.index + m[0].length;
    const first = wordAt(text, at);
    if (first === null || first.length < 2 || FILLERS.has(first)) return;
    const firstEnd = at + first.length;
    if (m[1] !== undefined) {
      // After a title: a name word; an ordinary one only where the phrase ends ("dr smith." yes, "dr will call" no).
      // (Or a word no list holds at all: "dr lindqvist".)
      const known = env.isNameWord(first) || !env.isCommon(first);
      if (!known || env.isNeverName(first) || (env.isCommon(first) && !ENDS_PHRASE_RE.test(text.slice(firstEnd, firstEnd + 3)))) return;
    } else if (!env.isGiven(first)) {
      return;
    }
    // A family name after the given name ("jenny kowalski"), or after the title's name ("dr anita desai").
    const end = withFamilyName(text, firstEnd, env);
    // A title is evidence enough for a name the domain lists also hold ("dr jones"): 0.9, the scanner's bar for those.
    emit('NAME', at, end, m[1] !== undefined ? 0.9 : 0.8);
  });
  // After a relative's kin word, English or not ("tita joy", "kuya rich", "habaryar fadumo", "uncle avi"): a word the
  // name lists hold, even an ordinary one, or one that is no ordinary word ("lola only speaks": no name).
  eachMatch(KIN_RE, text, (m) => {
    const name = m[1] as string;
    if (name.length < 3 || (!env.isNameWord(name) && env.isCommon(name)) || env.isNeverName(name) || AFTER_KIN_NOT_NAMES.has(name)) return;
    const at = m.index + m[0].length - name.length;
    emit('NAME', at, withFamilyName(text, at + name.length, env), 0.85);
  });
  eachMatch(SIGNOFF_RE, text, (m) => {
    const name = m[1] as string;
    if (env.isGiven(name)) emit('NAME', m.index + m[0].lastIndexOf(name), m.index + m[0].lastIndexOf(name) + name.length, 0.75);
  });
}

// A street address written in lower case ("i moved to 42 w 88th st apt 5c, nyc 10024"): a number, a direction maybe,
// one to three words or an ordinal, a street suffix, a unit maybe; then a town, and a ZIP code, maybe.
const LOWER_STREET_RE =
  /\b\d{1,6} (?:[nsew]\.? )?(?:[a-z][a-z'-]*|\d{1,3}(?:st|nd|rd|th))(?: [a-z][a-z'-]*){0,2} (?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|ct|court|pl|place|ter|terrace|pkwy|parkway|hwy|highway|cir|circle)\b\.?(?:,? (?:apt|apartment|unit|suite|ste|fl|floor|#)\.? ?#?[a-z0-9-]{1,6}\b)?/g;
// Town abbreviations no gazetteer holds, and a ZIP code after the town or the street.
const LOWER_TOWN_AFTER_RE = /^,? (nyc|[a-z][a-z]+(?: [a-z]+)?)(?:,? ([a-z]{2}))?(?: (\d{5}(?:-\d{4})?))?\b/;

// A street named without its number after a preposition, in lower case ("the one on cedar ave", "off lake st").
const LOWER_NAMED_STREET_RE =
  /\b(?:on|off|near|at|along|down|up) ((?!(?:the|a|an|my|our|your|his|her|their|this|that|same|other|main road|high street)\b)[a-z][a-z'-]*(?: [a-z][a-z'-]*)? (?:ave|avenue|st|street|rd|road|blvd|boulevard|dr|drive|ln|lane))\b(?!-)/g;

// A town in lower case after a preposition ("in columbus", "driving from stockton", "leaving eden prairie"): one or two
// words the gazetteer holds, no ordinary word.
const LOWER_PLACE_RE = /\b(?:in|to|from|near|leaving|visiting|outside|around) ([a-z][a-z'-]{2,}(?: [a-z][a-z'-]{2,})?)\b/g;

// Words no street's name is made of ("2 is the place", "listing 7-14 shows the idiomatic way", "took 4 in the same way"),
// nor its suffix and unit ("a" may be a unit: "apt a").
const NOT_IN_STREET_NAME_RE = /\b(?:the|an|is|are|was|were|be|in|on|at|of|to|for|with|by|and|or|as|same|this|that|these|those|one|other|another|each|every|any|some|no|not|its|it|his|her|their|my|our|your|shows?)\b/;

function lowerCaseAddresses(text: string, emit: Emit, env: PassEnv): void {
  eachMatch(LOWER_PLACE_RE, text, (m) => {
    const words = m[1] as string;
    const at = m.index + m[0].length - words.length;
    // An article and an ordinary word is a phrase, even where a place has that name ("outside the range" is no "The Range").
    if (words.startsWith('the ') && env.isCommon(words.slice(4))) return;
    if (words.includes(' ') && env.isPlace(words)) emit('GEO', at, at + words.length, 0.75);
    else {
      const first = words.split(' ')[0] as string;
      if (env.isPlace(first)) emit('GEO', at, at + first.length, 0.7);
    }
  });
  eachMatch(LOWER_NAMED_STREET_RE, text, (m) => {
    const street = m[1] as string;
    emit('ADDRESS', m.index + m[0].length - street.length, m.index + m[0].length, 0.75);
  });
  eachMatch(LOWER_STREET_RE, text, (m) => {
    // The words of the street's name: no drug, dose or other ordinary phrase ("2 tabs by mouth" has no suffix anyway).
    const end = m.index + m[0].length;
    if (NOT_IN_STREET_NAME_RE.test(m[0])) return;
    emit('ADDRESS', m.index, end, 0.8);
    const after = LOWER_TOWN_AFTER_RE.exec(text.slice(end, end + 40));
    if (!after) return;
    const town = after[1] as string;
    const townAt = end + after[0].indexOf(town);
    // After a street, a town is evidence enough even where a word list holds it ("nyc" is in the medical list): 0.9.
    if (town === 'nyc' || !env.isCommon(town.split(' ')[0] as string)) emit('GEO', townAt, townAt + town.length, 0.9);
    const zip = after[3];
    if (zip !== undefined) emit('ZIP', end + after[0].lastIndexOf(zip), end + after[0].lastIndexOf(zip) + zip.length, 0.8);
  });
}

export const INFORMAL_PASSES: readonly Pass[] = [lowerCase];
