// Small fast non-cryptographic hashes used by the sketching stages (boilerplate counts, MinHash, split).
// Not for security: collisions only cost a little accuracy where they are used.

/** MurmurHash3's 32-bit finalizer: a cheap, well-mixing permutation of 32-bit integers. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units of `s`, seeded. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  return hashRange(s, 0, s.length, seed);
}

/** hashString(s.slice(start, end), seed), without the slice. */
export function hashRange(s: string, start: number, end: number, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

const PAIR = new Uint32Array(2);
/**
 * hashRange(s, start, end, seedA) and hashRange(s, start, end, seedB), read in one pass from `units`, the code units
 * of s (CodeUnits): [0] and [1] of the returned array, which is reused by the next call.
 */
export function hashUnitsTwice(units: Uint16Array, start: number, end: number, seedA: number, seedB: number): Uint32Array {
  let a = seedA >>> 0;
  let b = seedB >>> 0;
  for (let i = start; i < end; i++) {
    const c = units[i]!;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  PAIR[0] = fmix32(a);
  PAIR[1] = fmix32(b);
  return PAIR;
}
