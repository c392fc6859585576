// Token ids of probe text for the audit and the cloze probes: the model's leading/closing specials and
// a text split so that a word's ids are exactly the tokens it gets in context (byte-level BPE attaches
// the space before a word to it, so "before" is encoded without its trailing space).
import type { Tokenizer } from '../engine/tokenizers';

/** [CLS] or [BOS] first where the model uses one. */
export function leadIds(tokenizer: Tokenizer): number[] {
  const s = tokenizer.special;
  const first = s.cls ?? s.bos ?? null;
  return first === null ? [] : [first];
}

/** [SEP] last where the model uses one. */
export function tailIds(tokenizer: Tokenizer): number[] {
  const sep = tokenizer.special.sep ?? null;
  return sep === null ? [] : [sep];
}

/** Ids of `before` and of `word` as it is tokenized right after it. */
export function splitIds(tokenizer: Tokenizer, before: string, word: string): { prefix: number[]; target: number[] } {
  const trimmed = before.replace(/\s+$/u, '');
  const gap = trimmed.length < before.length ? ' ' : '';
  const prefix = tokenizer.encodeIds(trimmed);
  const full = tokenizer.encodeIds(`${trimmed}${gap}${word}`);
  if (full.length > prefix.length && prefix.every((id, i) => full[i] === id)) return { prefix, target: full.slice(prefix.length) };
  return { prefix, target: tokenizer.encodeIds(word) };
}
