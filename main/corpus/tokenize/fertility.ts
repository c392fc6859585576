// Vocabulary fit of a tokenizer on the corpus: tokens per word (fertility) over everything encoded,
// and the frequent words it splits into the most pieces — candidates for vocabulary extension.
// Words are counted over everything (for tokens per word); their frequencies only over the first
// `sampleChars` characters and for at most `maxDistinct` distinct words (the frequent words of a
// corpus show up early), so that time and memory stay bounded on a large import.
import { countWords } from '../stages/normalize';
import type { CorpusTokenizer } from './types';

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

const WORD = /\p{L}[\p{L}\p{M}'’-]*\p{L}|\p{L}/gu;

export class FertilityCounter {
  private readonly counts = new Map<string, number>();
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
    for (const m of text.matchAll(WORD)) {
      const w = m[0].toLowerCase();
      const c = this.counts.get(w);
      if (c !== undefined) this.counts.set(w, c + 1);
      else if (this.counts.size < this.maxDistinct) this.counts.set(w, 1);
    }
  }

  report(tokenizer: CorpusTokenizer, options: { candidates?: number; top?: number; minChars?: number } = {}): FertilityReport {
    const { candidates = 2000, top = 25, minChars = 4 } = options;
    const frequent = [...this.counts.entries()]
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
