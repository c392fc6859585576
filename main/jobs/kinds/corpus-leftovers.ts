// What an import that never finished leaves (a crash, a kill or a power cut during it): an 'importing' corpus row
// with its rows, the corpus folder and the temporary .import-<corpus>-<job> folder. Cleared by the next import and
// when the app or the CLI opens the workspace, once the import's job is no longer queued or running. Light on
// purpose (no pipeline): every start of the app and of the CLI runs it.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspacePaths } from '../../platform/paths';
import type { WritableDb } from '../../store/db';
import { deleteCorpus } from '../../store/queries/corpora';
import { deleteCorpusContent } from '../../store/queries/documents';
import { findJob } from '../../store/queries/jobs';

/** The id of the job (queued or running, other than `self`) that owns a corpus row, or null. */
export function ownedByLiveJob(db: WritableDb, jobId: number | null, self: number | null = null): number | null {
  const job = jobId === null ? null : findJob(db, jobId);
  return job && job.id !== self && (job.status === 'queued' || job.status === 'running') ? job.id : null;
}

/** Clears every unfinished import whose job is gone — rows, corpus folder and temporary folder; `self`: the caller's job. */
export function clearAbandonedImports(db: WritableDb, paths: WorkspacePaths, self: number | null = null): void {
  const live = new Set<number>();
  for (const row of db.sql.prepare("SELECT id, job_id FROM corpora WHERE status <> 'ready'").all() as { id: number; job_id: number | null }[]) {
    if (ownedByLiveJob(db, row.job_id, self) !== null) {
      live.add(row.id);
      continue;
    }
    rmSync(paths.corpus(row.id), { recursive: true, force: true });
    deleteCorpusContent(db, row.id);
    deleteCorpus(db, row.id);
  }
  if (!existsSync(paths.corpora)) return;
  for (const entry of readdirSync(paths.corpora)) {
    const m = /^\.import-(\d+)-\d+$/.exec(entry);
    if (m && !live.has(Number(m[1]))) rmSync(join(paths.corpora, entry), { recursive: true, force: true });
  }
}
