// `model.try`: run a model on one input (top-k mask fillers or next tokens, logits, greedy tokens).
// The model is a registered model's name or a Hugging Face folder. Inference runs in this process:
// it is a single forward pass on one sequence (the engine is loaded on first use only).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Api } from '../common/contract';
import { StudioError } from '../common/errors';
import { findModel } from '../store/queries/models';
import { type ServicesContext } from './context';

/** A registered model's folder, else the argument as a folder. */
export function resolveModelFolder(ctx: ServicesContext, ref: string): string {
  const registered = findModel(ctx.db, ref);
  if (registered) return registered.path;
  const folder = resolve(ref);
  if (existsSync(folder) && statSync(folder).isDirectory()) return folder;
  throw new StudioError('not_found', `No model named "${ref}" in this workspace, and no folder ${folder}. \`studio model list\` shows the registered models.`, { field: 'model' });
}

export function tryServices(ctx: ServicesContext): Pick<Api, 'model.try'> {
  return {
    async 'model.try'(req) {
      const folder = resolveModelFolder(ctx, req.model);
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
        const { tryOnnxModel } = await import('../export/onnx/try');
        return tryOnnxModel(file, folder, request);
      }
      const { tryModel } = await import('../engine/infer');
      return tryModel(folder, request);
    },
  };
}
