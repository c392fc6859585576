// Starts the real `studio serve` as a child process on a fresh temporary workspace and hands back
// its URL; `stop()` ends it with SIGTERM (the command's clean shutdown) and removes the workspace.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  workspace: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startServe(timeoutMs = 60_000): Promise<ServeProcess> {
  const workspace = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/studio.js', '--workspace', workspace, 'serve'], {
    cwd: REPO,
    env: { ...process.env, STUDIO_WORKSPACE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`studio serve printed no URL within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const look = () => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/\S*token=[\w-]+/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolveUrl(match[0]);
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`studio serve exited with code ${code} before printing its URL:\n${output}`));
    });
  });

  const parsed = new URL(url);
  let stopped: Promise<void> | null = null;
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    workspace,
    output: () => output,
    stop() {
      stopped ??= new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          done();
        });
        child.kill('SIGTERM');
      }).finally(() => rmSync(workspace, { recursive: true, force: true }));
      return stopped;
    },
  };
}
