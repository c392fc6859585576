// Quick inference on a Hugging Face folder (`studio try`): for a masked LM the top-k fillers of each
// mask token, for a causal LM the next-token distribution at every position, optionally the raw
// logits, and greedy generation. Pure engine code: folder in, predictions out.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../native/tfjs-backend';
import type { BackendName, ModelTryResult, TryCandidate } from '../common/dto';
import { StudioError } from '../common/errors';
import { loadHfWeights } from './hf/weights';
import { loadLoraAdapter } from './lora/adapter';
import { mergeLora } from './lora/merge';
import type { HostTensor } from './train/params';
import { forward } from './models/forward';
import { readModelConfig, type ModelSpec } from './models/registry';
import type { Params } from './models/types';
import { disposeParams, paramsFromCheckpoint } from './models/weights';
import { argmax, tokenPicker, type SamplingOptions } from './sampling';
import { hasTokenizerFiles, loadTokenizer, type Tokenizer } from './tokenizers';

export interface TryRequest extends SamplingOptions {
  /** Text to tokenize (with the model's special tokens), or… */
  text?: string;
  /** …the ids to run as they are. */
  ids?: readonly number[];
  top_k?: number;
  /** Include one vocabulary-size array of logits per entry of `positions`. */
  logits?: boolean;
  /** Greedy tokens to generate (causal LMs). */
  generate?: number;
  backend?: BackendName;
  /** A PEFT LoRA adapter folder trained on this model (a cpt-lora run's), merged in before running. */
  adapter?: string;
}

export interface LoadedModel extends ModelSpec {
  folder: string;
  params: Params;
  tokenizer: Tokenizer | null;
  dispose(): void;
}

/** Loads config, weights (as tfjs tensors on the active backend) and the tokenizer when present. */
export async function loadModelForInference(folder: string, backend?: BackendName, adapter?: string): Promise<LoadedModel & { backend: BackendName }> {
  const { name } = await initBackend(backend);
  const spec = await readModelConfig(folder);
  if (spec.config.head !== 'masked-lm' && spec.config.head !== 'causal-lm') {
    throw new StudioError('unsupported', `${folder} is a ${spec.config.head} model (${spec.config.architecture}); try works on masked and causal language models`);
  }
  const tokenizer = hasTokenizerFiles(folder) ? await loadTokenizer(folder) : null;
  let weights: ReadonlyMap<string, HostTensor> = await loadHfWeights(folder);
  if (adapter !== undefined) weights = mergeLora(weights, await loadLoraAdapter(adapter, spec.config.model_type, weights));
  const { params } = paramsFromCheckpoint(spec.arch, spec.config, new Map(weights), { release: true });
  return { ...spec, folder, params, tokenizer, backend: name, dispose: () => disposeParams(params) };
}

/** Softmax over one row, in float64, and the k most probable ids (ties: lower id first). */
export function topK(row: Float32Array, k: number, tokenizer: Tokenizer | null): TryCandidate[] {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  let sum = 0;
  for (const v of row) sum += Math.exp(v - max);
  // Partial selection: a sorted list of the best k so far (O(V) for small k, no full sort of the vocabulary).
  const order: number[] = [];
  for (let id = 0; id < row.length; id++) {
    const v = row[id]!;
    if (order.length === k && !(v > row[order[k - 1]!]!)) continue;
    let at = order.length;
    while (at > 0 && v > row[order[at - 1]!]!) at--;
    order.splice(at, 0, id);
    if (order.length > k) order.pop();
  }
  return order.map((id) => ({ id, token: tokenizer?.idToToken(id) ?? null, probability: Math.exp(row[id]! - max) / sum }));
}

function inputIds(model: LoadedModel, request: TryRequest): number[] {
  if ((request.text === undefined) === (request.ids === undefined)) {
    throw new StudioError('invalid_request', 'Give either a text or a list of token ids', { field: 'text' });
  }
  if (request.ids !== undefined) {
    const bad = request.ids.find((id) => !Number.isInteger(id) || id < 0 || id >= model.config.vocab_size);
    if (bad !== undefined) throw new StudioError('bad_input', `Token id ${bad} is outside the vocabulary (0..${model.config.vocab_size - 1})`, { field: 'ids' });
    return [...request.ids];
  }
  if (model.tokenizer === null) throw new StudioError('bad_input', `${model.folder} has no tokenizer files: pass token ids instead of text`);
  return model.tokenizer.encode(request.text!).ids;
}

/** Logits [T, V] of one sequence as rows. */
function logitsRows(model: LoadedModel, ids: readonly number[]): Float32Array[] {
  const out = forward(model.arch, model.params, model.config, { input_ids: [ids] });
  const data = out.logits.dataSync() as Float32Array;
  tf.dispose([out.logits, ...out.hiddenStates]);
  const v = model.config.vocab_size;
  return ids.map((_, t) => data.subarray(t * v, (t + 1) * v));
}

/** Runs the model on a loaded folder. */
export function tryLoadedModel(model: LoadedModel & { backend: BackendName }, request: TryRequest): ModelTryResult {
  const k = Math.min(request.top_k ?? 5, model.config.vocab_size);
  const ids = inputIds(model, request);
  const tokens = model.tokenizer ? ids.map((id) => model.tokenizer!.idToToken(id) ?? '') : null;
  const task = model.config.head as 'masked-lm' | 'causal-lm';
  let positions: number[];
  if (task === 'masked-lm') {
    const maskId = model.tokenizer?.special.mask ?? null;
    if (maskId === null) throw new StudioError('bad_input', `${model.folder}: the tokenizer has no mask token, so there is nothing to fill`);
    positions = ids.flatMap((id, i) => (id === maskId ? [i] : []));
    if (positions.length === 0) {
      const mask = model.tokenizer?.idToToken(maskId) ?? String(maskId);
      throw new StudioError('bad_input', `The input has no mask token: put ${mask} (id ${maskId}) where the model should fill in a word`);
    }
  } else {
    positions = ids.map((_, i) => i);
  }
  const rows = logitsRows(model, ids);
  const result: ModelTryResult = {
    model: model.folder,
    model_type: model.config.model_type,
    task,
    backend: model.backend,
    input_ids: ids,
    tokens,
    positions,
    top: positions.map((position) => ({ position, candidates: topK(rows[position]!, k, model.tokenizer) })),
  };
  if (request.logits) result.logits = positions.map((p) => Array.from(rows[p]!));
  const steps = request.generate ?? 0;
  if (steps > 0) {
    if (task !== 'causal-lm') throw new StudioError('invalid_request', 'Generation needs a causal language model (GPT-2, LLaMA)', { field: 'generate' });
    result.generated = generateGreedy(model, ids, steps, rows[rows.length - 1]!, tokenPicker(request));
  }
  return result;
}

/** Greedy decoding without a cache: each step reruns the sequence (fine for a quick check). */
/** `pick` chooses each token (greedy by default; top-p sampling with SamplingOptions). */
function generateGreedy(model: LoadedModel, prompt: readonly number[], steps: number, firstRow: Float32Array, pick: (row: Float32Array) => number = argmax): NonNullable<ModelTryResult['generated']> {
  const maxLength = model.config.max_position_embeddings;
  const eos = model.config.eos_token_id;
  const out: number[] = [];
  let row = firstRow;
  const sequence = [...prompt];
  for (let step = 0; step < steps && sequence.length < maxLength; step++) {
    const next = pick(row);
    out.push(next);
    sequence.push(next);
    if (next === eos || step === steps - 1 || sequence.length >= maxLength) break;
    const rows = logitsRows(model, sequence);
    row = rows[rows.length - 1]!;
  }
  const tokenizer = model.tokenizer;
  return {
    ids: out,
    tokens: tokenizer ? out.map((id) => tokenizer.idToToken(id) ?? '') : null,
    text: tokenizer ? tokenizer.decode(out, { skip_special_tokens: true }) : null,
  };
}


/** Folder → predictions; loads and frees the model. */
export async function tryModel(folder: string, request: TryRequest): Promise<ModelTryResult> {
  const model = await loadModelForInference(folder, request.backend, request.adapter);
  try {
    return tryLoadedModel(model, request);
  } finally {
    model.dispose();
  }
}
