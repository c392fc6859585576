// `studio jobs list|show|cancel`: the jobs of the workspace, most recent first.
import { InvalidArgumentError, type Command } from 'commander';
import { type JobDto } from '../../common/dto';
import { type CliContext } from '../context';
import { table } from '../output';

export function register(program: Command, ctx: CliContext): void {
  const jobs = program.command('jobs').description('list, inspect and cancel jobs');
  jobs
    .command('list')
    .description('most recent jobs first')
    .option('--limit <n>', 'how many (1-1000, default 100)', parseId)
    .action(async (options: { limit?: number }) => {
      const list = await ctx.call('jobs.list', options.limit === undefined ? {} : { limit: options.limit });
      ctx.print(list, () => (list.length === 0 ? 'No jobs yet.' : formatJobs(list)));
    });
  jobs
    .command('show')
    .description('one job, with its result or error')
    .argument('<id>', 'job id', parseId)
    .action(async (id: number) => {
      const job = await ctx.call('jobs.get', { id });
      ctx.print(job, () => JSON.stringify(job, null, 2));
    });
  jobs
    .command('cancel')
    .description('ask a running job to stop')
    .argument('<id>', 'job id', parseId)
    .action(async (id: number) => {
      const job = await ctx.call('jobs.cancel', { id });
      ctx.print(job, () => `Job ${job.id}: ${job.status}${job.message ? ` (${job.message})` : ''}`);
    });
}

export function formatJobs(list: JobDto[]): string {
  return table(
    ['ID', 'KIND', 'STATUS', 'PROGRESS', 'CREATED', 'MESSAGE'],
    list.map((j) => [
      String(j.id),
      j.kind,
      j.status,
      j.progress === null ? '' : `${Math.round(j.progress * 100)}%`,
      j.created_at.replace('T', ' ').slice(0, 19),
      (j.error?.message ?? j.message ?? '').slice(0, 60),
    ]),
  );
}

export function parseId(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || !Number.isSafeInteger(n)) throw new InvalidArgumentError('Expected a positive whole number.');
  return n;
}
