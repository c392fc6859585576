// The first half of the `scratch` strategy in one call: train the tokenizer the architecture uses
// (WordPiece for bert, byte-level BPE for gpt2) on the texts, then write a freshly initialised model of
// the chosen size with that tokenizer as a Hugging Face folder — ready for runPretraining (method 'full').
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadTokenizer } from '../tokenizers/index';
import { tokenizerKindFor, trainTokenizer, writeTrainedTokenizer, type TokenizerKindToTrain } from '../tokenizers/train/index';
import { createScratchModel, MODEL_SIZE_PRESETS, type ModelSize, type ModelSizePreset, type ScratchModelType } from './init';

export interface ScratchBaseOptions {
  modelType: ScratchModelType;
  size: ModelSizePreset | ModelSize;
  vocabSize: number;
  /** The training texts (documents or lines); iterated once. */
  texts: Iterable<string>;
  seed: number;
  minFrequency?: number;
}

export interface ScratchBase {
  /** The model folder (config.json, model.safetensors, tokenizer files). */
  folder: string;
  tokenizer: TokenizerKindToTrain;
  vocabSize: number;
  parameters: number;
  config: Record<string, unknown>;
}

/** Writes `<dir>/tokenizer` (kept) and the initialised model in `<dir>/init`; `dir` may exist, these two must not. */
export async function createScratchBase(dir: string, options: ScratchBaseOptions): Promise<ScratchBase> {
  const kind = tokenizerKindFor(options.modelType);
  const size = typeof options.size === 'string' ? MODEL_SIZE_PRESETS[options.size] : options.size;
  const trained = trainTokenizer(kind, options.texts, { vocabSize: options.vocabSize, ...(options.minFrequency === undefined ? {} : { minFrequency: options.minFrequency }) });
  const tokenizerDir = join(dir, 'tokenizer');
  rmSync(tokenizerDir, { recursive: true, force: true });
  writeTrainedTokenizer(tokenizerDir, trained, { modelMaxLength: size?.maxPositions ?? 512 });
  const tokenizer = await loadTokenizer(tokenizerDir);
  const created = await createScratchModel(join(dir, 'init'), {
    modelType: options.modelType,
    size: options.size,
    vocabSize: tokenizer.vocab_size,
    special: { pad: tokenizer.special.pad, bos: tokenizer.special.bos, eos: tokenizer.special.eos },
    tokenizerFolder: tokenizerDir,
    seed: options.seed,
  });
  return { folder: created.folder, tokenizer: kind, vocabSize: tokenizer.vocab_size, parameters: created.parameters, config: created.config };
}
