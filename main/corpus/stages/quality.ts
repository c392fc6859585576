// Quality filters: a document too short, made mostly of symbols and digits (tables of numbers,
// encoded blobs, OCR noise), or made mostly of repeated lines is not useful training text.
// The first filter a document fails is the one counted in the report.
import { CodeUnits } from '../code-units';

export interface QualityOptions {
  /** Fewer characters than this: filtered as `min_length`. */
  minChars: number;
  /** Share of non-space characters that are neither letters nor marks above this: `symbol_ratio`. */
  maxSymbolRatio: number;
  /** Share of characters in lines that repeat an earlier line of the same document above this: `repeated_lines`. */
  maxRepeatedLineRatio: number;
}

export const DEFAULT_QUALITY: QualityOptions = { minChars: 50, maxSymbolRatio: 0.5, maxRepeatedLineRatio: 0.5 };

export type QualityFilter = 'min_length' | 'symbol_ratio' | 'repeated_lines';
export const QUALITY_FILTERS: readonly QualityFilter[] = ['min_length', 'symbol_ratio', 'repeated_lines'];

// What a character counts as: not visible (a space or a line break), a letter, or a symbol (anything else: digits,
// punctuation, marks other than letters and combining marks).
const BLANK = 0;
const LETTER = 1;
const SYMBOL = 2;
const ASCII_KIND = Uint8Array.from({ length: 0xc0 }, (_, c) =>
  c === 32 || c === 10 ? BLANK : (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? LETTER : SYMBOL,
);
/** From U+00C0 on, per UTF-16 code unit: LETTER or SYMBOL once known (\p{L} or \p{M} of the unit alone), 0 before. */
const WIDE_KIND = new Uint8Array(0x10000);
function wideKind(c: number): number {
  let kind = WIDE_KIND[c]!;
  if (kind === 0) kind = WIDE_KIND[c] = /\p{L}|\p{M}/u.test(String.fromCharCode(c)) ? LETTER : SYMBOL;
  return kind;
}

const KIND_COUNTS = new Int32Array(3);
/** The code units of the text being counted (see code-units.ts). */
const UNITS = new CodeUnits();

/** Characters read between two looks at whether the outcome is already certain. */
const SYMBOL_BLOCK = 256;
/** Far above the rounding of a share computed in doubles, far below the step of one character in a share. */
const MARGIN = 1e-9;

/**
 * Whether the share of symbols among the visible characters (not spaces or line breaks; 1 when there are none)
 * is above `max`. The text is read until the answer is certain: with what is left counted as visible at most, the
 * share can no longer fall to `max` (symbols alone exceed it) or rise above it (letters alone leave too little).
 */
function symbolShareAbove(text: string, max: number): boolean {
  const n = text.length;
  const units = UNITS.of(text);
  const counts = KIND_COUNTS.fill(0); // [BLANK, LETTER, SYMBOL]: counted by index, not branches (kinds alternate unpredictably)
  let symbols = 0;
  let letters = 0;
  for (let from = 0; from < n; from += SYMBOL_BLOCK) {
    const to = Math.min(n, from + SYMBOL_BLOCK);
    for (let i = from; i < to; i++) {
      const c = units[i]!;
      counts[c < 0xc0 ? ASCII_KIND[c]! : wideKind(c)]! += 1;
    }
    symbols = counts[SYMBOL]!;
    letters = counts[LETTER]!;
    const visibleAtMost = n - counts[BLANK]!;
    if (symbols > (max + MARGIN) * visibleAtMost) return true;
    if (letters > (1 - max + MARGIN) * visibleAtMost) return false;
  }
  const visible = symbols + letters;
  return (visible === 0 ? 1 : symbols / visible) > max;
}

/** Whether a UTF-16 code unit is white space as String.prototype.trim sees it. */
function isTrimmed(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Whether the share of the characters of the (trimmed, non-blank) lines that repeat an earlier line is above `max`
 * (0 when there are none). Lines are read until the answer is certain: with every character left counted as repeated,
 * the share can no longer rise above `max` (or is above it with none of them) — for a text without repeated lines,
 * about half way through. No array of lines is made.
 */
function repeatedShareAbove(text: string, max: number): boolean {
  const seen = new Set<string>();
  const n = text.length;
  let repeated = 0;
  let total = 0;
  for (let start = 0; start <= n; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    let a = start;
    let b = end;
    while (a < b && isTrimmed(text.charCodeAt(a))) a++;
    while (b > a && isTrimmed(text.charCodeAt(b - 1))) b--;
    if (b > a) {
      const line = text.slice(a, b);
      total += line.length;
      if (seen.has(line)) repeated += line.length;
      else seen.add(line);
    }
    start = end + 1;
    const left = Math.max(0, n - start); // characters of lines still to read, at most
    if (repeated + left <= (max - MARGIN) * (total + left)) return false;
    if (repeated > (max + MARGIN) * (total + left)) return true;
  }
  return (total === 0 ? 0 : repeated / total) > max;
}

/** The first failed filter, or null when the document passes. */
export function qualityVerdict(text: string, options: QualityOptions = DEFAULT_QUALITY): QualityFilter | null {
  if (text.length < options.minChars) return 'min_length';
  if (symbolShareAbove(text, options.maxSymbolRatio)) return 'symbol_ratio';
  if (repeatedShareAbove(text, options.maxRepeatedLineRatio)) return 'repeated_lines';
  return null;
}
