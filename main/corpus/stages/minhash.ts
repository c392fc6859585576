// MinHash signatures over word shingles, computed with one-permutation hashing: each shingle is
// hashed once, the hash picks one of K bins and the bin keeps its minimum (Li, Owen & Zhang 2012);
// empty bins borrow from the next non-empty bin (rotation densification, Shrivastava 2017). The
// share of equal bins of two signatures estimates the Jaccard similarity of their shingle sets.
// Words are case-folded runs of letters and digits; shingles are `k` consecutive words.
import { fmix32 } from './hash';

export const SIGNATURE_BINS = 128;
const EMPTY = 0xffffffff;
/** Odd 32-bit constants, one per word position of a shingle (up to 16 words). */
const SHINGLE_MULTIPLIERS = Uint32Array.from({ length: 16 }, (_, j) => (fmix32(0x9e3779b9 + j) | 1) >>> 0);

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && (c < 0x2000 || c > 0x206f) && c !== 0x3000);
}

/** 32-bit hashes of the words of `text`, case-folded (ASCII fast path, toLowerCase elsewhere). */
export function wordHashes(text: string): Uint32Array {
  const out: number[] = [];
  let h = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (isWordChar(c)) {
      if (c >= 65 && c <= 90) c |= 0x20;
      else if (c >= 0xc0) c = text[i]!.toLowerCase().charCodeAt(0);
      if (!inWord) {
        h = 0x811c9dc5;
        inWord = true;
      }
      h = Math.imul(h ^ c, 0x01000193);
    } else if (inWord) {
      out.push(h >>> 0);
      inWord = false;
    }
  }
  if (inWord) out.push(h >>> 0);
  return Uint32Array.from(out);
}

/** The signature of a text: SIGNATURE_BINS 32-bit values (Uint32Array). */
export function minhashSignature(text: string, shingleWords = 5): Uint32Array {
  const words = wordHashes(text);
  const sig = new Uint32Array(SIGNATURE_BINS).fill(EMPTY);
  const k = Math.min(shingleWords, SHINGLE_MULTIPLIERS.length, Math.max(1, words.length));
  for (let i = 0; i + k <= words.length; i++) {
    // Position-dependent multipliers make "a b" and "b a" different shingles; one finalizer mixes the sum.
    let h = 0x2545f491;
    for (let j = 0; j < k; j++) h = (h + Math.imul(words[i + j]!, SHINGLE_MULTIPLIERS[j]!)) | 0;
    h = fmix32(h);
    const bin = h >>> 25; // top 7 bits → one of 128 bins
    const value = h & 0x1ffffff;
    if (value < sig[bin]!) sig[bin] = value;
  }
  // Densify: an empty bin takes the value of the next non-empty bin (circularly), offset by distance.
  if (sig.includes(EMPTY)) {
    if (words.length === 0) return sig.fill(0);
    for (let b = 0; b < SIGNATURE_BINS; b++) {
      if (sig[b] !== EMPTY) continue;
      for (let d = 1; d < SIGNATURE_BINS; d++) {
        const v = sig[(b + d) % SIGNATURE_BINS]!;
        if (v !== EMPTY && v < 0x2000000) {
          sig[b] = v + d * 0x2000000;
          break;
        }
      }
    }
  }
  return sig;
}

export function estimateJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_BINS; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_BINS;
}
