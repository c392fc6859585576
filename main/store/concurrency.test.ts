// Several processes opening one new workspace at the same moment (the app, the CLI and job processes
// starting together): exactly one creates and migrates the database, every one of them can use it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_SCHEMA_VERSION, openWorkspaceDb } from './db';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-concurrent-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function runOpener(script: string, file: string, at: number, name: string): Promise<{ code: number | null; output: string }> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, script, file, String(at), name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('openWorkspaceDb across processes', () => {
  it('lets four processes create and use one new database at the same moment', async () => {
    const file = join(dir, 'studio.db');
    const script = join(dir, 'opener.ts');
    const dbModule = pathToFileURL(join(import.meta.dirname, 'db.ts')).href;
    writeFileSync(
      script,
      `import { openWorkspaceDb } from ${JSON.stringify(dbModule)};
       const [file, at, name] = process.argv.slice(2);
       while (Date.now() < Number(at)) { /* start together */ }
       const db = openWorkspaceDb(file);
       db.sql.prepare("INSERT INTO settings (key, value) VALUES (?, '1')").run(name);
       db.close();`,
    );
    const at = Date.now() + 2500; // after every process has loaded
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((name) => runOpener(script, file, at, name)));
    for (const result of results) expect(result).toEqual({ code: 0, output: '' });
    const db = openWorkspaceDb(file, { readonly: true });
    expect(db.sql.pragma('user_version', { simple: true })).toBe(APP_SCHEMA_VERSION);
    expect(db.sql.prepare('SELECT key FROM settings ORDER BY key').pluck().all()).toEqual(['a', 'b', 'c', 'd']);
    db.close();
  });
});
