// Seedable, serialisable pseudo-random numbers for everything the trainer draws: masking, shuffling,
// dropout seeds, LoRA initialisation. xoshiro128** (32-bit words, Math.imul), seeded with splitmix32.
// The whole state is four unsigned 32-bit integers, so a checkpoint stores it and resume continues the
// exact same sequence. Plain TypeScript: no tensors, no node imports.

/** Serialisable generator state: four uint32 words, never all zero. */
export interface RngState {
  readonly s: readonly [number, number, number, number];
}

function splitmix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A generator from an integer seed (any safe integer; the high and low halves both count). */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`Rng seed must be a safe integer, got ${seed}`);
    const hi = Math.floor(seed / 0x1_0000_0000) >>> 0;
    const next = splitmix32((seed >>> 0) ^ Math.imul(hi, 0x27d4eb2d));
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  static fromState(state: RngState): Rng {
    const words: unknown = state.s;
    if (!Array.isArray(words) || words.length !== 4 || !words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) {
      throw new RangeError('Rng state must be four unsigned 32-bit integers');
    }
    const [a, b, c, d] = words as [number, number, number, number];
    if ((a | b | c | d) === 0) throw new RangeError('Rng state must not be all zero');
    const rng = new Rng(0);
    [rng.s0, rng.s1, rng.s2, rng.s3] = [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
    return rng;
  }

  getState(): RngState {
    return { s: [this.s0, this.s1, this.s2, this.s3] };
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Unbiased integer in [0, n) for 1 ≤ n ≤ 2^32 (rejection sampling). */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0x1_0000_0000) throw new RangeError(`Rng.int bound must be an integer in [1, 2^32], got ${n}`);
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** Standard normal (Box–Muller; no cached second value, so the state stays four integers). */
  normal(mean = 0, std = 1): number {
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** A permutation of 0..n-1. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** An independent child generator, e.g. one per data loader, derived from this one's next outputs. */
  fork(): Rng {
    const rng = new Rng(0);
    rng.s0 = this.nextUint32();
    rng.s1 = this.nextUint32();
    rng.s2 = this.nextUint32();
    rng.s3 = this.nextUint32();
    if ((rng.s0 | rng.s1 | rng.s2 | rng.s3) === 0) rng.s0 = 1;
    return rng;
  }

  /** An integer seed in [0, 2^31) for an op that takes one (e.g. tf.dropout's seed). */
  seed(): number {
    return this.nextUint32() >>> 1;
  }
}
