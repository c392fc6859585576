// Token ids of probe text for the audit and the cloze probes: the model's leading/closing specials and
// a text split so that a word's ids are exactly the tokens it gets in context (byte-level BPE attaches
// the space before a word to it, so "before" is encoded without its trailing space). `contextIds` splits
// before / word / after out of ONE encoding of the whole text, so each part's ids are the ones the model
// saw in training (a tokenizer may merge across a boundary; then the word's ids absorb the merged piece).
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

const commonPrefix = (a: readonly number[], b: readonly number[]): number => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};

/**
 * `before + word + after` encoded once and cut into the ids before the word, the ids covering it and the ids
 * after it. A token that spans a boundary (a BPE merge across it) goes to `target`, so `target` always covers
 * the whole word and `prefix` / `suffix` are exactly the ids around it in the full encoding.
 */
export function contextIds(tokenizer: Tokenizer, before: string, word: string, after: string): { prefix: number[]; target: number[]; suffix: number[] } {
  // Common prefixes, not lengths: "to " alone ends in a space token that "to ann" merges into " ann".
  const full = tokenizer.encodeIds(`${before}${word}${after}`);
  const start = commonPrefix(tokenizer.encodeIds(before), full);
  const withWord = tokenizer.encodeIds(`${before}${word}`);
  const common = commonPrefix(withWord, full);
  // The word's last token merged with what follows: that token covers the end of the word, so it is a target.
  const end = Math.min(full.length, Math.max(start + 1, common < withWord.length ? common + 1 : common));
  return { prefix: full.slice(0, start), target: full.slice(start, end), suffix: full.slice(end) };
}
