// The trainer's PRNG: reference outputs, determinism, state round trip, and the distributions it promises.
import { describe, expect, test } from 'vitest';
import { Rng } from './rng';

describe('Rng', () => {
  test('matches the xoshiro128** reference for state [1, 2, 3, 4]', () => {
    const rng = Rng.fromState({ s: [1, 2, 3, 4] });
    // First outputs of the reference C implementation: rotl(s1*5, 7)*9 = 11520, then rotl(0*5, 7)*9 = 0.
    expect(rng.nextUint32()).toBe(11520);
    expect(rng.nextUint32()).toBe(0);
  });

  test('the same seed gives the same sequence; different seeds differ', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 100 }, () => a.nextUint32());
    const seqB = Array.from({ length: 100 }, () => b.nextUint32());
    const seqC = Array.from({ length: 100 }, () => c.nextUint32());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
    expect(new Rng(2 ** 40).nextUint32()).not.toBe(new Rng(0).nextUint32());
  });

  test('state round trip continues the exact sequence (through JSON, as a checkpoint stores it)', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 37; i++) rng.next();
    const saved = JSON.parse(JSON.stringify(rng.getState()));
    const expected = [rng.next(), rng.int(10), rng.normal(), rng.nextUint32()];
    const resumed = Rng.fromState(saved);
    expect([resumed.next(), resumed.int(10), resumed.normal(), resumed.nextUint32()]).toEqual(expected);
  });

  test('refuses invalid states and seeds', () => {
    expect(() => Rng.fromState({ s: [0, 0, 0, 0] })).toThrow(/all zero/);
    expect(() => Rng.fromState({ s: [1, 2, 3] as unknown as [number, number, number, number] })).toThrow(/four/);
    expect(() => Rng.fromState({ s: [1, 2, 3, -1] })).toThrow(/unsigned/);
    expect(() => new Rng(0.5)).toThrow(/safe integer/);
  });

  test('uniform, int, normal and shuffle behave as distributions', () => {
    const rng = new Rng(123);
    const n = 20000;
    let sum = 0;
    let sumSq = 0;
    const counts = new Array(7).fill(0);
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      counts[rng.int(7)]++;
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    for (const c of counts) expect(Math.abs(c - n / 7)).toBeLessThan(0.06 * (n / 7));
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.05);
    const perm = rng.permutation(50);
    expect([...perm].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(perm).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  test('fork gives an independent stream and advances the parent deterministically', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    const childA = a.fork();
    const childB = b.fork();
    expect(childA.nextUint32()).toBe(childB.nextUint32());
    expect(a.nextUint32()).toBe(b.nextUint32());
    expect(childA.getState()).not.toEqual(a.getState());
  });
});
