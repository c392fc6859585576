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

export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Runs a global regex only over the parts of `text` near a digit (from `reach` characters before a digit run to
 * `reach` after it, widened to word boundaries): for identifiers that must contain a digit, in text with few digits.
 * Match indices passed to `onMatch` are offsets into the whole text.
 */
export function eachMatchNearDigits(re: RegExp, text: string, reach: number, onMatch: (m: RegExpExecArray) => void): void {
  const runs = digitRuns(text);
  let windowStart = -1;
  let windowEnd = -1;
  for (let r = 0; r < runs.starts.length; r++) {
    const s = Math.max(0, (runs.starts[r] as number) - reach);
    const e = Math.min(text.length, (runs.ends[r] as number) + reach);
    if (windowStart >= 0 && s <= windowEnd) windowEnd = Math.max(windowEnd, e);
    else {
      if (windowStart >= 0) eachMatchInWindow(re, text, windowStart, windowEnd, onMatch);
      windowStart = s;
      windowEnd = e;
    }
  }
  if (windowStart >= 0) eachMatchInWindow(re, text, windowStart, windowEnd, onMatch);
}

/** eachMatch over text[start, end) widened to the characters ≤ U+0020 around it, with indices into the whole text. */
function eachMatchInWindow(re: RegExp, text: string, start: number, end: number, onMatch: (m: RegExpExecArray) => void): void {
  while (start > 0 && text.charCodeAt(start - 1) > 32) start--;
  while (end < text.length && text.charCodeAt(end) > 32) end++;
  eachMatch(re, text.slice(start, end), onMatch, start);
}

/**
 * Disjoint windows of `text` around its digits: each digit run widened by `reach` characters both ways, then to the
 * nearest character ≤ U+0020 (or the text's ends), overlapping windows merged. A regex whose every match holds a
 * digit, is at most `reach` characters long and looks at most one character around itself (\b, one-character
 * look-arounds that whitespace and the text's ends pass alike) finds exactly the same matches window by window as
 * over the whole text: each match lies inside the window of its digit. Cached for the last text.
 */
interface DigitWindows {
  readonly starts: number[];
  readonly ends: number[];
  readonly slices: string[];
}
const DIGIT_RUN_RE = /\d+/g;

/** The runs of digits of a text (what /\d+/g matches, in order): found once per text for every digit-anchored pass. */
interface DigitRuns {
  readonly starts: number[];
  readonly ends: number[];
}
let runsText: string | undefined;
let runsCache: DigitRuns = { starts: [], ends: [] };

function digitRuns(text: string): DigitRuns {
  if (runsText === text) return runsCache;
  const starts: number[] = [];
  const ends: number[] = [];
  DIGIT_RUN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIGIT_RUN_RE.exec(text)) !== null) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  runsText = text;
  runsCache = { starts, ends };
  return runsCache;
}

/**
 * `eachMatch` for a sticky regex (flag y) every match of which opens with a digit that no digit precedes (\b\d, or
 * (?<![\d…])\d): such a match can start only at the first digit of a run of digits, so the regex is tried there
 * alone, run after run, skipping runs inside the previous match — the same matches, in the same order, as the same
 * regex with flag g over the whole text, without reading the text between the runs.
 */
export function eachMatchAtDigitRuns(re: RegExp, text: string, onMatch: (m: RegExpExecArray) => void): void {
  if (!re.sticky) throw new Error('eachMatchAtDigitRuns needs a sticky regex');
  const runs = digitRuns(text);
  let from = 0; // end of the previous match
  for (let r = 0; r < runs.starts.length; r++) {
    const at = runs.starts[r] as number;
    if (at < from) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m === null || m[0].length === 0) continue;
    from = at + m[0].length;
    onMatch(m);
  }
}

let windowsText: string | undefined;
let windowsReach = -1;
let windowsCache: DigitWindows = { starts: [], ends: [], slices: [] };

export function digitWindows(text: string, reach: number): DigitWindows {
  if (windowsText === text && windowsReach === reach) return windowsCache;
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let covered = 0; // characters inside windows
  const runs = digitRuns(text);
  for (let r = 0; r < runs.starts.length; r++) {
    const i = runs.starts[r] as number;
    const j = runs.ends[r] as number;
    let s = Math.max(0, i - reach);
    let e = Math.min(n, j + reach);
    while (s > 0 && text.charCodeAt(s - 1) > 32) s--;
    while (e < n && text.charCodeAt(e) > 32) e++;
    const last = starts.length - 1;
    if (last >= 0 && s <= (ends[last] as number)) {
      if (e > (ends[last] as number)) {
        covered += e - (ends[last] as number);
        ends[last] = e;
      }
    } else {
      starts.push(s);
      ends.push(e);
      covered += e - s;
    }
    if (e >= 1024 && covered > e * 0.6) {
      covered = n; // digits dense so far: read the whole text (below) without finding the rest
      break;
    }
  }
  if (covered > n * 0.5) {
    // Digits everywhere: one pass over the whole text costs less than a call per window.
    starts.length = 0;
    ends.length = 0;
    if (n > 0) {
      starts.push(0);
      ends.push(n);
    }
  }
  const slices = starts.length === 1 && starts[0] === 0 && ends[0] === n ? [text] : starts.map((s, k) => text.slice(s, ends[k]));
  windowsText = text;
  windowsReach = reach;
  windowsCache = { starts, ends, slices };
  return windowsCache;
}

/** Drops the cached windows and digit runs (and with them the last text), once a scan is over. */
export function forgetDigitWindows(): void {
  runsText = undefined;
  runsCache = { starts: [], ends: [] };
  windowsText = undefined;
  windowsReach = -1;
  windowsCache = { starts: [], ends: [], slices: [] };
}

/** The longest match of a regex run through `eachMatchInDigitWindows`. */
export const DIGIT_REACH = 48;

/**
 * `eachMatch` for a regex whose every match holds a digit, is at most DIGIT_REACH characters long and looks at most
 * one character around itself: the same matches, in the same order, with indices into the whole text — but only the
 * text near digits is read.
 */
export function eachMatchInDigitWindows(re: RegExp, text: string, onMatch: (m: RegExpExecArray) => void): void {
  const w = digitWindows(text, DIGIT_REACH);
  for (let k = 0; k < w.slices.length; k++) eachMatch(re, w.slices[k] as string, onMatch, w.starts[k] as number);
}

