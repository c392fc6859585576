// The `studio` command run for real (`node bin/studio.js …`): JSON on stdout, notes and progress on
// stderr, exit codes 0/1/2, one actionable line per error, and `serve` shutting down cleanly on SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let workspace: string;

function studio(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'studio.js'), '--workspace', workspace, ...args], {
    cwd: tmpdir(), // the command must work from any folder
    encoding: 'utf8',
    env: { ...process.env, STUDIO_LOG: 'warn' },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'studio-cli-'));
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('studio CLI', () => {
  it('doctor --json prints one JSON report with a reason and a fix for each unavailable backend', () => {
    const { code, stdout } = studio('doctor', '--json');
    const report = JSON.parse(stdout) as {
      ok: boolean;
      backends: Array<{ name: string; available: boolean; reason: string | null; fix: string | null }>;
      onnxruntime: { version: string | null };
      sqlite: { version: string | null };
      workspace: { path: string; free_bytes: number | null };
    };
    expect(report.backends.map((b) => b.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    for (const b of report.backends.filter((x) => !x.available)) {
      expect(b.reason, b.name).toMatch(/\w{3,}/);
      expect(b.fix, b.name).toMatch(/\w{3,}/);
    }
    expect(report.sqlite.version).toMatch(/^3\.\d+/);
    expect(report.workspace.path).toBe(workspace);
    expect(report.workspace.free_bytes).toBeGreaterThan(0);
    expect(code).toBe(report.ok ? 0 : 1);
  });

  it('doctor says what is wrong with a foreign database and exits 1; other commands refuse it with one line', () => {
    const broken = mkdtempSync(join(tmpdir(), 'studio-cli-broken-'));
    try {
      writeFileSync(join(broken, 'studio.db'), 'this is not a database, and must stay as it is');
      const doctor = spawnSync(process.execPath, [join(root, 'bin', 'studio.js'), '--workspace', broken, 'doctor', '--json'], { encoding: 'utf8' });
      expect(doctor.status).toBe(1);
      const report = JSON.parse(doctor.stdout) as { ok: boolean; workspace: { database: { ok: boolean; message: string } } };
      expect(report.ok).toBe(false);
      expect(report.workspace.database.ok).toBe(false);
      const list = spawnSync(process.execPath, [join(root, 'bin', 'studio.js'), '--workspace', broken, 'jobs', 'list'], { encoding: 'utf8' });
      expect(list.status).toBe(1);
      expect(list.stderr.trim().split('\n')).toHaveLength(1);
      expect(list.stderr).toMatch(/^studio: .*(Move it aside|--workspace)/);
      expect(readFileSync(join(broken, 'studio.db'), 'utf8')).toBe('this is not a database, and must stay as it is');
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('exits 1 with a usage hint on a bad option, and prints the error as JSON with --json', () => {
    const human = studio('doctor', '--frobnicate');
    expect(human.code).toBe(1);
    expect(human.stderr).toContain("Unknown option '--frobnicate'");
    expect(human.stderr).toContain('studio --help');
    const json = studio('jobs', 'show', 'seven', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'invalid_request', message: expect.stringContaining("'seven'") } });
    const missing = studio('jobs', 'show', '999', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual({ error: { code: 'not_found', message: 'No job 999 in this workspace.' } });
  });

  it('workspace check runs a job: progress on stderr, the result as JSON on stdout, listed afterwards', () => {
    writeFileSync(join(workspace, 'notes.txt'), 'something to hash');
    const check = studio('workspace', 'check', '--json');
    expect(check.code, check.stderr).toBe(0);
    const result = JSON.parse(check.stdout) as { job_id: number; files: number; integrity: string; digest: string };
    expect(result).toMatchObject({ integrity: 'ok', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(result.files).toBeGreaterThanOrEqual(1);
    expect(check.stderr).toContain('Checking');
    const list = studio('jobs', 'list', '--json');
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: result.job_id, kind: 'workspace.check', status: 'succeeded' })]);
  });

  it('serve prints a loopback URL with a token and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(root, 'bin', 'studio.js'), '--workspace', workspace, 'serve'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/[\w-]{43}\/\?token=[\w-]{43}$/);
    const info = await fetch(new URL('/api/app.info', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-studio-token': new URL(url).searchParams.get('token')! },
      body: '{}',
    });
    expect(await info.json()).toMatchObject({ ok: true, value: { mode: 'serve', workspace } });
    expect((await fetch(new URL('/api/app.info', url), { method: 'POST', body: '{}' })).status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
