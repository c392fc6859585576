// Where the Electron binary is, if it is installed — found without `require('electron')`, whose index
// tries to download the binary when it is missing (impossible offline, and slow everywhere else).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Absolute path of the Electron executable, or null with the reason it is not there. */
export function findElectronBinary(root, env = process.env) {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { path: null, reason: 'the electron package is not installed' };
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(path) ? { path, reason: null } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path}` };
  }
  if (!relative) return { path: null, reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)' };
  const path = join(pkg, 'dist', relative);
  return existsSync(path) ? { path, reason: null } : { path: null, reason: `node_modules/electron/dist/${relative} is missing` };
}
