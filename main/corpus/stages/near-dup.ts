// Near-duplicate detection with MinHash + LSH, streaming: each document is compared only with the
// kept documents that share one of its LSH bands, and kept if none reaches the Jaccard threshold.
// Memory is fixed per kept document: its signature truncated to 16 bits per bin (b-bit MinHash;
// chance agreement 1/65536) and, per band, one Int32 slot in an open-addressing table that holds only
// the kept document's number, plus one byte of the band's key in a parallel table (a band is recognised
// by comparing its rows with the stored signature, and its table position is recomputed from them if the
// table has to grow; a probe walks the bytes, 1/4 of the memory, and reads a slot and rows — each a
// likely cache miss — only where the byte matches), and a word saying which bands it was entered under (a
// band shared by BUCKET_CAP kept documents takes no more):
// ≈ 264 + 25·5·1.5 ≈ 450 bytes per document (signatures in fixed blocks, never reallocated; the table
// sized once for the expected documents), about 450 MB for a million documents, with no per-entry objects.
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

/**
 * A band shared by this many kept documents takes no more: in a corpus of templated documents (clinical notes,
 * forms) the bands made of template text are shared by a share of all documents, and every query would compare
 * with all of them — a cost that grows with the corpus (quadratic in all). A near duplicate (Jaccard ≥ 0.8) shares
 * about 25·0.8⁵ ≈ 8 bands with its original, most of them from the text that is its own, so it is still found; and
 * where a document is nearly all template, the first documents of its bands are near duplicates of it too.
 */
export const BUCKET_CAP = 32;

/** Kept signatures are stored in blocks of this many documents (no reallocation, no unused capacity beyond one block). */
const BLOCK_SHIFT = 12;
const BLOCK = 1 << BLOCK_SHIFT;

export class NearDuplicateIndex {
  private blocks: Uint16Array[] = []; // [kept >> BLOCK_SHIFT][(kept & (BLOCK - 1)) * SIGNATURE_BINS + bin]
  private ids: Int32Array[] = []; // same blocks: kept slot → caller's document index
  private bandMasks: Int32Array[] = []; // same blocks: kept slot → the bands it was entered under (bit per band)
  private kept = 0;
  private slots: Int32Array; // band table → kept slot (where the tag is not 0)
  private tags: Uint8Array; // band table → tagOf(band key), 0 for an empty position
  private used = 0;
  /** The band keys of the last signature queried, for its `add` (a document kept is queried first). */
  private readonly lastKeys = new Int32Array(BANDS);
  private lastQueried: Uint32Array | null = null;
  /** How many kept documents share each band with the last signature queried. */
  private readonly lastMembers = new Int32Array(BANDS);

  /** The most bins a match may differ in: the largest m with (SIGNATURE_BINS - m) / SIGNATURE_BINS ≥ threshold, or -1. */
  private readonly maxMismatches: number;

  /**
   * `expected`: how many documents may be added (an upper bound, e.g. the documents of the import): the band table
   * is sized for them once, at a load of about 2/3, so that it never has to grow (growing briefly holds two tables).
   * `bucketCap`: a kept document is entered under a band only while fewer than this many kept documents share that
   * band (see BUCKET_CAP).
   */
  constructor(readonly threshold = 0.8, expected = 0, private readonly bucketCap = BUCKET_CAP) {
    let m = SIGNATURE_BINS;
    while (m >= 0 && (SIGNATURE_BINS - m) / SIGNATURE_BINS < threshold) m--;
    this.maxMismatches = m;
    this.slots = new Int32Array(Math.max(1 << 16, Math.ceil((expected * BANDS * 3) / 2)));
    this.tags = new Uint8Array(this.slots.length);
  }

  /** The byte of a band key kept in `tags`: never 0 (an empty position). */
  private static tagOf(key: number): number {
    return key & 0xff || 1;
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

  /**
   * How many bins of the kept document in `slot` differ from `sig`, or `limit` + 1 as soon as more than `limit` do: a
   * kept document that cannot be a match (or beat the best so far) is given up after a few dozen bins, not 128 — the
   * cost of a query in a large corpus of templated documents, whose kept documents share bands by the thousand.
   */
  private mismatches(slot: number, sig: Uint32Array, limit: number): number {
    const block = this.blocks[slot >>> BLOCK_SHIFT]!;
    const base = (slot & (BLOCK - 1)) * SIGNATURE_BINS;
    let miss = 0;
    for (let i = 0; i < SIGNATURE_BINS; i++) if (block[base + i] !== (sig[i]! & 0xffff) && ++miss > limit) break;
    return miss;
  }

  /** The best kept match at or above the threshold, or null. */
  query(sig: Uint32Array): NearDupMatch | null {
    let best: NearDupMatch | null = null;
    // A match has at most this many differing bins (same / SIGNATURE_BINS ≥ threshold); a better one, fewer than the best.
    let limit = this.maxMismatches;
    const size = this.slots.length;
    for (let band = 0; band < BANDS; band++) {
      const key = NearDuplicateIndex.bandKey(sig, 0, band);
      this.lastKeys[band] = key;
      let members = 0;
      const tag = NearDuplicateIndex.tagOf(key);
      for (let i = this.home(key); this.tags[i] !== 0; i = i + 1 === size ? 0 : i + 1) {
        if (this.tags[i] !== tag) continue; // another key: not the same rows
        const slot = this.slots[i]!;
        if (!this.sameBand(slot, sig, 0, band)) continue;
        members++;
        const miss = this.mismatches(slot, sig, limit);
        if (miss > limit) continue;
        best = { of: this.ids[slot >>> BLOCK_SHIFT]![slot & (BLOCK - 1)]!, similarity: (SIGNATURE_BINS - miss) / SIGNATURE_BINS };
        limit = miss - 1;
      }
      this.lastMembers[band] = members;
    }
    this.lastQueried = sig;
    return best;
  }

  /** Records a kept document. */
  add(index: number, sig: Uint32Array): void {
    const slot = this.kept++;
    if ((slot & (BLOCK - 1)) === 0) {
      this.blocks.push(new Uint16Array(BLOCK * SIGNATURE_BINS));
      this.ids.push(new Int32Array(BLOCK));
      this.bandMasks.push(new Int32Array(BLOCK));
    }
    const block = this.blocks[slot >>> BLOCK_SHIFT]!;
    const base = (slot & (BLOCK - 1)) * SIGNATURE_BINS;
    this.ids[slot >>> BLOCK_SHIFT]![slot & (BLOCK - 1)] = index;
    for (let i = 0; i < SIGNATURE_BINS; i++) block[base + i] = sig[i]! & 0xffff;
    if ((this.used + BANDS) * 4 > this.slots.length * 3) this.grow(); // load above 3/4 (this slot's mask is still 0)
    // A document just queried: the bands' members were counted and the keys made from the same 16 bits of each bin.
    const queried = sig === this.lastQueried;
    let mask = 0;
    for (let band = 0; band < BANDS; band++) {
      const members = queried ? this.lastMembers[band]! : this.members(block, base, band);
      if (members < this.bucketCap) mask |= 1 << band;
    }
    this.bandMasks[slot >>> BLOCK_SHIFT]![slot & (BLOCK - 1)] = mask;
    this.insertBands(slot, queried ? this.lastKeys : null, mask);
    this.lastQueried = null;
  }

  /** How many kept documents have the rows block[base + band·ROWS …] in that band (counted up to the cap). */
  private members(block: Uint16Array, base: number, band: number): number {
    const key = NearDuplicateIndex.bandKey(block, base, band);
    const tag = NearDuplicateIndex.tagOf(key);
    const size = this.slots.length;
    let n = 0;
    for (let i = this.home(key); this.tags[i] !== 0 && n < this.bucketCap; i = i + 1 === size ? 0 : i + 1) {
      if (this.tags[i] === tag && this.sameBand(this.slots[i]!, block, base, band)) n++;
    }
    return n;
  }

  /** Enters kept document `slot` under the bands of `mask` (`keys`: their table keys, when known). */
  private insertBands(slot: number, keys: Int32Array | null, mask: number): void {
    const size = this.slots.length;
    const block = this.blocks[slot >>> BLOCK_SHIFT]!;
    const base = (slot & (BLOCK - 1)) * SIGNATURE_BINS;
    for (let band = 0; band < BANDS; band++) {
      if ((mask & (1 << band)) === 0) continue;
      const key = keys ? keys[band]! : NearDuplicateIndex.bandKey(block, base, band);
      let i = this.home(key);
      while (this.tags[i] !== 0) i = i + 1 === size ? 0 : i + 1;
      this.slots[i] = slot;
      this.tags[i] = NearDuplicateIndex.tagOf(key);
      this.used++;
    }
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.tags = new Uint8Array(this.slots.length);
    this.used = 0;
    for (let slot = 0; slot < this.kept; slot++) this.insertBands(slot, null, this.bandMasks[slot >>> BLOCK_SHIFT]![slot & (BLOCK - 1)]!);
  }
}
