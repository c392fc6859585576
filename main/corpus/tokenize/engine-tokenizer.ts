// A model's tokenizer (main/engine/tokenizers) as the corpus uses it: plain ids without special
// tokens, the model's separator ([SEP], else </s>/EOS) between documents, and a folder key derived
// from the tokenizer's kind, vocabulary size and the content of its files — re-tokenizing with the
// same tokenizer lands in the same shard folder, another tokenizer in its own.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKENIZER_FILES, loadTokenizer, type Tokenizer } from '../../engine/tokenizers';
import { bytesToUnicode } from '../../engine/tokenizers/bpe';
import type { CorpusTokenizer } from './types';

export function fromEngineTokenizer(tokenizer: Tokenizer, fingerprint: string): CorpusTokenizer {
  return {
    key: `${tokenizer.kind.replace(/[^a-z0-9]+/gi, '-')}-${tokenizer.vocab_size}-${fingerprint.slice(0, 10)}`,
    vocab_size: tokenizer.vocab_size,
    encodeIds: (text) => tokenizer.encodeIds(text),
    pieces: (word) => tokenizer.encodeIds(word).map((id) => shownPiece(tokenizer, id)),
    separatorId: tokenizer.special.sep ?? tokenizer.special.eos ?? null,
  };
}

const BYTE_OF_CHAR = new Map(bytesToUnicode().map((ch, byte) => [ch, byte]));

/**
 * A piece as a person reads it: WordPiece's own ("##ter"); others decoded ("Ġterm" → "term", "▁the" → "the", a
 * byte-level "Ã¼" → "ü"), and a piece holding part of a character's UTF-8 bytes as those bytes ("‹C3›"), where
 * the raw piece would read "Ã" (SentencePiece: "<0xC3>").
 */
export function shownPiece(tokenizer: Tokenizer, id: number): string {
  const token = tokenizer.idToToken(id) ?? `#${id}`;
  if (tokenizer.kind === 'wordpiece') return token;
  const text = tokenizer.decode([id]).trim();
  if (!text.includes('\uFFFD')) return text === '' ? token : text;
  const fallback = /^<0x([0-9A-Fa-f]{2})>$/.exec(token); // SentencePiece's byte fallback
  if (fallback) return `‹${fallback[1]!.toUpperCase()}›`;
  const bytes = [...token].map((ch) => BYTE_OF_CHAR.get(ch));
  if (bytes.some((b) => b === undefined)) return token;
  return `‹${bytes.map((b) => b!.toString(16).toUpperCase().padStart(2, '0')).join(' ')}›`;
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
