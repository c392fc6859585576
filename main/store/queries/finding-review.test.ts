// The PII review queries (stored counts, bounded samples, allow-list updates through finding_keys) give
// exactly the answers of the queries they replaced — full scans, kept below as the reference — on a
// workspace of several corpora and types with allow-listed findings, through both ways findings arrive
// (one by one, and the import's commit with keys written afterwards in key order), and after deletion.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type AnyDb, type WritableDb } from '../db';
import { allowKey } from './allow-key';
import { insertCorpus } from './corpora';
import { referenceAllowTargets, referenceCounts, referenceSamples } from './finding-review.reference';
import {
  allowFindingText, countFindingsByType, deleteCorpusContent, indexFindingKeys, insertDocuments, insertFindings, sampleFindings,
  type DocumentRow, type FindingRow,
} from './documents';


let dir: string;
let db: WritableDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-review-'));
  db = openWorkspaceDb(join(dir, 'studio.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const TYPES = ['NAME', 'DATE', 'PHONE', 'EMAIL', 'MRN', 'ZIP'];
const TEXTS = ['Lyrica', 'LYRICA ', ' lyrica', 'John  Smith', 'john smith', 'Zoë', 'ZOË', 'Zoe\u0308', '555-0100', 'Ann Lee', 'x@y.org', '02139'];
const CONFIDENCES = [0.55, 0.7, 0.7, 0.9, 0.95, 1];

/** A seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeCorpus(name: string, docs: number, perDoc: number, seed: number, types: string[], bulk: boolean): number {
  const rnd = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const { id } = insertCorpus(db, { name });
  const documents: DocumentRow[] = Array.from({ length: docs }, (_, i) => ({
    i, source: `/${name}/${i}.txt`, record: null, hash: `${seed}${i}`.padStart(64, '0'), bytes: 100, language: 'en', status: 'kept', filter: null,
    split: 'train', cluster: null, similarity: null, findings: perDoc,
  }));
  const findings: FindingRow[] = [];
  for (let d = 0; d < docs; d++) {
    for (let k = 0; k < perDoc; k++) {
      const text = rnd() < 0.5 ? pick(TEXTS) : `${pick(TEXTS)}${Math.floor(rnd() * 5)}`;
      findings.push({ doc: d, type: pick(types), start: k * 10, end: k * 10 + 5, text, context: `… ${text} …`, confidence: pick(CONFIDENCES) });
    }
  }
  db.transaction(() => insertDocuments(db, id, documents));
  if (bulk) {
    // As the import's commit does: chunks, keys deferred, then written in key order.
    for (let at = 0; at < findings.length; at += 50) db.transaction(() => insertFindings(db, id, findings.slice(at, at + 50), { deferKeys: true }));
    indexFindingKeys(db, id, 37);
  } else {
    db.transaction(() => insertFindings(db, id, findings));
  }
  return id;
}

function expectSameAnswers(corpora: number[]): void {
  for (const c of corpora) {
    expect(Object.entries(countFindingsByType(db, c))).toEqual(referenceCounts(db, c));
    for (const perType of [1, 2, 5, 40, 500]) {
      expect(sampleFindings(db, c, perType)).toEqual(referenceSamples(db, c, perType));
      for (const type of [...TYPES, 'NOPE']) expect(sampleFindings(db, c, perType, type)).toEqual(referenceSamples(db, c, perType, type));
    }
  }
}

const allowedIds = (d: AnyDb) => d.sql.prepare('SELECT id FROM findings WHERE allow_listed = 1 ORDER BY id').pluck().all() as number[];

describe('PII review queries', () => {
  it('answer exactly as the full scans did, before and after allow-listing, in every corpus', () => {
    allowFindingText(db, 'NAME', 'ann lee'); // findings imported later arrive allow-listed
    const corpora = [
      makeCorpus('A', 40, 12, 1, TYPES, true),
      makeCorpus('B', 25, 8, 2, ['NAME', 'DATE'], false),
      makeCorpus('C', 30, 10, 3, TYPES.slice(2), true),
      makeCorpus('D', 0, 0, 4, TYPES, true), // no findings at all
    ];
    expect(allowedIds(db).length).toBeGreaterThan(0);
    expectSameAnswers(corpora);
    // Equal totals exist, so the tie order of the counts is checked too.
    const totals = corpora.flatMap((c) => Object.values(countFindingsByType(db, c)).map((x) => `${c}:${x.total}`));
    expect(new Set(totals).size).toBeLessThan(totals.length);

    const entries: [string | null, string][] = [['NAME', '  lyrica '], [null, 'John Smith'], ['PHONE', '555-0100'], [null, 'zoë'], ['DATE', 'Lyrica3'], ['EMAIL', 'absent'], ['NAME', 'LYRICA']];
    for (const [type, text] of entries) {
      const before = allowedIds(db);
      const targets = referenceAllowTargets(db, type, text);
      expect(allowFindingText(db, type, text)).toBe(targets.length);
      expect(allowedIds(db)).toEqual([...before, ...targets].sort((a, b) => a - b));
      expectSameAnswers(corpora);
    }
    expect(allowFindingText(db, null, 'ZOE\u0308')).toBe(0); // NFC: the same key as "zoë", already applied
  });

  it('applies allow-list entries added between a bulk insert and its keys, and keys reach every finding', () => {
    const { id } = insertCorpus(db, { name: 'A' });
    insertDocuments(db, id, [0, 1].map((i) => ({
      i, source: `/a/${i}`, record: null, hash: String(i).padStart(64, '0'), bytes: 1, language: 'en', status: 'kept' as const, filter: null,
      split: 'train' as const, cluster: null, similarity: null, findings: 2,
    })));
    const rows: FindingRow[] = [
      { doc: 0, type: 'NAME', start: 0, end: 6, text: 'Lyrica', context: '', confidence: 0.9 },
      { doc: 1, type: 'NAME', start: 0, end: 6, text: 'Ann  Lee', context: '', confidence: 0.8 },
    ];
    db.transaction(() => insertFindings(db, id, rows, { deferKeys: true }));
    expect(allowFindingText(db, 'NAME', 'lyrica')).toBe(0); // keys not written yet: the entry is kept…
    let chunks = 0;
    indexFindingKeys(db, id, 1, () => chunks++);
    expect(chunks).toBe(2);
    expect(countFindingsByType(db, id)).toEqual({ NAME: { total: 2, allow_listed: 1 } }); // …and applied here
    expect(allowFindingText(db, null, 'ann lee')).toBe(1);
    const keys = db.sql.prepare('SELECT key, finding_id FROM finding_keys WHERE corpus_id = ? ORDER BY finding_id').all(id);
    const ids = db.sql.prepare('SELECT id, text FROM findings ORDER BY id').all() as { id: number; text: string }[];
    expect(keys).toEqual(ids.map((f) => ({ key: allowKey(f.text), finding_id: f.id })));
  });

  it('deleting a corpus removes its keys and counts and leaves the others answering as before', () => {
    const a = makeCorpus('A', 20, 6, 5, TYPES, true);
    const b = makeCorpus('B', 20, 6, 6, TYPES, false);
    deleteCorpusContent(db, a, 3);
    const left = (table: string) => db.sql.prepare(`SELECT count(*) FROM ${table} WHERE corpus_id = ?`).pluck().get(a);
    expect([left('finding_keys'), left('finding_counts'), left('findings')]).toEqual([0, 0, 0]);
    expect(countFindingsByType(db, a)).toEqual({});
    expect(sampleFindings(db, a, 5)).toEqual([]);
    const targets = referenceAllowTargets(db, null, 'lyrica');
    expect(allowFindingText(db, null, 'lyrica')).toBe(targets.length);
    expectSameAnswers([b]);
  });
});
