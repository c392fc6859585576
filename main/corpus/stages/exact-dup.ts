// Exact duplicates: content hash (SHA-256 hex) → ordinal of the first document that had it, in an
// open-addressing table of typed arrays keyed by the hash's first 64 bits — at most 24 bytes per
// document and no per-document object, however large the corpus. Two different texts share the first
// 64 bits of their SHA-256 with probability about n²/2⁶⁵ (10⁻⁸ for a million documents).
export class ExactDuplicateIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private ids: Int32Array;
  private count = 0;

  /** `expected`: how many hashes may be added (sizes the table once; it still grows past that). */
  constructor(expected = 0) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.ids = new Int32Array(size).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** The ordinal recorded for this content hash, or undefined. */
  get(hash: string): number | undefined {
    const hi = parseInt(hash.slice(0, 8), 16) >>> 0;
    const lo = parseInt(hash.slice(8, 16), 16) >>> 0;
    const mask = this.ids.length - 1;
    for (let i = (hi ^ lo) & mask; this.ids[i] !== -1; i = (i + 1) & mask) {
      if (this.hi[i] === hi && this.lo[i] === lo) return this.ids[i];
    }
    return undefined;
  }

  /** Records `ordinal` for this content hash (the caller checks `get` first). */
  add(hash: string, ordinal: number): void {
    if ((this.count + 1) * 2 > this.ids.length) this.grow();
    this.insert(parseInt(hash.slice(0, 8), 16) >>> 0, parseInt(hash.slice(8, 16), 16) >>> 0, ordinal);
  }

  private insert(hi: number, lo: number, ordinal: number): void {
    const mask = this.ids.length - 1;
    let i = (hi ^ lo) & mask;
    while (this.ids[i] !== -1) i = (i + 1) & mask;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.ids[i] = ordinal;
    this.count++;
  }

  private grow(): void {
    const { hi, lo, ids } = this;
    this.hi = new Uint32Array(ids.length * 2);
    this.lo = new Uint32Array(ids.length * 2);
    this.ids = new Int32Array(ids.length * 2).fill(-1);
    this.count = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] !== -1) this.insert(hi[i]!, lo[i]!, ids[i]!);
  }
}
