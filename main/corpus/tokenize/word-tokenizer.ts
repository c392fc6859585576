// The fallback tokenizer used until a base model is chosen: one token per word or punctuation mark,
// ids from a hash of the lower-cased token into a fixed vocabulary (id 0 is the document separator).
// Deterministic and fast; fertility against it is 1 by construction, so its report says so, and
// re-tokenizing with the chosen model's tokenizer later needs no re-import.
import { hashString } from '../stages/hash';
import type { CorpusTokenizer } from './types';

const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

export function wordTokenizer(vocabSize = 50_000): CorpusTokenizer {
  const encodeIds = (text: string): number[] => {
    const ids: number[] = [];
    for (const m of text.matchAll(TOKEN)) ids.push(1 + (hashString(m[0].toLowerCase()) % (vocabSize - 1)));
    return ids;
  };
  return {
    key: `words-${vocabSize}`,
    vocab_size: vocabSize,
    encodeIds,
    pieces: (word) => word.match(TOKEN) ?? [],
    separatorId: 0,
  };
}
