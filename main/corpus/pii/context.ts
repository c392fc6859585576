// Small helpers for looking at the text around a candidate match without allocating much.

/** The `n` characters before `index`, lower-cased. */
export function before(text: string, index: number, n: number): string {
  return text.slice(Math.max(0, index - n), index).toLowerCase();
}

/**
 * Runs a global regex over `text`, calling `onMatch` for every match (zero-length matches are skipped over). When
 * `text` is a slice of a larger text starting at `offset`, match indices are shifted into that larger text.
 */
export function eachMatch(re: RegExp, text: string, onMatch: (m: RegExpExecArray) => void, offset = 0): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    m.index += offset;
    onMatch(m);
  }
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether text[start, end) holds an ASCII digit (what /\d/ matches). */
export function hasDigit(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (isDigit(text.charCodeAt(k))) return true;
  return false;
}

/** A–Z. */
export function isCapital(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** a–z. */
export function isAsciiLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** A–Z or a–z. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// What follows a ruler's numeral rather than the pronoun "I": "George I to Victoria", "Elizabeth I of England".
const AFTER_NUMERAL_I = /^ (?:of|to|in|on|at|and|or|the|that|who|whom|which|from|for|by|with|as|until|reigned|ruled)\b/;

/** Whether text[at] is the pronoun "I" before a word in lower case ("São Paulo I travelled"), not "Elizabeth I of". */
export function isPronounI(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 73 || text.charCodeAt(at + 1) !== 32) return false;
  const c = text.charCodeAt(at + 2);
  return c >= 97 && c <= 122 && !AFTER_NUMERAL_I.test(text.slice(at + 1, at + 10));
}

/** Whether only spaces or tabs stand between `at` and the start of its line (or of the text). */
export function opensLine(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  return k < 0 || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13;
}

export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Runs a global regex only over the parts of `text` near a digit (from `reach` characters before a digit run to
 * `reach` after it, widened to word boundaries): for identifiers that must contain a digit, in text with few digits.
 * Match indices passed to `onMatch` are offsets into the whole text. With `opening`, `re` is sticky and is tried
 * only where `opening` says a match could open, with the same matches as its global twin has without it.
 */
export function eachMatchNearDigits(
  re: RegExp,
  text: string,
  reach: number,
  onMatch: (m: RegExpExecArray) => void,
  opening?: NextOpening,
): void {
  const runs = digitRuns(text);
  let windowStart = -1;
  let windowEnd = -1;
  for (let r = 0; r < runs.starts.length; r++) {
    const s = Math.max(0, (runs.starts[r] as number) - reach);
    const e = Math.min(text.length, (runs.ends[r] as number) + reach);
    if (windowStart >= 0 && s <= windowEnd) windowEnd = Math.max(windowEnd, e);
    else {
      if (windowStart >= 0) eachMatchInWindow(re, text, windowStart, windowEnd, onMatch, opening);
      windowStart = s;
      windowEnd = e;
    }
  }
  if (windowStart >= 0) eachMatchInWindow(re, text, windowStart, windowEnd, onMatch, opening);
}

/**
 * The first position at or after `from` in `s` where a regex's match could open, or -1: a necessary condition only
 * (see eachMatchNearDigits).
 */
export type NextOpening = (s: string, from: number) => number;

/** eachMatch over text[start, end) widened to the characters ≤ U+0020 around it, with indices into the whole text. */
function eachMatchInWindow(
  re: RegExp,
  text: string,
  start: number,
  end: number,
  onMatch: (m: RegExpExecArray) => void,
  opening: NextOpening | undefined,
): void {
  while (start > 0 && text.charCodeAt(start - 1) > 32) start--;
  while (end < text.length && text.charCodeAt(end) > 32) end++;
  const s = text.slice(start, end);
  if (opening === undefined) {
    eachMatch(re, s, onMatch, start);
    return;
  }
  // The sticky regex tried at the possible openings only, each search resuming after the previous match as a global
  // regex's does: the same matches, without trying the regex at every position.
  for (let at = opening(s, 0); at !== -1; ) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (m === null || m[0].length === 0) {
      at = opening(s, at + 1);
      continue;
    }
    at = opening(s, at + m[0].length);
    m.index += start;
    onMatch(m);
  }
}

const DIGIT_RE = /\d/g;

/** The runs of digits of a text (what /\d+/g matches, in order): found once per text for every digit-anchored pass. */
export interface DigitRuns {
  readonly starts: number[];
  readonly ends: number[];
}
let runsText: string | undefined;
let runsCache: DigitRuns = { starts: [], ends: [] };

/** The digit runs of `text`: the ones held for it (holdDigitRuns), else found now and held. */
export function digitRuns(text: string): DigitRuns {
  if (runsText !== text) holdDigitRuns(text, findDigitRuns(text));
  return runsCache;
}

/**
 * Makes `runs` (findDigitRuns(text)) what digitRuns(text) answers, until another text's runs or forgetDigitRuns():
 * a scanner that runs each pass over a batch of texts finds each text's runs once and holds them before each call.
 */
export function holdDigitRuns(text: string, runs: DigitRuns): void {
  runsText = text;
  runsCache = runs;
}

/** The runs of digits of `text`, found now (nothing held). */
export function findDigitRuns(text: string): DigitRuns {
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  // The regex finds each run's first digit (test(): no match object), the run is read on by character codes.
  DIGIT_RE.lastIndex = 0;
  while (DIGIT_RE.test(text)) {
    const start = DIGIT_RE.lastIndex - 1;
    let end = start + 1;
    while (end < n && isDigit(text.charCodeAt(end))) end++;
    starts.push(start);
    ends.push(end);
    DIGIT_RE.lastIndex = end;
  }
  return { starts, ends };
}

/**
 * What a match opening at the digit run text[start, end) needs of the run's length and the characters around it:
 * a necessary condition only, true wherever the regex could match there. Most digit runs fail it, and a test of a
 * few character codes costs far less than a regex call.
 */
export type RunTest = (text: string, start: number, end: number) => boolean;

/**
 * Where a match could open before the digit run text[at, end), with no other digit in between ("+" of "+1 617…"),
 * or -1: the one place, if any, where a match that reaches this run without opening at it could open.
 */
export type LeadTest = (text: string, at: number, end: number) => number;

/**
 * A regex a detector tries at runs of digits (eachMatchAtDigitRuns) with its tests: each detector lists its own, for
 * the test that holds them to the same regex with flag g.
 */
export interface DigitPass {
  re: RegExp;
  accept?: RunTest;
  lead?: LeadTest;
}

/**
 * text.charCodeAt(i), NaN outside the text (as charCodeAt gives it there), without reading out of bounds: optimized
 * code that meets its first out-of-bounds charCodeAt (a digit run that ends a text, read one past it) is thrown away
 * and compiled again with a slower read, in every thread, once for every such place. The tests of digit runs read
 * around the run through this.
 */
export function codeAt(text: string, i: number): number {
  return (i >>> 0) < text.length ? text.charCodeAt(i) : NaN;
}

/** Whether `c` is a character \s matches. */
export function isSpaceChar(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The RunTest of a regex that opens before a run of digits (a LeadTest) and never at its first digit. */
export const NEVER_AT_RUN: RunTest = () => false;

/** Whether the character before `at` is no word character (what \b before a digit needs). */
export function wordBoundaryBefore(text: string, at: number): boolean {
  return at === 0 || !isWordChar(text.charCodeAt(at - 1));
}

/**
 * `eachMatch` for a sticky regex (flag y) every match of which opens with a digit that no digit precedes (\b\d, or
 * (?<![\d…])\d), or with a `lead` character and such a digit: such a match can start only at the first digit of a
 * run of digits (or at the character before it), so the regex is tried there
 * alone, run after run, skipping runs inside the previous match — the same matches, in the same order, as the same
 * regex with flag g over the whole text, without reading the text between the runs. `accept`: the regex is tried
 * only at runs that pass it (see RunTest). `lead`: where the regex may also open before a run of digits ("+1 617…",
 * "(617)…", "-cv-123"), it is tried there first (see LeadTest).
 */
export function eachMatchAtDigitRuns(
  re: RegExp,
  text: string,
  onMatch: (m: RegExpExecArray) => void,
  accept?: RunTest,
  lead?: LeadTest,
): void {
  if (!re.sticky) throw new Error('eachMatchAtDigitRuns needs a sticky regex');
  const runs = digitRuns(text);
  let from = 0; // end of the previous match
  for (let r = 0; r < runs.starts.length; r++) {
    const at = runs.starts[r] as number;
    const before = lead === undefined ? -1 : lead(text, at, runs.ends[r] as number);
    if (before >= from) {
      re.lastIndex = before;
      const m = re.exec(text);
      if (m !== null && m[0].length > 0) {
        from = before + m[0].length;
        onMatch(m);
        continue;
      }
    }
    if (at < from) continue;
    if (accept === NEVER_AT_RUN || (accept !== undefined && !accept(text, at, runs.ends[r] as number))) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m === null || m[0].length === 0) continue;
    from = at + m[0].length;
    onMatch(m);
  }
}

/** Drops the cached digit runs (and with them the last text), once a scan is over. */
export function forgetDigitRuns(): void {
  runsText = undefined;
  runsCache = { starts: [], ends: [] };
}
