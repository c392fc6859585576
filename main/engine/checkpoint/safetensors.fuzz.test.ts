// Fuzz-style test of the safetensors reader: hundreds of random valid files, byte-mutated files and
// hostile headers (seeded, so a failure reproduces). Each must load correctly or throw a StudioError
// with a message — never another exception, a hang, or an allocation the file alone decides.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../common/errors';
import { DTYPE_BYTES, type Dtype } from './dtypes';
import { readSafetensors } from './safetensors';

const dir = mkdtempSync(join(tmpdir(), 'studio-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** mulberry32: small, fast, seedable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FLOAT_DTYPES: Dtype[] = ['F32', 'F16', 'BF16', 'F64'];
const HOSTILE_VALUES: unknown[] = [
  -1, 1.5, 2 ** 53, 2 ** 60, 1e308, Number.MAX_SAFE_INTEGER, '8', null, true, [], {}, [1, 2, 3], [-1, 4], [4, 0], [0, 2 ** 62],
  [2 ** 31, 2 ** 31], [1e6, 1e6, 1e6], 'F8_E4M3', 'f32', '__proto__', { dtype: 'F32' },
];

interface Built {
  bytes: Buffer;
  header: Record<string, unknown>;
  data: Uint8Array;
}

function build(header: Record<string, unknown>, data: Uint8Array, pad = 0): Buffer {
  const json = Buffer.from(JSON.stringify(header) + ' '.repeat(pad));
  const out = Buffer.alloc(8 + json.length + data.length);
  out.writeBigUInt64LE(BigInt(json.length), 0);
  json.copy(out, 8);
  Buffer.from(data).copy(out, 8 + json.length);
  return out;
}

function randomValid(rand: () => number): Built {
  const count = 1 + Math.floor(rand() * 5);
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const dtype = FLOAT_DTYPES[Math.floor(rand() * FLOAT_DTYPES.length)]!;
    const rank = Math.floor(rand() * 3);
    const shape = Array.from({ length: rank }, () => Math.floor(rand() * 5));
    const bytes = shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[dtype];
    const chunk = new Uint8Array(bytes).map(() => Math.floor(rand() * 256));
    header[`layer.${i}.weight`] = { dtype, shape, data_offsets: [offset, offset + bytes] };
    chunks.push(chunk);
    offset += bytes;
  }
  const data = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return { bytes: build(header, data, Math.floor(rand() * 8)), header, data };
}

let counter = 0;
async function outcome(bytes: Uint8Array): Promise<'ok' | 'refused'> {
  const path = join(dir, `f${counter++}.safetensors`);
  writeFileSync(path, bytes);
  try {
    const tensors = await readSafetensors(path);
    for (const t of tensors.values()) expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
    return 'ok';
  } catch (error) {
    if (!(error instanceof StudioError)) throw new Error(`non-StudioError for case ${counter - 1}: ${String(error)}`);
    expect(['bad_input', 'unsupported']).toContain(error.code);
    expect(error.message.length).toBeGreaterThan(20);
    return 'refused';
  } finally {
    rmSync(path, { force: true });
  }
}

describe('safetensors fuzz', () => {
  it('random valid files load with the declared shapes', async () => {
    const rand = prng(1);
    for (let i = 0; i < 150; i++) {
      const { bytes, header } = randomValid(rand);
      const path = join(dir, `valid${i}.safetensors`);
      writeFileSync(path, bytes);
      const tensors = await readSafetensors(path);
      for (const [name, t] of tensors) expect(t.shape).toEqual((header[name] as { shape: number[] }).shape);
      expect(tensors.size).toBe(Object.keys(header).length - 1);
    }
  });

  it('byte-mutated files (header, length prefix, truncation, extension) load or are refused cleanly', async () => {
    const rand = prng(2);
    const seen = { ok: 0, refused: 0 };
    for (let i = 0; i < 300; i++) {
      const { bytes } = randomValid(rand);
      const mutated = Buffer.from(bytes);
      const kind = i % 5;
      let input: Uint8Array = mutated;
      if (kind === 0) {
        for (let k = 0; k < 1 + rand() * 4; k++) mutated[8 + Math.floor(rand() * (mutated.length - 8))] = Math.floor(rand() * 256);
      } else if (kind === 1) {
        mutated[Math.floor(rand() * 8)] = Math.floor(rand() * 256);
      } else if (kind === 2) {
        input = mutated.subarray(0, Math.floor(rand() * mutated.length));
      } else if (kind === 3) {
        input = Buffer.concat([mutated, Buffer.alloc(1 + Math.floor(rand() * 16))]);
      } else {
        const json = mutated.subarray(8, 8 + Number(mutated.readBigUInt64LE(0)));
        const digit = json.findIndex((c, j) => j > rand() * json.length && c >= 0x30 && c <= 0x39);
        if (digit >= 0) json[digit] = 0x30 + ((json[digit]! - 0x30 + 1 + Math.floor(rand() * 8)) % 10);
      }
      seen[await outcome(input)]++;
    }
    expect(seen.refused).toBeGreaterThan(150);
  });

  it('hostile header values are refused with a StudioError', async () => {
    const rand = prng(3);
    for (let i = 0; i < 250; i++) {
      const { header, data } = randomValid(rand);
      const names = Object.keys(header).filter((n) => n !== '__metadata__');
      const name = names[Math.floor(rand() * names.length)]!;
      const entry = { ...(header[name] as Record<string, unknown>) };
      const field = ['dtype', 'shape', 'data_offsets', 'entry', 'metadata'][i % 5]!;
      const value = HOSTILE_VALUES[Math.floor(rand() * HOSTILE_VALUES.length)];
      if (field === 'entry') header[name] = value;
      else if (field === 'metadata') header.__metadata__ = { format: value };
      else entry[field] = value;
      if (field !== 'entry' && field !== 'metadata') header[name] = entry;
      const result = await outcome(build(header, data));
      // A value can be harmless only by coincidence (e.g. a zero-size tensor's offsets); the usual answer is refusal.
      if (field === 'metadata' && typeof value !== 'string') expect(result).toBe('refused');
    }
  });

  it('a declared header length near the cap on a small file is refused without allocating it', async () => {
    const bytes = Buffer.alloc(16, 0x20);
    bytes.writeBigUInt64LE(99_999_999n, 0);
    const before = process.memoryUsage().arrayBuffers;
    expect(await outcome(bytes)).toBe('refused');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50_000_000);
  });
});
