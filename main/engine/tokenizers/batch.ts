// Padding helpers for batches: right-pad encodings to one length with attention masks, as the
// reference fixtures do (pad id = the tokenizer's pad token, else its EOS, as for GPT-2 and LLaMA).
import type { Encoding, Tokenizer } from './types';

export interface PaddedBatch {
  input_ids: number[][]; // [B, T]
  attention_mask: number[][]; // [B, T], 1 = real token
  token_type_ids: number[][]; // [B, T], pads get 0
}

/** The id used for padding: the pad token, else EOS (GPT-2, LLaMA have no pad token), else 0. */
export function padIdOf(tokenizer: Pick<Tokenizer, 'special'>): number {
  return tokenizer.special.pad ?? tokenizer.special.eos ?? 0;
}

/**
 * Right-pads to `length` (default: the longest encoding, rounded up to `multipleOf`).
 * Longer encodings are an error here: truncate when encoding (`max_length`).
 */
export function padBatch(
  encodings: readonly Pick<Encoding, 'ids' | 'token_type_ids'>[],
  options: { padId: number; length?: number; multipleOf?: number },
): PaddedBatch {
  const longest = encodings.reduce((m, e) => Math.max(m, e.ids.length), 0);
  let length = options.length ?? longest;
  if (options.multipleOf && options.multipleOf > 1) length = Math.ceil(length / options.multipleOf) * options.multipleOf;
  if (longest > length) throw new RangeError(`an encoding has ${longest} ids, more than the padded length ${length}`);
  const batch: PaddedBatch = { input_ids: [], attention_mask: [], token_type_ids: [] };
  for (const e of encodings) {
    const pad = length - e.ids.length;
    batch.input_ids.push([...e.ids, ...new Array<number>(pad).fill(options.padId)]);
    batch.attention_mask.push([...new Array<number>(e.ids.length).fill(1), ...new Array<number>(pad).fill(0)]);
    batch.token_type_ids.push([...e.token_type_ids, ...new Array<number>(pad).fill(0)]);
  }
  return batch;
}
