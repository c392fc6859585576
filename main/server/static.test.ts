// resolveAsset maps URL paths to files inside the renderer folder and nothing else.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realpathSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAsset } from './static';

let dir: string;
let dist: string;
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'studio-static-')));
  dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets', 'sub'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), 'index');
  writeFileSync(join(dist, 'assets', 'a b.js'), 'js');
  writeFileSync(join(dist, 'assets', 'sub', 'index.html'), 'sub');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  mkdirSync(join(dir, 'dist-other'));
  writeFileSync(join(dir, 'dist-other', 'x.js'), 'other');
  symlinkSync(join(dir, 'secret.txt'), join(dist, 'assets', 'out.txt'));
  symlinkSync(join(dist, 'index.html'), join(dist, 'assets', 'in.html'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveAsset', () => {
  it('finds files, decoding percent-escapes, with index.html for folders that end in /', async () => {
    expect(await resolveAsset(dist, '')).toBe(join(dist, 'index.html'));
    expect(await resolveAsset(dist, 'assets/a%20b.js')).toBe(join(dist, 'assets', 'a b.js'));
    expect(await resolveAsset(dist, 'assets/sub/')).toBe(join(dist, 'assets', 'sub', 'index.html'));
    expect(await resolveAsset(dist, 'assets/in.html')).toBe(join(dist, 'index.html'));
  });

  it('refuses every way out of the folder', async () => {
    for (const path of ['../secret.txt', '..%2fsecret.txt', 'assets/../../secret.txt', '%2e%2e/secret.txt', '../dist-other/x.js',
      '/etc/passwd', '%2fetc%2fpasswd', 'assets/out.txt', '..\\secret.txt', 'index.html%00', 'assets//a%20b.js', '%E0%A4%A', 'assets', 'missing.js']) {
      expect(await resolveAsset(dist, path), path).toBeNull();
    }
  });

  it('gives a fixed content type per extension', () => {
    expect(contentTypeFor('x.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.WASM')).toBe('application/wasm');
    expect(contentTypeFor('x.exe')).toBe('application/octet-stream');
  });
});
