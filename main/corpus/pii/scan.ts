// The PHI/PII scanner: runs every detector over a text, resolves overlaps, drops lone domain words and
// allow-listed strings. `scanPii(text)` uses the full name lists; `createScanner({ lexicon })` takes another
// lexicon (the benchmark holds out part of the name lists so that it measures names the scanner never saw).
import { PII_TYPES, STRUCTURED_TYPES, type Emit, type Finding, type Pass, type PassEnv, type PiiType, type ScanOptions } from './types';
import { type Lexicon } from './lexicon';
import { defaultNameTable } from './name-table';
import { type CompiledAllowList, compileAllowList, isAllowed } from './allow';
import { isPlausibleYear } from './validators';
import { STRUCTURED_PASSES, isAgeInWords } from './structured';
import { DATE_PASSES, widenDate } from './dates';
import { GEO_PASSES } from './geo';
import { PARTY_PASSES } from './parties';
import { NameDetector, isNamedDate } from './names';
import { INFORMAL_PASSES, isSpokenInWords } from './informal';
import { CHAT_PASSES } from './chat';
import { CJK_PASSES, chineseNumeral } from './cjk';
import { NAME_FORM_PASSES, isCredential } from './name-forms';
import { COMMON, DOMAIN, FIRST, FlagTable, NAMEISH, NEVER, PLACE, STATE, TITLE, TOWN, flagsFor } from './name-tokens';
import { type DigitRuns, findDigitRuns, forgetDigitRuns, hasDigit, holdDigitRuns, isCapital, opensLine } from './context';

export interface Scanner {
  scan(text: string, opts?: ScanOptions): Finding[];
  /**
   * The findings of each text, as scan() gives them, found pass by pass over the whole batch (faster than a scan()
   * per text: each pass's code and tables stay hot while it runs over a few dozen texts).
   */
  scanBatch(texts: readonly string[], opts?: ScanOptions): Finding[][];
}

const FREE_TEXT: ReadonlySet<PiiType> = new Set<PiiType>(['NAME', 'PARTY', 'GEO']);
// What each type is, looked up per finding: 1 a structured identifier that must hold a digit (all but emails and
// URLs), 2 free text (names, parties, places), 0 neither.
const KIND = Object.fromEntries(
  PII_TYPES.map((t) => [t, t !== 'EMAIL' && t !== 'URL' && STRUCTURED_TYPES.has(t) ? 1 : FREE_TEXT.has(t) ? 2 : 0]),
) as Readonly<Record<PiiType, number>>;

/** Whether `f` overlaps one of the ranges, given as [start, end] pairs one after another. */
function inside(ranges: readonly number[], f: Finding): boolean {
  for (let k = 0; k < ranges.length; k += 2) if (f.start < ranges[k + 1]! && f.end > ranges[k]!) return true;
  return false;
}

const CAR_RE = /^(?:Ford|Dodge|Chevrolet|Chevy|Toyota|Honda|Nissan|Hyundai|Kia|Jeep|Subaru|Mazda|Volkswagen|Buick|Cadillac|Chrysler|Tesla|Volvo|Lexus|Acura|Infiniti|Mitsubishi|Suzuki|Peugeot|Renault|Vauxhall|Skoda|Fiat|Pontiac|Lincoln|Mercury|Mercedes-Benz|Mercedes|BMW|Audi|Porsche|Jaguar|Land Rover|Range Rover|Opel|Citroën|Citroen|Dacia|Holden|Isuzu|Ram) [A-Z0-9]/;
// A firearm's maker before its model's number ("Glock 19 pistol", "Ruger 10/22 rifle"): no person.
const GUN_MAKERS: ReadonlySet<string> = new Set(['Glock', 'Ruger', 'Beretta', 'Remington', 'Winchester', 'Mossberg', 'Taurus', 'Walther', 'Kimber', 'Sig', 'Colt', 'Browning', 'Marlin', 'Savage', 'Benelli', 'Henry']);
const MODEL_NUMBER_AFTER_RE = /^ \d{1,4}(?:\/\d{1,3})? (?:pistol|rifle|shotgun|revolver|handgun|carbine|semi-automatic|semiautomatic)\b/i;
// A colour, an article, a possessive or a model year before the make.
const CAR_BEFORE_RE = /\b(?:a|an|the|his|her|their|my|our|your|silver|grey|gray|black|white|red|blue|green|maroon|tan|gold|beige|brown|dark|light|navy|yellow|orange|purple|(?:19|20)\d{2})\s+$/i;

/**
 * Whether a structured finding without a digit is one written in words: a holiday's or a month's name ("New Year's",
 * "in December"), an age ("ninety-six", "百一"), a number said digit by digit or a date said in words.
 */
function inWords(text: string, f: Finding): boolean {
  if (f.type === 'DATE') return isNamedDate(text, f.start, f.end) || isSpokenInWords(text, f.start, f.end);
  if (f.type === 'AGE_OVER_89') return isAgeInWords(text, f.start, f.end) || chineseNumeral(text.slice(f.start, f.end)) > 89;
  return isSpokenInWords(text, f.start, f.end);
}

// An abbreviation defined in parentheses after its words ("Therapeutic Use Exemption (TUE)", "Data Protection Officer
// (DPO)"): two to eight capitals, an "s" maybe.
const DEFINED_RE = /\(([A-Z]{2,8})s?\)/g;
const SMALL_WORDS: ReadonlySet<string> = new Set(['of', 'and', 'the', 'for', 'on', 'in', 'to', 'a', 'an', '&', 'de', 'du', 'des', 'la', 'et']);

/** The abbreviations `text` defines: each one's capitals are the initials of the words before it (small words skipped). */
function definedAbbreviations(text: string): Set<string> {
  const out = new Set<string>();
  if (text.indexOf('(') === -1) return out;
  DEFINED_RE.lastIndex = 0;
  for (let m = DEFINED_RE.exec(text); m !== null; m = DEFINED_RE.exec(text)) {
    const abbr = m[1] as string;
    const words = text.slice(Math.max(0, m.index - 16 * abbr.length), m.index).split(/[\s-]+/).filter((w) => w.length > 0);
    let k = abbr.length - 1;
    for (let w = words.length - 1; w >= 0 && k >= 0; w--) {
      const word = words[w] as string;
      if (word.toUpperCase() === word.toLowerCase()) break; // no letters: a number, a sign
      if (word[0]!.toUpperCase() === abbr[k]) k--;
      else if (!SMALL_WORDS.has(word.toLowerCase())) break;
    }
    if (k < 0) out.add(abbr);
  }
  return out;
}

// A document's version and its date ("Version 3, 29 June 2007", "Version 1.0 - March 16, 1999", "(Version 1.1
// 02/22/2000)", "libpng versions 1.0.7, July 1, 2000", "% version 2003/12/01"): the date of a text, no person's.
const VERSION_BEFORE_RE = /\b(?:[Vv]ersions?|VERSION)(?: \d{1,3}(?:\.\d{1,3}){0,3})?(?:,| -| –| dated| of| \(|)[ \t]?$/;

/** Whether the date at `start` follows a document's version on its line (VERSION_BEFORE_RE). */
function isVersionDate(text: string, start: number): boolean {
  const from = Math.max(0, start - 28);
  const line = text.lastIndexOf('\n', start - 1);
  return VERSION_BEFORE_RE.test(text.slice(Math.max(from, line + 1), start));
}

// A capital and a stop that open a line, after spaces maybe: a lettered item of a list ("A. Definitions").
const LIST_LETTER_RE = /^[ \t]*([A-Z])\.[ \t]/gm;
// How far apart two items of one list may be.
const LIST_ITEM_REACH = 4000;

/** Where letters open lines as list items (LIST_LETTER_RE): for each letter, A to Z, the offsets, in order. */
function lettersOpeningLines(text: string): number[][] {
  const at: number[][] = Array.from({ length: 26 }, () => []);
  LIST_LETTER_RE.lastIndex = 0;
  for (let m = LIST_LETTER_RE.exec(text); m !== null; m = LIST_LETTER_RE.exec(text)) at[(m[1] as string).charCodeAt(0) - 65]!.push(m.index);
  return at;
}

/** Whether the letter before or after `letter` (0 for "A") opens a line as a list item near `pos`. */
function siblingItemNear(items: readonly number[][], letter: number, pos: number): boolean {
  for (const l of [letter - 1, letter + 1]) for (const p of items[l] ?? []) if (Math.abs(p - pos) <= LIST_ITEM_REACH) return true;
  return false;
}

// A postcode and a town after a street's address, as most of Europe and Latin America write them ("Via Roma 10, 20121
// Milano", "Rua das Flores 12, 4050-262 Porto", "ul. Nowy Świat 15, 00-029 Warszawa", "Avenida Paulista 1578, 01310-100
// São Paulo", "Storgatan 5, 113 21 Stockholm"): five digits, four, Portugal's four and three, Poland's two and three,
// Brazil's five and three, Sweden's three and two; the town one to three capitalised words.
const POSTCODE_TOWN_AFTER_RE = /^, (\d{5}(?:-\d{3})?|\d{4}(?:-\d{3})?|\d{2}-\d{3}|\d{3} \d{2}) (\p{Lu}[\p{Ll}'’]+(?:[ -](?:\p{Lu}[\p{Ll}'’]+|de|do|da|di|del|sur|am|an der))*)(?![\p{L}\d])/u;
const MAX_TOWN_WORDS = 3;

/** Adds to a text's raw findings the postcode and the town after each street's address (POSTCODE_TOWN_AFTER_RE). */
function postcodesAfterStreets(text: string, found: Finding[]): void {
  const n = found.length;
  for (let k = 0; k < n; k++) {
    const f = found[k] as Finding;
    if (f.type !== 'ADDRESS' || text.charCodeAt(f.end) !== 44) continue;
    const m = POSTCODE_TOWN_AFTER_RE.exec(text.slice(f.end, f.end + 64));
    if (m === null || (m[2] as string).split(/[ -]/).length > MAX_TOWN_WORDS) continue;
    const code = f.end + m[0].length - (m[2] as string).length - 1 - (m[1] as string).length;
    found.push({ type: 'ZIP', start: code, end: code + (m[1] as string).length, text: '', confidence: 0.9 });
    found.push({ type: 'GEO', start: f.end + m[0].length - (m[2] as string).length, end: f.end + m[0].length, text: '', confidence: 0.9 });
  }
}

// A professional's register and number right after their name, as signatures and letters write them ("Dr Smith, MCNZ
// 12345", "Dr Okoro, MDCN/R/12345", "Dr Tremblay, CPSO #12345", "Dra. Souza, CRM-SP 123456"): a register's capitals (3
// to 6, a region's after "-" or "/" maybe) and a value with four digits or more. Not a credential ("MD 2019"), not a
// year alone.
const REGISTER_AFTER_NAME_RE = /^, ([A-Z]{3,6}(?:[-/][A-Z]{1,3}){0,2})[ /]#?((?=[A-Z0-9./-]*\d[A-Z0-9./-]*\d[A-Z0-9./-]*\d[A-Z0-9./-]*\d)[A-Z0-9][A-Z0-9./-]{2,14}[A-Z0-9])(?![A-Za-z0-9])/;

/** Adds to a text's raw findings the register's number after each name (REGISTER_AFTER_NAME_RE), as a LICENSE. */
function registersAfterNames(text: string, found: Finding[]): void {
  const n = found.length;
  let last = -1; // the end of the last name read (a name may be found by more than one rule)
  for (let k = 0; k < n; k++) {
    const f = found[k] as Finding;
    if (f.type !== 'NAME' || f.end === last || text.charCodeAt(f.end) !== 44 || !isCapital(text.charCodeAt(f.end + 2))) continue;
    last = f.end;
    const m = REGISTER_AFTER_NAME_RE.exec(text.slice(f.end, f.end + 40));
    if (m === null || isCredential((m[1] as string).split(/[-/]/)[0] as string) || isPlausibleYear(m[2] as string)) continue;
    const at = f.end + m[0].length - (m[2] as string).length;
    found.push({ type: 'LICENSE', start: at, end: at + (m[2] as string).length, text: '', confidence: 0.85 });
  }
}

/**
 * `lexicon`: other word lists than the default lexicon's (whose table is defaultNameTable(): the bundled copy, or
 * built from the lists). `names`: the memory of a flag table another thread holds (sharedNameTable()), read in place.
 */
export function createScanner(opts: { lexicon?: Lexicon; names?: SharedArrayBuffer } = {}): Scanner {
  const flags = opts.names ? FlagTable.fromShared(opts.names) : opts.lexicon ? flagsFor(opts.lexicon) : defaultNameTable();
  const names = new NameDetector(flags);
  // Lexicon words looked up in the flag table, case-folded as the lists are (the words looked up here are ASCII or
  // Latin-1, where that folding and toLowerCase() agree).
  const isDomain = (word: string) => (flags.getWord(word) & DOMAIN) !== 0;
  // A town or a city of the gazetteer that has none of the flags `unless`.
  const isPlaceUnless = (words: string, unless: number) => {
    const f = flags.getWord(words);
    return (f & (PLACE | TOWN)) !== 0 && (f & unless) === 0;
  };
  // The passes' sinks, made once (not per text): before each call they point at that text's own lists.
  let raw: Finding[] = [];
  let precedents: number[] = []; // [start, end] pairs
  const emit: Emit = (type, start, end, confidence) => {
    if (end > start) raw.push({ type, start, end, text: '', confidence });
  };
  const env: PassEnv = {
    isCommon: (word) => (flags.getWord(word) & COMMON) !== 0,
    isGiven: (word) => (flags.getWord(word) & (FIRST | COMMON | NEVER | TITLE | STATE)) === FIRST,
    isNeverName: (word) => (flags.getWord(word) & (NEVER | TITLE | STATE)) !== 0,
    isPlace: (words) => isPlaceUnless(words, COMMON | NEVER | TITLE | STATE | DOMAIN),
    isPlaceBesidePostcode: (words) => isPlaceUnless(words, COMMON | NEVER | TITLE | STATE),
    isNameWord: (word) => {
      const f = flags.getWord(word);
      return (f & NAMEISH) !== 0 && (f & (NEVER | TITLE | STATE)) === 0;
    },
    suppress: (start, end) => {
      precedents.push(start, end);
    },
  };
  const passes: readonly Pass[] = [
    ...STRUCTURED_PASSES, ...DATE_PASSES, ...GEO_PASSES, ...PARTY_PASSES, ...NAME_FORM_PASSES, ...INFORMAL_PASSES, ...CHAT_PASSES, ...CJK_PASSES, (text, sink) => names.detect(text, sink),
  ];

  /** The findings of one text from its raw findings and precedents: resolved, trimmed, allow-listed. */
  const finish = (text: string, found: Finding[], spans: readonly number[], allow: CompiledAllowList | undefined): Finding[] => {
    const out: Finding[] = [];
    let abbreviations: Set<string> | undefined; // found on first need
    let listItems: number[][] | undefined; // likewise
    // A date's weekday and the other end of a range of days are part of it ("Tuesday, March 23", "Oct. 2-9").
    for (const f of found) if (f.type === 'DATE') [f.start, f.end] = widenDate(text, f.start, f.end);
    postcodesAfterStreets(text, found);
    registersAfterNames(text, found);
    for (const f of resolve(found, false)) {
      // A structured identifier trimmed down to no digit at all is a leftover ("SSN: " whose number won).
      const kind = KIND[f.type];
      // (A payment address holds none maybe: "ravi.kumar@okaxis".)
      if (kind === 1 && !hasDigit(text, f.start, f.end) && !inWords(text, f) && !(f.type === 'ACCOUNT' && text.lastIndexOf('@', f.end) > f.start)) continue;
      if (f.type === 'DATE' && isVersionDate(text, f.start)) continue;
      f.text = text.slice(f.start, f.end);
      if (kind === 2) {
        // Inside a published precedent's case name ("Bell Atlantic Corp. v. Twombly") nothing is a name or a place.
        if (spans.length > 0 && inside(spans, f)) continue;
        // A car's make and model ("a silver Ford Kuga", "a gray Dodge Charger") is no person and no place.
        if (CAR_RE.test(f.text) && CAR_BEFORE_RE.test(text.slice(Math.max(0, f.start - 12), f.start))) continue;
        // A name or a place opening with an abbreviation the text defines is no person's ("the TUE Committee").
        if (isCapital(f.text.charCodeAt(0)) && isCapital(f.text.charCodeAt(1))) {
          abbreviations ??= definedAbbreviations(text);
          if (abbreviations.size > 0 && abbreviations.has(/^[A-Z]+/.exec(f.text)![0])) continue;
        }
        if (GUN_MAKERS.has(f.text) && MODEL_NUMBER_AFTER_RE.test(text.slice(f.end, f.end + 24))) continue;
        // A lettered item of a list, its letter read as an initial ("B. Waiver and Indemnity", "D. Waiver of Damages"
        // where "C." or "E." opens another line): the letter goes, and one word left that the name lists do not hold is
        // no name ("A. Kowalczyk", "B. Nowak" are names still).
        if (f.type === 'NAME' && f.confidence < 0.9 && f.text.charCodeAt(1) === 46 && f.text.charCodeAt(2) === 32 && isCapital(f.text.charCodeAt(0))) {
          listItems ??= lettersOpeningLines(text);
          const rest = f.text.slice(3);
          const oneWord = !/\s/.test(rest);
          if (opensLine(text, f.start) && siblingItemNear(listItems, f.text.charCodeAt(0) - 65, f.start) && !(oneWord && (flags.getWord(rest) & NAMEISH) !== 0)) {
            if (oneWord) continue;
            f.start += 3;
            f.text = rest;
          }
        }
        // A single domain word (drug, diagnosis, legal term) is never a name or a place on weak evidence.
        if (f.confidence < 0.9 && !/\s/.test(f.text) && isDomain(f.text)) continue;
        // A country or a state alone is no person ("born in Korea" where a later mention of a name would take it).
        if (f.type === 'NAME' && f.confidence < 0.9 && !/\s/.test(f.text) && (flags.getWord(f.text) & STATE) !== 0) continue;
      }
      if (allow && isAllowed(f, allow)) continue;
      out.push(f);
    }
    return out;
  };

  const scanBatch = (texts: readonly string[], scanOpts: ScanOptions = {}): Finding[][] => {
    const n = texts.length;
    const found: Finding[][] = [];
    const spans: number[][] = [];
    const runs: DigitRuns[] = [];
    for (let k = 0; k < n; k++) {
      found.push([]);
      spans.push([]);
      runs.push(findDigitRuns(texts[k]!));
    }
    try {
      // Pass by pass, text by text: each text meets the passes in their order, so its raw findings (and with them
      // the resolved ones) come out as a scan of that text alone gives them.
      for (let p = 0; p < passes.length; p++) {
        const pass = passes[p]!;
        for (let k = 0; k < n; k++) {
          const text = texts[k]!;
          raw = found[k]!;
          precedents = spans[k]!;
          holdDigitRuns(text, runs[k]!);
          pass(text, emit, env);
        }
      }
    } finally {
      forgetDigitRuns();
      raw = [];
      precedents = [];
    }
    const allow = scanOpts.allow && scanOpts.allow.length > 0 ? compileAllowList(scanOpts.allow) : undefined;
    const out: Finding[][] = [];
    for (let k = 0; k < n; k++) out.push(finish(texts[k]!, found[k]!, spans[k]!, allow));
    return out;
  };

  return {
    scanBatch,
    scan: (text, scanOpts) => scanBatch([text], scanOpts)[0]!,
  };
}

/**
 * Sorted, non-overlapping findings. Same-type overlaps merge; otherwise the more confident (then longer) finding keeps
 * the shared characters and the other is trimmed to what lies outside it, so that redaction still covers both.
 */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  return resolve(findings, true);
}

/** resolveOverlaps; with `copy` false the findings themselves are trimmed and merged (the scanner's own raw list). */
function resolve(findings: Finding[], copy: boolean): Finding[] {
  sortByStartThenLongest(findings);
  const kept: Finding[] = [];
  for (const original of findings) {
    const f = copy ? { ...original } : original;
    const last = kept[kept.length - 1];
    if (!last || f.start >= last.end) {
      kept.push(f);
      continue;
    }
    if (f.type === last.type) {
      last.end = Math.max(last.end, f.end);
      last.confidence = Math.max(last.confidence, f.confidence);
      continue;
    }
    if (score(f) > score(last)) {
      const tail = last.end > f.end ? withStart(last, f.end, copy) : undefined;
      if (last.start < f.start) last.end = f.start;
      else kept.pop();
      kept.push(f);
      if (tail && tail.end - tail.start >= 2) kept.push(tail);
    } else if (f.end > last.end && f.end - last.end >= 2) {
      kept.push(withStart(f, last.end, copy));
    }
  }
  return kept;
}

/**
 * A copy of `f` from `start` on. The scanner's own findings all have the shape emit gives them, and the copy is made in
 * the same shape: a spread copy has another hidden class, and optimized code that had met only one would be thrown away
 * (and compiled again) at the first of the other.
 */
function withStart(f: Finding, start: number, copy: boolean): Finding {
  return copy ? { ...f, start } : { type: f.type, start, end: f.end, text: f.text, confidence: f.confidence };
}

/** Whether `a` sorts before `b`: it starts first, or at the same place and ends later (the longer first). */
function precedes(a: Finding, b: Finding): boolean {
  return a.start < b.start || (a.start === b.start && a.end > b.end);
}

const SORT_BLOCK = 32;

/**
 * Sorts by start, then longest first, keeping the order of findings that tie (same start and end): the one order a
 * stable sort gives, as Array.prototype.sort with a comparator did, but without a call per comparison. The findings
 * arrive as a few sorted runs (one per detector pass): blocks of 32 sorted by insertion, then merged pairwise.
 */
export function sortByStartThenLongest(a: Finding[]): void {
  const n = a.length;
  for (let lo = 0; lo < n; lo += SORT_BLOCK) {
    const hi = Math.min(n, lo + SORT_BLOCK);
    for (let i = lo + 1; i < hi; i++) {
      const f = a[i] as Finding;
      let j = i - 1;
      while (j >= lo && precedes(f, a[j] as Finding)) {
        a[j + 1] = a[j] as Finding;
        j--;
      }
      a[j + 1] = f;
    }
  }
  if (n <= SORT_BLOCK) return;
  let src = a;
  let dst: Finding[] = new Array<Finding>(n);
  for (let width = SORT_BLOCK; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      // From the right run only what strictly precedes: ties keep their order.
      while (i < mid && j < hi) dst[k++] = precedes(src[j] as Finding, src[i] as Finding) ? (src[j++] as Finding) : (src[i++] as Finding);
      while (i < mid) dst[k++] = src[i++] as Finding;
      while (j < hi) dst[k++] = src[j++] as Finding;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== a) for (let k = 0; k < n; k++) a[k] = src[k] as Finding;
}

function score(x: Finding): number {
  return x.confidence + (x.end - x.start) * 1e-4;
}

/**
 * The default lexicon's flag table in shared memory, loaded or built once (on first call) in this thread: worker threads
 * pass it to createScanner({ names }) instead of each loading the word lists and building the table.
 */
export function sharedNameTable(): SharedArrayBuffer {
  return defaultNameTable().share();
}

let shared: Scanner | undefined;

/** The scanner with the default lexicon, made on first use (its name table loads then). */
export function defaultScanner(): Scanner {
  shared ??= createScanner();
  return shared;
}

/** Scans `text` for PHI/PII with the default lexicon. Offsets are UTF-16 indices into `text`. */
export function scanPii(text: string, opts?: ScanOptions): Finding[] {
  return defaultScanner().scan(text, opts);
}
