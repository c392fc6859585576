// `model.inspect` / `model.import`: validate a Hugging Face model folder (config.json, safetensors shapes against the
// architecture, tokenizer against the vocabulary) and record it with its inspection summary. The
// weights stay in the user's folder; the content hash recorded here lets later steps notice a change.
import { type Api } from '../common/contract';
import { inspectModelFolder } from '../engine/hf/inspect';
import { insertModel, findModel, toModelSummary } from '../store/queries/models';
import { StudioError } from '../common/errors';
import { type ServicesContext } from './context';
import { validateRequest } from '../common/validate';

export function modelServices(ctx: ServicesContext): Pick<Api, 'model.import' | 'model.inspect'> {
  return {
    async 'model.inspect'(request) {
      return inspectModelFolder(validateRequest('model.inspect', request).folder);
    },
    async 'model.import'(request) {
      const req = validateRequest('model.import', request);
      if (findModel(ctx.db, req.name)) throw new StudioError('conflict', `A model named "${req.name}" already exists; choose another name.`, { field: 'name' });
      const inspection = await inspectModelFolder(req.folder);
      const record = insertModel(ctx.db, {
        name: req.name,
        model_type: inspection.model_type,
        source: 'imported',
        path: inspection.folder,
        parameters: inspection.parameters,
        bytes: inspection.bytes,
        vocab_size: inspection.vocab_size,
        config: { inspection },
      });
      return { ...toModelSummary(record), inspection };
    },
  };
}
