// asStoreError: real SQLite failures become StudioErrors with codes a user can act on.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../common/errors';
import { openWorkspaceDb, type WritableDb } from './db';
import { asStoreError } from './errors';

let dir: string;
let db: WritableDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-errors-'));
  db = openWorkspaceDb(join(dir, 'studio.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

describe('asStoreError', () => {
  it('turns a lock held by another connection into a conflict', () => {
    const other = new Database(join(dir, 'studio.db'), { timeout: 0 });
    db.sql.prepare('BEGIN IMMEDIATE').run();
    const error = asStoreError(caught(() => other.prepare("INSERT INTO settings (key, value) VALUES ('a', '1')").run()));
    db.sql.prepare('ROLLBACK').run();
    other.close();
    expect(error).toBeInstanceOf(StudioError);
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/busy/) });
  });

  it('turns a disk that is full into bad_input, and leaves other errors alone', () => {
    db.sql.pragma('max_page_count = 1'); // the database may not grow: SQLite reports SQLITE_FULL
    const full = asStoreError(caught(() => db.sql.prepare('INSERT INTO events (name, payload) VALUES (?, ?)').run('x', JSON.stringify('y'.repeat(100_000)))));
    expect(full).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/disk .* is full/) });
    const constraint = caught(() => db.sql.prepare("INSERT INTO jobs (kind, status) VALUES ('x', 'bogus')").run());
    expect(asStoreError(constraint)).toBe(constraint);
    const plain = new Error('not sqlite');
    expect(asStoreError(plain)).toBe(plain);
    // A file write on a full disk (a corpus folder, a checkpoint) is the same for the user.
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(asStoreError(enospc)).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/^The disk is full \(ENOSPC/) });
  });
});
