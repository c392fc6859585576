// `startServer`: the whole app behind the loopback bridge — opens the workspace core (database, job
// supervisor, services) and serves the API, the events and the built renderer. Used by `studio serve`,
// `npm start` without Electron, and end-to-end tests. `close` stops the server, then the jobs and the database.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore, type Core } from '../services/core';
import { startBridge, type Bridge } from './bridge';

export interface ServerOptions {
  workspace: string;
  /** 0 or undefined: a free port. */
  port?: number;
  /** The built renderer; default: the app's renderer/dist (see findRendererDir). null: API only. */
  rendererDir?: string | null;
  token?: string;
}

export interface StudioServer extends Omit<Bridge, 'close'> {
  /** Where the renderer is served from, or null when it is not built. */
  rendererDir: string | null;
  core: Core;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<StudioServer> {
  const rendererDir = options.rendererDir === undefined ? findRendererDir() : options.rendererDir;
  const core = openCore({ workspace: options.workspace, mode: 'serve' });
  let bridge: Bridge;
  try {
    bridge = await startBridge({
      services: core.services,
      subscribe: (listener) => core.supervisor.subscribe(listener),
      rendererDir,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.token !== undefined ? { token: options.token } : {}),
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  let closing: Promise<void> | null = null;
  return {
    url: bridge.url,
    origin: bridge.origin,
    port: bridge.port,
    token: bridge.token,
    rendererDir,
    core,
    close() {
      closing ??= bridge.close().finally(() => core.close());
      return closing;
    },
  };
}

/**
 * The built renderer: $STUDIO_RENDERER_DIR, else renderer/dist in the app folder (the nearest folder
 * above this module holding package.json, which works from the sources and from the dist/ bundle).
 * Returns null when it has not been built.
 */
export function findRendererDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.STUDIO_RENDERER_DIR) return existsSync(join(env.STUDIO_RENDERER_DIR, 'index.html')) ? env.STUDIO_RENDERER_DIR : null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const candidate = join(dir, 'renderer', 'dist');
      return existsSync(join(candidate, 'index.html')) ? candidate : null;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
