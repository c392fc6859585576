// `eval.*` and `audit.override`: start the evaluation of a run (job kind `eval`), show its newest
// evaluation, and record who overrides a failed privacy audit and why (so the run can be exported).
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { type Api } from '../common/contract';
import type { EvalReport } from '../common/dto';
import { StudioError } from '../common/errors';
import { validateRequest } from '../common/validate';
import { latestEvaluation, recordOverride } from '../store/queries/evaluations';
import { getRun } from '../store/queries/runs';
import { type ServicesContext } from './context';

type EvaluateMethods = 'eval.start' | 'eval.show' | 'audit.override';

function currentUser(): string {
  try {
    return userInfo().username || 'unknown user';
  } catch {
    return 'unknown user';
  }
}

export function evaluateServices(ctx: ServicesContext): Pick<Api, EvaluateMethods> {
  return {
    async 'eval.start'(request) {
      const req = validateRequest('eval.start', request);
      const run = getRun(ctx.db, req.run);
      if (run.status !== 'succeeded') throw new StudioError('conflict', `Run ${run.id} is ${run.status}; only a succeeded run can be evaluated.`, { field: 'run' });
      if (req.task !== undefined && run.method !== 'lora-task') throw new StudioError('invalid_request', `Run ${run.id} is a ${run.method} language-model run; task metrics (--task) need a lora-task classifier run.`, { field: 'task' });
      return ctx.supervisor.start('eval', { ...req, ...(req.task === undefined ? {} : { task: resolve(req.task) }) });
    },

    async 'eval.show'(request) {
      const req = validateRequest('eval.show', request);
      getRun(ctx.db, req.run);
      const e = latestEvaluation(ctx.db, req.run);
      if (e === null) throw new StudioError('not_found', `Run ${req.run} has not been evaluated; run \`studio eval ${req.run}\`.`, { field: 'run' });
      const body = e.metrics as Omit<EvalReport, 'run' | 'evaluation_id' | 'created_at'>;
      return { run: e.run_id, evaluation_id: e.id, created_at: e.created_at, ...body, audit: body.audit ? { ...body.audit, override: e.override } : null };
    },

    async 'audit.override'(request) {
      const req = validateRequest('audit.override', request);
      getRun(ctx.db, req.run);
      return recordOverride(ctx.db, req.run, { by: req.by ?? currentUser(), reason: req.reason });
    },
  };
}
