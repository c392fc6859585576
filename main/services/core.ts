// Opens the core of the app for one workspace: the database (migrated), the job supervisor (which marks
// jobs left running by a crashed app as interrupted) and the services over them. The composition used by
// `studio serve`, the CLI and the Electron shell alike; `close` stops running jobs and closes the database.
import { mkdirSync } from 'node:fs';
import { type Api } from '../common/contract';
import { StudioError } from '../common/errors';
import { type AppInfo } from '../common/dto';
import { logger } from '../platform/log';
import { workspacePaths } from '../platform/paths';
import { type Launcher } from '../jobs/launcher';
import { JobSupervisor } from '../jobs/supervisor';
import { clearAbandonedImports } from '../jobs/kinds/corpus-leftovers';
import { openWorkspaceDb, type WritableDb } from '../store/db';
import { registerBundledModels } from './bundled';
import { createServices } from './index';

export interface CoreOptions {
  workspace: string;
  mode: AppInfo['mode'];
  /** How job processes start (default: child_process.fork; Electron passes a utilityProcess launcher). */
  launcher?: Launcher;
}

export interface Core {
  workspace: string;
  db: WritableDb;
  supervisor: JobSupervisor;
  services: Api;
  close(): Promise<void>;
}

const log = logger('core');

/** The workspace folder, made when new; a path that cannot be one is the user's to change, not a bug. */
function createWorkspaceFolder(root: string): void {
  try {
    mkdirSync(root, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a file is in the way (the workspace must be a folder)'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'this user may not write there'
          : null;
    if (why === null) throw error;
    throw new StudioError('bad_input', `Cannot use ${root} as the workspace: ${why}. Choose another folder with --workspace (or STUDIO_WORKSPACE).`, { field: 'workspace' });
  }
}

export function openCore(options: CoreOptions): Core {
  const paths = workspacePaths(options.workspace);
  createWorkspaceFolder(paths.root);
  const db = openWorkspaceDb(paths.database);
  let supervisor: JobSupervisor;
  try {
    supervisor = new JobSupervisor({ workspace: paths.root, db, ...(options.launcher ? { launcher: options.launcher } : {}) });
  } catch (error) {
    db.close();
    throw error;
  }
  try {
    // Imports a crash or a kill stopped (their jobs were just marked interrupted): their rows and folders go.
    clearAbandonedImports(db, paths);
  } catch (error) {
    log.warn('Could not clear the leftovers of unfinished imports', { error: String(error) });
  }
  try {
    registerBundledModels(db);
  } catch {
    // The bundled models are a convenience: a workspace opens without them (model.import still works).
  }
  const services = createServices({ workspace: paths.root, db, supervisor, mode: options.mode });
  let closing: Promise<void> | null = null;
  return {
    workspace: paths.root,
    db,
    supervisor,
    services,
    close() {
      closing ??= supervisor.shutdown().finally(() => db.close());
      return closing;
    },
  };
}
