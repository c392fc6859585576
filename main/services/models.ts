// `model.inspect` / `model.import`: validate a Hugging Face model folder (config.json, safetensors shapes
// against the architecture, tokenizer against the vocabulary) and record it with its inspection summary.
// The weights stay in the user's folder; the content hash recorded here lets later steps notice a change.
// `model.fertility`: the model's tokenizer on a corpus's cleaned text — the Base model step's vocabulary fit.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { type Api } from '../common/contract';
import { StudioError } from '../common/errors';
import { validateRequest } from '../common/validate';
import type { CleanDocument } from '../corpus/pipeline';
import { workspacePaths } from '../platform/paths';
import { findModel, insertModel, listModels, toModelSummary } from '../store/queries/models';
import { type ServicesContext } from './context';
import { readyCorpus } from '../store/queries/corpora';
import { resolveModelFolder } from './try';

// The corpus pipeline, tokenizers and the model inspector are loaded when a method first needs them (each
// costs hundreds of milliseconds to load), so that opening the services — every CLI call, app start and
// `studio serve` — does not pay for them.
async function inspectModelFolder(folder: string) {
  return (await import('../engine/hf/inspect')).inspectModelFolder(folder);
}

export function modelServices(ctx: ServicesContext): Pick<Api, 'model.import' | 'model.inspect' | 'model.fertility'> {
  return {
    async 'model.inspect'(request) {
      return inspectModelFolder(validateRequest('model.inspect', request).folder);
    },

    async 'model.import'(request) {
      const req = validateRequest('model.import', request);
      if (findModel(ctx.db, req.name)) throw new StudioError('conflict', `A model named "${req.name}" already exists; choose another name.`, { field: 'name' });
      const inspection = await inspectModelFolder(req.folder);
      const twin = listModels(ctx.db)
        .map((m) => findModel(ctx.db, m.id))
        .find((m) => (m?.config.inspection as { content_hash?: unknown } | undefined)?.content_hash === inspection.content_hash);
      if (twin) inspection.warnings.push(`The same config and weights are already registered as "${twin.name}".`);
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

    async 'model.fertility'(request) {
      const req = validateRequest('model.fertility', request);
      const corpus = readyCorpus(ctx.db, req.corpus);
      const folder = resolveModelFolder(ctx, req.model);
      const [{ FILES }, { readJsonl }, { FertilityCounter }, { fromEngineTokenizer, tokenizerFingerprint }, { loadTokenizer }] = await Promise.all([
        import('../corpus/pipeline'),
        import('../corpus/jsonl-io'),
        import('../corpus/tokenize/fertility'),
        import('../corpus/tokenize/engine-tokenizer'),
        import('../engine/tokenizers'),
      ]);
      const docs = join(workspacePaths(ctx.workspace).corpus(corpus.id), FILES.docs);
      if (!existsSync(docs)) {
        throw new StudioError('workspace_corrupt', `The documents of corpus "${corpus.name}" are missing from the workspace (${FILES.docs}); import it again.`);
      }
      const engineTokenizer = await loadTokenizer(folder);
      const tokenizer = fromEngineTokenizer(engineTokenizer, tokenizerFingerprint(folder));
      const counter = new FertilityCounter();
      let documents = 0;
      let bytes = 0;
      for await (const doc of readJsonl<CleanDocument>(docs)) {
        if (bytes >= req.max_bytes) break;
        counter.add(doc.text, tokenizer.encodeIds(doc.text).length);
        documents++;
        bytes += Buffer.byteLength(doc.text);
        if (documents % 50 === 0) await setImmediate(); // stay responsive when this runs in the app's main process
      }
      const report = counter.report(tokenizer);
      return {
        model_folder: folder,
        corpus: corpus.name,
        tokenizer: { kind: engineTokenizer.kind, vocab_size: engineTokenizer.vocab_size },
        documents,
        bytes,
        words: report.words,
        tokens: report.tokens,
        tokens_per_word: report.tokens_per_word,
        fragmented: report.fragmented,
      };
    },
  };
}
