// Shard weights: the weighted shard losses must add up to the full batch's mean loss as the model
// defines it (labels != -100; causal LM shifted by one; sequence heads per row).
import { describe, expect, test } from 'vitest';
import { countedLabels, splitBatch } from './shard';

const X = -100;

describe('countedLabels', () => {
  test('masked LM counts labels that are not -100; causal LM skips each row\'s first label', () => {
    const labels = [[5, X, 7], [X, X, 9]];
    expect(countedLabels(labels, 'masked-lm')).toBe(3);
    expect(countedLabels(labels, 'causal-lm')).toBe(2); // 7 and 9; 5 is never a target
    expect(countedLabels([1, 0, 1], 'sequence-classification')).toBe(3);
  });
});

describe('splitBatch', () => {
  test('an odd batch splits 3 + 2 with weights proportional to counted labels', () => {
    const input_ids = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]];
    const labels = [[1, X], [3, 4], [X, X], [7, X], [9, 10]];
    const shards = splitBatch({ input_ids, attention_mask: input_ids.map(() => [1, 1]), labels }, 2, 'masked-lm')!;
    expect(shards.map((s) => s.batch.input_ids.length)).toEqual([3, 2]);
    expect(shards.map((s) => s.weight)).toEqual([3 / 6, 3 / 6]);
    expect(shards[1]!.batch.attention_mask).toEqual([[1, 1], [1, 1]]);
    expect(shards[1]!.batch.labels).toEqual([[7, X], [9, 10]]);
  });

  test('a shard without a counted label is dropped and the other carries the whole weight', () => {
    const shards = splitBatch({ input_ids: [[1, 2], [3, 4]], labels: [[X, X], [3, X]] }, 2, 'masked-lm')!;
    expect(shards).toHaveLength(1);
    expect(shards[0]!.weight).toBe(1);
    expect(shards[0]!.batch.input_ids).toEqual([[3, 4]]);
  });

  test('more parts than rows gives one row each; no counted label at all gives null', () => {
    expect(splitBatch({ input_ids: [[1, 2]], labels: [[1, 2]] }, 4, 'causal-lm')!.map((s) => s.weight)).toEqual([1]);
    expect(splitBatch({ input_ids: [[1, 2]], labels: [[1, X]] }, 2, 'causal-lm')).toBeNull();
    expect(() => splitBatch({ input_ids: [[1]], labels: [[1]] }, 0, 'masked-lm')).toThrow(RangeError);
  });
});
