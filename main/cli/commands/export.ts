// `studio export R --format hf|peft|merged|onnx|bundle --out DIR`: writes a run's (R = run id) or a
// model's (R = model name) export formats and verifies each by reading it back.
// `studio bundle verify FILE` / `studio bundle import FILE [--trust] [--name N]`: a colleague's side.
// `studio keys show|list|trust FP|untrust FP`: this workspace's signing key and the keys it trusts.
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { JobParams } from '../../common/contract';
import type { BundleImportResult, BundleVerifyResult, ExportFormat, ExportJobResult, ExportPlanDto, KeysDto } from '../../common/dto';
import { StudioError } from '../../common/errors';
import { type CliContext } from '../context';
import { runJob } from '../run-job';
import { table } from '../output';

const FORMATS: readonly ExportFormat[] = ['hf', 'peft', 'merged', 'onnx', 'bundle'];
const MiB = 1024 * 1024;
const size = (bytes: number): string => (bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);

function parseFormats(value: string, previous: ExportFormat[] = []): ExportFormat[] {
  const out = [...previous];
  for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(FORMATS as readonly string[]).includes(part)) throw new InvalidArgumentError(`"${part}" is not a format; choose from ${FORMATS.join(', ')}`);
    out.push(part as ExportFormat);
  }
  return out;
}

export function formatExport(r: ExportJobResult): string {
  const lines = [`Exported "${r.source.name}" to ${r.out}:`];
  for (const e of r.exports) {
    lines.push(`  ${e.format.padEnd(7)} ${e.path}  (${e.files} file${e.files === 1 ? '' : 's'}, ${size(e.bytes)}, ${e.verified ? 'verified' : 'NOT verified'})`);
  }
  return lines.join('\n');
}

export function formatPlan(p: ExportPlanDto): string {
  const lines = [`Export of "${p.source.name}" (${p.source.model_type}):`];
  for (const f of p.formats) lines.push(`  ${f.format.padEnd(7)} ${f.available ? `about ${size(f.estimated_bytes)}` : `not possible: ${f.reason}`}`);
  const audit = p.audit.verdict === null ? 'not audited' : `${p.audit.verdict}${p.audit.override ? ` (overridden: ${p.audit.override})` : ''}`;
  lines.push(`  privacy audit: ${audit}${p.audit.blocks_export ? ' — export blocked until an override is recorded' : ''}`);
  return lines.join('\n');
}

export function formatVerify(r: BundleVerifyResult): string {
  if (!r.ok) return `REFUSED: ${r.reason}${r.signer_fingerprint ? `\n  signer: ${r.signer_fingerprint}` : ''}`;
  const lines = [
    `Bundle intact: signature valid, ${r.files.length} files match their SHA-256.`,
    `  model:  ${r.model?.name} (${r.model?.model_type}${r.model?.method ? `, ${r.model.method}` : ''}), made ${r.created_at}`,
    `  signer: ${r.signer_fingerprint}`,
    r.trusted
      ? '  trust:  TRUSTED (this workspace or a key on its trusted list)'
      : '  trust:  NOT TRUSTED — compare the fingerprint with the sender by phone, then `studio keys trust "<fingerprint>"` or import with --trust',
  ];
  return lines.join('\n');
}

function formatImport(r: BundleImportResult): string {
  return [
    `Model ${r.model.id} "${r.model.name}" imported (${r.model.model_type}, ${r.files} files, ${size(r.bytes)}) into ${r.model.path}`,
    `  signer: ${r.signer_fingerprint}${r.was_trusted ? '' : ' (now trusted)'}`,
    `  contents: ${r.contents.map((c) => c.format).join(', ')}`,
  ].join('\n');
}

function formatKeys(k: KeysDto): string {
  const lines = [`This workspace's signing key: ${k.fingerprint}`];
  if (k.trusted.length === 0) lines.push('No trusted keys yet.');
  else lines.push('Trusted keys:', table(['FINGERPRINT', 'LABEL', 'ADDED'], k.trusted.map((t) => [t.fingerprint, t.label, t.added_at])));
  return lines.join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('write a run or a model as hf / peft / merged / onnx folders or a signed .dsbundle, each verified by reading it back')
    .argument('<run-or-model>', 'a run id, or a registered model name')
    .option('--format <formats>', `one or more of ${FORMATS.join(', ')} (comma-separated or repeated)`, parseFormats)
    .option('--out <dir>', "output folder (each format goes to <dir>/<format>/, the bundle to <dir>/<name>.dsbundle; default: the workspace's exports/<job id>/)")
    .option('--model', 'treat <run-or-model> as a model name even if it is a number')
    .option('--plan', 'only show which formats are possible, their estimated sizes and the audit verdict; write nothing')
    .action(async (ref: string, o: { format?: ExportFormat[]; out?: string; model?: boolean; plan?: boolean }) => {
      const source = /^\d+$/.test(ref) && !o.model ? { run: Number(ref) } : { model: ref };
      if (o.plan) {
        const plan = await ctx.call('export.plan', source);
        ctx.print(plan, () => formatPlan(plan));
        return;
      }
      if (!o.format) throw new StudioError('invalid_request', `Give --format (${FORMATS.join(', ')}), or --plan to see the options first`, { field: 'format' });
      const params = { ...source, formats: o.format, ...(o.out ? { out: resolve(o.out) } : {}) } as JobParams<'export'>;
      const { result } = await runJob(ctx, 'export', params, { title: `Exporting ${o.format.join(', ')}` });
      const r = result as ExportJobResult;
      ctx.print(r, () => formatExport(r));
    });

  program
    .command('exports')
    .description('the exports made in this workspace, most recent first')
    .option('--run <id>', 'only those of one run', (v) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a run id');
      return Number(v);
    })
    .action(async (o: { run?: number }) => {
      const list = await ctx.call('export.list', o.run === undefined ? {} : { run: o.run });
      ctx.print(list, () =>
        list.length === 0
          ? 'No exports yet. `studio export <run-or-model> --format hf,bundle` writes one.'
          : table(
              ['ID', 'SOURCE', 'FORMAT', 'SIZE', 'VERIFIED', 'WHEN', 'PATH'],
              list.map((e) => [String(e.id), e.source_name, e.format, size(e.bytes), e.verified ? 'yes' : 'NO', e.created_at.slice(0, 16).replace('T', ' '), e.path]),
            ),
      );
    });

  const bundle = program.command('bundle').description("verify or import a colleague's signed .dsbundle");
  bundle
    .command('verify')
    .description('check the signature and every file hash, and whether the signer is trusted (writes nothing)')
    .argument('<file>', 'the .dsbundle file')
    .action(async (file: string) => {
      const r = await ctx.call('bundle.verify', { file: resolve(file) });
      if (!r.ok || !r.trusted) ctx.exitCode = 1;
      ctx.print(r, () => formatVerify(r));
    });
  bundle
    .command('import')
    .description('verify the bundle, then register its model in this workspace')
    .argument('<file>', 'the .dsbundle file')
    .option('--trust', "trust the signer's key (compare its fingerprint with the sender first)")
    .option('--name <name>', 'model name (default: the name in the bundle)')
    .action(async (file: string, o: { trust?: boolean; name?: string }) => {
      const r = await ctx.call('bundle.import', { file: resolve(file), trust: Boolean(o.trust), ...(o.name ? { name: o.name } : {}) });
      ctx.print(r, () => formatImport(r));
    });

  const keys = program.command('keys').description("this workspace's signing key and the keys it trusts");
  keys
    .command('show')
    .description("print this workspace's signing key fingerprint (read it to a colleague by phone)")
    .action(async () => {
      const k = await ctx.call('keys.fingerprint', {});
      ctx.print(k, () => k.fingerprint);
    });
  keys
    .command('list')
    .description('this workspace\'s key and the trusted keys')
    .action(async () => {
      const k = await ctx.call('keys.fingerprint', {});
      ctx.print(k, () => formatKeys(k));
    });
  keys
    .command('trust')
    .description("trust a colleague's key by its fingerprint")
    .argument('<fingerprint...>', 'the 64 hex digits, as `studio keys show` prints them (spaces allowed)')
    .option('--label <label>', 'who it is', '')
    .action(async (parts: string[], o: { label: string }) => {
      const k = await ctx.call('keys.trust', { fingerprint: parts.join(' '), label: o.label });
      ctx.print(k, () => formatKeys(k));
    });
  keys
    .command('untrust')
    .description('remove a key from the trusted list')
    .argument('<fingerprint...>', 'the fingerprint')
    .action(async (parts: string[]) => {
      const k = await ctx.call('keys.untrust', { fingerprint: parts.join(' ') });
      ctx.print(k, () => formatKeys(k));
    });
}
