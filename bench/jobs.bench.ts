// Job path figures: time from start() to the finished event for an empty workspace.check (process start
// + tsx + database open), and workspace.check's hashing rate on 128 MiB of files against the baseline of
// hashing the same bytes in this process with node:crypto.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobProgressEvent, WorkspaceCheckResult } from '../main/common/dto';
import { JobSupervisor } from '../main/jobs/supervisor';
import { openWorkspaceDb } from '../main/store/db';

export async function run(): Promise<Record<string, number | string>> {
  const workspace = mkdtempSync(join(tmpdir(), 'studio-bench-jobs-'));
  const openStarted = performance.now();
  const db = openWorkspaceDb(join(workspace, 'studio.db'));
  const openMs = performance.now() - openStarted;
  const supervisor = new JobSupervisor({ workspace, db });
  try {
    const emptyRuns: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await supervisor.waitFor(supervisor.start('workspace.check', {}).id);
      emptyRuns.push(performance.now() - started);
    }
    const emptyJobMs = Math.min(...emptyRuns);

    const files = 32;
    const chunk = randomBytes(4 * 1024 * 1024);
    mkdirSync(join(workspace, 'models', '1'), { recursive: true });
    for (let i = 0; i < files; i += 1) writeFileSync(join(workspace, 'models', '1', `shard-${i}.bin`), chunk);
    const totalMb = (files * chunk.length) / 1e6;

    const baseStarted = performance.now();
    for (let i = 0; i < files; i += 1) createHash('sha256').update(readFileSync(join(workspace, 'models', '1', `shard-${i}.bin`))).digest();
    const baselineS = (performance.now() - baseStarted) / 1000;

    let progressEvents = 0;
    let kindRate = 0;
    const stop = supervisor.subscribe((frame) => {
      if (frame.event !== 'job.progress') return;
      progressEvents += 1;
      kindRate = (frame.payload as JobProgressEvent).counters.mb_per_s ?? kindRate;
    });
    const checkStarted = performance.now();
    const finished = await supervisor.waitFor(supervisor.start('workspace.check', {}).id);
    const checkS = (performance.now() - checkStarted) / 1000;
    stop();
    const result = finished.result as WorkspaceCheckResult;
    return {
      db_open_create_ms: Number(openMs.toFixed(1)),
      empty_check_job_ms_best_of_3: Number(emptyJobMs.toFixed(0)),
      check_mb: Number(totalMb.toFixed(1)),
      check_files: result.files,
      check_mb_per_s_end_to_end: Number((totalMb / checkS).toFixed(1)),
      check_mb_per_s_hashing: kindRate,
      baseline_inprocess_sha256_mb_per_s: Number((totalMb / baselineS).toFixed(1)),
      progress_events: progressEvents,
      progress_events_per_s: Number((progressEvents / checkS).toFixed(1)),
    };
  } finally {
    await supervisor.shutdown();
    db.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}
