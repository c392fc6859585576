// MinHash signatures over word shingles, computed with one-permutation hashing: each shingle is
// hashed once, the hash picks one of K bins and the bin keeps its minimum (Li, Owen & Zhang 2012);
// empty bins borrow from the next non-empty bin (rotation densification, Shrivastava 2017). The
// share of equal bins of two signatures estimates the Jaccard similarity of their shingle sets.
// Words are case-folded runs of letters and digits; shingles are `k` consecutive words.
import { CodeUnits } from '../code-units';
import { fmix32 } from './hash';

export const SIGNATURE_BINS = 128;
const EMPTY = 0xffffffff;
/** Odd 32-bit constants, one per word position of a shingle (up to 16 words). */
const SHINGLE_MULTIPLIERS = Uint32Array.from({ length: 16 }, (_, j) => (fmix32(0x9e3779b9 + j) | 1) >>> 0);
/** The same multipliers as Int32 bit patterns (small integers for the engine; Math.imul gives the same products). */
const SHINGLE_MULTIPLIERS_I32 = Int32Array.from(SHINGLE_MULTIPLIERS);
const NONE = 0x7fffffff; // above every 25-bit bin value
const MINS = new Int32Array(SIGNATURE_BINS);

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && (c < 0x2000 || c > 0x206f) && c !== 0x3000);
}

/** Lower case of each UTF-16 code unit ≥ 0xC0 (first unit of `toLowerCase()`), filled on first use; 0 = not yet known. */
const LOWER = new Uint16Array(0x10000);
function lowerUnit(c: number): number {
  let l = LOWER[c]!;
  if (l === 0) l = LOWER[c] = String.fromCharCode(c).toLowerCase().charCodeAt(0);
  return l;
}

/** Below U+00C0: the lower-case code of a word character (letters, digits), 0 for any other character. */
const ASCII_FOLD = Uint16Array.from({ length: 0xc0 }, (_, c) => (isWordChar(c) ? (c >= 65 && c <= 90 ? c | 0x20 : c) : 0));

/** The code units of the text being hashed (see code-units.ts). */
const UNITS = new CodeUnits();

/** Word hashes of the last text, reused (grown when needed) so that a signature allocates only itself. */
let scratch: Int32Array = new Int32Array(4096);

/**
 * Fills `scratch` with the 32-bit FNV-1a hashes of the words of `text`, case-folded (ASCII fast path, the
 * code unit's lower case elsewhere), as Int32 bit patterns; returns how many words there are.
 */
function fillWordHashes(text: string): number {
  const units = UNITS.of(text);
  const len = text.length;
  const fold = ASCII_FOLD;
  let n = 0;
  let h = 0;
  let inWord = false;
  for (let i = 0; i < len; i++) {
    const u = units[i]!;
    // The case-folded code unit of a word character, 0 for any other character.
    const c = u < 0xc0 ? fold[u]! : isWordChar(u) ? lowerUnit(u) : 0;
    if (c !== 0) {
      if (!inWord) {
        h = 0x811c9dc5;
        inWord = true;
      }
      h = Math.imul(h ^ c, 0x01000193);
    } else if (inWord) {
      if (n === scratch.length) scratch = growScratch(scratch);
      scratch[n++] = h;
      inWord = false;
    }
  }
  if (inWord) {
    if (n === scratch.length) scratch = growScratch(scratch);
    scratch[n++] = h;
  }
  return n;
}

function growScratch(old: Int32Array): Int32Array {
  const grown = new Int32Array(old.length * 2);
  grown.set(old);
  return grown;
}

/** 32-bit hashes of the words of `text`, case-folded (ASCII fast path, toLowerCase elsewhere). */
export function wordHashes(text: string): Uint32Array {
  const n = fillWordHashes(text);
  return Uint32Array.from(scratch.subarray(0, n), (h) => h >>> 0);
}

/** The signature of a text: SIGNATURE_BINS 32-bit values (Uint32Array). */
export function minhashSignature(text: string, shingleWords = 5): Uint32Array {
  const count = fillWordHashes(text);
  const words = scratch; // Int32 bit patterns of the word hashes: Math.imul reads them exactly as the unsigned values
  const sig = new Uint32Array(SIGNATURE_BINS).fill(EMPTY);
  const k = Math.min(shingleWords, SHINGLE_MULTIPLIERS.length, Math.max(1, count));
  const multipliers = SHINGLE_MULTIPLIERS_I32;
  // Bin minima as small integers (values are 25 bits; NONE stands for an empty bin) until the densification below.
  const mins = MINS.fill(NONE);
  if (k === 5) fiveWordShingles(words, count, mins);
  else {
    for (let i = 0; i + k <= count; i++) {
      // Position-dependent multipliers make "a b" and "b a" different shingles; one finalizer mixes the sum.
      let h = 0x2545f491;
      for (let j = 0; j < k; j++) h = (h + Math.imul(words[i + j]!, multipliers[j]!)) | 0;
      keepMin(h, mins);
    }
  }
  for (let b = 0; b < SIGNATURE_BINS; b++) if (mins[b] !== NONE) sig[b] = mins[b]!;
  // Densify: an empty bin takes the value of the next non-empty bin (circularly), offset by distance.
  if (sig.includes(EMPTY)) {
    if (count === 0) return sig.fill(0);
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

/** fmix32 (MurmurHash3's finalizer) of a shingle's sum, on Int32 bit patterns; the bin of its top 7 bits keeps the least of the other 25. */
function keepMin(sum: number, mins: Int32Array): void {
  let h = sum;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  const bin = h >>> 25; // top 7 bits → one of 128 bins
  const value = h & 0x1ffffff;
  if (value < mins[bin]!) mins[bin] = value;
}

/**
 * The shingle loop for the default five words per shingle, with the words of the window in locals: the same sums
 * (addition modulo 2^32 does not depend on the order; five 32-bit terms add up exactly in a double before `| 0`).
 */
function fiveWordShingles(words: Int32Array, count: number, mins: Int32Array): void {
  if (count < 5) return;
  const m = SHINGLE_MULTIPLIERS_I32;
  const m0 = m[0]!, m1 = m[1]!, m2 = m[2]!, m3 = m[3]!, m4 = m[4]!;
  let w0 = words[0]!, w1 = words[1]!, w2 = words[2]!, w3 = words[3]!;
  for (let i = 4; i < count; i++) {
    const w4 = words[i]!;
    keepMin((0x2545f491 + Math.imul(w0, m0) + Math.imul(w1, m1) + Math.imul(w2, m2) + Math.imul(w3, m3) + Math.imul(w4, m4)) | 0, mins);
    w0 = w1;
    w1 = w2;
    w2 = w3;
    w3 = w4;
  }
}

export function estimateJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_BINS; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_BINS;
}
