// The rows' thread stores a folder's rows with its own connection, reports its progress, stops between chunks
// when asked, and passes its failures on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILES } from '../../corpus/layout';
import { openWorkspaceDb, type WritableDb } from '../../store/db';
import { insertCorpus } from '../../store/queries/corpora';
import { RowCommit } from './row-commit';

let dir: string;
let db: WritableDb;
const database = () => join(dir, 'studio.db');
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-row-commit-'));
  db = openWorkspaceDb(database());
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A corpus folder of `documents` records without findings. */
function folder(documents: number): string {
  const out = join(dir, 'corpus');
  mkdirSync(out, { recursive: true });
  const line = (i: number) =>
    `${JSON.stringify({ i, source: `/src/${i}.txt`, record: null, hash: i.toString(16).padStart(64, '0'), bytes: 100, language: 'en', status: 'kept', filter: null, split: 'train', cluster: null, similarity: null, findings: 0 })}\n`;
  writeFileSync(join(out, FILES.documents), Array.from({ length: documents }, (_, i) => line(i)).join(''));
  writeFileSync(join(out, FILES.findings), '');
  return out;
}

const count = () => db.sql.prepare('SELECT count(*) FROM documents').pluck().get() as number;

describe('RowCommit', () => {
  it('stores the rows on its own thread and reports them', async () => {
    const { id } = insertCorpus(db, { name: 'Notes' });
    const commit = new RowCommit(database(), id, folder(45_000));
    const seen: number[] = [];
    commit.onRows = (rows) => seen.push(rows);
    expect(await commit.finish()).toBe(45_000);
    expect(count()).toBe(45_000);
    expect(seen).toEqual([20_000, 40_000, 45_000]);
  });

  it('stops before its next chunk when asked, and says it was cancelled', async () => {
    const { id } = insertCorpus(db, { name: 'Notes' });
    const commit = new RowCommit(database(), id, folder(200_000));
    commit.onRows = () => void commit.stop();
    await expect(commit.finish()).rejects.toMatchObject({ code: 'cancelled' });
    const stored = count();
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(200_000);
    expect(stored % 20_000).toBe(0); // whole chunks only
  });

  it('passes a failure on (a folder without its rows)', async () => {
    const { id } = insertCorpus(db, { name: 'Notes' });
    const commit = new RowCommit(database(), id, join(dir, 'missing'));
    await expect(commit.finish()).rejects.toThrow(/ENOENT|no such file/);
    await commit.stop(); // harmless once the thread is gone
  });
});
