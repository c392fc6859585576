// topK: the k most probable ids of a logit row, with softmax probabilities; ties keep the lower id.
import { describe, expect, it } from 'vitest';
import { topK } from './infer';

describe('topK', () => {
  it('selects the k largest logits in order with their softmax probabilities', () => {
    const row = Float32Array.from([0.5, 3, -1, 3, 2, 10, 0]);
    const top = topK(row, 3, null);
    expect(top.map((c) => c.id)).toEqual([5, 1, 3]);
    const z = Array.from(row).reduce((s, v) => s + Math.exp(v - 10), 0);
    expect(top[0]!.probability).toBeCloseTo(1 / z, 12);
    expect(top[1]!.probability).toBeCloseTo(Math.exp(3 - 10) / z, 12);
    expect(topK(row, 10, null).map((c) => c.id)).toEqual([5, 1, 3, 4, 0, 6, 2]);
  });

  it('agrees with a full sort on a large random row', () => {
    let s = 7;
    const row = Float32Array.from({ length: 50_000 }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 20 - 10);
    const want = Array.from(row.keys()).sort((a, b) => row[b]! - row[a]! || a - b).slice(0, 25);
    expect(topK(row, 25, null).map((c) => c.id)).toEqual(want);
  });
});
