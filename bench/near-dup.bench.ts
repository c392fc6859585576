// Near-duplicate index at scale: templated synthetic notes (the generator's six document kinds share much of their
// wording, as real clinical notes and forms do) with planted near duplicates — every 50th document an edited copy of
// an earlier one (three words replaced). Documents go through the index in order, as an import's duplicate pass takes
// them. Prints query + add time per document at each stage of the corpus and the share of planted copies found,
// with the default bucket cap (BUCKET_CAP) and, as the baseline in the same run, without a cap (every kept document
// entered under every band: a query compares with every document that shares a band, a cost that grows with the
// corpus). NEAR_DUP_BENCH_DOCS sets the number of documents (default 200,000, about 380 MB of notes).
import { minhashSignature } from '../main/corpus/stages/minhash';
import { BUCKET_CAP, NearDuplicateIndex } from '../main/corpus/stages/near-dup';
import { generateDocument } from '../main/corpus/synthetic';

const PLANT_EVERY = 50;

interface Pass {
  usPerDoc: number[]; // per quarter of the corpus
  planted: number;
  found: number;
  otherNear: number;
}

function pass(signatures: readonly Uint32Array[], planted: ReadonlySet<number>, cap: number): Pass {
  const index = new NearDuplicateIndex(0.8, signatures.length, cap);
  const quarter = Math.ceil(signatures.length / 4);
  const usPerDoc: number[] = [];
  let found = 0;
  let otherNear = 0;
  let t0 = performance.now();
  for (let k = 0; k < signatures.length; k++) {
    const sig = signatures[k]!;
    if (index.query(sig)) {
      if (planted.has(k)) found++;
      else otherNear++;
    } else index.add(k, sig);
    if ((k + 1) % quarter === 0 || k + 1 === signatures.length) {
      const now = performance.now();
      usPerDoc.push(((now - t0) * 1000) / quarter);
      t0 = now;
    }
  }
  return { usPerDoc, planted: planted.size, found, otherNear };
}

export async function run(): Promise<Record<string, number | string>> {
  const documents = Number(process.env.NEAR_DUP_BENCH_DOCS ?? 200_000);
  // The signatures first (the costly part, shared by both passes): only the index is timed.
  const signatures: Uint32Array[] = [];
  const planted = new Set<number>();
  const recent: string[] = [];
  let x = 12345;
  const random = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  let bytes = 0;
  for (let k = 0; k < documents; k++) {
    let text: string;
    if (k > 100 && k % PLANT_EVERY === 0) {
      const words = recent[Math.floor(random() * recent.length)]!.split(' ');
      for (let c = 0; c < 3; c++) words[Math.floor(random() * words.length)] = `edit${k}x${c}`;
      text = words.join(' ');
      planted.add(k);
    } else {
      text = generateDocument(777, k).text;
      if (recent.length < 20_000) recent.push(text);
      else recent[Math.floor(random() * recent.length)] = text;
    }
    bytes += text.length;
    signatures.push(minhashSignature(text, 5));
  }
  const capped = pass(signatures, planted, BUCKET_CAP);
  const open = pass(signatures, planted, Number.MAX_SAFE_INTEGER);
  const figures: Record<string, number | string> = { documents, corpus_mb: Number((bytes / 1e6).toFixed(0)), bucket_cap: BUCKET_CAP };
  capped.usPerDoc.forEach((us, q) => {
    figures[`us_per_doc_quarter_${q + 1}`] = Number(us.toFixed(1));
    figures[`baseline_no_cap_us_per_doc_quarter_${q + 1}`] = Number(open.usPerDoc[q]!.toFixed(1));
  });
  const last = capped.usPerDoc.length - 1;
  figures.speedup_last_quarter = Number((open.usPerDoc[last]! / capped.usPerDoc[last]!).toFixed(2));
  figures.planted_near_duplicates = capped.planted;
  figures.planted_found = capped.found;
  figures.baseline_no_cap_planted_found = open.found;
  figures.other_near_duplicates = capped.otherNear;
  figures.baseline_no_cap_other_near_duplicates = open.otherNear;
  figures.note = 'planted copies below Jaccard 0.8 (short notes with three words replaced) are missed by both: compare planted_found with its baseline';
  return figures;
}
