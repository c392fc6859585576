// Test-only job kinds that misbehave on purpose, to prove the supervisor survives them. They are not in
// the contract's public kinds and resolve only when the environment variable STUDIO_TEST_JOBS=1 is set.
//   test.crash { mode: 'throw' }   an uncaught exception outside the kind's promise
//   test.crash { mode: 'reject' }  the kind's promise rejects with an ordinary Error
//   test.crash { mode: 'exit' }    process.exit(3) in the middle of the work
//   test.crash { mode: 'sigkill' } the process kills itself with SIGKILL (as the OOM killer would)
//   test.crash { mode: 'hang' }    waits until cancelled, then stops cleanly
//   test.crash { mode: 'stuck' }   ignores cancellation: only a kill stops it
//   test.progress { steps, delay_ms } reports `steps` progress updates `delay_ms` apart, returns { steps }
import { z } from 'zod';
import { StudioError } from '../../common/errors';
import type { JobContext } from '../context';

export const testJobsEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => env.STUDIO_TEST_JOBS === '1';

export const TEST_JOB_PARAM_SCHEMAS = {
  'test.crash': z.object({ mode: z.enum(['throw', 'reject', 'exit', 'sigkill', 'hang', 'stuck']) }).strict(),
  'test.progress': z.object({ steps: z.number().int().min(1).max(100_000), delay_ms: z.number().min(0).max(1000).default(0) }).strict(),
} as const;

type Params<K extends keyof typeof TEST_JOB_PARAM_SCHEMAS> = z.output<(typeof TEST_JOB_PARAM_SCHEMAS)[K]>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function crash(params: Params<'test.crash'>, ctx: JobContext): Promise<unknown> {
  ctx.progress(0.1, `About to ${params.mode}`);
  await sleep(50);
  switch (params.mode) {
    case 'throw':
      setTimeout(() => {
        throw new Error('boom from test.crash');
      }, 0);
      return new Promise(() => undefined);
    case 'reject':
      throw new Error('rejected by test.crash');
    case 'exit':
      process.stderr.write('test.crash exits with code 3\n'); // what a dying process prints last (synchronous on a pipe)
      process.exit(3);
      break;
    case 'sigkill':
      process.kill(process.pid, 'SIGKILL');
      return new Promise(() => undefined);
    case 'hang':
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) resolve();
        else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      throw new StudioError('cancelled', 'test.crash stopped on cancel.');
    case 'stuck':
      setInterval(() => undefined, 1000);
      return new Promise(() => undefined);
  }
  return null;
}

async function progress(params: Params<'test.progress'>, ctx: JobContext): Promise<unknown> {
  for (let step = 1; step <= params.steps; step += 1) {
    if (ctx.signal.aborted) throw new StudioError('cancelled', 'Cancelled.');
    ctx.progress(step / params.steps, `Step ${step} of ${params.steps}`, { step });
    if (params.delay_ms > 0) await sleep(params.delay_ms);
  }
  return { steps: params.steps };
}

export const TEST_JOB_RUNNERS = {
  'test.crash': crash,
  'test.progress': progress,
} as const;
