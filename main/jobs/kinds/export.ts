// Job kind `export`: writes the chosen formats of a run or a model into a folder, verifies each by
// reading it back and records it in `exports` (main/export/run-export.ts does the work).
import type { JobParams } from '../../common/contract';
import type { ExportJobResult } from '../../common/dto';
import type { JobContext } from '../context';

export async function exportJob(params: JobParams<'export'>, ctx: JobContext): Promise<ExportJobResult> {
  const { runExport } = await import('../../export/run-export');
  return runExport({ ...params, out: params.out ?? ctx.paths.export(ctx.job_id) }, {
    workspace: ctx.workspace,
    db: ctx.db,
    job_id: ctx.job_id,
    signal: ctx.signal,
    progress: (fraction, message) => ctx.progress(fraction, message),
  });
}
