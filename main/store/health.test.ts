// Workspace health: reports free space, schema versions and integrity without changing the database.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_SCHEMA_VERSION, openWorkspaceDb } from './db';
import { workspaceHealth } from './health';

let workspace: string;
let file: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'studio-health-'));
  file = join(workspace, 'studio.db');
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

describe('workspaceHealth', () => {
  it('reports a healthy database, its schema version and the free disk space', async () => {
    openWorkspaceDb(file).close();
    const health = await workspaceHealth(workspace);
    expect(health).toMatchObject({
      path: workspace,
      database: { ok: true, integrity: 'ok', schema_version: APP_SCHEMA_VERSION, app_schema_version: APP_SCHEMA_VERSION, message: null },
    });
    expect(health.free_bytes).toBeGreaterThan(0);
  });

  it('reports a workspace that does not exist yet without creating anything', async () => {
    const missing = join(workspace, 'not-yet');
    const health = await workspaceHealth(missing);
    expect(health.database).toMatchObject({ ok: true, integrity: 'none', schema_version: 0 });
    expect(health.free_bytes).toBeGreaterThan(0); // measured on the nearest existing folder
    expect(() => readFileSync(join(missing, 'studio.db'))).toThrow();
  });

  it('reports a newer, a foreign and a corrupt database as not ok, leaving each untouched', async () => {
    openWorkspaceDb(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${APP_SCHEMA_VERSION + 1}`);
    raw.close();
    const newer = await workspaceHealth(workspace);
    expect(newer.database).toMatchObject({ ok: false, integrity: 'ok', schema_version: APP_SCHEMA_VERSION + 1 });
    expect(newer.database.message).toMatch(/newer version/);

    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    const foreign = new Database(file);
    foreign.exec('CREATE TABLE t (x)');
    foreign.close();
    expect((await workspaceHealth(workspace)).database).toMatchObject({ ok: false, message: 'This is not a Domain Studio database.' });

    writeFileSync(file, 'definitely not a database'.repeat(10));
    const corrupt = await workspaceHealth(workspace);
    expect(corrupt.database).toMatchObject({ ok: false, integrity: 'not checked' });
    expect(corrupt.database.message).toMatch(/not an SQLite database/);
    expect(readFileSync(file, 'utf8')).toBe('definitely not a database'.repeat(10));
  });

  it('finds damage inside a database whose header is intact', async () => {
    const db = openWorkspaceDb(file);
    const insert = db.sql.prepare('INSERT INTO events (name, payload) VALUES (?, ?)');
    for (let i = 0; i < 2000; i += 1) insert.run(`event-${i}`, JSON.stringify({ i }));
    db.sql.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Overwrite the middle third of the file (pages of the events table and its indexes, whatever the
    // schema's other tables add in front of them) with garbage, keeping page 1's header intact.
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    const pages = Math.floor(bytes.length / pageSize);
    const first = Math.max(2, Math.floor(pages / 3));
    const last = Math.max(first + 1, Math.floor((2 * pages) / 3));
    bytes.fill(0x5a, first * pageSize, last * pageSize);
    writeFileSync(file, bytes);
    const health = await workspaceHealth(workspace);
    expect(health.database.ok).toBe(false);
    expect(health.database.integrity).not.toBe('ok');
  });
});
