// Per-document bookkeeping of an import in typed arrays: growable lists, a bit set, binary search.
import { describe, expect, it } from 'vitest';
import { BitSet, U32List, indexOfSorted } from './compact';

describe('compact per-document lists', () => {
  it('U32List keeps every value in order past its first capacity', () => {
    const list = new U32List();
    for (let i = 0; i < 3000; i++) list.push(i * 3);
    expect(list.length).toBe(3000);
    expect(list.view()[2999]).toBe(8997);
    expect(Array.from(list.view().subarray(0, 3))).toEqual([0, 3, 6]);
  });

  it('BitSet counts distinct members and answers membership beyond what was added', () => {
    const set = new BitSet();
    for (const i of [5, 5, 9000, 0]) set.add(i);
    expect(set.size).toBe(3);
    expect([0, 5, 9000].every((i) => set.has(i))).toBe(true);
    expect(set.has(6)).toBe(false);
    expect(set.has(1e7)).toBe(false);
  });

  it('indexOfSorted finds a value or says -1', () => {
    const sorted = Uint32Array.from([1, 4, 9, 16, 25]);
    expect(indexOfSorted(sorted, 16)).toBe(3);
    expect(indexOfSorted(sorted, 1)).toBe(0);
    expect(indexOfSorted(sorted, 10)).toBe(-1);
    expect(indexOfSorted(new Uint32Array(0), 1)).toBe(-1);
  });
});
