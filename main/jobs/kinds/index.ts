// The job kinds the job process can run: kind → runner. Each runner imports its implementation lazily,
// so a job process loads only what its kind needs (and the app process, which reads this file for the
// kind names, loads none of it). Add a kind: its params schema in contract.ts `jobParamSchemas`,
// a file main/jobs/kinds/<kind>.ts, and one line here.
import type { z } from 'zod';
import { jobParamSchemas, type JobKind, type JobParams } from '../../common/contract';
import type { JobRunner } from '../context';
import { TEST_JOB_PARAM_SCHEMAS, TEST_JOB_RUNNERS, testJobsEnabled } from './test-kinds';

export const JOB_RUNNERS: { [K in JobKind]: JobRunner<JobParams<K>> } = {
  'workspace.check': async (params, ctx) => (await import('./workspace-check')).workspaceCheck(params, ctx),
  'corpus.import': async (params, ctx) => (await import('./corpus-import')).corpusImport(params, ctx),
  'corpus.tokenize': async (params, ctx) => (await import('./corpus-tokenize')).corpusTokenize(params, ctx),
  'corpus.restore': async (params, ctx) => (await import('./corpus-restore')).corpusRestore(params, ctx),
  'corpus.delete': async (params, ctx) => (await import('./corpus-delete')).corpusDelete(params, ctx),
  export: async (params, ctx) => (await import('./export')).exportJob(params, ctx),
  train: async (params, ctx) => (await import('./train')).train(params, ctx),
  'train.plan': async (params, ctx) => (await import('./train-plan')).planTraining(ctx, params),
  eval: async (params, ctx) => (await import('./eval')).evalJob(params, ctx),
};

export interface ResolvedKind {
  schema: z.ZodType;
  run: JobRunner;
}

/**
 * The params schema and runner of `kind`, or null if there is no such kind. Test-only kinds
 * (`test.*`) resolve only when STUDIO_TEST_JOBS=1, so the shipped app cannot start them.
 */
export function resolveJobKind(kind: string, env: NodeJS.ProcessEnv = process.env): ResolvedKind | null {
  if (Object.hasOwn(JOB_RUNNERS, kind)) {
    const k = kind as JobKind;
    return { schema: jobParamSchemas[k], run: JOB_RUNNERS[k] as JobRunner };
  }
  if (testJobsEnabled(env) && Object.hasOwn(TEST_JOB_RUNNERS, kind)) {
    const k = kind as keyof typeof TEST_JOB_RUNNERS;
    return { schema: TEST_JOB_PARAM_SCHEMAS[k], run: TEST_JOB_RUNNERS[k] as JobRunner };
  }
  return null;
}

export function knownJobKinds(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...Object.keys(JOB_RUNNERS), ...(testJobsEnabled(env) ? Object.keys(TEST_JOB_RUNNERS) : [])];
}
