// Vocabulary fit of a tokenizer on the corpus: tokens per word (fertility) over everything encoded,
// and the frequent words it splits into the most pieces — candidates for vocabulary extension.
// Words are counted over everything (for tokens per word); their frequencies only over the first
// `sampleChars` characters and for at most `maxDistinct` distinct words (the frequent words of a
// corpus show up early), so that time and memory stay bounded on a large import.
import { countWords } from '../stages/normalize';
import type { CorpusTokenizer } from './types';
import { WordCounts } from './word-counts';

export interface FragmentedWord {
  word: string;
  count: number;
  pieces: number;
  tokens: string[];
}

export interface FertilityReport {
  words: number;
  tokens: number;
  tokens_per_word: number;
  fragmented: FragmentedWord[];
}

// A word is what /\p{L}[\p{L}\p{M}'’-]*\p{L}|\p{L}/u matches: in each run of letters, marks, apostrophes and hyphens,
// the span from its first letter to its last. Read by character codes (no match objects), classes cached per code unit.
const OTHER = 1;
const LETTER = 2;
const JOINER = 3; // a mark, ' ’ or -
const IS_LETTER = /^\p{L}$/u;
const IS_MARK = /^\p{M}$/u;
/** Class of each BMP code unit (0 until first seen); surrogate pairs are classified as whole code points. */
const CLASS = new Uint8Array(0x10000);
function classOfCodePoint(ch: string): number {
  return IS_LETTER.test(ch) ? LETTER : IS_MARK.test(ch) || ch === "'" || ch === '’' || ch === '-' ? JOINER : OTHER;
}
/** Class of the code point at text[i]; `step` is set to its length in code units (1 or 2). */
let step = 1;
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  step = 1;
  if (c < 0xd800 || c > 0xdfff) {
    let k = CLASS[c]!;
    if (k === 0) k = CLASS[c] = classOfCodePoint(String.fromCharCode(c));
    return k;
  }
  const d = text.charCodeAt(i + 1);
  if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return OTHER; // a lone surrogate is no letter
  step = 2;
  return classOfCodePoint(text.slice(i, i + 2));
}

export class FertilityCounter {
  private readonly counts = new WordCounts();
  private words = 0;
  private tokens = 0;
  private sampled = 0;
  constructor(
    private readonly maxDistinct = 200_000,
    private readonly sampleChars = 64_000_000,
  ) {}

  add(text: string, tokens: number): void {
    this.tokens += tokens;
    this.words += countWords(text);
    if (this.sampled >= this.sampleChars) return;
    this.sampled += text.length;
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (classAt(text, i) !== LETTER) {
        i += step;
        continue;
      }
      const start = i;
      i += step;
      let end = i; // after the last letter so far
      while (i < n) {
        const k = classAt(text, i);
        if (k === OTHER) break;
        i += step;
        if (k === LETTER) end = i;
      }
      this.counts.add(text, start, end, this.maxDistinct);
    }
  }

  report(tokenizer: CorpusTokenizer, options: { candidates?: number; top?: number; minChars?: number } = {}): FertilityReport {
    const { candidates = 2000, top = 25, minChars = 4 } = options;
    const frequent = this.counts.entries()
      .filter(([w]) => w.length >= minChars)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, candidates);
    const fragmented = frequent
      .map(([word, count]) => {
        const tokens = tokenizer.pieces(word);
        return { word, count, pieces: tokens.length, tokens };
      })
      .filter((w) => w.pieces >= 3)
      .sort((a, b) => b.pieces - a.pieces || b.count - a.count)
      .slice(0, top);
    return {
      words: this.words,
      tokens: this.tokens,
      tokens_per_word: this.words === 0 ? 0 : Math.round((this.tokens / this.words) * 1000) / 1000,
      fragmented,
    };
  }
}
