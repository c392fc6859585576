// The folder formats of an export, each written atomically (a staging folder renamed into place) and
// verified by reading it back: every tensor's name, shape and SHA-256 of its values must equal what was
// meant to be written. hf: a model folder re-saved by the engine's saveHfFolder; peft: the run's adapter
// re-saved in PEFT's layout; merged: the adapter folded into the base weights (E3's mergeLora), saved as
// a Hugging Face folder.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StudioError } from '../common/errors';
import { loadHfWeights, readHfWeightShapes } from '../engine/hf/weights';
import { saveHfFolder } from '../engine/hf/save';
import { loadLoraAdapter, saveLoraAdapter, type LoraAdapter } from '../engine/lora/adapter';
import { mergeLora } from '../engine/lora/merge';
import { fsyncDirSync } from '../platform/atomic';
import { initBackend } from '../../native/tfjs-backend';

interface TensorLike {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface FolderDigest {
  files: number;
  bytes: number;
  /** SHA-256 over the sorted `path\0sha256\n` lines of every file. */
  sha256: string;
}

export interface WrittenFormat {
  folder: string;
  digest: FolderDigest;
  verification: { tensors: number; checked: 'tensor-sha256' | 'onnxruntime-parity'; config?: Record<string, unknown> };
}

/** name → "shape:sha256 of the float32 values": what a read-back must reproduce. */
export function tensorDigests(tensors: ReadonlyMap<string, TensorLike>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, t] of tensors) {
    const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    out.set(name, `[${t.shape.join(',')}]:${createHash('sha256').update(bytes).digest('hex')}`);
  }
  return out;
}

/** Throws naming the first tensor that differs, is missing or is extra. */
export function compareDigests(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>, what: string): number {
  for (const [name, digest] of expected) {
    const got = actual.get(name);
    if (got === undefined) throw new StudioError('internal', `Export check failed: ${what} lacks tensor ${name} after writing`);
    if (got !== digest) throw new StudioError('internal', `Export check failed: tensor ${name} of ${what} reads back different from what was written`);
  }
  const extra = [...actual.keys()].filter((k) => !expected.has(k));
  if (extra.length) throw new StudioError('internal', `Export check failed: ${what} holds unexpected tensors (${extra.slice(0, 3).join(', ')})`);
  return expected.size;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function digestFolder(folder: string): Promise<FolderDigest> {
  const lines: string[] = [];
  let bytes = 0;
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(join(folder, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else {
        bytes += (await stat(join(folder, path))).size;
        lines.push(`${path}\0${await sha256File(join(folder, path))}\n`);
      }
    }
  };
  await walk('');
  lines.sort();
  return { files: lines.length, bytes, sha256: createHash('sha256').update(lines.join('')).digest('hex') };
}

async function readConfig(folder: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
}

/** A Hugging Face folder at `target` holding `tensors`, checked by reloading it. */
async function writeHfChecked(target: string, config: Record<string, unknown>, tensors: ReadonlyMap<string, TensorLike>, tokenizerFrom: string): Promise<WrittenFormat> {
  const expected = tensorDigests(tensors);
  await saveHfFolder(target, { config, tensors, tokenizerFrom });
  try {
    const count = compareDigests(expected, tensorDigests(await loadHfWeights(target)), target);
    return { folder: target, digest: await digestFolder(target), verification: { tensors: count, checked: 'tensor-sha256' } };
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    throw error;
  }
}

/** hf: the model folder's weights (dtypes kept), config and tokenizer, re-saved by the engine. */
export async function writeHf(source: string, target: string): Promise<WrittenFormat> {
  const weights = await loadHfWeights(source);
  return writeHfChecked(target, await readConfig(source), weights, source);
}

async function loadAdapter(adapterFolder: string, baseFolder: string): Promise<{ adapter: LoraAdapter; modelType: string }> {
  const config = await readConfig(baseFolder);
  const modelType = String(config.model_type);
  const { shapes } = await readHfWeightShapes(baseFolder);
  const base = new Map([...shapes].map(([name, shape]) => [name, { shape }]));
  return { adapter: await loadLoraAdapter(adapterFolder, modelType, base), modelType };
}

/** peft: the run's adapter, re-saved with PEFT's keys and config, checked by reloading it. */
export async function writePeft(adapterFolder: string, baseFolder: string, target: string): Promise<WrittenFormat> {
  const { adapter, modelType } = await loadAdapter(adapterFolder, baseFolder);
  const staging = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`);
  await mkdir(staging, { recursive: true });
  try {
    await saveLoraAdapter(staging, adapter);
    const again = await loadAdapter(staging, baseFolder);
    const count = compareDigests(tensorDigests(adapter.tensors), tensorDigests(again.adapter.tensors), 'the PEFT adapter');
    if (again.adapter.config.r !== adapter.config.r || again.adapter.scaling !== adapter.scaling) {
      throw new StudioError('internal', 'Export check failed: the PEFT adapter_config.json reads back with a different rank or scaling');
    }
    const existing = await readdir(target).catch(() => null);
    if (existing && existing.length > 0) throw new StudioError('conflict', `${target} already exists and is not empty; choose a new folder.`);
    if (existing) await rm(target, { recursive: true });
    await rename(staging, target);
    fsyncDirSync(dirname(target));
    return {
      folder: target,
      digest: await digestFolder(target),
      verification: { tensors: count, checked: 'tensor-sha256', config: { model_type: modelType, r: adapter.config.r, scaling: adapter.scaling } },
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * onnx: the model graph by our exporter (opset 17), checked there with onnxruntime against the engine's
 * logits (≤ 1e-4); `adapter` is merged first. Tokenizer and config files sit beside model.onnx.
 */
export async function writeOnnx(folder: string, target: string, adapter?: string, signal?: AbortSignal): Promise<WrittenFormat> {
  const { exportOnnx } = await import('./onnx');
  const result = await exportOnnx({ folder, out: target, ...(adapter ? { adapter } : {}), ...(signal ? { signal } : {}) });
  if (!result.parity) throw new StudioError('internal', 'Export check failed: the ONNX model was not compared with the engine');
  return {
    folder: target,
    digest: await digestFolder(target),
    verification: {
      tensors: 0,
      checked: 'onnxruntime-parity',
      config: { opset: result.opset, max_abs_error: result.parity.max_abs_error, inputs_checked: result.parity.inputs_checked, head: result.head },
    },
  };
}

/** merged: base + adapter folded into plain weights, as a Hugging Face folder. */
export async function writeMerged(adapterFolder: string, baseFolder: string, target: string, configFrom = baseFolder): Promise<WrittenFormat> {
  const { adapter } = await loadAdapter(adapterFolder, baseFolder);
  await initBackend('cpu'); // the merge's B·A products: exact float32 on the CPU backend
  const merged = mergeLora(await loadHfWeights(baseFolder), adapter);
  // A run that trained a new head saved its config (labels, num_labels) with its model: use that one.
  return writeHfChecked(target, await readConfig(configFrom), merged, baseFolder);
}
