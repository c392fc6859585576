// Safetensors files: a streaming reader (header validated first, then one tensor at a time straight
// into its Float32Array) and an atomic streaming writer (sorted names, 8-byte aligned, space padded).
// Usage: `const weights = await readSafetensors(file)`; `await writeSafetensors(file, weights)`.
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { StudioError } from '../../common/errors';
import { writeFileAtomic } from '../../platform/atomic';
import { DTYPE_BYTES, fromFloat32, isFloatDtype, storedDtype, toFloat32, type Dtype, type WritableDtype } from './dtypes';
import { parseHeaderJson, parseHeaderLength, type SafetensorsHeader, type TensorEntry } from './header';

export type { SafetensorsHeader, TensorEntry } from './header';
export type { Dtype, WritableDtype } from './dtypes';

/** A tensor as the engine holds it: float32 data in row-major order, and the dtype it was stored in. */
export interface LoadedTensor {
  dtype: Dtype;
  shape: number[];
  data: Float32Array;
}

/**
 * A tensor to write. F16/BF16 narrow the float32 data on the way out (lossless for data read from
 * such a file); anything else, or no dtype, is written as F32. A LoadedTensor is a TensorToWrite.
 */
export interface TensorToWrite {
  shape: readonly number[];
  data: Float32Array;
  dtype?: Dtype;
}

export interface ReadOptions {
  /** Return false to skip a tensor (its bytes are never read). */
  include?: (entry: TensorEntry) => boolean;
}

async function readExactly(handle: FileHandle, target: Uint8Array, position: number, source: string): Promise<void> {
  let done = 0;
  while (done < target.length) {
    const chunk = Math.min(target.length - done, 1 << 30);
    const { bytesRead } = await handle.read(target, done, chunk, position + done);
    if (bytesRead === 0) {
      throw new StudioError('bad_input', `${source} ended early: expected ${target.length} bytes at offset ${position} (truncated file?)`);
    }
    done += bytesRead;
  }
}

async function readHeaderFrom(handle: FileHandle, source: string): Promise<SafetensorsHeader> {
  const info = await handle.stat();
  if (info.isDirectory()) throw new StudioError('bad_input', `Expected a safetensors file but found a folder: ${source}`);
  const { size } = info;
  const prefix = new Uint8Array(Math.min(8, size));
  if (prefix.length > 0) await readExactly(handle, prefix, 0, source);
  const headerBytes = parseHeaderLength(prefix, size, source); // bounded before we allocate the header
  const json = new Uint8Array(headerBytes);
  await readExactly(handle, json, 8, source);
  const dataStart = 8 + headerBytes;
  const { metadata, tensors } = parseHeaderJson(json, size - dataStart, source);
  return { headerBytes, dataStart, fileSize: size, metadata, tensors };
}

async function openForRead(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StudioError('bad_input', `Safetensors file not found: ${file}`);
    if (code === 'EISDIR') throw new StudioError('bad_input', `Expected a safetensors file but found a folder: ${file}`);
    throw new StudioError('bad_input', `Cannot open ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Reads and validates only the header (a few KB for most models). */
export async function readSafetensorsHeader(file: string): Promise<SafetensorsHeader> {
  const handle = await openForRead(file);
  try {
    return await readHeaderFrom(handle, basename(file));
  } finally {
    await handle.close();
  }
}

async function readTensor(handle: FileHandle, header: SafetensorsHeader, entry: TensorEntry, source: string): Promise<LoadedTensor> {
  const { dtype } = entry;
  if (!isFloatDtype(dtype)) {
    throw new StudioError(
      'unsupported',
      `${source}: tensor "${entry.name}" is stored as ${dtype}; weights must be F32, F16, BF16 or F64`,
    );
  }
  const count = entry.shape.reduce((a, b) => a * b, 1);
  // Fresh, aligned buffer: for F32 the bytes read become the Float32Array itself (no second copy).
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(entry.end - entry.begin);
  } catch (error) {
    throw new StudioError('unsupported', `${source}: tensor "${entry.name}" (${entry.end - entry.begin} bytes) is too large to hold in memory here`, { cause: error });
  }
  await readExactly(handle, bytes, header.dataStart + entry.begin, source);
  let data: Float32Array;
  try {
    data = toFloat32(dtype, bytes, count);
  } catch (error) {
    throw new StudioError('unsupported', `${source}: tensor "${entry.name}" (${count} values) is too large to hold in memory here`, { cause: error });
  }
  return { dtype, shape: [...entry.shape], data };
}

/** Yields the tensors one at a time in file order; only one tensor's raw bytes are held at a time. */
export async function* streamSafetensors(
  file: string,
  options: ReadOptions = {},
): AsyncGenerator<[string, LoadedTensor], void, undefined> {
  const source = basename(file);
  const handle = await openForRead(file);
  try {
    const header = await readHeaderFrom(handle, source);
    for (const entry of header.tensors) {
      if (options.include && !options.include(entry)) continue;
      yield [entry.name, await readTensor(handle, header, entry, source)];
    }
  } finally {
    await handle.close();
  }
}

/** Reads every (included) tensor of a safetensors file as float32. */
export async function readSafetensors(file: string, options: ReadOptions = {}): Promise<Map<string, LoadedTensor>> {
  const tensors = new Map<string, LoadedTensor>();
  for await (const [name, tensor] of streamSafetensors(file, options)) tensors.set(name, tensor);
  return tensors;
}

/** The header bytes for these entries: JSON padded with spaces so that the data starts 8-byte aligned. */
export function encodeHeader(
  entries: readonly { name: string; dtype: Dtype; shape: readonly number[]; begin: number; end: number }[],
  metadata: Readonly<Record<string, string>> | null,
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  for (const e of entries) header[e.name] = { dtype: e.dtype, shape: e.shape, data_offsets: [e.begin, e.end] };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = Math.ceil(json.length / 8) * 8;
  const out = Buffer.alloc(8 + padded, 0x20);
  out.writeBigUInt64LE(BigInt(padded), 0);
  json.copy(out, 8);
  return out;
}

function checkTensor(name: string, tensor: TensorToWrite): void {
  if (name === '__metadata__' || name.length === 0) throw new StudioError('internal', `Invalid tensor name "${name}"`);
  if (!(tensor.data instanceof Float32Array)) throw new StudioError('internal', `Tensor "${name}": data must be a Float32Array`);
  const count = tensor.shape.reduce((a, b) => a * b, 1);
  if (!tensor.shape.every((d) => Number.isSafeInteger(d) && d >= 0) || count !== tensor.data.length) {
    throw new StudioError('internal', `Tensor "${name}": shape ${JSON.stringify(tensor.shape)} does not match ${tensor.data.length} values`);
  }
}

/**
 * Writes tensors sorted by name with contiguous offsets, atomically: a reader sees the old file or the
 * complete new one. Metadata defaults to `{"format":"pt"}`, which `transformers` expects.
 */
export async function writeSafetensors(
  file: string,
  tensors: ReadonlyMap<string, TensorToWrite>,
  metadata: Readonly<Record<string, string>> = { format: 'pt' },
): Promise<void> {
  const names = [...tensors.keys()].sort();
  const entries: { name: string; dtype: WritableDtype; shape: readonly number[]; begin: number; end: number }[] = [];
  let offset = 0;
  for (const name of names) {
    const tensor = tensors.get(name)!;
    checkTensor(name, tensor);
    const dtype = storedDtype(tensor.dtype);
    const bytes = tensor.data.length * DTYPE_BYTES[dtype];
    entries.push({ name, dtype, shape: [...tensor.shape], begin: offset, end: offset + bytes });
    offset += bytes;
  }
  const header = encodeHeader(entries, metadata);
  await writeFileAtomic(file, async (write) => {
    await write(header);
    for (const entry of entries) await write(fromFloat32(entry.dtype, tensors.get(entry.name)!.data));
  });
}
