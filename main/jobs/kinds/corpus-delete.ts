// Job kind `corpus.delete`: removes an imported corpus from the workspace — its documents, shards, findings and
// per-file errors — as a clinician removes notes that should never have been imported. The corpus is first marked
// `deleting` (from then on nothing may use it, and a crash part-way is finished when the workspace next opens),
// then its folder goes, then its rows. Runs trained on it keep it as their record: renamed, figures only.
import type { JobParams } from '../../common/contract';
import type { CorpusDeleteResult } from '../../common/dto';
import { StudioError } from '../../common/errors';
import type { WritableDb } from '../../store/db';
import { DELETING, type CorpusRecord, findCorpusByRef, readyCorpus } from '../../store/queries/corpora';
import { listUnfinishedJobs } from '../../store/queries/jobs';
import { findRun } from '../../store/queries/runs';
import { treeBytes } from '../../platform/tree-bytes';
import type { JobContext } from '../context';
import { removeCorpus } from './corpus-leftovers';

/** Whether a job's corpus reference (id, or name as given) names `corpus`. */
function names(ref: unknown, corpus: CorpusRecord, db: WritableDb): boolean {
  if (typeof ref === 'number') return ref === corpus.id;
  if (typeof ref !== 'string') return false;
  return findCorpusByRef(db, ref.trim())?.id === corpus.id;
}

/**
 * The live jobs (other than `self`) that read or write `corpus`: its import, tokenizing or restoring it, training or
 * planning on it, continuing or evaluating a run trained on it.
 */
export function jobsUsingCorpus(db: WritableDb, corpus: CorpusRecord, self: number | null): number[] {
  const using: number[] = [];
  for (const job of listUnfinishedJobs(db)) {
    if (job.id === self) continue;
    const params = (job.params ?? {}) as { corpus?: unknown; run?: unknown };
    const run = typeof params.run === 'number' ? findRun(db, params.run) : null;
    if (job.id === corpus.job_id || names(params.corpus, corpus, db) || run?.corpus_id === corpus.id) using.push(job.id);
  }
  return using;
}

export async function corpusDelete(params: JobParams<'corpus.delete'>, ctx: JobContext): Promise<CorpusDeleteResult> {
  const corpus = readyCorpus(ctx.db, params.corpus);
  // Checked and marked in one transaction: a job that starts using the corpus after this finds it deleting.
  ctx.db.transaction(() => {
    const busy = jobsUsingCorpus(ctx.db, corpus, ctx.job_id);
    if (busy.length > 0) {
      throw new StudioError(
        'conflict',
        `Corpus "${corpus.name}" is in use by job ${busy.join(', ')}; wait for ${busy.length > 1 ? 'them' : 'it'} to finish or cancel ${busy.length > 1 ? 'them' : 'it'}, then delete it.`,
        { field: 'corpus' },
      );
    }
    ctx.db.sql.prepare('UPDATE corpora SET status = ?, job_id = ? WHERE id = ?').run(DELETING, ctx.job_id, corpus.id);
  });
  ctx.progress(null, `Deleting corpus "${corpus.name}"`);
  const bytes = treeBytes(ctx.paths.corpus(corpus.id));
  const runs = removeCorpus(ctx.db, ctx.paths, corpus.id);
  return { corpus: corpus.id, name: corpus.name, documents: corpus.documents, bytes_freed: bytes, runs, kept_as_record: runs.length > 0 };
}
