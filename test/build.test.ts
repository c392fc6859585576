// `npm run build:main` for real: the bundles Electron and packaged installs run. package.json's entry
// exists, the sandboxed preload is one self-contained CommonJS file needing only electron, and the
// bundled CLI runs jobs through the bundled job process, with their worker threads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('build:main', () => {
  it('bundles main, preload, job process and CLI into dist/, and the bundled CLI works', () => {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-main.mjs')], { cwd: root, encoding: 'utf8' });
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
      const check = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--workspace', workspace, 'workspace', 'check', '--json'], {
        cwd: tmpdir(),
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(check.status, check.stderr).toBe(0);
      expect(JSON.parse(check.stdout)).toMatchObject({ integrity: 'ok' });

      // Worker threads and data files load from dist/ too: an import on an analysis worker (the PII scanner reads
      // its word list), then a training run on two data-parallel worker threads.
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--workspace', workspace, ...args, '--json'], { cwd: tmpdir(), encoding: 'utf8', timeout: 180_000 });
      const imported = cli('corpus', 'import', join(root, 'resources', 'corpora', 'general-en'), '--name', 'general', '--pii', 'redact', '--workers', '1');
      expect(imported.status, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ documents: { in: 4 }, timings_ms: { worker_threads: 1 } });
      expect(cli('model', 'import', '--name', 'bert', join(root, 'resources', 'models', 'tiny-bert')).status).toBe(0);
      const trained = cli('train', '--corpus', 'general', '--base', 'bert', '--method', 'cpt-full', '--max-steps', '2', '--batch', '2', '--seq-len', '16', '--workers', '2');
      expect(trained.status, trained.stderr).toBe(0);
      expect(JSON.parse(trained.stdout)).toMatchObject({ status: 'succeeded', metrics: { steps: 2 } });
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
