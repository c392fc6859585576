// One export, as the `export` job runs it: resolve what is exported (a run's output or a registered
// model), check every requested format can be written before writing any, write each folder format
// into <out>/<format>/ and the bundle into <out>/<name>.dsbundle, verify each by reading it back, and
// record each in the `exports` table.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ExportDto, ExportFormat, ExportJobResult } from '../common/dto';
import { StudioError } from '../common/errors';
import type { WritableDb } from '../store/db';
import { insertExport } from '../store/queries/exports';
import packageJson from '../../package.json';
import { cardInputFromStore, renderModelCard } from './bundle/card';
import { loadOrCreateSigningKey } from './bundle/keys';
import { BUNDLE_EXTENSION, type ContentFormat } from './bundle/manifest';
import { auditBlock, resolveSource, safeFileName, unavailable, type ExportSource } from './source';
import { verifyBundle } from './bundle/verify';
import { writeBundle } from './bundle/write';
import { writeHf, writeMerged, writeOnnx, writePeft, type WrittenFormat } from './formats';

export interface ExportRequest {
  run?: number;
  model?: string;
  formats: readonly ExportFormat[];
  out: string;
}

export interface ExportContext {
  workspace: string;
  db: WritableDb;
  job_id?: number | null;
  signal?: AbortSignal;
  progress?: (fraction: number | null, message: string) => void;
}

async function writeFolderFormat(format: ContentFormat, source: ExportSource, target: string, signal?: AbortSignal): Promise<WrittenFormat> {
  switch (format) {
    case 'hf':
      return source.modelFolder ? writeHf(source.modelFolder, target) : writeMerged(source.adapterFolder!, source.baseFolder!, target);
    case 'peft':
      return writePeft(source.adapterFolder!, source.baseFolder!, target);
    case 'merged':
      return writeMerged(source.adapterFolder!, source.baseFolder!, target, source.modelFolder ?? source.baseFolder!);
    case 'onnx':
      return source.modelFolder ? writeOnnx(source.modelFolder, target, undefined, signal) : writeOnnx(source.baseFolder!, target, source.adapterFolder!, signal);
  }
}

export async function runExport(request: ExportRequest, ctx: ExportContext): Promise<ExportJobResult> {
  const formats = [...new Set(request.formats)];
  if (formats.length === 0) throw new StudioError('invalid_request', 'Choose at least one format', { field: 'formats' });
  const source = resolveSource(request, ctx.db, ctx.workspace);
  const blocked = auditBlock(source);
  if (blocked) throw new StudioError('conflict', blocked);
  const problems = formats.map((f) => [f, unavailable(f, source)] as const).filter(([, p]) => p !== null);
  if (problems.length) throw new StudioError('unsupported', problems.map(([f, p]) => `${f}: ${p}`).join('; '), { field: 'formats' });

  const out = resolve(request.out);
  const folderFormats = formats.filter((f): f is ContentFormat => f !== 'bundle');
  const bundleFile = join(out, `${safeFileName(source.name)}${BUNDLE_EXTENSION}`);
  for (const f of folderFormats) {
    const target = join(out, f);
    if (existsSync(target) && readdirSync(target).length > 0) throw new StudioError('conflict', `${target} already exists and is not empty; choose another output folder.`, { field: 'out' });
  }
  if (formats.includes('bundle') && existsSync(bundleFile)) throw new StudioError('conflict', `${bundleFile} already exists; choose another output folder.`, { field: 'out' });
  await mkdir(out, { recursive: true });

  const steps = folderFormats.length + (formats.includes('bundle') ? 1 : 0);
  const exports: ExportDto[] = [];
  const written = new Map<ContentFormat, string>();
  const record = (format: ExportFormat, path: string, digest: { files: number; bytes: number; sha256: string }, verification: Record<string, unknown>): void => {
    exports.push(
      insertExport(ctx.db, {
        run_id: source.run?.id ?? null,
        model_id: source.run ? null : (source.model?.id ?? null),
        source_name: source.name,
        format,
        path,
        files: digest.files,
        bytes: digest.bytes,
        sha256: digest.sha256,
        verified: true,
        verification,
        job_id: ctx.job_id ?? null,
      }),
    );
  };
  const checkCancelled = (): void => {
    if (ctx.signal?.aborted) throw new StudioError('cancelled', 'Export cancelled; the formats finished so far are kept.');
  };

  for (const [i, format] of folderFormats.entries()) {
    checkCancelled();
    ctx.progress?.(i / steps, `Writing ${format}`);
    const result = await writeFolderFormat(format, source, join(out, format), ctx.signal);
    written.set(format, result.folder);
    record(format, result.folder, result.digest, result.verification);
  }

  if (formats.includes('bundle')) {
    checkCancelled();
    ctx.progress?.(folderFormats.length / steps, 'Writing the signed bundle');
    let staging: string | null = null;
    try {
      if (written.size === 0) {
        staging = await mkdtemp(join(out, '.bundle-staging-'));
        const result = await writeFolderFormat('hf', source, join(staging, 'hf'));
        written.set('hf', result.folder);
      }
      const contents = [...written].map(([format, folder]) => ({ format, folder }));
      const createdAt = new Date();
      const card = renderModelCard({
        ...cardInputFromStore(ctx.db, { run: source.run, model: source.model }),
        name: source.name,
        model_type: source.model_type,
        formats: contents.map((c) => c.format),
        created_at: createdAt.toISOString(),
        app_version: packageJson.version,
      });
      const bundle = await writeBundle(bundleFile, {
        contents,
        model: { name: source.name, model_type: source.model_type, method: source.run?.method ?? null, base_model: source.run?.base_model ?? null },
        card,
        key: loadOrCreateSigningKey(ctx.workspace),
        createdAt,
      });
      const check = await verifyBundle(bundleFile, ctx.workspace);
      if (!check.ok || !check.trusted) {
        await rm(bundleFile, { force: true });
        throw new StudioError('internal', `Export check failed: the bundle does not verify (${check.reason ?? 'signer not trusted'})`);
      }
      record('bundle', bundleFile, { files: 1, bytes: bundle.bytes, sha256: bundle.sha256 }, {
        checked: 'signature+sha256',
        signer_fingerprint: check.signer_fingerprint,
        files: check.files.length,
        contents: contents.map((c) => c.format),
      });
    } finally {
      if (staging) await rm(staging, { recursive: true, force: true });
    }
  }
  ctx.progress?.(1, 'Export written and verified');
  return { source: { run_id: source.run?.id ?? null, model_id: source.run ? null : (source.model?.id ?? null), name: source.name }, out, exports };
}
