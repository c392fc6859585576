// Growable typed-array lists and a bit set for what an import keeps per document until its end
// (kept ordinals, split keys, cluster heads): a few bytes per document instead of a JS value each.

export class U32List {
  private data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** The values (a view: valid until the next push). */
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

export class BitSet {
  private bits = new Uint8Array(1024);
  private count = 0;

  /** Number of distinct members. */
  get size(): number {
    return this.count;
  }

  add(i: number): void {
    const byte = i >>> 3;
    if (byte >= this.bits.length) {
      const next = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      next.set(this.bits);
      this.bits = next;
    }
    const bit = 1 << (i & 7);
    if ((this.bits[byte]! & bit) === 0) {
      this.bits[byte]! |= bit;
      this.count++;
    }
  }

  has(i: number): boolean {
    const byte = i >>> 3;
    return byte < this.bits.length && (this.bits[byte]! & (1 << (i & 7))) !== 0;
  }
}

/** Index of `value` in the ascending `sorted`, or -1. */
export function indexOfSorted(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
