// `npm run build:main` for real: the bundles Electron and packaged installs run. package.json's entry
// exists, the sandboxed preload is one self-contained CommonJS file needing only electron, and the
// bundled CLI runs jobs through the bundled job process, with their worker threads.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs node with `args`, without blocking this process: the build and the CLI runs below take a minute together, and a
 * test worker whose event loop is held that long misses its messages to the test runner (vitest then reports
 * "Timeout calling onTaskUpdate" and drops the files after it).
 */
function node(args: string[], cwd: string, timeoutMs = 180_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('build:main', () => {
  it('bundles main, preload, job process and CLI into dist/, and the bundled CLI works', async () => {
    const build = await node([join(root, 'scripts', 'build-main.mjs')], root);
    expect(build.status, build.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(existsSync(join(root, pkg.main))).toBe(true);

    const preload = readFileSync(join(root, 'dist', 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("studio"');
    expect(preload.length).toBeLessThan(20_000);

    const workspace = mkdtempSync(join(tmpdir(), 'studio-build-'));
    try {
      const check = await node([join(root, 'dist', 'cli.js'), '--workspace', workspace, 'workspace', 'check', '--json'], tmpdir(), 120_000);
      expect(check.status, check.stderr).toBe(0);
      expect(JSON.parse(check.stdout)).toMatchObject({ integrity: 'ok' });

      // Worker threads and data files load from dist/ too: an import on an analysis worker (the PII scanner reads
      // its word list), then a training run on two data-parallel worker threads.
      const cli = (...args: string[]) => node([join(root, 'dist', 'cli.js'), '--workspace', workspace, ...args, '--json'], tmpdir());
      const imported = await cli('corpus', 'import', join(root, 'resources', 'corpora', 'general-en'), '--name', 'general', '--pii', 'redact', '--workers', '1');
      expect(imported.status, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ documents: { in: 4 }, timings_ms: { worker_threads: 1 } });
      expect((await cli('model', 'import', '--name', 'bert', join(root, 'resources', 'models', 'tiny-bert'))).status).toBe(0);
      const trained = await cli('train', '--corpus', 'general', '--base', 'bert', '--method', 'cpt-full', '--max-steps', '2', '--batch', '2', '--seq-len', '16', '--workers', '2');
      expect(trained.status, trained.stderr).toBe(0);
      expect(JSON.parse(trained.stdout)).toMatchObject({ status: 'succeeded', metrics: { steps: 2 } });
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
