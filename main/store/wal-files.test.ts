// A workspace whose write-protected database was once opened read-only can be written again once the database is
// writable: the read-only -wal and -shm that open left behind do not keep refusing every write.
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb } from './db';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-wal-files-'));
  file = join(dir, 'studio.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

// Root writes any file whatever its permissions: the problem, and so the test, exist only for other users.
describe.skipIf(process.getuid?.() === 0)('repairWalFiles (through openWorkspaceDb)', () => {
  it('writes again to a database made writable after a read-only open left its -wal and -shm read-only', () => {
    openWorkspaceDb(file).close();
    chmodSync(file, 0o444); // say, copied from a read-only medium
    openWorkspaceDb(file, { readonly: true }).close();
    for (const companion of [`${file}-wal`, `${file}-shm`]) {
      expect(existsSync(companion)).toBe(true);
      expect(writable(companion)).toBe(false);
    }
    chmodSync(file, 0o644);
    const db = openWorkspaceDb(file);
    try {
      db.sql.prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')").run();
    } finally {
      db.close();
    }
    const again = openWorkspaceDb(file, { readonly: true });
    expect(again.sql.prepare("SELECT value FROM settings WHERE key = 'theme'").pluck().get()).toBe('"dark"');
    again.close();
  });

  it('leaves a write-protected database as it is: it still opens and reads', () => {
    openWorkspaceDb(file).close();
    chmodSync(file, 0o444);
    const db = openWorkspaceDb(file);
    expect(db.sql.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
    db.close();
    expect(writable(file)).toBe(false);
    chmodSync(file, 0o644);
  });
});
