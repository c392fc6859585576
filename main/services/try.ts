// `model.try`: run a model on one input (top-k mask fillers or next tokens, logits, greedy tokens).
// The model is a registered model's name, a Hugging Face folder, or a finished run's id (its trained model,
// or its base model with its LoRA adapter merged in). Inference runs in this process: it is a single
// forward pass on one sequence (the engine is loaded on first use only).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Api } from '../common/contract';
import { StudioError } from '../common/errors';
import { workspacePaths } from '../platform/paths';
import { findModel } from '../store/queries/models';
import { findRun } from '../store/queries/runs';
import { type ServicesContext } from './context';

/** A registered model's folder, else the argument as a folder. */
export function resolveModelFolder(ctx: ServicesContext, ref: string): string {
  const registered = findModel(ctx.db, ref);
  if (registered) return registered.path;
  const folder = resolve(ref);
  if (existsSync(folder) && statSync(folder).isDirectory()) return folder;
  throw new StudioError('not_found', `No model named "${ref}" in this workspace, and no folder ${folder}. \`studio model list\` shows the registered models.`, { field: 'model' });
}

/**
 * What `model.try` runs for a reference: a registered model or folder as it is; a run id (digits that name no
 * registered model) as the run's outputs — its model folder, or its base model plus its LoRA adapter.
 */
export function resolveTryTarget(ctx: ServicesContext, ref: string): { folder: string; adapter: string | null } {
  const run = /^\d+$/.test(ref.trim()) && !findModel(ctx.db, ref) ? findRun(ctx.db, Number(ref)) : null;
  if (run === null) return { folder: resolveModelFolder(ctx, ref), adapter: null };
  const dir = workspacePaths(ctx.workspace).run(run.id);
  if (existsSync(join(dir, 'model', 'config.json'))) return { folder: join(dir, 'model'), adapter: null };
  const base = run.base_model_id === null ? null : findModel(ctx.db, run.base_model_id);
  if (existsSync(join(dir, 'adapter', 'adapter_config.json')) && base) return { folder: base.path, adapter: join(dir, 'adapter') };
  throw new StudioError('not_found', `Run ${run.id} (${run.status}) has no trained model to try yet${base || run.base_model_id === null ? '' : ', and its base model is no longer registered'}.`, { field: 'model' });
}

export function tryServices(ctx: ServicesContext): Pick<Api, 'model.try'> {
  return {
    async 'model.try'(req) {
      const { folder, adapter } = resolveTryTarget(ctx, req.model);
      const request = {
        text: req.text,
        ids: req.ids,
        top_k: req.top_k,
        logits: req.logits,
        generate: req.generate,
        top_p: req.top_p,
        temperature: req.temperature,
        seed: req.seed,
      };
      if (req.onnx !== undefined) {
        const file = resolve(req.onnx);
        if (!existsSync(file) || !statSync(file).isFile()) throw new StudioError('not_found', `No ONNX file ${file}`, { field: 'onnx' });
        // An exported ONNX model is self-contained (any adapter was merged in when it was exported).
        const { tryOnnxModel } = await import('../export/onnx/try');
        return tryOnnxModel(file, folder, request);
      }
      const { tryModel } = await import('../engine/infer');
      return tryModel(folder, { ...request, ...(adapter === null ? {} : { adapter }) });
    },
  };
}
