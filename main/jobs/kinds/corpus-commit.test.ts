// The commit's findings reader reads exactly what JSON.parse reads, line by line and across its read blocks,
// and the commit stores the folder's rows as they are, in order, with counts by type and allow-list keys,
// checking for cancellation between chunks.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FindingRecord } from '../../corpus/pipeline';
import { openWorkspaceDb, type WritableDb } from '../../store/db';
import { insertCorpus } from '../../store/queries/corpora';
import { allowFindingText, countFindingsByType } from '../../store/queries/documents';
import { commitRows, parseFindingLine, readFindingsSync } from './corpus-commit';

let dir: string;
let db: WritableDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-commit-'));
  db = openWorkspaceDb(join(dir, 'studio.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const finding = (doc: number, text: string, extra: Partial<FindingRecord> = {}): FindingRecord => ({
  doc, type: 'NAME', start: 3, end: 3 + text.length, text, context: `… ${text} said …`, confidence: 0.9, ...extra,
});

/** Same keys in the same order, each value Object.is-equal (so -0 and 0 differ). */
function expectSame(actual: unknown, expected: unknown): void {
  expect(Object.keys(actual as object)).toEqual(Object.keys(expected as object));
  for (const [key, value] of Object.entries(expected as object)) expect(Object.is((actual as Record<string, unknown>)[key], value), key).toBe(true);
}

describe('parseFindingLine', () => {
  it('reads what JSON.parse reads from every line JSON.stringify writes', () => {
    const records = [
      finding(0, 'Mary Jones'),
      finding(12, 'Dr. "Bob" O\'Neil', { type: 'NAME' }), // quotes are escaped: JSON.parse reads it
      finding(3, 'C:\\path\\to', { type: 'URL' }),
      finding(4, 'tab\there\nnew line'),
      finding(5, 'Zoë Ångström 😀'),
      finding(6, 'lone \ud83d half', { context: 'cut \ude00 here' }),
      finding(7, '555-0100', { type: 'PHONE', confidence: 0.1 + 0.2, start: 0, end: 8 }),
      finding(8, '12', { confidence: 1, start: 123456789012, end: 123456789014 }),
      finding(9, 'x', { confidence: 1e-7 }),
      finding(10, '', { text: '', context: '' }),
    ];
    for (const r of records) {
      const line = JSON.stringify(r);
      expectSame(parseFindingLine(line), JSON.parse(line));
    }
  });

  it('leaves any other shape to JSON.parse: other keys or order, other number spellings, invalid lines throw', () => {
    const odd = [
      '{"doc":1,"type":"X","start":1,"end":2,"text":"a","extra":"q","context":"b","confidence":1}',
      '{"doc":1,"type":"X","start":1,"end":2,"text":"a","context":"b","confidence":1,"x":2}',
      '{"type":"X","doc":1,"start":1,"end":2,"text":"a","context":"b","confidence":1}',
      '{"doc":-0,"type":"X","start":1e2,"end":2.50,"text":"a","context":"b","confidence":5E-1}',
      '{"doc":1,"type":"X","start":-3,"end":2,"text":"a","context":"b","confidence":0.5}',
    ];
    for (const line of odd) expectSame(parseFindingLine(line), JSON.parse(line));
    for (const line of [
      '{"doc":01,"type":"X","start":1,"end":2,"text":"a","context":"b","confidence":0.5}',
      '{"doc":1,"type":"X","start":1,"end":2,"text":"a","context":"b","confidence":NaN}',
      '{"doc":1,"type":"X","start":1,"end":2,"text":"a\u0001","context":"b","confidence":1}',
      '{"doc":1,"type":"X","start":1,"end":2,"text":"a","context":"b","confidence":}',
    ]) {
      expect(() => JSON.parse(line)).toThrow();
      expect(() => parseFindingLine(line)).toThrow();
    }
  });
});

describe('readFindingsSync', () => {
  it('reads every line of a file larger than its read block, characters split across blocks included', () => {
    const records: FindingRecord[] = [];
    // ~2.5 MB of multi-byte text: some line and character boundaries fall on the 1 MiB block edges.
    for (let i = 0; records.length < 9000; i++) records.push(finding(i, `Zoë ${i} 😀 ${'é'.repeat(i % 97)}`, { context: `ctx ${'ß'.repeat(100 + (i % 13))}` }));
    const file = join(dir, 'findings.jsonl');
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n')); // no newline after the last line
    expect(statSync(file).size).toBeGreaterThan(2 << 20);
    expect([...readFindingsSync(file)]).toEqual(records);
  });
});

describe('commitRows', () => {
  function folder(documents: number, findingsPerDocument: number): string {
    const out = join(dir, 'corpus');
    const docs = Array.from({ length: documents }, (_, i) => ({
      i, source: `/src/${i}.txt`, record: null, hash: i.toString(16).padStart(64, '0'), bytes: 100 + i, language: 'en', status: 'kept',
      filter: null, split: i % 20 === 0 ? 'validation' : 'train', cluster: null, similarity: null, findings: findingsPerDocument,
    }));
    const findings = docs.flatMap((d) => Array.from({ length: findingsPerDocument }, (_, k) => finding(d.i, `Name ${d.i}-${k}`, { start: k * 20, end: k * 20 + 8 })));
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    writeFileSync(join(out, 'documents.jsonl'), docs.map((d) => `${JSON.stringify(d)}\n`).join(''));
    writeFileSync(join(out, 'findings.jsonl'), findings.map((f) => `${JSON.stringify(f)}\n`).join(''));
    return out;
  }

  it('stores every document and finding as written, in file order', () => {
    const { id } = insertCorpus(db, { name: 'Notes' });
    const seen: number[] = [];
    expect(commitRows(db, id, folder(3000, 1), new AbortController().signal, (rows) => seen.push(rows), 2000)).toBe(6000);
    expect(seen).toEqual([2000, 3000, 5000, 6000]);
    const rows = db.sql
      .prepare('SELECT d.ordinal, d.split, f.text, f.start, f.confidence FROM findings f JOIN documents d ON d.id = f.document_id ORDER BY f.id')
      .all() as { ordinal: number; split: string; text: string; start: number; confidence: number }[];
    expect(rows).toHaveLength(3000);
    expect(rows[2999]).toEqual({ ordinal: 2999, split: 'train', text: 'Name 2999-0', start: 0, confidence: 0.9 });
    expect(rows.every((r, i) => r.ordinal === i)).toBe(true);
  });

  it('writes the counts by type and every finding\'s allow-list key, so review and allow-listing see the corpus', () => {
    allowFindingText(db, 'NAME', 'name 7-1'); // before the import: stored allow-listed
    const { id } = insertCorpus(db, { name: 'Notes' });
    commitRows(db, id, folder(500, 3), new AbortController().signal, undefined, 400);
    expect(countFindingsByType(db, id)).toEqual({ NAME: { total: 1500, allow_listed: 1 } });
    const keys = db.sql.prepare('SELECT key, finding_id FROM finding_keys WHERE corpus_id = ? ORDER BY finding_id').all(id);
    const findings = db.sql.prepare('SELECT id, text FROM findings ORDER BY id').all() as { id: number; text: string }[];
    expect(keys).toEqual(findings.map((f) => ({ key: f.text.toLowerCase(), finding_id: f.id })));
    expect(allowFindingText(db, null, 'NAME 499-2')).toBe(1);
    expect(countFindingsByType(db, id)).toEqual({ NAME: { total: 1500, allow_listed: 2 } });
  });

  it('stops between transactions once cancelled, keeping only whole chunks', () => {
    const { id } = insertCorpus(db, { name: 'Notes' });
    const controller = new AbortController();
    const error = (() => {
      try {
        commitRows(db, id, folder(3000, 0), controller.signal, () => controller.abort(), 2000);
      } catch (e) {
        return e as { code?: string };
      }
      return null;
    })();
    expect(error?.code).toBe('cancelled');
    expect(db.sql.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(2000);
  });
});
