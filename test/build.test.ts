// `npm run build:main` for real: the bundles Electron and packaged installs run. package.json's entry
// exists, the sandboxed preload is one self-contained CommonJS file needing only electron, and the
// bundled CLI runs a job through the bundled job process.
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
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
