// The write-ahead log (`studio.db-wal`) and its index (`studio.db-shm`) must be writable wherever the database is.
// SQLite creates them with the database's permissions, and a read-only connection leaves them behind when it closes.
// So any open of a write-protected studio.db (copied from a read-only medium, restored from a backup) leaves a
// read-only -shm and -wal, and so does another user's read-only open; once studio.db is writable again, SQLite still
// opens it and reads it, but refuses every write (and a pending migration) with "attempt to write a readonly
// database" — about a file that is writable. Checked before SQLite opens the database for writing.
import { accessSync, chmodSync, constants, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { StudioError } from '../common/errors';
import { logger } from '../platform/log';

const log = logger('store');

/**
 * Makes a read-only -wal or -shm of a writable database writable again when it is this user's (SQLite's own rule:
 * the database's permissions); refuses, saying what to do, when it belongs to another user. A write-protected
 * database is left as it is: reading it stays possible, and a write is refused as "cannot be written".
 */
export function repairWalFiles(file: string): void {
  if (!existsSync(file) || !writable(file)) return;
  const mode = statSync(file).mode & 0o777;
  const stuck: string[] = [];
  for (const companion of [`${file}-wal`, `${file}-shm`]) {
    if (!existsSync(companion) || writable(companion)) continue;
    const owner = statSync(companion).uid;
    const mine = process.getuid === undefined || owner === process.getuid();
    if (mine) {
      try {
        chmodSync(companion, mode);
        log.warn(`${basename(companion)} was read-only (left by a read-only open); made writable like the database`, { file: companion });
        continue;
      } catch (error) {
        log.warn(`cannot make ${basename(companion)} writable`, { file: companion, reason: (error as Error).message });
      }
    }
    stuck.push(mine ? basename(companion) : `${basename(companion)} (owner: user id ${owner})`);
  }
  if (stuck.length === 0) return;
  const [they, are] = stuck.length > 1 ? ['them', 'are'] : ['it', 'is'];
  throw new StudioError(
    'bad_input',
    `Cannot write to the workspace database ${file}: ${stuck.join(' and ')} beside it ${are} read-only, left by a read-only open ` +
      `of the workspace. Make ${they} writable for you (the owner or an administrator can), then open the workspace again. ` +
      `Do not delete ${basename(file)}-wal: it may hold the latest changes.`,
  );
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
