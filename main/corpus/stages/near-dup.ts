// Near-duplicate detection with MinHash + LSH, streaming: each document is compared only with the
// kept documents that share one of its LSH bands, and kept if none reaches the Jaccard threshold.
// Memory is fixed per kept document: its signature truncated to 16 bits per bin (b-bit MinHash;
// chance agreement 1/65536) and one slot per band in an open-addressing table (typed arrays, no
// per-entry objects), so a million documents cost ≈ 400 MB.
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

export class NearDuplicateIndex {
  private sigs = new Uint16Array(SIGNATURE_BINS * 1024); // [kept, SIGNATURE_BINS]
  private ids = new Int32Array(1024); // kept slot → caller's document index
  private kept = 0;
  private keys = new Uint32Array(1 << 16);
  private slots = new Int32Array(1 << 16).fill(-1); // band table: → kept slot, -1 empty
  private used = 0;

  constructor(readonly threshold = 0.8) {}

  private bandKey(sig: Uint32Array, band: number): number {
    let h = 0x3c6ef372 ^ band;
    for (let r = 0; r < ROWS; r++) h = fmix32(h ^ sig[band * ROWS + r]!);
    return h || 1; // 0 marks nothing: slots use -1, but keep keys non-zero for clarity
  }

  private similarity(slot: number, sig: Uint32Array): number {
    const base = slot * SIGNATURE_BINS;
    let same = 0;
    for (let i = 0; i < SIGNATURE_BINS; i++) if (this.sigs[base + i] === (sig[i]! & 0xffff)) same++;
    return same / SIGNATURE_BINS;
  }

  /** The best kept match at or above the threshold, or null. */
  query(sig: Uint32Array): NearDupMatch | null {
    let best: NearDupMatch | null = null;
    const mask = this.keys.length - 1;
    for (let band = 0; band < BANDS; band++) {
      const key = this.bandKey(sig, band);
      for (let i = key & mask; this.slots[i] !== -1; i = (i + 1) & mask) {
        if (this.keys[i] !== key) continue;
        const slot = this.slots[i]!;
        const s = this.similarity(slot, sig);
        if (s >= this.threshold && (best === null || s > best.similarity)) best = { of: this.ids[slot]!, similarity: s };
      }
    }
    return best;
  }

  /** Records a kept document. */
  add(index: number, sig: Uint32Array): void {
    if (this.kept === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const sigs = new Uint16Array(this.sigs.length * 2);
      sigs.set(this.sigs);
      this.sigs = sigs;
    }
    const slot = this.kept++;
    this.ids[slot] = index;
    for (let i = 0; i < SIGNATURE_BINS; i++) this.sigs[slot * SIGNATURE_BINS + i] = sig[i]! & 0xffff;
    if ((this.used + BANDS) * 2 > this.keys.length) this.grow();
    for (let band = 0; band < BANDS; band++) this.insert(this.bandKey(sig, band), slot);
  }

  private insert(key: number, slot: number): void {
    const mask = this.keys.length - 1;
    let i = key & mask;
    while (this.slots[i] !== -1) {
      if (this.keys[i] === key && this.slots[i] === slot) return;
      i = (i + 1) & mask;
    }
    this.keys[i] = key;
    this.slots[i] = slot;
    this.used++;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.slots = new Int32Array(oldSlots.length * 2).fill(-1);
    this.used = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldSlots[i] !== -1) this.insert(oldKeys[i]!, oldSlots[i]!);
  }
}
