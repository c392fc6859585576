// The playground on an exported ONNX model (`studio try <model> --onnx FILE`): the same answers as the
// engine's try — mask fillers for masked LMs, next-token distributions and generation (greedy, or
// top-p with a seed) for causal LMs — computed by onnxruntime-node, and label probabilities for
// sequence and token classifiers. The tokenizer is the one exported beside model.onnx, else the
// given model folder's.
import { dirname, resolve } from 'node:path';
import type { ModelTryResult } from '../../common/dto';
import { StudioError } from '../../common/errors';
import { topK } from '../../engine/infer';
import { tokenPicker, type SamplingOptions } from '../../engine/sampling';
import { hasTokenizerFiles, loadTokenizer, type Tokenizer } from '../../engine/tokenizers';
import { sharedOnnxSession, type OnnxSession } from './run';

export interface OnnxTryRequest extends SamplingOptions {
  text?: string;
  ids?: readonly number[];
  top_k?: number;
  logits?: boolean;
  generate?: number;
}

async function tokenizerFor(file: string, folder: string | null): Promise<Tokenizer | null> {
  const beside = dirname(file);
  if (hasTokenizerFiles(beside)) return loadTokenizer(beside);
  if (folder !== null && hasTokenizerFiles(folder)) return loadTokenizer(folder);
  return null;
}

/** softmax (single-label) or sigmoid (multi-label) of each row, labels by probability. */
async function classify(session: OnnxSession, path: string, task: 'sequence-classification' | 'token-classification', ids: number[], tokenizer: Tokenizer | null, request: OnnxTryRequest): Promise<ModelTryResult> {
  const meta = session.metadata;
  if ((request.generate ?? 0) > 0) throw new StudioError('invalid_request', 'Generation needs a causal language model (GPT-2, LLaMA)', { field: 'generate' });
  if (meta.problem_type === 'regression') throw new StudioError('unsupported', `${path} is a regression model: it gives a score, not label probabilities (pass logits to see it)`);
  const labels = JSON.parse(meta.labels ?? '[]') as string[];
  const { logits, dims } = await session.run({ input_ids: [ids] });
  const width = dims[dims.length - 1]!;
  const rowCount = task === 'sequence-classification' ? 1 : ids.length;
  const rows = Array.from({ length: rowCount }, (_, r) => logits.subarray(r * width, (r + 1) * width));
  const k = Math.min(request.top_k ?? 5, width);
  const candidates = (row: Float32Array) => {
    if (meta.problem_type !== 'multi_label_classification') return topK(row, k, null).map((c) => ({ ...c, token: labels[c.id] ?? `LABEL_${c.id}` }));
    const order = Array.from(row.keys()).sort((a, b) => row[b]! - row[a]! || a - b).slice(0, k);
    return order.map((id) => ({ id, token: labels[id] ?? `LABEL_${id}`, probability: 1 / (1 + Math.exp(-row[id]!)) }));
  };
  const positions = task === 'sequence-classification' ? [0] : ids.map((_, i) => i);
  const result: ModelTryResult = {
    model: path,
    model_type: meta.model_type ?? 'unknown',
    task,
    backend: 'onnxruntime',
    input_ids: ids,
    tokens: tokenizer ? ids.map((id) => tokenizer.idToToken(id) ?? '') : null,
    positions,
    top: positions.map((position, i) => ({ position, candidates: candidates(rows[i]!) })),
  };
  if (request.logits) result.logits = rows.map((row) => Array.from(row));
  return result;
}

async function rowsOf(session: OnnxSession, ids: readonly number[]): Promise<Float32Array[]> {
  const { logits, dims } = await session.run({ input_ids: [ids] });
  const v = dims[2]!;
  return ids.map((_, t) => logits.subarray(t * v, (t + 1) * v));
}

/** Runs one input through the ONNX model `file`; `folder` is the model folder (tokenizer fallback) or null. */
export async function tryOnnxModel(file: string, folder: string | null, request: OnnxTryRequest): Promise<ModelTryResult> {
  const path = resolve(file);
  const session = await sharedOnnxSession(path);
  // the session stays open for the next try (see sharedOnnxSession)
  const meta = session.metadata;
  const task = meta.head;
  const classifier = task === 'sequence-classification' || task === 'token-classification';
  if (task !== 'masked-lm' && task !== 'causal-lm' && !classifier) {
    throw new StudioError('unsupported', `${path} has no model head this app knows (${task ?? 'none recorded'}); try runs models exported by this app`);
  }
  const vocab = Number(meta.vocab_size);
  const tokenizer = await tokenizerFor(path, folder);
  if ((request.text === undefined) === (request.ids === undefined)) {
    throw new StudioError('invalid_request', 'Give either a text or a list of token ids', { field: 'text' });
  }
  let ids: number[];
  if (request.ids !== undefined) {
    const bad = request.ids.find((id) => !Number.isInteger(id) || id < 0 || id >= vocab);
    if (bad !== undefined) throw new StudioError('bad_input', `Token id ${bad} is outside the vocabulary (0..${vocab - 1})`, { field: 'ids' });
    ids = [...request.ids];
  } else {
    if (tokenizer === null) throw new StudioError('bad_input', `No tokenizer files beside ${path} or in the model folder: pass token ids instead of text`);
    ids = tokenizer.encode(request.text!).ids;
  }
  if (classifier) return await classify(session, path, task, ids, tokenizer, request);
  let positions: number[];
  if (task === 'masked-lm') {
    const maskId = tokenizer?.special.mask ?? null;
    if (maskId === null) throw new StudioError('bad_input', `${path}: the tokenizer has no mask token, so there is nothing to fill`);
    positions = ids.flatMap((id, i) => (id === maskId ? [i] : []));
    if (positions.length === 0) {
      throw new StudioError('bad_input', `The input has no mask token: put ${tokenizer?.idToToken(maskId) ?? maskId} (id ${maskId}) where the model should fill in a word`);
    }
  } else {
    positions = ids.map((_, i) => i);
  }
  const rows = await rowsOf(session, ids);
  const k = Math.min(request.top_k ?? 5, vocab);
  const result: ModelTryResult = {
    model: path,
    model_type: meta.model_type ?? 'unknown',
    task,
    backend: 'onnxruntime',
    input_ids: ids,
    tokens: tokenizer ? ids.map((id) => tokenizer.idToToken(id) ?? '') : null,
    positions,
    top: positions.map((position) => ({ position, candidates: topK(rows[position]!, k, tokenizer) })),
  };
  if (request.logits) result.logits = positions.map((p) => Array.from(rows[p]!));
  const steps = request.generate ?? 0;
  if (steps > 0) {
    if (task !== 'causal-lm') throw new StudioError('invalid_request', 'Generation needs a causal language model (GPT-2, LLaMA)', { field: 'generate' });
    const pick = tokenPicker(request);
    const maxLength = Number(meta.max_sequence_length ?? meta.max_position_embeddings);
    const eos = meta.eos_token_id ? Number(meta.eos_token_id) : null;
    const sequence = [...ids];
    const out: number[] = [];
    let row = rows[rows.length - 1]!;
    for (let step = 0; step < steps && sequence.length < maxLength; step++) {
      const next = pick(row);
      out.push(next);
      sequence.push(next);
      if (next === eos || step === steps - 1 || sequence.length >= maxLength) break;
      const all = await rowsOf(session, sequence);
      row = all[all.length - 1]!;
    }
    result.generated = {
      ids: out,
      tokens: tokenizer ? out.map((id) => tokenizer.idToToken(id) ?? '') : null,
      text: tokenizer ? tokenizer.decode(out, { skip_special_tokens: true }) : null,
    };
  }
  return result;
}
