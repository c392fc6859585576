// What an export starts from: a finished run (its saved model at runs/<id>/model, its PEFT adapter at
// runs/<id>/adapter, its base model) or a registered model; which formats it can give and why not; the
// privacy-audit gate (a failed audit needs a recorded override); and the size estimate the Export step
// shows before anything is written.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportFormat, ExportPlanDto } from '../common/dto';
import { StudioError } from '../common/errors';
import { workspacePaths } from '../platform/paths';
import type { AnyDb } from '../store/db';
import { findModel, getModel, type ModelRecord } from '../store/queries/models';
import { getRun, type RunRecord } from '../store/queries/runs';

export interface ExportSource {
  run: RunRecord | null;
  model: ModelRecord | null;
  name: string;
  model_type: string;
  /** A complete Hugging Face folder (the model, or the run's saved model). */
  modelFolder: string | null;
  /** The run's PEFT adapter folder. */
  adapterFolder: string | null;
  /** The base model folder the adapter applies to. */
  baseFolder: string | null;
}

const hasFile = (folder: string, file: string): boolean => existsSync(join(folder, file));

export function resolveSource(request: { run?: number; model?: string }, db: AnyDb, workspace: string): ExportSource {
  if ((request.run === undefined) === (request.model === undefined)) {
    throw new StudioError('invalid_request', 'Name either a run or a model to export', { field: 'run' });
  }
  if (request.model !== undefined) {
    const model = getModel(db, request.model);
    if (!existsSync(model.path)) throw new StudioError('bad_input', `The folder of model "${model.name}" is gone (${model.path}); import it again.`);
    return { run: null, model, name: model.name, model_type: model.model_type, modelFolder: model.path, adapterFolder: null, baseFolder: null };
  }
  const run = getRun(db, request.run!);
  if (run.status !== 'succeeded') throw new StudioError('conflict', `Run ${run.id} is ${run.status}; only a finished (succeeded) run can be exported.`);
  const dir = workspacePaths(workspace).run(run.id);
  const base = run.base_model_id === null ? null : findModel(db, run.base_model_id);
  const modelFolder = hasFile(join(dir, 'model'), 'config.json') ? join(dir, 'model') : null;
  const adapterFolder = hasFile(join(dir, 'adapter'), 'adapter_config.json') ? join(dir, 'adapter') : null;
  if (!modelFolder && !adapterFolder) throw new StudioError('workspace_corrupt', `Run ${run.id} has no saved model or adapter in the workspace (runs/${run.id}/model or adapter).`);
  return {
    run,
    model: base,
    name: `${run.base_model ?? 'model'}-run-${run.id}`.slice(0, 120),
    model_type: base?.model_type ?? 'unknown',
    modelFolder,
    adapterFolder,
    baseFolder: base && existsSync(base.path) ? base.path : null,
  };
}

/** Why `format` cannot be written from `source`, or null. Checked for every format before any is written. */
export function unavailable(format: ExportFormat, source: ExportSource): string | null {
  const what = source.run ? `run ${source.run.id}` : `model "${source.name}"`;
  const adapterReady = source.adapterFolder !== null && source.baseFolder !== null;
  switch (format) {
    case 'hf':
    case 'onnx':
    case 'bundle':
      return source.modelFolder || adapterReady ? null : `${what} has an adapter but its base model's folder is missing, so no full model can be written`;
    case 'peft':
      if (!source.adapterFolder) return `${what} has no LoRA adapter (${source.run ? 'it trained every weight' : 'a registered model is a full model'}); export hf instead`;
      return source.baseFolder ? null : `the base model folder of ${what} is missing; the adapter cannot be checked against it`;
    case 'merged':
      if (!source.adapterFolder) return `${what} has no LoRA adapter to merge; export hf instead`;
      return source.baseFolder ? null : `the base model folder of ${what} is missing`;
  }
}

export interface AuditState {
  verdict: string | null;
  override: string | null;
}

/** The run's privacy audit as recorded in runs.metrics.audit: { verdict, override? }. */
export function auditOf(source: ExportSource): AuditState {
  const audit = source.run?.metrics.audit as { verdict?: unknown; override?: unknown } | undefined;
  const verdict = typeof audit?.verdict === 'string' ? audit.verdict : null;
  const override = audit?.override ? (typeof audit.override === 'string' ? audit.override : JSON.stringify(audit.override)) : null;
  return { verdict, override };
}

/** Why the audit forbids exporting (failed, no recorded override), or null. */
export function auditBlock(source: ExportSource): string | null {
  const { verdict, override } = auditOf(source);
  if (verdict !== null && /^fail/i.test(verdict) && override === null) {
    return `The privacy audit of run ${source.run!.id} failed: the model may reproduce text of the corpus. Exporting needs a recorded override (who decided and why) on the run first.`;
  }
  return null;
}

export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100) || 'model';
}

function folderBytes(folder: string | null, only?: RegExp): number {
  if (!folder || !existsSync(folder)) return 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isFile() && (!only || only.test(entry.name))) bytes += statSync(join(folder, entry.name)).size;
  }
  return bytes;
}

const MODEL_FILES = /^(config\.json|generation_config\.json|.*\.safetensors|model\.safetensors\.index\.json|tokenizer.*|vocab.*|merges\.txt|special_tokens_map\.json|spiece\.model|sentencepiece\.bpe\.model)$/;

const TOKENIZER_AND_CONFIG = /^(config\.json|generation_config\.json|tokenizer.*|vocab.*|merges\.txt|special_tokens_map\.json|spiece\.model|sentencepiece\.bpe\.model)$/;

/** What the Export step shows before writing: each format's availability and estimated size, the audit. */
export async function planExport(request: { run?: number; model?: string }, db: AnyDb, workspace: string): Promise<ExportPlanDto> {
  const source = resolveSource(request, db, workspace);
  const full = folderBytes(source.modelFolder ?? source.baseFolder, MODEL_FILES);
  const adapter = folderBytes(source.adapterFolder);
  const estimate: Record<ExportFormat, number> = {
    hf: full,
    merged: folderBytes(source.baseFolder, MODEL_FILES),
    peft: adapter,
    onnx: 0, // below, from the weight headers
    bundle: 0,
  };
  const formats = (['hf', 'peft', 'merged', 'onnx', 'bundle'] as const).map((format) => {
    const reason = unavailable(format, source);
    return { format, available: reason === null, reason, estimated_bytes: reason === null ? estimate[format] : 0 };
  });
  const onnx = formats.find((f) => f.format === 'onnx')!;
  const onnxFolder = source.modelFolder ?? source.baseFolder;
  if (onnx.available && onnxFolder) {
    const { estimateOnnxBytes } = await import('./onnx/size');
    onnx.estimated_bytes = (await estimateOnnxBytes(onnxFolder)).bytes + folderBytes(onnxFolder, TOKENIZER_AND_CONFIG);
  }
  const bundle = formats.find((f) => f.format === 'bundle')!;
  if (bundle.available) bundle.estimated_bytes = full; // a bundle alone carries the hf folder; with others, their sum
  const audit = auditOf(source);
  return {
    source: { run_id: source.run?.id ?? null, model_id: source.run ? null : (source.model?.id ?? null), name: source.name, model_type: source.model_type },
    formats,
    audit: { ...audit, blocks_export: auditBlock(source) !== null },
  };
}
