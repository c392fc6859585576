// findElectronBinary decides between Electron and serve mode for `npm start` and the Electron test,
// without ever loading electron's index (which would try to download the binary).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.mjs';

let root: string;
const pkg = () => join(root, 'node_modules', 'electron');
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'studio-electron-bin-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('explains each way the binary can be missing', () => {
    expect(findElectronBinary(root, {})).toEqual({ path: null, reason: 'the electron package is not installed' });
    mkdirSync(pkg(), { recursive: true });
    writeFileSync(join(pkg(), 'package.json'), '{}');
    // electron's own index.js would start a download here; the finder must only report.
    writeFileSync(join(pkg(), 'index.js'), 'throw new Error("must not be loaded")');
    expect(findElectronBinary(root, {}).reason).toContain('never downloaded');
    writeFileSync(join(pkg(), 'path.txt'), 'electron');
    expect(findElectronBinary(root, {}).reason).toContain('node_modules/electron/dist/electron is missing');
  });

  it('finds an installed binary, or the one ELECTRON_OVERRIDE_DIST_PATH points at', () => {
    mkdirSync(join(pkg(), 'dist'), { recursive: true });
    writeFileSync(join(pkg(), 'package.json'), '{}');
    writeFileSync(join(pkg(), 'path.txt'), 'electron');
    writeFileSync(join(pkg(), 'dist', 'electron'), '');
    expect(findElectronBinary(root, {})).toEqual({ path: join(pkg(), 'dist', 'electron'), reason: null });
    const other = join(root, 'other');
    mkdirSync(other);
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: other }).path).toBeNull();
    writeFileSync(join(other, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: other }).path).toBe(join(other, 'electron'));
  });
});
