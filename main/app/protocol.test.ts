// The app:// protocol handler: the renderer's files with the CSP, nothing outside the folder, and a
// message instead of a blank window when the renderer was never built.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAppFile, workspaceFromArgs } from './protocol';
import { ELECTRON_CSP } from './security';

let dir: string;
let dist: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-protocol-'));
  dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('serves the renderer\'s files with the CSP and their content type', async () => {
    const page = await serveAppFile(dist, 'app://studio/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(ELECTRON_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html>');
    const script = await serveAppFile(dist, 'app://studio/assets/app.js?v=1#x');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('serves nothing outside the renderer folder or from another host', async () => {
    for (const url of ['app://studio/../secret.txt', 'app://studio/%2e%2e/secret.txt', 'app://studio/assets/..%2f..%2fsecret.txt', 'app://other/index.html', 'file:///etc/passwd', 'nonsense']) {
      const reply = await serveAppFile(dist, url);
      expect(reply.status, url).toBe(404);
      expect(await reply.text()).not.toContain('secret');
    }
  });

  it('explains an unbuilt renderer instead of showing a blank window', async () => {
    const reply = await serveAppFile(join(dir, 'missing'), 'app://studio/index.html');
    expect(reply.status).toBe(503);
    expect(await reply.text()).toContain('npm run build:renderer');
  });

  it('reads --workspace from the command line', () => {
    expect(workspaceFromArgs(['/usr/bin/electron', '.', '--workspace', '/data/ws'])).toBe('/data/ws');
    expect(workspaceFromArgs(['app', '--workspace=/data/ws2'])).toBe('/data/ws2');
    expect(workspaceFromArgs(['app', '--workspace'])).toBeNull();
    expect(workspaceFromArgs(['app'])).toBeNull();
  });
});
