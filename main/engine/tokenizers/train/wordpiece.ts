// WordPiece vocabulary training for BERT-style encoders: BERT's basic tokenizer (lower-cased, accents
// stripped, punctuation split) makes the words; every character is a symbol, written "##c" after the
// first of a word; the most frequent pair merges (as HF's WordPieceTrainer; the WordPiece likelihood score
// is an option) until the vocabulary is full. The vocabulary is
// [PAD] [UNK] [CLS] [SEP] [MASK] (ids 0–4), the alphabet, then the merged pieces in merge order.
import { StudioError } from '../../../common/errors';
import { basicSplit, type BasicOptions } from '../bert-basic';
import { learnMerges, type MergeScore } from './merges';

export const WORDPIECE_SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const PREFIX = '##';
/** Words longer than this become [UNK] in BERT's encoder; they are not learned from. */
const MAX_WORD_CHARS = 100;

export interface WordPieceTrainOptions {
  vocabSize: number;
  /** A pair must occur this often to be merged (default 2). */
  minFrequency?: number;
  lowercase?: boolean;
  /** 'frequency' (default, as HF's WordPieceTrainer): the most frequent pair; 'wordpiece': count(ab) / (count(a)·count(b)). */
  score?: MergeScore;
  /** Characters seen fewer times than this are left out of the alphabet (they encode as [UNK]); default 1. */
  minCharFrequency?: number;
}

export interface TrainedWordPiece {
  kind: 'wordpiece';
  /** Tokens by id. */
  vocab: string[];
  lowercase: boolean;
}

export function checkVocabSize(vocabSize: number, minimum: number): void {
  if (!Number.isInteger(vocabSize) || vocabSize < minimum || vocabSize > 1_000_000) {
    throw new StudioError('invalid_request', `The vocabulary size must be a whole number from ${minimum} to 1000000 (got ${vocabSize})`, { field: 'vocab_size' });
  }
}

/** Counts BERT basic-tokenizer words over the texts. */
export function countBasicWords(texts: Iterable<string>, options: BasicOptions): Map<string, number> {
  const counts = new Map<string, number>();
  const words: string[] = [];
  for (const text of texts) {
    words.length = 0;
    basicSplit(text, options, words);
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

export function trainWordPiece(texts: Iterable<string>, options: WordPieceTrainOptions): TrainedWordPiece {
  const lowercase = options.lowercase ?? true;
  checkVocabSize(options.vocabSize, WORDPIECE_SPECIALS.length + 1);
  const wordCounts = countBasicWords(texts, { lowercase, stripAccents: null, chineseChars: true });
  if (wordCounts.size === 0) throw new StudioError('bad_input', 'There is no text to train a tokenizer on');

  // The alphabet: each character as a word start and as a continuation, by frequency then code point.
  const charCounts = new Map<string, number>();
  for (const [word, count] of wordCounts) {
    if (word.length > MAX_WORD_CHARS) continue;
    let first = true;
    for (const ch of word) {
      const symbol = first ? ch : PREFIX + ch;
      charCounts.set(symbol, (charCounts.get(symbol) ?? 0) + count);
      first = false;
    }
  }
  const minChar = options.minCharFrequency ?? 1;
  const room = options.vocabSize - WORDPIECE_SPECIALS.length;
  const alphabet = [...charCounts].filter(([, c]) => c >= minChar).sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0)).slice(0, room).map(([s]) => s);
  alphabet.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const symbolId = new Map(alphabet.map((s, i) => [s, i]));

  const words: Int32Array[] = [];
  const counts: number[] = [];
  const sorted = [...wordCounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  outer: for (const [word, count] of sorted) {
    if (word.length > MAX_WORD_CHARS) continue;
    const ids: number[] = [];
    let first = true;
    for (const ch of word) {
      const id = symbolId.get(first ? ch : PREFIX + ch);
      if (id === undefined) continue outer; // a rare character: this word would be [UNK] anyway
      ids.push(id);
      first = false;
    }
    words.push(Int32Array.from(ids));
    counts.push(count);
  }
  const { symbols } = learnMerges({
    words,
    counts,
    symbols: alphabet,
    targetSymbols: room,
    minFrequency: options.minFrequency ?? 2,
    score: options.score ?? 'frequency',
    join: (a, b) => a + (b.startsWith(PREFIX) ? b.slice(PREFIX.length) : b),
  });
  return { kind: 'wordpiece', vocab: [...WORDPIECE_SPECIALS, ...symbols], lowercase };
}
