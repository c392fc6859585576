// Safetensors reader/writer: the reference fixtures, dtype conversions, bad files with clear errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../common/errors';
import { floatToHalf, fromFloat32 } from './dtypes';
import { encodeHeader, readSafetensors, readSafetensorsHeader, streamSafetensors, writeSafetensors } from './safetensors';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/hf-reference');
const MODELS = ['bert', 'distilbert', 'roberta', 'gpt2', 'llama'] as const;
const dir = mkdtempSync(join(tmpdir(), 'studio-st-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** A safetensors file built by hand from a header object and raw data bytes. */
function handMade(header: object, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const json = Buffer.from(JSON.stringify(header));
  const out = Buffer.alloc(8 + json.length + data.length);
  out.writeBigUInt64LE(BigInt(json.length), 0);
  json.copy(out, 8);
  Buffer.from(data).copy(out, 8 + json.length);
  return out;
}

async function expectBad(path: string, pattern: RegExp): Promise<void> {
  const error = await readSafetensors(path).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StudioError);
  expect((error as StudioError).message).toMatch(pattern);
}

describe('reading the reference fixtures', () => {
  it.each(MODELS)('%s: names and shapes match the reference, values match the raw bytes', async (model) => {
    const path = join(FIXTURES, model, 'model.safetensors');
    const reference = JSON.parse(readFileSync(join(FIXTURES, model, 'reference.json'), 'utf8')) as {
      state_dict_keys_in_model_safetensors: string[];
    };
    const tensors = await readSafetensors(path);
    expect([...tensors.keys()].sort()).toEqual([...reference.state_dict_keys_in_model_safetensors].sort());
    const header = await readSafetensorsHeader(path);
    expect(header.metadata).toEqual({ format: 'pt' });
    const raw = readFileSync(path);
    for (const entry of header.tensors) {
      const tensor = tensors.get(entry.name)!;
      expect(tensor.shape).toEqual(entry.shape);
      expect(tensor.dtype).toBe('F32');
      const bytes = raw.subarray(header.dataStart + entry.begin, header.dataStart + entry.end);
      expect(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength).equals(bytes)).toBe(true);
    }
  });

  it('writing what was read reproduces the fixture file byte for byte', async () => {
    for (const model of MODELS) {
      const path = join(FIXTURES, model, 'model.safetensors');
      const out = join(dir, `${model}.copy.safetensors`);
      await writeSafetensors(out, await readSafetensors(path));
      expect(readFileSync(out).equals(readFileSync(path))).toBe(true);
    }
  });

  it('streams one tensor at a time and can skip tensors without reading them', async () => {
    const path = join(FIXTURES, 'bert', 'model.safetensors');
    const names: string[] = [];
    for await (const [name] of streamSafetensors(path, { include: (e) => e.name.includes('LayerNorm') })) names.push(name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.includes('LayerNorm'))).toBe(true);
  });
});

describe('dtypes', () => {
  it('F16 and BF16 are widened to float32 on read and narrowed back losslessly on write', async () => {
    const values = new Float32Array([0, -0, 1, -2.5, 65504, 6.103515625e-5, 5.960464477539063e-8, 0.333251953125, Infinity, -Infinity]);
    const path = join(dir, 'halves.safetensors');
    await writeSafetensors(path, new Map([
      ['a.half', { shape: [2, 5], data: values, dtype: 'F16' as const }],
      ['b.brain', { shape: [10], data: new Float32Array([1, -1, 3.140625, 1e30, -2e-30, 0, 0.5, 7, 256, -0.25]), dtype: 'BF16' as const }],
    ]));
    const read = await readSafetensors(path);
    expect(read.get('a.half')!.dtype).toBe('F16');
    expect([...read.get('a.half')!.data]).toEqual([...values]);
    expect(read.get('b.brain')!.dtype).toBe('BF16');
    expect(read.get('b.brain')!.data[2]).toBe(3.140625);
    // Write the widened values again in their dtype: identical file.
    const again = join(dir, 'halves2.safetensors');
    await writeSafetensors(again, read);
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
  });

  it('rounds float32 to half to nearest even, with overflow to infinity and subnormals', () => {
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(65520)).toBe(0x7c00); // rounds up past the largest half
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
    expect(floatToHalf(2 ** -24)).toBe(1); // smallest subnormal
    expect(floatToHalf(NaN) & 0x7c00).toBe(0x7c00);
    const bf = new Uint16Array(fromFloat32('BF16', new Float32Array([1 + 2 ** -8])).buffer);
    expect(bf[0]).toBe(0x3f80); // tie → even
  });

  it('reads F64 and refuses integer tensors as weights, naming the tensor', async () => {
    const f64 = new Float64Array([1.5, -2]);
    await expect(readSafetensors(file('f64.safetensors', handMade(
      { w: { dtype: 'F64', shape: [2], data_offsets: [0, 16] } }, new Uint8Array(f64.buffer)))))
      .resolves.toSatisfy((m: Map<string, { data: Float32Array }>) => m.get('w')!.data[0] === 1.5);
    await expectBad(file('i64.safetensors', handMade({ ids: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8))),
      /tensor "ids" is stored as I64/);
  });
});

describe('bad files get clear errors', () => {
  const tensor = (begin: number, end: number, shape = [2]) => ({ dtype: 'F32', shape, data_offsets: [begin, end] });

  it('truncated file', async () => {
    const full = readFileSync(join(FIXTURES, 'gpt2', 'model.safetensors'));
    await expectBad(file('trunc-data.safetensors', full.subarray(0, full.length - 100)), /run past the end of the data.*truncated/);
    await expectBad(file('trunc-header.safetensors', full.subarray(0, 100)), /header claims \d+ bytes but the file has only 92/);
    await expectBad(file('trunc-prefix.safetensors', full.subarray(0, 5)), /shorter than the 8-byte header length/);
    await expectBad(file('empty.safetensors', new Uint8Array(0)), /the file is 0 bytes/);
  });

  it('huge header length is refused before anything is allocated', async () => {
    const bytes = Buffer.alloc(64, 0x20);
    bytes.writeBigUInt64LE(2n ** 63n, 0);
    await expectBad(file('huge.safetensors', bytes), /over the 100000000-byte limit/);
  });

  it('structural problems name the tensor', async () => {
    const data = new Uint8Array(16);
    await expectBad(file('overlap.safetensors', handMade({ a: tensor(0, 8), b: tensor(4, 12), c: tensor(12, 16, [1]) }, data)), /"b" overlaps/);
    await expectBad(file('gap.safetensors', handMade({ a: tensor(0, 8), b: tensor(12, 16, [1]) }, data)), /bytes 8\.\.12 of the data belong to no tensor/);
    await expectBad(file('span.safetensors', handMade({ a: tensor(0, 16) }, data)), /"a": shape \[2\] of F32 needs 8 bytes but data_offsets span 16/);
    await expectBad(file('dtype.safetensors', handMade({ a: { dtype: 'Q4', shape: [4], data_offsets: [0, 16] } }, data)), /unknown dtype "Q4"/);
    await expectBad(file('shape.safetensors', handMade({ a: { dtype: 'F32', shape: [-4], data_offsets: [0, 16] } }, data)), /non-negative integers/);
    await expectBad(file('trail.safetensors', handMade({ a: tensor(0, 8) }, data)), /trailing bytes/);
    await expectBad(file('meta.safetensors', handMade({ __metadata__: { format: 1 }, a: tensor(0, 16, [4]) }, data)), /"__metadata__.format" must be a string/);
    await expectBad(file('json.safetensors', handMade({}).fill(0x41, 8)), /does not start with a JSON object/);
  });

  it('missing file and folder', async () => {
    await expectBad(join(dir, 'nope.safetensors'), /not found/);
    await expectBad(dir, /found a folder/);
  });

  it('a failed write leaves the previous file untouched', async () => {
    const path = join(dir, 'atomic.safetensors');
    await writeSafetensors(path, new Map([['a', { shape: [1], data: new Float32Array([1]) }]]));
    const before = readFileSync(path);
    await expect(writeSafetensors(path, new Map([['a', { shape: [3], data: new Float32Array([1]) }]]))).rejects.toThrow(/does not match/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('atomic.safetensors') && f.endsWith('.tmp'))).toEqual([]);
  });

  it('the header is padded with spaces so that the data starts 8-byte aligned', () => {
    const header = encodeHeader([{ name: 'x', dtype: 'F32', shape: [1], begin: 0, end: 4 }], { format: 'pt' });
    expect(header.length % 8).toBe(0);
    expect(Buffer.from(header).subarray(8).toString().trimEnd()).toBe('{"__metadata__":{"format":"pt"},"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}');
  });
});
