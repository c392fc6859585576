// Document-level train/validation split, seeded and reproducible. Each kept document stands for
// its whole duplicate cluster (exact and near duplicates are assigned the split of the document
// they duplicate), so a cluster never straddles the split. The validation share is exact:
// documents are ordered by a seeded hash of their content hash and the first round(fraction·n) go to
// validation (at least one when there are two or more documents and the fraction is not zero).
import { fmix32, hashString } from './hash';
import type { Split } from '../types';

/** The 32-bit key a document is ordered by (from its content hash), before seeding. */
export function splitKey(contentHash: string): number {
  return hashString(contentHash);
}

/**
 * Splits for documents given by their split keys (splitKey of each content hash), in the same order, as bytes:
 * 1 = validation, 0 = train. Typed arrays throughout: a million documents cost a few MB.
 */
export function assignSplitFlags(keys: Uint32Array, validationFraction: number, seed: number): Uint8Array {
  const n = keys.length;
  const s = fmix32(seed >>> 0);
  const h = new Uint32Array(n);
  for (let i = 0; i < n; i++) h[i] = fmix32(keys[i]! ^ s);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => h[a]! - h[b]! || a - b);
  let validation = validationFraction <= 0 ? 0 : Math.round(validationFraction * n);
  if (validationFraction > 0 && validation === 0 && n >= 2) validation = 1;
  if (validation >= n && validationFraction < 1) validation = n - 1;
  const out = new Uint8Array(n);
  for (let k = 0; k < validation; k++) out[order[k]!] = 1;
  return out;
}

/** Splits for `keys` (content hashes of the kept documents), in the same order. */
export function assignSplits(keys: readonly string[], validationFraction: number, seed: number): Split[] {
  const flags = assignSplitFlags(Uint32Array.from(keys, splitKey), validationFraction, seed);
  return Array.from(flags, (f): Split => (f === 1 ? 'validation' : 'train'));
}
