// Runs the real Electron app where an Electron binary is installed (it cannot be downloaded offline):
// the bundled main process opens the workspace and its window, keeps running, and quits cleanly on
// SIGTERM. Where no binary (or, on Linux, no display) exists, the test is skipped and says why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../scripts/electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electron = findElectronBinary(root);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = electron.path === null ? `no Electron binary: ${electron.reason}` : noDisplay ? 'no display (set DISPLAY, e.g. under xvfb-run)' : null;

describe('Electron shell', () => {
  it.skipIf(skipReason !== null)(
    `opens the workspace in a locked-down window and quits cleanly${skipReason ? ` — skipped: ${skipReason}` : ''}`,
    async () => {
      for (const script of ['build:main', ...(existsSync(join(root, 'renderer', 'dist', 'index.html')) ? [] : ['build:renderer'])]) {
        expect(spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' }).status).toBe(0);
      }
      const workspace = mkdtempSync(join(tmpdir(), 'studio-electron-'));
      try {
        const app = spawn(electron.path!, [root, '--workspace', workspace], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        app.stdout.on('data', (c: Buffer) => (output += c.toString()));
        app.stderr.on('data', (c: Buffer) => (output += c.toString()));
        const deadline = Date.now() + 30_000;
        while (!existsSync(join(workspace, 'studio.db')) && Date.now() < deadline && app.exitCode === null) {
          await new Promise((r) => setTimeout(r, 200));
        }
        expect(app.exitCode, output).toBeNull();
        expect(existsSync(join(workspace, 'studio.db')), output).toBe(true);
        const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
        app.kill('SIGTERM');
        expect(await exited, output).toBe(0);
      } finally {
        rmSync(workspace, { recursive: true, force: true });
      }
    },
  );
});
