// Quality filters: a document too short, made mostly of symbols and digits (tables of numbers,
// encoded blobs, OCR noise), or made mostly of repeated lines is not useful training text.
// The first filter a document fails is the one counted in the report.

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

function symbolRatio(text: string): number {
  let symbols = 0;
  let visible = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10) continue;
    visible++;
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && /\p{L}|\p{M}/u.test(text[i]!));
    if (!letter) symbols++;
  }
  return visible === 0 ? 1 : symbols / visible;
}

function repeatedLineRatio(text: string): number {
  const seen = new Set<string>();
  let repeated = 0;
  let total = 0;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '') continue;
    total += t.length;
    if (seen.has(t)) repeated += t.length;
    else seen.add(t);
  }
  return total === 0 ? 0 : repeated / total;
}

/** The first failed filter, or null when the document passes. */
export function qualityVerdict(text: string, options: QualityOptions = DEFAULT_QUALITY): QualityFilter | null {
  if (text.length < options.minChars) return 'min_length';
  if (symbolRatio(text) > options.maxSymbolRatio) return 'symbol_ratio';
  if (repeatedLineRatio(text) > options.maxRepeatedLineRatio) return 'repeated_lines';
  return null;
}
