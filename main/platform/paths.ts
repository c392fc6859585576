// Where things live. The workspace is chosen once per process: `--workspace DIR`, else
// STUDIO_WORKSPACE, else the platform's per-user data folder (Electron passes its userData).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_NAME = 'Domain Studio';
const FOLDER_NAME = 'domain-studio';

/** The per-user default, matching Electron's `app.getPath('userData')` layout. */
export function defaultWorkspace(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), FOLDER_NAME);
}

export function resolveWorkspace(explicit?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.STUDIO_WORKSPACE) return resolve(env.STUDIO_WORKSPACE);
  return defaultWorkspace(env);
}

/** Folder layout inside a workspace (DESIGN.md §4). */
export function workspacePaths(workspace: string) {
  return {
    root: workspace,
    database: join(workspace, 'studio.db'),
    corpora: join(workspace, 'corpora'),
    corpus: (id: number) => join(workspace, 'corpora', String(id)),
    models: join(workspace, 'models'),
    model: (id: number) => join(workspace, 'models', String(id)),
    runs: join(workspace, 'runs'),
    run: (id: number) => join(workspace, 'runs', String(id)),
    exports: join(workspace, 'exports'),
    export: (id: number) => join(workspace, 'exports', String(id)),
    keys: join(workspace, 'keys'),
    logs: join(workspace, 'logs'),
  } as const;
}

export type WorkspacePaths = ReturnType<typeof workspacePaths>;
