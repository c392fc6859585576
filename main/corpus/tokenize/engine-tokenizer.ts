// A model's tokenizer (main/engine/tokenizers) as the corpus uses it: plain ids without special
// tokens, the model's separator ([SEP], else </s>/EOS) between documents, and a folder key derived
// from the tokenizer's kind, vocabulary size and the content of its files — re-tokenizing with the
// same tokenizer lands in the same shard folder, another tokenizer in its own.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKENIZER_FILES, loadTokenizer, type Tokenizer } from '../../engine/tokenizers';
import type { CorpusTokenizer } from './types';

export function fromEngineTokenizer(tokenizer: Tokenizer, fingerprint: string): CorpusTokenizer {
  return {
    key: `${tokenizer.kind.replace(/[^a-z0-9]+/gi, '-')}-${tokenizer.vocab_size}-${fingerprint.slice(0, 10)}`,
    vocab_size: tokenizer.vocab_size,
    encodeIds: (text) => tokenizer.encodeIds(text),
    pieces: (word) => tokenizer.encodeIds(word).map((id) => tokenizer.idToToken(id) ?? `#${id}`),
    separatorId: tokenizer.special.sep ?? tokenizer.special.eos ?? null,
  };
}

/** Hash of the tokenizer files present in `folder`. */
export function tokenizerFingerprint(folder: string): string {
  const hash = createHash('sha256');
  for (const name of TOKENIZER_FILES) {
    const file = join(folder, name);
    if (existsSync(file)) hash.update(name).update('\0').update(readFileSync(file));
  }
  return hash.digest('hex');
}

export async function loadCorpusTokenizer(folder: string): Promise<CorpusTokenizer> {
  return fromEngineTokenizer(await loadTokenizer(folder), tokenizerFingerprint(folder));
}
