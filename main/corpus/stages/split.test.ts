// The train/validation split: seeded, reproducible, the requested share, and stable per document.
import { describe, expect, it } from 'vitest';
import { assignSplitFlags, assignSplits, splitKey } from './split';

const keys = Array.from({ length: 1000 }, (_, i) => `hash-${i}`);

describe('assignSplits', () => {
  it('holds out exactly the requested share', () => {
    const splits = assignSplits(keys, 0.05, 7);
    expect(splits.filter((s) => s === 'validation')).toHaveLength(50);
  });
  it('is reproducible with the same seed and differs with another', () => {
    expect(assignSplits(keys, 0.1, 7)).toEqual(assignSplits(keys, 0.1, 7));
    expect(assignSplits(keys, 0.1, 8)).not.toEqual(assignSplits(keys, 0.1, 7));
  });
  it('gives a small corpus at least one validation document and keeps one for training', () => {
    expect(assignSplits(['a', 'b', 'c'], 0.05, 1).filter((s) => s === 'validation')).toHaveLength(1);
    expect(assignSplits(['a'], 0.05, 1)).toEqual(['train']);
    expect(assignSplits(['a', 'b'], 0, 1)).toEqual(['train', 'train']);
  });
  it('depends on the document, not its position', () => {
    const a = assignSplits(keys, 0.2, 3);
    const reversed = assignSplits([...keys].reverse(), 0.2, 3).reverse();
    expect(reversed).toEqual(a);
  });
  it('gives the same splits from the compact split keys as from the hashes', () => {
    const flags = assignSplitFlags(Uint32Array.from(keys, splitKey), 0.1, 7);
    expect(Array.from(flags, (f) => (f === 1 ? 'validation' : 'train'))).toEqual(assignSplits(keys, 0.1, 7));
  });
});
