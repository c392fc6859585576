// Splitting one micro-batch along the batch dimension for data-parallel training, with the weight of
// each shard chosen so that the weighted sum of the shards' mean losses (and so of their gradients) is
// exactly the full batch's mean loss as the model defines it: masked LM and token classification
// average over labels != -100, causal LM over shifted labels (position j predicts label j+1), sequence
// classification over rows. A shard with no counted label gets no work (its mean would be 0/0).
import type { HeadKind } from '../../models/types';

const IGNORE_INDEX = -100;

/** A labelled batch as session.lossFor takes it ([B][T] rows; labels [B][T], or [B] for sequence heads). */
export interface ShardableBatch {
  readonly input_ids: readonly (readonly number[])[];
  readonly attention_mask?: readonly (readonly number[])[];
  readonly token_type_ids?: readonly (readonly number[])[];
  readonly labels: readonly (readonly number[])[] | readonly number[];
}

export interface Shard {
  readonly batch: ShardableBatch;
  /** This shard's share of the full batch's loss: its counted labels / the batch's. */
  readonly weight: number;
}

/** How many labels the model's loss averages over in `labels` rows [from, to). */
export function countedLabels(labels: ShardableBatch['labels'], head: HeadKind, from = 0, to = labels.length): number {
  if (head === 'sequence-classification') return to - from;
  let n = 0;
  for (let i = from; i < to; i++) {
    const row = labels[i];
    if (!Array.isArray(row)) throw new TypeError(`labels row ${i} must be an array for a ${head} head`);
    const start = head === 'causal-lm' ? 1 : 0; // causal: label j+1 is the target of position j
    for (let j = start; j < row.length; j++) if (row[j] !== IGNORE_INDEX) n++;
  }
  return n;
}

function rows<T>(list: readonly T[] | undefined, from: number, to: number): T[] | undefined {
  return list === undefined ? undefined : list.slice(from, to);
}

/**
 * Splits `batch` into at most `parts` contiguous shards of nearly equal row counts (the first ones get
 * the extra row of an odd split), dropping shards without a counted label. Null when the whole batch
 * has no counted label: the caller lets the model report that on the unsplit batch.
 */
export function splitBatch(batch: ShardableBatch, parts: number, head: HeadKind): Shard[] | null {
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`parts must be a whole number ≥ 1, got ${parts}`);
  const b = batch.input_ids.length;
  if (batch.labels.length !== b) return null; // the model's own check names the mismatch
  const total = countedLabels(batch.labels, head);
  if (total === 0) return null;
  const shards: Shard[] = [];
  const n = Math.min(parts, b);
  let from = 0;
  for (let k = 0; k < n; k++) {
    const to = from + Math.floor(b / n) + (k < b % n ? 1 : 0);
    const counted = countedLabels(batch.labels, head, from, to);
    if (counted > 0) {
      const piece: ShardableBatch = {
        input_ids: batch.input_ids.slice(from, to),
        labels: batch.labels.slice(from, to) as ShardableBatch['labels'],
        ...(batch.attention_mask ? { attention_mask: rows(batch.attention_mask, from, to) } : {}),
        ...(batch.token_type_ids ? { token_type_ids: rows(batch.token_type_ids, from, to) } : {}),
      };
      shards.push({ batch: piece, weight: counted / total });
    }
    from = to;
  }
  return shards;
}
