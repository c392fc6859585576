// Parsing and validating a safetensors header — pure functions over bytes, no I/O.
// Layout: u64 little-endian header length N, N bytes of UTF-8 JSON (padded with spaces), then the data.
// Every check happens before any allocation that the file controls, so a hostile header costs at most
// the capped header read and a clear StudioError.
import { StudioError } from '../../common/errors';
import { DTYPE_BYTES, isDtype, type Dtype } from './dtypes';

/** Largest header we accept. The Rust reference implementation uses 100,000,000 bytes too. */
export const MAX_HEADER_BYTES = 100_000_000;
/** Tensors deeper than this are not weights of any model we know. */
export const MAX_RANK = 8;

export interface TensorEntry {
  readonly name: string;
  readonly dtype: Dtype;
  readonly shape: readonly number[];
  /** Byte offsets relative to the start of the data section. */
  readonly begin: number;
  readonly end: number;
}

export interface SafetensorsHeader {
  /** Bytes of JSON after the 8-byte length prefix. */
  readonly headerBytes: number;
  /** Absolute file offset of the data section (8 + headerBytes). */
  readonly dataStart: number;
  readonly fileSize: number;
  readonly metadata: Readonly<Record<string, string>>;
  /** In file order (ascending offsets). */
  readonly tensors: readonly TensorEntry[];
}

function bad(source: string, message: string): StudioError {
  return new StudioError('bad_input', `${source} is not a valid safetensors file: ${message}`);
}

/**
 * Reads the length prefix. `prefix` holds the first 8 bytes (or fewer, for a tiny file).
 * Returns the header length once it is known to fit in the file and under the cap.
 */
export function parseHeaderLength(prefix: Uint8Array, fileSize: number, source: string): number {
  if (fileSize < 8 || prefix.length < 8) {
    throw bad(source, `the file is ${fileSize} bytes, shorter than the 8-byte header length (truncated or not a safetensors file)`);
  }
  const view = new DataView(prefix.buffer, prefix.byteOffset, 8);
  const length = view.getBigUint64(0, true);
  if (length > BigInt(MAX_HEADER_BYTES)) {
    throw bad(source, `the header claims ${length} bytes, over the ${MAX_HEADER_BYTES}-byte limit`);
  }
  const n = Number(length);
  if (n < 2) throw bad(source, `the header length is ${n} bytes, too short for a JSON object`);
  if (8 + n > fileSize) {
    throw bad(source, `the header claims ${n} bytes but the file has only ${fileSize - 8} after the length (truncated?)`);
  }
  return n;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkShape(name: string, shape: unknown, source: string): number[] {
  if (!Array.isArray(shape)) throw bad(source, `tensor "${name}": "shape" must be an array of integers`);
  if (shape.length > MAX_RANK) throw bad(source, `tensor "${name}": rank ${shape.length} is over the limit of ${MAX_RANK}`);
  for (const dim of shape) {
    if (typeof dim !== 'number' || !Number.isSafeInteger(dim) || dim < 0) {
      throw bad(source, `tensor "${name}": shape ${JSON.stringify(shape)} must hold non-negative integers`);
    }
  }
  return shape as number[];
}

/** Element count, refusing a product that is not an exact safe integer. */
function elementCount(name: string, shape: readonly number[], source: string): number {
  let count = 1;
  for (const dim of shape) {
    count *= dim;
    if (!Number.isSafeInteger(count)) throw bad(source, `tensor "${name}": shape ${JSON.stringify(shape)} is too large`);
  }
  return count;
}

/**
 * Validates the JSON header. `json` is the header's bytes; `dataBytes` the size of the data section
 * (file size − 8 − header length). Returns entries sorted by offset, checked to cover the data exactly.
 */
export function parseHeaderJson(
  json: Uint8Array,
  dataBytes: number,
  source: string,
): { metadata: Record<string, string>; tensors: TensorEntry[] } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    throw bad(source, 'the header is not valid UTF-8');
  }
  if (!text.startsWith('{')) throw bad(source, 'the header does not start with a JSON object');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw bad(source, `the header is not valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(parsed)) throw bad(source, 'the header is not a JSON object');

  const metadata: Record<string, string> = {};
  const tensors: TensorEntry[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (name === '__metadata__') {
      if (!isPlainObject(value)) throw bad(source, '"__metadata__" must be an object of strings');
      for (const [key, item] of Object.entries(value)) {
        if (typeof item !== 'string') throw bad(source, `"__metadata__.${key}" must be a string`);
        metadata[key] = item;
      }
      continue;
    }
    if (name.length === 0) throw bad(source, 'a tensor has an empty name');
    if (!isPlainObject(value)) throw bad(source, `tensor "${name}" must be an object with dtype, shape and data_offsets`);
    const { dtype, shape, data_offsets: offsets } = value;
    if (!isDtype(dtype)) {
      throw bad(source, `tensor "${name}" has unknown dtype ${JSON.stringify(dtype)} (known: ${Object.keys(DTYPE_BYTES).join(', ')})`);
    }
    const dims = checkShape(name, shape, source);
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => typeof o === 'number' && Number.isSafeInteger(o) && o >= 0)
    ) {
      throw bad(source, `tensor "${name}": "data_offsets" must be two non-negative integers [begin, end]`);
    }
    const [begin, end] = offsets as [number, number];
    if (end < begin) throw bad(source, `tensor "${name}": data_offsets [${begin}, ${end}] end before they begin`);
    if (end > dataBytes) {
      throw bad(source, `tensor "${name}": data_offsets [${begin}, ${end}] run past the end of the data (${dataBytes} bytes; truncated file?)`);
    }
    const expected = elementCount(name, dims, source) * DTYPE_BYTES[dtype];
    if (expected !== end - begin) {
      throw bad(source, `tensor "${name}": shape ${JSON.stringify(dims)} of ${dtype} needs ${expected} bytes but data_offsets span ${end - begin}`);
    }
    tensors.push({ name, dtype, shape: dims, begin, end });
  }

  tensors.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const entry of tensors) {
    if (entry.begin < cursor) throw bad(source, `tensor "${entry.name}" overlaps the tensor before it (offset ${entry.begin} < ${cursor})`);
    if (entry.begin > cursor) throw bad(source, `bytes ${cursor}..${entry.begin} of the data belong to no tensor`);
    cursor = entry.end;
  }
  if (cursor !== dataBytes) {
    throw bad(source, `the tensors cover ${cursor} bytes but the data section has ${dataBytes} (trailing bytes after the last tensor)`);
  }
  return { metadata, tensors };
}

/** Parses a whole in-memory safetensors buffer's header (used by tests and small files). */
export function parseSafetensorsHeader(bytes: Uint8Array, source = 'buffer'): SafetensorsHeader {
  const headerBytes = parseHeaderLength(bytes.subarray(0, 8), bytes.length, source);
  const dataStart = 8 + headerBytes;
  const { metadata, tensors } = parseHeaderJson(bytes.subarray(8, dataStart), bytes.length - dataStart, source);
  return { headerBytes, dataStart, fileSize: bytes.length, metadata, tensors };
}
