// SQLite failures (and a disk full under any write) as the StudioErrors a user can act on. Services call `asStoreError` at the boundary so
// a damaged page, a full disk or a lock held too long reads as what it is, not as an internal error.
import { StudioError } from '../common/errors';

export function asStoreError(error: unknown): unknown {
  if (error instanceof StudioError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  // A full disk met by a file write (a corpus folder, shards, a checkpoint) rather than by SQLite.
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new StudioError('bad_input', `The disk is full (${(error as Error).message}). Free some space and try again; what was being written was not kept.`, { cause: error });
  }
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const detail = (error as Error).message;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StudioError(
      'workspace_corrupt',
      `The workspace database is damaged (${detail}). Run \`studio doctor\`, then restore studio.db from a backup or move it aside.`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_FULL')) {
    return new StudioError('bad_input', 'The disk holding the workspace is full. Free some space and try again; nothing was saved.', { cause: error });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StudioError('conflict', 'The workspace database is busy with another operation. Try again in a moment.', { cause: error });
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return new StudioError('bad_input', `The workspace database cannot be written (${detail}). Check the folder's permissions and free space.`, { cause: error });
  }
  return error;
}

/** True when SQLite refused because another connection holds the lock. */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
