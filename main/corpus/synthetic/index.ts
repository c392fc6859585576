// Seeded generator of synthetic clinical notes and legal documents with planted identifiers (ground truth spans),
// for the PII benchmark, tests, and large generated corpora (memory and throughput checks of the import).
//   generateCorpus({ seed, documents })  → SyntheticDocument[] (text + truth), deterministic per seed
//   syntheticText({ seed, bytes })       → iterator of document texts totalling at least `bytes` UTF-8 bytes
import { type SyntheticDocument } from './builder';
import { dischargeSummary, progressNote } from './clinical';
import { Ids } from './identifiers';
import { complaint, memo } from './legal';
import { deposition, referralLetter } from './letters';
import { Rng } from './rng';

export type { SyntheticDocument, TruthSpan } from './builder';
export { Rng } from './rng';

export type DocumentKind = 'discharge-summary' | 'progress-note' | 'referral-letter' | 'complaint' | 'legal-memo' | 'deposition';
const MAKERS: Record<DocumentKind, (r: Rng, ids: Ids) => SyntheticDocument> = {
  'discharge-summary': dischargeSummary,
  'progress-note': progressNote,
  'referral-letter': referralLetter,
  complaint,
  'legal-memo': memo,
  deposition,
};
export const DOCUMENT_KINDS = Object.keys(MAKERS) as DocumentKind[];

/** Document `index` of the corpus with `seed` (documents are independent: any one can be made alone). */
export function generateDocument(seed: number, index: number, kind?: DocumentKind): SyntheticDocument {
  const r = new Rng((seed * 0x9e3779b1 + index * 0x85ebca77) >>> 0);
  const ids = new Ids(r);
  const chosen = kind ?? (DOCUMENT_KINDS[index % DOCUMENT_KINDS.length] as DocumentKind);
  return MAKERS[chosen](r, ids);
}

export function generateCorpus(opts: { seed: number; documents: number; kinds?: readonly DocumentKind[] }): SyntheticDocument[] {
  const docs: SyntheticDocument[] = [];
  for (let i = 0; i < opts.documents; i++) {
    const kind = opts.kinds ? opts.kinds[i % opts.kinds.length] : undefined;
    docs.push(generateDocument(opts.seed, i, kind));
  }
  return docs;
}

/** Document texts until at least `bytes` UTF-8 bytes were produced (about 2 KB each; tens of MB/s). */
export function* syntheticText(opts: { seed: number; bytes: number }): Generator<string> {
  let produced = 0;
  for (let i = 0; produced < opts.bytes; i++) {
    const text = generateDocument(opts.seed, i).text;
    produced += Buffer.byteLength(text, 'utf8');
    yield text;
  }
}
