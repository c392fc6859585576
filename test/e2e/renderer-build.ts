// Rebuilds the renderer when its sources are newer than the build, so an e2e test never runs a stale UI.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './serve-process';

const DIST = join(REPO, 'renderer', 'dist', 'index.html');

export async function ensureRendererBuilt(): Promise<void> {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  const sources = Math.max(newest(join(REPO, 'renderer', 'src')), statSync(join(REPO, 'renderer', 'index.html')).mtimeMs);
  if (existsSync(DIST) && statSync(DIST).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(REPO, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}
