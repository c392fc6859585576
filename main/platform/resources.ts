// Where the bundled resources (corpora, models, tasks) are, in every layout: STUDIO_RESOURCES when set;
// from source or the built dist/, the nearest `resources/` above this module; in a packaged Electron app,
// `resources/` inside app.asar (beside dist/, found the same way) or next to it in process.resourcesPath.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const MARKERS = ['models', 'corpora', 'tasks'];

function looksLikeResources(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && MARKERS.some((m) => existsSync(join(dir, m)));
  } catch {
    return false;
  }
}

/** The bundled resources folder, or null when this installation has none. */
export function resourcesDir(env: NodeJS.ProcessEnv = process.env, from: string = import.meta.dirname): string | null {
  if (env.STUDIO_RESOURCES) {
    const explicit = resolve(env.STUDIO_RESOURCES);
    return existsSync(explicit) ? explicit : null;
  }
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources');
    if (looksLikeResources(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (typeof packaged === 'string') {
    for (const candidate of [join(packaged, 'app.asar', 'resources'), join(packaged, 'app', 'resources'), join(packaged, 'resources')]) {
      if (looksLikeResources(candidate)) return candidate;
    }
  }
  return null;
}
