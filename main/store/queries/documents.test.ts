// Queries on corpus documents: findings stored already allow-listed when the allow-list covers them,
// allow-listing marks stored findings of any corpus, samples per type, and chunked deletion.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type WritableDb } from '../db';
import { insertCorpus } from './corpora';
import {
  allowFindingText, chunked, countFindingsByType, deleteCorpusContent, insertDocuments, insertFileErrors, insertFindings, listDocuments, sampleFindings,
  type DocumentRow, type FindingRow,
} from './documents';

let dir: string;
let db: WritableDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-docs-q-'));
  db = openWorkspaceDb(join(dir, 'studio.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const doc = (i: number): DocumentRow => ({
  i, source: `/notes/${i}.txt`, record: null, hash: String(i).padStart(64, '0'), bytes: 100, language: 'en', status: 'kept', filter: null, split: 'train', cluster: null, similarity: null, findings: 1,
});
const finding = (d: number, text: string, type = 'NAME', confidence = 0.9): FindingRow => ({ doc: d, type, start: 0, end: text.length, text, context: `${text} was seen`, confidence });

function corpusWith(name: string, findings: FindingRow[]): number {
  const { id } = insertCorpus(db, { name });
  insertDocuments(db, id, [0, 1, 2].map(doc));
  insertFindings(db, id, findings);
  return id;
}

describe('document queries', () => {
  it('lists documents a page at a time in import order, by status or all removed, duplicates with their kept document', () => {
    const { id } = insertCorpus(db, { name: 'A' });
    const { id: other } = insertCorpus(db, { name: 'B' });
    insertDocuments(db, other, [doc(0)]);
    insertDocuments(db, id, [
      { ...doc(0), cluster: 0 },
      { ...doc(1), status: 'duplicate', cluster: 0, split: null },
      { ...doc(2), status: 'filtered', filter: 'min_length', split: null },
      { ...doc(3), source: '/notes/all.csv', record: 7 },
      { ...doc(4), status: 'near_duplicate', cluster: 3, similarity: 0.86, split: null },
      { ...doc(5), status: 'dropped_pii', findings: 4, split: null },
    ]);
    const all = listDocuments(db, id, { limit: 50, offset: 0 });
    expect(all.total).toBe(6);
    expect(all.documents.map((d) => [d.ordinal, d.status])).toEqual([[0, 'kept'], [1, 'duplicate'], [2, 'filtered'], [3, 'kept'], [4, 'near_duplicate'], [5, 'dropped_pii']]);
    expect(all.documents[0]!.duplicate_of).toBeNull(); // the kept document of a cluster is no one's duplicate
    expect(all.documents[1]!.duplicate_of).toEqual({ ordinal: 0, source: '/notes/0.txt', record: null });
    expect(all.documents[4]).toMatchObject({ similarity: 0.86, duplicate_of: { ordinal: 3, source: '/notes/all.csv', record: 7 } });
    const removed = listDocuments(db, id, { status: 'removed', limit: 2, offset: 1 });
    expect(removed.total).toBe(4);
    expect(removed.documents.map((d) => d.ordinal)).toEqual([2, 4]);
    expect(listDocuments(db, id, { status: 'filtered', limit: 5, offset: 0 }).documents).toEqual([
      expect.objectContaining({ ordinal: 2, filter: 'min_length', duplicate_of: null }),
    ]);
    expect(listDocuments(db, id, { status: 'kept', limit: 5, offset: 5 })).toEqual({ total: 2, documents: [] });
  });

  it('allow-lists a text case- and space-insensitively, in every corpus, and later findings arrive allow-listed', () => {
    const a = corpusWith('A', [finding(0, 'Lyrica'), finding(1, 'John Smith'), finding(2, 'LYRICA ')]);
    const b = corpusWith('B', [finding(0, 'lyrica', 'GEO')]);
    expect(allowFindingText(db, 'NAME', '  lyrica ')).toBe(2);
    expect(countFindingsByType(db, a)).toEqual({ NAME: { total: 3, allow_listed: 2 } });
    expect(countFindingsByType(db, b)).toEqual({ GEO: { total: 1, allow_listed: 0 } }); // another type
    expect(allowFindingText(db, null, 'Lyrica')).toBe(1); // any type
    const c = corpusWith('C', [finding(0, 'Lyrica', 'DATE'), finding(1, 'Jane Roe')]);
    expect(countFindingsByType(db, c)).toEqual({ NAME: { total: 1, allow_listed: 0 }, DATE: { total: 1, allow_listed: 1 } });
  });

  it('samples the most confident findings of each type, not yet allow-listed first', () => {
    const id = corpusWith('A', [finding(0, 'Ann Lee', 'NAME', 0.6), finding(1, 'Bo Wu', 'NAME', 0.95), finding(2, '555-1234', 'PHONE', 0.9), finding(2, 'Cy Po', 'NAME', 0.8)]);
    allowFindingText(db, 'NAME', 'Bo Wu');
    const samples = sampleFindings(db, id, 2);
    expect(samples.map((s) => [s.type, s.text, s.allow_listed])).toEqual([
      ['NAME', 'Cy Po', false],
      ['NAME', 'Ann Lee', false],
      ['PHONE', '555-1234', false],
    ]);
    expect(samples[0]!.source).toBe('/notes/2.txt');
  });

  it('deletes a corpus content in chunks and leaves other corpora alone', () => {
    const a = corpusWith('A', [finding(0, 'Ann Lee'), finding(1, 'Bo Wu')]);
    const b = corpusWith('B', [finding(0, 'Cy Po')]);
    insertFileErrors(db, a, [{ path: '/x.pdf', severity: 'error', reason: 'corrupt', message: 'damaged' }]);
    deleteCorpusContent(db, a, 2);
    const count = (sql: string, id: number) => db.sql.prepare(sql).pluck().get(id);
    expect(count('SELECT count(*) FROM documents WHERE corpus_id = ?', a)).toBe(0);
    expect(count('SELECT count(*) FROM file_errors WHERE corpus_id = ?', a)).toBe(0);
    expect(countFindingsByType(db, b)).toEqual({ NAME: { total: 1, allow_listed: 0 } });
    expect(count('SELECT count(*) FROM documents WHERE corpus_id = ?', b)).toBe(3);
  });

  it('chunks an iterable', () => {
    expect(Array.from(chunked([1, 2, 3, 4, 5], 2), (run) => [...run])).toEqual([[1, 2], [3, 4], [5]]);
    expect([...chunked([], 3)]).toEqual([]);
    // Lazy: the source is read only as far as the runs taken so far.
    let read = 0;
    const source = (function* () {
      for (let i = 0; i < 10; i++) {
        read++;
        yield i;
      }
    })();
    const runs = chunked(source, 4)[Symbol.iterator]();
    expect([...runs.next().value!]).toEqual([0, 1, 2, 3]);
    expect(read).toBeLessThanOrEqual(5);
  });
});
