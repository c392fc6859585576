// `jobs.*`: list and inspect jobs, start one (its parameters validated against the kind's schema, so a
// bad field is named as `params.<field>`), cancel one. The supervisor runs and records them.
import { type z } from 'zod';
import { jobParamSchemas, type Api } from '../common/contract';
import { StudioError } from '../common/errors';
import { parseWith } from '../common/validate';
import { getJob, listJobs } from '../store/queries/jobs';
import { type ServicesContext } from './context';

export function jobServices(ctx: ServicesContext): Pick<Api, 'jobs.list' | 'jobs.get' | 'jobs.start' | 'jobs.cancel'> {
  return {
    async 'jobs.list'(req) {
      return listJobs(ctx.db, req.limit ?? 100);
    },
    async 'jobs.get'(req) {
      return getJob(ctx.db, req.id);
    },
    async 'jobs.start'(req) {
      const schema = jobParamSchemas[req.kind];
      let params: Record<string, unknown>;
      try {
        params = parseWith(schema as z.ZodType, req.params ?? {}, `jobs.start ${req.kind}`) as Record<string, unknown>;
      } catch (error) {
        if (error instanceof StudioError && error.field !== undefined) {
          throw new StudioError(error.code, error.message.replace(`field "${error.field}"`, `field "params.${error.field}"`), {
            field: `params.${error.field}`,
          });
        }
        throw error;
      }
      return ctx.supervisor.start(req.kind, params);
    },
    async 'jobs.cancel'(req) {
      getJob(ctx.db, req.id); // a clear not_found before asking the supervisor
      return ctx.supervisor.cancel(req.id);
    },
  };
}
