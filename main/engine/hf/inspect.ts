// Inspecting a Hugging Face model folder without loading its weights: config.json validated by the
// architecture registry, safetensors headers checked against the weights the config implies (names
// and shapes), the tokenizer loaded and matched to the vocabulary, and a content hash of the files.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ModelInspection } from '../../common/dto';
import { StudioError } from '../../common/errors';
import { checkWeights } from '../models/weights';
import { hasTokenizerFiles, loadTokenizer } from '../tokenizers/index';
import { readHfConfig } from './config';
import { findHfWeights, readHfWeightShapes } from './weights';

/** The inspection summary; one definition, shared with the API (common/dto). */
export type ModelFolderSummary = ModelInspection;

async function hashFiles(folder: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    for await (const chunk of createReadStream(join(folder, file), { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * The content hash inspectModelFolder records: config.json and the weight files. A later step compares
 * it to notice that a registered folder changed since it was imported.
 */
export async function modelContentHash(folder: string): Promise<string> {
  const files = await findHfWeights(folder);
  return hashFiles(folder, ['config.json', ...files.files, ...(files.index ? [files.index] : [])]);
}

function list(names: readonly string[], max = 5): string {
  return names.slice(0, max).join(', ') + (names.length > max ? `, and ${names.length - max} more` : '');
}

export async function inspectModelFolder(folderInput: string): Promise<ModelFolderSummary> {
  const folder = resolve(folderInput);
  const info = await stat(folder).catch(() => null);
  if (!info) throw new StudioError('bad_input', `Model folder not found: ${folder}`);
  if (!info.isDirectory()) throw new StudioError('bad_input', `${folder} is a file; choose the model's folder (the one holding config.json)`);

  if (!existsSync(join(folder, 'config.json')) && existsSync(join(folder, 'adapter_config.json'))) {
    throw new StudioError(
      'bad_input',
      `${folder} holds a LoRA adapter (adapter_config.json), not a model: register its base model folder, then apply the adapter to it.`,
    );
  }
  const { arch, config } = await readHfConfig(folder);
  const weights = await readHfWeightShapes(folder);
  const warnings: string[] = [];

  // Shapes against the architecture (throws naming the tensor and both shapes on a mismatch).
  const check = checkWeights(arch, config, weights.shapes);
  if (check.missing.length > 0) {
    const body = check.missing.filter((n) => n.startsWith(`${arch.basePrefix}.`));
    if (body.length > 0) {
      throw new StudioError('bad_input', `The weights in ${folder} lack ${body.length} tensor(s) a ${config.model_type} model with this config.json needs: ${list(body)}`);
    }
    warnings.push(`No weights for the ${config.head} head (${list(check.missing)}): they will be initialised before training.`);
  }
  if (check.unexpected.length > 0) warnings.push(`${check.unexpected.length} tensor(s) not used by the model are ignored: ${list(check.unexpected)}`);
  if (weights.ignored.length > 0) warnings.push(`Integer buffers ignored (recomputed by the model): ${list(weights.ignored)}`);
  const dtypes = [...new Set(weights.dtypes.values())].sort();
  if (dtypes.some((d) => d !== 'F32')) warnings.push(`Weights stored as ${dtypes.join(', ')} are computed in float32 (twice their size in memory for 16-bit).`);

  if (!hasTokenizerFiles(folder)) {
    throw new StudioError('bad_input', `${folder} has no tokenizer: expected tokenizer.json, vocab.txt, vocab.json + merges.txt, or tokenizer.model. Copy the tokenizer files that came with the model into the folder.`);
  }
  const tokenizer = await loadTokenizer(folder);
  if (tokenizer.vocab_size > config.vocab_size) {
    throw new StudioError(
      'bad_input',
      `The tokenizer has ${tokenizer.vocab_size} tokens but config.json's vocab_size is ${config.vocab_size}: ids past the embedding would fail. The tokenizer does not belong to these weights.`,
    );
  }
  if (tokenizer.vocab_size < config.vocab_size) {
    warnings.push(`The embedding has ${config.vocab_size} rows for ${tokenizer.vocab_size} tokenizer ids (padded vocabulary; the extra rows are unused).`);
  }

  for (const [key, id, own] of [
    ['pad_token_id', config.pad_token_id, tokenizer.special.pad],
    ['bos_token_id', config.bos_token_id, tokenizer.special.bos],
    ['eos_token_id', config.eos_token_id, tokenizer.special.eos],
  ] as const) {
    if (id !== null && own !== null && id !== own) warnings.push(`config.json's ${key} is ${id} but the tokenizer's is ${own}; the tokenizer's is used for its own text.`);
  }

  const weightFiles = [...weights.files.files, ...(weights.files.index ? [weights.files.index] : [])];
  let bytes = 0;
  for (const f of weightFiles) bytes += (await stat(join(folder, f))).size;
  const raw = config.raw;
  return {
    folder,
    model_type: config.model_type,
    architectures: Array.isArray(raw.architectures) ? raw.architectures.filter((a): a is string => typeof a === 'string') : [],
    head: config.head,
    parameters: [...check.found.values()].reduce((n, name) => n + weights.shapes.get(name)!.reduce((a, b) => a * b, 1), 0),
    bytes,
    vocab_size: config.vocab_size,
    max_positions: config.max_position_embeddings,
    hidden_size: config.hidden_size,
    layers: config.num_hidden_layers,
    heads: config.num_attention_heads,
    dtypes,
    weight_files: weightFiles,
    tokenizer: { kind: tokenizer.kind, vocab_size: tokenizer.vocab_size },
    content_hash: await hashFiles(folder, ['config.json', ...weightFiles]),
    warnings,
  };
}
