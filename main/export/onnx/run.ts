// Runs an exported ONNX model with onnxruntime-node (CPU): token id batches in, logits out. Used by the
// export's parity check, the playground (`studio try --onnx`) and the benchmark. Inputs the model does
// not declare are not sent; a declared attention_mask / token_type_ids that the caller omits is all
// ones / all zeros, as Hugging Face defaults them.
import type * as Ort from 'onnxruntime-node';
import { StudioError } from '../../common/errors';
import { readOnnxHeader } from './inspect';

export interface OnnxInputs {
  input_ids: readonly (readonly number[])[];
  attention_mask?: readonly (readonly number[])[];
  token_type_ids?: readonly (readonly number[])[];
}

export interface OnnxLogits {
  /** Row-major logits. */
  logits: Float32Array;
  /** [B, T, V] (LM and token heads) or [B, L] (sequence classification). */
  dims: number[];
}

export interface OnnxSession {
  readonly inputNames: readonly string[];
  /** metadata_props of the model (model_type, head, vocab_size, max_position_embeddings, …). */
  readonly metadata: Readonly<Record<string, string>>;
  run(inputs: OnnxInputs): Promise<OnnxLogits>;
  release(): Promise<void>;
}

function int64Matrix(ort: typeof Ort, rows: readonly (readonly number[])[], b: number, t: number, what: string): Ort.Tensor {
  if (rows.length !== b) throw new StudioError('bad_input', `${what} has ${rows.length} rows, input_ids has ${b}`);
  const data = new BigInt64Array(b * t);
  rows.forEach((row, i) => {
    if (row.length !== t) throw new StudioError('bad_input', `${what} row ${i} has ${row.length} entries, expected ${t} (pad the batch to one length)`);
    row.forEach((v, j) => {
      if (!Number.isInteger(v)) throw new StudioError('bad_input', `${what}[${i}][${j}] = ${v} is not an integer`);
      data[i * t + j] = BigInt(v);
    });
  });
  return new ort.Tensor('int64', data, [b, t]);
}

/** Opens a session on `file` (CPU execution provider). */
export async function openOnnxSession(file: string, options: { threads?: number } = {}): Promise<OnnxSession> {
  const ort = await import('onnxruntime-node');
  let session: Ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(file, {
      executionProviders: ['cpu'],
      logSeverityLevel: 3,
      ...(options.threads ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : {}),
    });
  } catch (error) {
    throw new StudioError('bad_input', `onnxruntime cannot load ${file}: ${(error as Error).message}`, { cause: error });
  }
  const { metadata } = await readOnnxHeader(file);
  const vocab = Number(metadata.vocab_size ?? NaN);
  const maxLength = Number(metadata.max_sequence_length ?? metadata.max_position_embeddings ?? NaN);
  return {
    inputNames: session.inputNames,
    metadata,
    async run(inputs) {
      const b = inputs.input_ids.length;
      const t = inputs.input_ids[0]?.length ?? 0;
      if (b === 0 || t === 0) throw new StudioError('bad_input', 'The batch is empty: give at least one token');
      if (Number.isFinite(maxLength) && t > maxLength) throw new StudioError('bad_input', `The input has ${t} tokens; this model takes at most ${maxLength}`);
      const ids = int64Matrix(ort, inputs.input_ids, b, t, 'input_ids');
      if (Number.isFinite(vocab)) {
        const bad = (ids.data as BigInt64Array).find((id) => id < 0n || id >= BigInt(vocab));
        if (bad !== undefined) throw new StudioError('bad_input', `Token id ${bad} is outside the vocabulary (0..${vocab - 1})`);
      }
      const feeds: Record<string, Ort.Tensor> = { input_ids: ids };
      const ones = () => inputs.input_ids.map((row) => row.map(() => 1));
      const zeros = () => inputs.input_ids.map((row) => row.map(() => 0));
      if (session.inputNames.includes('attention_mask')) feeds.attention_mask = int64Matrix(ort, inputs.attention_mask ?? ones(), b, t, 'attention_mask');
      if (session.inputNames.includes('token_type_ids')) feeds.token_type_ids = int64Matrix(ort, inputs.token_type_ids ?? zeros(), b, t, 'token_type_ids');
      let out: Ort.InferenceSession.ReturnType;
      try {
        out = await session.run(feeds);
      } catch (error) {
        throw new StudioError('bad_input', `onnxruntime could not run ${file} on this input: ${(error as Error).message}`, { cause: error });
      }
      const logits = out.logits;
      if (logits === undefined) throw new StudioError('bad_input', 'The ONNX model has no output named "logits"');
      const result = { logits: logits.data as Float32Array, dims: logits.dims.map(Number) };
      logits.dispose();
      return result;
    },
    release: () => session.release(),
  };
}

interface Cached {
  file: string;
  stamp: string;
  session: Promise<OnnxSession>;
  timer: NodeJS.Timeout | null;
}
let cached: Cached | null = null;
/** How long the playground's session stays open after its last use. */
export const SHARED_SESSION_IDLE_MS = 120_000;

async function stampOf(file: string): Promise<string> {
  const { stat } = await import('node:fs/promises');
  const s = await stat(file);
  return `${s.size}:${s.mtimeMs}`;
}

function dropShared(): void {
  const old = cached;
  cached = null;
  if (old?.timer) clearTimeout(old.timer);
  old?.session.then((s) => s.release()).catch(() => {});
}

/**
 * The playground's session on `file`, kept open between calls (one file at a time; reopened when the
 * file changes; released after SHARED_SESSION_IDLE_MS unused). Callers must not release it.
 */
export async function sharedOnnxSession(file: string): Promise<OnnxSession> {
  const stamp = await stampOf(file);
  if (cached === null || cached.file !== file || cached.stamp !== stamp) {
    dropShared();
    const opening = openOnnxSession(file);
    cached = { file, stamp, session: opening, timer: null };
    opening.catch(() => {
      if (cached?.session === opening) cached = null;
    });
  }
  const entry = cached;
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = setTimeout(() => {
    if (cached === entry) dropShared();
  }, SHARED_SESSION_IDLE_MS);
  entry.timer.unref();
  return entry.session;
}

/** Releases the playground's shared session now (tests, shutdown). */
export function releaseSharedOnnxSession(): void {
  dropShared();
}

/** One batch through `file`; opens and releases a session. */
export async function runOnnx(file: string, inputs: OnnxInputs): Promise<OnnxLogits> {
  const session = await openOnnxSession(file);
  try {
    return await session.run(inputs);
  } finally {
    await session.release();
  }
}
