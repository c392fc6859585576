// `studio workspace check`: hashes every file of the workspace and checks the database, as a job
// (progress on stderr, the result on stdout) — the job path end to end from the command line.
import { type Command } from 'commander';
import { type WorkspaceCheckResult } from '../../common/dto';
import { type CliContext } from '../context';
import { runJob } from '../run-job';

export function register(program: Command, ctx: CliContext): void {
  const workspace = program.command('workspace').description('the workspace folder');
  workspace
    .command('check')
    .description('hash every workspace file and check the database (runs as a job)')
    .action(async () => {
      const { job, result } = await runJob(ctx, 'workspace.check', {}, { title: `Checking ${ctx.workspace}` });
      const r = result as WorkspaceCheckResult;
      ctx.print({ job_id: job.id, ...r }, () =>
        [`Workspace ${ctx.workspace}`, `  files: ${r.files}`, `  bytes: ${r.bytes}`, `  database: ${r.integrity}`, `  digest: ${r.digest}`].join('\n'),
      );
      if (r.integrity !== 'ok') ctx.exitCode = 1;
    });
}
