// Store figures: opening an existing workspace database (header check + ownership probe + migrations
// check), bulk insert rate, and how long doctor's integrity_check / quick_check take on the result.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDb } from '../main/store/db';
import { workspaceHealth } from '../main/store/health';

export async function run(): Promise<Record<string, number | string>> {
  const workspace = mkdtempSync(join(tmpdir(), 'studio-bench-store-'));
  const file = join(workspace, 'studio.db');
  try {
    openWorkspaceDb(file).close();
    const opens = 50;
    const openStarted = performance.now();
    for (let i = 0; i < opens; i += 1) openWorkspaceDb(file).close();
    const openMs = (performance.now() - openStarted) / opens;

    const rows = 200_000;
    const db = openWorkspaceDb(file);
    const insert = db.sql.prepare('INSERT INTO events (job_id, name, payload) VALUES (NULL, ?, ?)');
    const insertStarted = performance.now();
    db.transaction(() => {
      for (let i = 0; i < rows; i += 1) insert.run('job.progress', JSON.stringify({ i, message: `Hashing file ${i}`, counters: { files: i } }));
    });
    const insertS = (performance.now() - insertStarted) / 1000;
    db.sql.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    const fullStarted = performance.now();
    const full = await workspaceHealth(workspace);
    const fullMs = performance.now() - fullStarted;
    const quickStarted = performance.now();
    await workspaceHealth(workspace, { quick: true });
    const quickMs = performance.now() - quickStarted;
    return {
      open_existing_ms: Number(openMs.toFixed(2)),
      insert_rows_per_s: Math.round(rows / insertS),
      db_mb: Number((statSync(file).size / 1e6).toFixed(1)),
      integrity_check_ms: Math.round(fullMs),
      quick_check_ms: Math.round(quickMs),
      integrity: full.database.integrity,
    };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}
