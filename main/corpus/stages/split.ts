// Document-level train/validation split, seeded and reproducible. Each kept document stands for
// its whole duplicate cluster (exact and near duplicates are assigned the split of the document
// they duplicate), so a cluster never straddles the split. The validation share is exact:
// documents are ordered by a seeded hash of their content hash and the first ⌈fraction·n⌉ go to
// validation (at least one when there are two or more documents and the fraction is not zero).
import { fmix32, hashString } from './hash';
import type { Split } from '../types';

/** Splits for `keys` (content hashes of the kept documents), in the same order. */
export function assignSplits(keys: readonly string[], validationFraction: number, seed: number): Split[] {
  const n = keys.length;
  const order = keys.map((key, i) => ({ i, h: fmix32(hashString(key) ^ fmix32(seed >>> 0)) }));
  order.sort((a, b) => a.h - b.h || a.i - b.i);
  let validation = validationFraction <= 0 ? 0 : Math.round(validationFraction * n);
  if (validationFraction > 0 && validation === 0 && n >= 2) validation = 1;
  if (validation >= n && validationFraction < 1) validation = n - 1;
  const out: Split[] = new Array<Split>(n).fill('train');
  for (let k = 0; k < validation; k++) out[order[k]!.i] = 'validation';
  return out;
}
