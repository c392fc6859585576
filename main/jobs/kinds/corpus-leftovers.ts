// What an import or a deletion that never finished leaves (a crash, a kill or a power cut during it): an 'importing'
// or 'deleting' corpus row with its rows, the corpus folder and the temporary .import-<corpus>-<job> folder. Cleared
// by the next import and when the app or the CLI opens the workspace, once the job is no longer queued or running.
// Light on purpose (no pipeline): every start of the app and of the CLI runs it.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FILES } from '../../corpus/layout';
import { StudioError } from '../../common/errors';
import type { WorkspacePaths } from '../../platform/paths';
import type { WritableDb } from '../../store/db';
import { DELETED, deleteCorpus, markCorpusDeleted, runsOfCorpus } from '../../store/queries/corpora';
import { deleteCorpusContent } from '../../store/queries/documents';
import { findJob } from '../../store/queries/jobs';

/** The id of the job (queued or running, other than `self`) that owns a corpus row, or null. */
export function ownedByLiveJob(db: WritableDb, jobId: number | null, self: number | null = null): number | null {
  const job = jobId === null ? null : findJob(db, jobId);
  return job && job.id !== self && (job.status === 'queued' || job.status === 'running') ? job.id : null;
}

/**
 * Removes a corpus: its folder (the documents, shards and report) first, then its rows in short transactions; the
 * corpus row goes too unless runs were trained on it, which keep it as their record (markCorpusDeleted). Each step
 * can be repeated: a deletion cut short is finished by the next call. Returns those runs.
 */
export function removeCorpus(db: WritableDb, paths: WorkspacePaths, id: number): number[] {
  rmSync(paths.corpus(id), { recursive: true, force: true });
  deleteCorpusContent(db, id);
  const runs = runsOfCorpus(db, id);
  try {
    if (runs.length === 0) deleteCorpus(db, id);
    else markCorpusDeleted(db, id);
  } catch (error) {
    // Another process of this workspace (the app and a CLI command opening it together) finished it first.
    if (!(error instanceof StudioError && error.code === 'not_found')) throw error;
  }
  return runs;
}

/** Clears every unfinished import or deletion whose job is gone — rows, corpus folder and temporary folder; `self`: the caller's job. */
export function clearAbandonedImports(db: WritableDb, paths: WorkspacePaths, self: number | null = null): void {
  const live = new Set<number>();
  const rows = db.sql.prepare("SELECT id, job_id FROM corpora WHERE status NOT IN ('ready', ?)").all(DELETED) as { id: number; job_id: number | null }[];
  let failed: unknown = null; // the first failure, thrown once the others are cleared
  for (const row of rows) {
    if (ownedByLiveJob(db, row.job_id, self) !== null) {
      live.add(row.id);
      continue;
    }
    try {
      removeCorpus(db, paths, row.id);
    } catch (error) {
      failed ??= error;
    }
  }
  if (existsSync(paths.corpora)) {
    // An import stopped between its last transaction and removing the intermediate files (or made by an earlier
    // version, which removed them after it): a ready corpus keeps only what training reads.
    for (const id of db.sql.prepare("SELECT id FROM corpora WHERE status = 'ready'").pluck().all() as number[]) {
      for (const file of [FILES.documents, FILES.findings]) rmSync(join(paths.corpus(id), file), { force: true });
    }
    for (const entry of readdirSync(paths.corpora)) {
      const m = /^\.import-(\d+)-\d+$/.exec(entry);
      if (m && !live.has(Number(m[1]))) rmSync(join(paths.corpora, entry), { recursive: true, force: true });
    }
  }
  if (failed !== null) throw failed;
}
