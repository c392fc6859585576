// The commit stores the folder's rows as they are, in order (each finding's text and context cut from its
// document's text in the findings file), with counts by type and allow-list keys, checking for cancellation
// between chunks.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILES } from '../../corpus/layout';
import { ByteWriter } from '../../corpus/pipeline/binary-file';
import { FindingBlocks } from '../../corpus/pipeline/findings-file';
import { openWorkspaceDb, type WritableDb } from '../../store/db';
import { insertCorpus } from '../../store/queries/corpora';
import { allowFindingText, countFindingsByType } from '../../store/queries/documents';
import { commitRows, readFindingsSync } from './corpus-commit';

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

describe('commitRows', () => {
  function folder(documents: number, findingsPerDocument: number): string {
    const out = join(dir, 'corpus');
    const docs = Array.from({ length: documents }, (_, i) => ({
      i, source: `/src/${i}.txt`, record: null, hash: i.toString(16).padStart(64, '0'), bytes: 100 + i, language: 'en', status: 'kept',
      filter: null, split: i % 20 === 0 ? 'validation' : 'train', cluster: null, similarity: null, findings: findingsPerDocument,
    }));
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    writeFileSync(join(out, FILES.documents), docs.map((d) => `${JSON.stringify(d)}\n`).join(''));
    // Finding k of document i: "Name i-k" at 20 k in the document's text.
    const file = new ByteWriter(join(out, FILES.findings));
    const blocks = new FindingBlocks();
    for (const d of docs) {
      if (findingsPerDocument === 0) continue;
      const names = Array.from({ length: findingsPerDocument }, (_, k) => `Name ${d.i}-${k}`);
      const text = names.map((n) => n.padEnd(20)).join('');
      blocks.add(d.i, names.map((n, k) => ({ type: 'NAME', start: k * 20, end: k * 20 + n.length, text: n, confidence: 0.9 })), text);
      for (const b of blocks.take()) file.bytes(b);
    }
    file.close();
    return out;
  }

  it('stores every document and finding as written, in file order', () => {
    const { id } = insertCorpus(db, { name: 'Notes' });
    const seen: number[] = [];
    const out = folder(3000, 1);
    expect([...readFindingsSync(join(out, FILES.findings))].slice(0, 2)).toEqual([
      { doc: 0, type: 'NAME', start: 0, end: 8, text: 'Name 0-0', context: 'Name 0-0 ', confidence: 0.9 },
      { doc: 1, type: 'NAME', start: 0, end: 8, text: 'Name 1-0', context: 'Name 1-0 ', confidence: 0.9 },
    ]);
    expect(commitRows(db, id, out, new AbortController().signal, (rows) => seen.push(rows), 2000)).toBe(6000);
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
