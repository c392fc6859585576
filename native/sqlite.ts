// SQLite probe for `studio doctor`: loads better-sqlite3 and asks SQLite for its version; when the
// native module does not load (most often an ABI mismatch after switching Node/Electron), says why
// and which command fixes it.
import type { DoctorReport } from '../main/common/dto';
import { explainLoadError } from './load-errors';

export type SqliteStatus = DoctorReport['sqlite'];

interface SqliteModule {
  default: new (file: string) => { prepare(sql: string): { pluck(): { get(): unknown } }; close(): void };
}

const ADDON = { package: 'better-sqlite3', version: '12', abiSpecific: true };

export async function probeSqlite(load: () => Promise<unknown> = () => import('better-sqlite3')): Promise<SqliteStatus> {
  try {
    const { default: Database } = (await load()) as SqliteModule;
    const db = new Database(':memory:');
    try {
      return { version: String(db.prepare('SELECT sqlite_version()').pluck().get()), reason: null };
    } finally {
      db.close();
    }
  } catch (error) {
    const { reason, fix } = explainLoadError(ADDON, error);
    return { version: null, reason: `${reason} Fix: ${fix}` };
  }
}
