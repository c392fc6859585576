// workspace.check run in-process with a real context: the digest follows file contents, database files
// are left out, symlinks are not followed, and cancelling stops it.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspacePaths } from '../../platform/paths';
import { openWorkspaceDb, type WritableDb } from '../../store/db';
import type { JobContext } from '../context';
import { workspaceCheck } from './workspace-check';

let workspace: string;
let outside: string;
let db: WritableDb;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'studio-check-'));
  outside = mkdtempSync(join(tmpdir(), 'studio-outside-'));
  db = openWorkspaceDb(workspacePaths(workspace).database);
});
afterEach(() => {
  db.close();
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function context(signal = new AbortController().signal) {
  const progress: Array<{ value: number | null; message: string; counters: Record<string, number> }> = [];
  const quiet = () => undefined;
  const ctx: JobContext = {
    job_id: 1,
    workspace,
    paths: workspacePaths(workspace),
    db,
    signal,
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    progress: (value, message, counters = {}) => progress.push({ value, message, counters }),
  };
  return { ctx, progress };
}

const write = (rel: string, content: string | Buffer) => {
  mkdirSync(join(workspace, rel, '..'), { recursive: true });
  writeFileSync(join(workspace, rel), content);
};

describe('workspace.check', () => {
  it('hashes every file into a digest that changes when any file changes, and reports progress', async () => {
    write('runs/1/checkpoints/step-10.safetensors', Buffer.alloc(4096, 7));
    write('corpora/1/shard-0.bin', 'tokens');
    const first = await workspaceCheck({}, context().ctx);
    const expected = createHash('sha256');
    expected.update(`corpora/1/shard-0.bin\0${createHash('sha256').update('tokens').digest('hex')}\n`);
    expected.update(`runs/1/checkpoints/step-10.safetensors\0${createHash('sha256').update(Buffer.alloc(4096, 7)).digest('hex')}\n`);
    expect(first).toEqual({ files: 2, bytes: 4096 + 6, digest: expected.digest('hex'), integrity: 'ok' });

    const { ctx, progress } = context();
    expect((await workspaceCheck({}, ctx)).digest).toBe(first.digest); // nothing changed
    expect(progress.at(-1)).toMatchObject({ value: 1, counters: { files_done: 2, files: 2 } });

    write('corpora/1/shard-0.bin', 'tokenz');
    expect((await workspaceCheck({}, context().ctx)).digest).not.toBe(first.digest);
  });

  it('leaves the database files out (they change with every job) and does not follow symlinks', async () => {
    write('a.txt', 'a');
    const before = await workspaceCheck({}, context().ctx);
    db.sql.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    writeFileSync(join(outside, 'secret.txt'), 'outside the workspace');
    symlinkSync(join(outside, 'secret.txt'), join(workspace, 'link.txt'));
    symlinkSync(outside, join(workspace, 'linked-folder'));
    const after = await workspaceCheck({}, context().ctx);
    expect(after).toEqual(before);
  });

  it('stops with a cancelled error when its signal is aborted', async () => {
    for (let i = 0; i < 20; i += 1) write(`f${i}.bin`, Buffer.alloc(256 * 1024, i));
    const controller = new AbortController();
    const { ctx } = context(controller.signal);
    const originalProgress = ctx.progress;
    let calls = 0;
    const cancelling: JobContext = {
      ...ctx,
      progress: (value, message, counters) => {
        calls += 1;
        if (calls === 3) controller.abort();
        originalProgress(value, message, counters);
      },
    };
    await expect(workspaceCheck({}, cancelling)).rejects.toMatchObject({ code: 'cancelled' });
  });
});
