// Job kind `workspace.check`: hashes every file of the workspace (SHA-256, streamed) and runs SQLite's
// integrity check. The digest changes when any file changes, so two checks tell whether anything moved.
// The database files (studio.db and its -wal/-shm/-journal) are not hashed: the database changes with
// every job that runs (this one included), and its health is what PRAGMA integrity_check reports.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, opendir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { JobParams } from '../../common/contract';
import type { WorkspaceCheckResult } from '../../common/dto';
import { StudioError } from '../../common/errors';
import type { JobContext } from '../context';

interface FileEntry {
  rel: string;
  abs: string;
  size: number;
}

const CHUNK = 1 << 20;

export async function workspaceCheck(_params: JobParams<'workspace.check'>, ctx: JobContext): Promise<WorkspaceCheckResult> {
  const dbName = basename(ctx.paths.database);
  const skipped = new Set([dbName, `${dbName}-wal`, `${dbName}-shm`, `${dbName}-journal`]);
  const files: FileEntry[] = [];
  ctx.progress(null, 'Listing files…', { files: 0 });
  await walk(ctx.workspace, ctx.workspace, files, skipped, ctx);
  // Byte order, not locale order: the digest must not depend on the user's language settings.
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));

  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  const started = performance.now();
  const lines: string[] = [];
  let bytesDone = 0;
  let filesDone = 0;
  let bytesHashed = 0;
  const report = (message: string) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? bytesDone / seconds : 0;
    ctx.progress(totalBytes > 0 ? bytesDone / totalBytes : filesDone / Math.max(1, files.length), message, {
      files_done: filesDone,
      files: files.length,
      bytes_done: bytesDone,
      bytes: totalBytes,
      mb_per_s: Math.round((rate / 1e6) * 10) / 10,
      eta_s: rate > 0 ? Math.round((totalBytes - bytesDone) / rate) : 0,
    });
  };

  for (const file of files) {
    throwIfCancelled(ctx.signal);
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of createReadStream(file.abs, { highWaterMark: CHUNK, signal: ctx.signal })) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
        bytesDone += (chunk as Buffer).length;
        report(`Hashing ${file.rel}`);
      }
    } catch (error) {
      throwIfCancelled(ctx.signal);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        ctx.log.warn('A file disappeared during the check; it is left out of the digest.', { file: file.rel });
        continue;
      }
      throw new StudioError('bad_input', `Cannot read ${file.rel} in the workspace: ${(error as Error).message}`, { cause: error });
    }
    lines.push(`${file.rel}\0${hash.digest('hex')}\n`);
    filesDone += 1;
    bytesHashed += size;
    report(`Hashed ${file.rel}`);
  }

  ctx.progress(1, 'Checking the database…', { files_done: filesDone, files: files.length, bytes_done: bytesDone, bytes: totalBytes });
  const rows = ctx.db.sql.pragma('integrity_check') as Array<{ integrity_check: string }>;
  const digest = createHash('sha256');
  for (const line of lines) digest.update(line, 'utf8');
  return {
    files: filesDone,
    bytes: bytesHashed,
    digest: digest.digest('hex'),
    integrity: rows.map((row) => row.integrity_check).join('\n'),
  };
}

async function walk(root: string, dir: string, out: FileEntry[], skipped: Set<string>, ctx: JobContext): Promise<void> {
  let handle;
  try {
    handle = await opendir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && dir !== root) return;
    throw new StudioError('bad_input', `Cannot list ${dir}: ${(error as Error).message}`, { cause: error });
  }
  for await (const entry of handle) {
    throwIfCancelled(ctx.signal);
    const abs = join(dir, entry.name);
    if (dir === root && skipped.has(entry.name)) continue;
    if (entry.isDirectory()) {
      await walk(root, abs, out, skipped, ctx);
    } else if (entry.isFile()) {
      // Symlinks and special files are not followed: a check never reads outside the workspace.
      const stats = await lstat(abs).catch(() => null);
      if (!stats) continue;
      out.push({ rel: relative(root, abs).split(sep).join('/'), abs, size: stats.size });
      if (out.length % 500 === 0) ctx.progress(null, 'Listing files…', { files: out.length });
    }
  }
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new StudioError('cancelled', 'The workspace check was cancelled.');
}
