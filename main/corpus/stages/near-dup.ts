// Near-duplicate detection with MinHash + LSH, streaming: each document is compared only with the
// kept documents that share one of its LSH bands, and kept if none reaches the Jaccard threshold.
// Memory is fixed per kept document: its signature truncated to 16 bits per bin (b-bit MinHash;
// chance agreement 1/65536) and one Int32 slot per band in an open-addressing table that holds only
// the kept document's number (a band is recognised by comparing its rows with the stored signature,
// and its table position is recomputed from them if the table has to grow): ≈ 260 + 25·4·1.5 = 410
// bytes per document (signatures in fixed blocks, never reallocated; the table sized once for the
// expected documents), about 400 MB for a million documents, with no per-entry objects.
import { fmix32 } from './hash';
import { SIGNATURE_BINS } from './minhash';

/** 25 bands of 5 bins: a pair at Jaccard 0.8 shares a band with probability 0.9999, at 0.5 with 0.55, at 0.3 with 0.06. */
const BANDS = 25;
const ROWS = 5;

export interface NearDupMatch {
  /** Index (as given to `add`) of the kept document this one duplicates. */
  of: number;
  similarity: number;
}

/** Kept signatures are stored in blocks of this many documents (no reallocation, no unused capacity beyond one block). */
const BLOCK_SHIFT = 12;
const BLOCK = 1 << BLOCK_SHIFT;

export class NearDuplicateIndex {
  private blocks: Uint16Array[] = []; // [kept >> BLOCK_SHIFT][(kept & (BLOCK - 1)) * SIGNATURE_BINS + bin]
  private ids: Int32Array[] = []; // same blocks: kept slot → caller's document index
  private kept = 0;
  private slots: Int32Array; // band table → kept slot, -1 empty
  private used = 0;

  /**
   * `expected`: how many documents may be added (an upper bound, e.g. the documents of the import): the band table
   * is sized for them once, at a load of about 2/3, so that it never has to grow (growing briefly holds two tables).
   */
  constructor(readonly threshold = 0.8, expected = 0) {
    this.slots = new Int32Array(Math.max(1 << 16, Math.ceil((expected * BANDS * 3) / 2))).fill(-1);
  }

  /** Table position of a 32-bit key: multiply-shift range reduction (the table size need not be a power of two). */
  private home(key: number): number {
    return Math.floor(((key >>> 0) / 4294967296) * this.slots.length);
  }

  /** Table key of a band: from the 16-bit rows (what is stored), so that it can be recomputed on growth. */
  private static bandKey(sig: ArrayLike<number>, base: number, band: number): number {
    let h = 0x3c6ef372 ^ band;
    for (let r = 0; r < ROWS; r++) h = fmix32(h ^ (sig[base + band * ROWS + r]! & 0xffff));
    return h;
  }

  /** Whether the kept document in `slot` has the same rows as `sig` in `band`. */
  private sameBand(slot: number, sig: ArrayLike<number>, base: number, band: number): boolean {
    const block = this.blocks[slot >>> BLOCK_SHIFT]!;
    const at = (slot & (BLOCK - 1)) * SIGNATURE_BINS + band * ROWS;
    for (let r = 0; r < ROWS; r++) if (block[at + r] !== (sig[base + band * ROWS + r]! & 0xffff)) return false;
    return true;
  }

  private similarity(slot: number, sig: Uint32Array): number {
    const block = this.blocks[slot >>> BLOCK_SHIFT]!;
    const base = (slot & (BLOCK - 1)) * SIGNATURE_BINS;
    let same = 0;
    for (let i = 0; i < SIGNATURE_BINS; i++) if (block[base + i] === (sig[i]! & 0xffff)) same++;
    return same / SIGNATURE_BINS;
  }

  /** The best kept match at or above the threshold, or null. */
  query(sig: Uint32Array): NearDupMatch | null {
    let best: NearDupMatch | null = null;
    const size = this.slots.length;
    for (let band = 0; band < BANDS; band++) {
      for (let i = this.home(NearDuplicateIndex.bandKey(sig, 0, band)); this.slots[i] !== -1; i = i + 1 === size ? 0 : i + 1) {
        const slot = this.slots[i]!;
        if (!this.sameBand(slot, sig, 0, band)) continue;
        const s = this.similarity(slot, sig);
        if (s >= this.threshold && (best === null || s > best.similarity)) best = { of: this.ids[slot >>> BLOCK_SHIFT]![slot & (BLOCK - 1)]!, similarity: s };
      }
    }
    return best;
  }

  /** Records a kept document. */
  add(index: number, sig: Uint32Array): void {
    const slot = this.kept++;
    if ((slot & (BLOCK - 1)) === 0) {
      this.blocks.push(new Uint16Array(BLOCK * SIGNATURE_BINS));
      this.ids.push(new Int32Array(BLOCK));
    }
    const block = this.blocks[slot >>> BLOCK_SHIFT]!;
    const base = (slot & (BLOCK - 1)) * SIGNATURE_BINS;
    this.ids[slot >>> BLOCK_SHIFT]![slot & (BLOCK - 1)] = index;
    for (let i = 0; i < SIGNATURE_BINS; i++) block[base + i] = sig[i]! & 0xffff;
    if ((this.used + BANDS) * 4 > this.slots.length * 3) this.grow(); // load above 3/4
    this.insertBands(slot);
  }

  private insertBands(slot: number): void {
    const size = this.slots.length;
    const block = this.blocks[slot >>> BLOCK_SHIFT]!;
    const base = (slot & (BLOCK - 1)) * SIGNATURE_BINS;
    for (let band = 0; band < BANDS; band++) {
      let i = this.home(NearDuplicateIndex.bandKey(block, base, band));
      while (this.slots[i] !== -1) i = i + 1 === size ? 0 : i + 1;
      this.slots[i] = slot;
      this.used++;
    }
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.used = 0;
    for (let slot = 0; slot < this.kept; slot++) this.insertBands(slot);
  }
}
