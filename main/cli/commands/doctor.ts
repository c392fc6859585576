// `studio doctor [--json]`: which training backends load (and for each that does not, why and the fix),
// the ONNX runtime, SQLite, the workspace's free disk and database health. Exit 0 when the app can work
// here, 1 when something it needs is missing. Runs the probes directly rather than through the open
// core, so it can still diagnose a workspace whose database cannot be opened.
import { type Command } from 'commander';
import { type DoctorReport } from '../../common/dto';
import { type CliContext } from '../context';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('check training backends, ONNX runtime, SQLite and the workspace')
    .action(async () => {
      const { runDoctor } = await import('../../services/doctor');
      const report = await runDoctor(ctx.workspace);
      ctx.print(report, () => formatDoctor(report));
      ctx.exitCode = report.ok ? 0 : 1;
    });
}

export function formatDoctor(r: DoctorReport): string {
  const lines = [
    `Domain Studio ${r.app_version} — Node ${r.node}${r.electron ? `, Electron ${r.electron}` : ''}, ${r.platform} ${r.arch}, ` +
      `${r.cpus} CPUs, ${gib(r.memory_bytes)} memory`,
    '',
    'Training backends:',
  ];
  for (const b of r.backends) {
    if (b.available) {
      const detail = [b.version && `${b.package} ${b.version}`, b.device].filter(Boolean).join(', ');
      lines.push(`  ok    ${b.name}${detail ? ` (${detail})` : ''}${b.selected ? '  ← training uses this' : ''}`);
    } else {
      lines.push(`  no    ${b.name} (${b.package}): ${b.reason ?? 'not available'}`);
      if (b.fix) lines.push(`        fix: ${b.fix}`);
    }
  }
  const onnx = r.onnxruntime;
  lines.push(
    '',
    onnx.available
      ? `ONNX runtime: ${onnx.version ?? 'unknown version'} (providers: ${onnx.providers.join(', ') || 'none'})`
      : `ONNX runtime: not available: ${onnx.reason ?? 'unknown reason'}${onnx.fix ? `\n  fix: ${onnx.fix}` : ''}`,
    r.sqlite.version ? `SQLite: ${r.sqlite.version}` : `SQLite: not available: ${r.sqlite.reason ?? 'unknown reason'}`,
    '',
    `Workspace: ${r.workspace.path}${r.workspace.free_bytes === null ? '' : ` (${gib(r.workspace.free_bytes)} free)`}`,
  );
  const db = r.workspace.database;
  lines.push(
    db.ok
      ? `  database: ${db.message ?? `${db.integrity} (schema ${db.schema_version} of ${db.app_schema_version})`}`
      : `  database: PROBLEM: ${db.message ?? db.integrity}`,
    '',
  );
  if (r.ok) lines.push(`Ready: training will use the ${r.selected_backend} backend.`);
  else if (r.selected_backend === null) lines.push('Not ready: no training backend loads. Apply one of the fixes above.');
  else lines.push('Not ready: see the problems above.');
  return lines.join('\n');
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}
