// Token choice for generation: greedy is the argmax; top-p keeps the smallest most-probable set
// reaching p and draws from it in proportion; the same seed draws the same tokens.
import { describe, expect, it } from 'vitest';
import { argmax, tokenPicker } from './sampling';

const logits = Float32Array.from([Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)]);

describe('tokenPicker', () => {
  it('is greedy without options, lowest id on ties', () => {
    expect(tokenPicker()(logits)).toBe(0);
    expect(argmax([1, 3, 3])).toBe(1);
  });

  it('top-p draws only from the nucleus, in proportion', () => {
    const pick = tokenPicker({ top_p: 0.75, seed: 3 });
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 8000; i++) counts[pick(logits)]! += 1;
    // nucleus {0, 1} (0.5 + 0.3 ≥ 0.75), renormalised to 0.625 / 0.375
    expect(counts[2]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(counts[0]! / 8000).toBeCloseTo(0.625, 1);
  });

  it('a tiny top-p is greedy; a seed repeats the draws; temperature flattens', () => {
    const tiny = tokenPicker({ top_p: 1e-6, seed: 9 });
    expect(Array.from({ length: 20 }, () => tiny(logits))).toEqual(Array(20).fill(0));
    const draw = (seed: number) => {
      const pick = tokenPicker({ top_p: 1, seed });
      return Array.from({ length: 30 }, () => pick(logits));
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
    const hot = tokenPicker({ temperature: 50, seed: 1 });
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[hot(logits)]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(700); // nearly uniform
  });

  it('refuses out-of-range options by field', () => {
    expect(() => tokenPicker({ top_p: 0 })).toThrow(/top_p/);
    expect(() => tokenPicker({ temperature: -1 })).toThrow(/temperature/);
  });
});
