// `exportOnnx`: a Hugging Face folder (optionally with a PEFT adapter, merged first) → model.onnx in the
// chosen folder, with config.json and the tokenizer files beside it. Everything is written into a
// staging folder first and verified there (onnxruntime-node logits against our engine's); only a
// model that passes is moved into place, so a failed or cancelled export leaves nothing behind.
import { copyFile, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StudioError } from '../../common/errors';
import { writeFileAtomic } from '../../platform/atomic';
import { loadHfWeights } from '../../engine/hf/weights';
import { loadLoraAdapter } from '../../engine/lora/adapter';
import { mergeLora } from '../../engine/lora/merge';
import { readModelConfig, type ModelSpec } from '../../engine/models/registry';
import type { HeadKind } from '../../engine/models/types';
import { TOKENIZER_FILES } from '../../engine/tokenizers/index';
import { buildOnnxModel, ONNX_IR_VERSION, ONNX_OPSET, TAKES_TOKEN_TYPES, type BuiltOnnxModel } from './build';
import type { HostTensor } from './layers';
import { encodeModel, type ModelProto } from './schema';
import { checkParity, parityBatches, type ParityReport } from './verify';

export const ONNX_FILE = 'model.onnx';
export const ONNX_DATA_FILE = 'model.onnx.data';
/** Above this many weight bytes the weights go to model.onnx.data (protobuf messages stop at 2 GiB). */
export const EXTERNAL_DATA_THRESHOLD = 1536 * 1024 * 1024;

export interface OnnxExportOptions {
  /** A Hugging Face model folder. */
  folder: string;
  /** A PEFT adapter folder, merged into the weights before export. */
  adapter?: string;
  /** The folder to write into (created if missing). */
  out: string;
  /** The head to export (the checkpoint's by default). */
  head?: HeadKind;
  /** Only 17 is produced. */
  opset?: number;
  /** Check the written model with onnxruntime against the engine (default true). */
  verify?: boolean;
  /** Largest allowed |ONNX − engine| logit difference (default 1e-4). */
  tolerance?: number;
  /** Copy config.json, generation_config.json and tokenizer files beside the model (default true). */
  copyFiles?: boolean;
  /** Weight bytes above which they are stored in model.onnx.data. */
  externalDataThreshold?: number;
  /** Overwrite an existing model.onnx (default false). */
  overwrite?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
}

export interface OnnxExportResult {
  /** Absolute path of model.onnx. */
  file: string;
  /** Bytes of model.onnx plus model.onnx.data. */
  bytes: number;
  /** Every file written, relative to `out`. */
  files: string[];
  ir_version: number;
  opset: number;
  model_type: string;
  head: HeadKind;
  inputs: string[];
  outputs: string[];
  logits_dims: Array<string | number>;
  /** null when verify was false. */
  parity: ParityReport | null;
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new StudioError('cancelled', 'The ONNX export was cancelled');
}

/** Moves the weights' bytes out of the model into one data file; returns the chunks to write in order. */
function externalise(model: ModelProto, threshold: number): Uint8Array[] | null {
  const tensors = model.graph.initializer;
  const total = tensors.reduce((n, t) => n + (t.raw_data?.byteLength ?? 0), 0);
  if (total <= threshold) return null;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const t of tensors) {
    const raw = t.raw_data;
    if (raw === undefined || raw.byteLength < 1024) continue; // small constants stay inline
    t.data_location = 1;
    t.external_data = [
      { key: 'location', value: ONNX_DATA_FILE },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(raw.byteLength) },
    ];
    delete t.raw_data;
    chunks.push(raw);
    offset += raw.byteLength;
  }
  return chunks;
}

type Built = Omit<BuiltOnnxModel, 'model'>;

/** Builds, encodes and writes model.onnx (and model.onnx.data) into `stage`. */
async function writeModel(spec: ModelSpec, weights: ReadonlyMap<string, HostTensor>, stage: string, options: OnnxExportOptions, progress: (f: number, m: string) => void): Promise<{ built: Built; files: string[] }> {
  progress(0.2, 'Building the ONNX graph');
  const { model, ...built } = buildOnnxModel(spec, weights, { head: options.head });
  const chunks = externalise(model, options.externalDataThreshold ?? EXTERNAL_DATA_THRESHOLD);
  const bytes = encodeModel(model);
  checkCancelled(options.signal);
  progress(0.4, 'Writing model.onnx');
  const files = [ONNX_FILE];
  if (chunks) {
    await writeFileAtomic(join(stage, ONNX_DATA_FILE), async (write) => {
      for (const chunk of chunks) {
        checkCancelled(options.signal);
        await write(chunk);
      }
    });
    files.push(ONNX_DATA_FILE);
  }
  await writeFileAtomic(join(stage, ONNX_FILE), (write) => write(bytes));
  return { built, files };
}

export async function exportOnnx(options: OnnxExportOptions): Promise<OnnxExportResult> {
  const progress = options.onProgress ?? (() => {});
  if (options.opset !== undefined && options.opset !== ONNX_OPSET) {
    throw new StudioError('unsupported', `Only ONNX opset ${ONNX_OPSET} is produced (asked for ${options.opset})`, { field: 'opset' });
  }
  const folder = resolve(options.folder);
  const out = resolve(options.out);
  const target = join(out, ONNX_FILE);
  if (!options.overwrite && existsSync(target)) throw new StudioError('conflict', `${target} already exists`);
  progress(0, 'Reading the model');
  const spec = await readModelConfig(folder);
  let weights: ReadonlyMap<string, HostTensor> = await loadHfWeights(folder);
  if (options.adapter) {
    progress(0.1, 'Merging the adapter');
    const adapter = await loadLoraAdapter(resolve(options.adapter), spec.config.model_type, weights);
    weights = mergeLora(weights, adapter);
  }
  checkCancelled(options.signal);

  await mkdir(out, { recursive: true });
  const stage = await mkdtemp(join(out, '.onnx-export-'));
  try {
    // the graph, its transposed weights and its encoding live only inside writeModel (freed before the check)
    const { built, files } = await writeModel(spec, weights, stage, options, progress);
    if (options.copyFiles ?? true) {
      for (const name of ['config.json', 'generation_config.json', ...TOKENIZER_FILES]) {
        if (!existsSync(join(folder, name))) continue;
        await copyFile(join(folder, name), join(stage, name));
        files.push(name);
      }
    }
    checkCancelled(options.signal);
    let parity: ParityReport | null = null;
    if (options.verify ?? true) {
      progress(0.6, 'Checking the ONNX model against the engine');
      const batches = parityBatches(spec, TAKES_TOKEN_TYPES.has(spec.arch.modelType));
      parity = await checkParity(join(stage, ONNX_FILE), spec, weights, built.head, batches, options.tolerance ?? 1e-4);
    }
    checkCancelled(options.signal);
    progress(0.95, 'Moving the files into place');
    // the data file first: a model.onnx in `out` never points at a missing or old data file
    for (const name of [...files].sort((a, b) => (a === ONNX_FILE ? 1 : b === ONNX_FILE ? -1 : 0))) {
      await rename(join(stage, name), join(out, name));
    }
    // an overwritten export that had external data must not leave its old data file behind
    if (!files.includes(ONNX_DATA_FILE)) await rm(join(out, ONNX_DATA_FILE), { force: true });
    let total = 0;
    for (const name of files.filter((f) => f === ONNX_FILE || f === ONNX_DATA_FILE)) total += (await stat(join(out, name))).size;
    progress(1, 'ONNX export done');
    return {
      file: target,
      bytes: total,
      files,
      ir_version: ONNX_IR_VERSION,
      opset: ONNX_OPSET,
      model_type: spec.arch.modelType,
      head: built.head,
      inputs: built.inputs,
      outputs: built.outputs,
      logits_dims: built.logitsDims,
      parity,
    };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
