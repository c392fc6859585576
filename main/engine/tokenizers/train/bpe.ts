// Byte-level BPE training for GPT-2-style decoders: GPT-2's pre-tokenisation regex, each pre-token's
// UTF-8 bytes mapped to printable characters (bytes_to_unicode), all 256 byte symbols in the alphabet,
// then the most frequent pair merged until the vocabulary is full. The vocabulary is <|endoftext|>
// (id 0), the 256 byte symbols, then the merged tokens; merges.txt keeps their order.
import { StudioError } from '../../../common/errors';
import { bytesToUnicode, GPT2_PATTERN } from '../bpe';
import { checkVocabSize } from './wordpiece';
import { learnMerges } from './merges';

export const END_OF_TEXT = '<|endoftext|>';

export interface BpeTrainOptions {
  vocabSize: number;
  /** A pair must occur this often to be merged (default 2). */
  minFrequency?: number;
}

export interface TrainedBpe {
  kind: 'bpe';
  vocab: string[];
  merges: [string, string][];
}

export function trainByteLevelBpe(texts: Iterable<string>, options: BpeTrainOptions): TrainedBpe {
  checkVocabSize(options.vocabSize, 257);
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const match of text.matchAll(GPT2_PATTERN)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  }
  if (counts.size === 0) throw new StudioError('bad_input', 'There is no text to train a tokenizer on');
  const byteSymbols = bytesToUnicode();
  const encoder = new TextEncoder();
  const words: Int32Array[] = [];
  const wordCounts: number[] = [];
  for (const [token, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    words.push(Int32Array.from(encoder.encode(token)));
    wordCounts.push(count);
  }
  const { symbols, merges } = learnMerges({
    words,
    counts: wordCounts,
    symbols: byteSymbols,
    targetSymbols: options.vocabSize - 1,
    minFrequency: options.minFrequency ?? 2,
    score: 'frequency',
    join: (a, b) => a + b,
  });
  return { kind: 'bpe', vocab: [END_OF_TEXT, ...symbols], merges };
}
