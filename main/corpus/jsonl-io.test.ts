// The pipeline's JSON Lines files: what JsonlWriter writes, readJsonl and readJsonlSync read back unchanged,
// whatever the chunk boundaries (multi-byte characters and long lines split across reads).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonlWriter, readJsonl, readJsonlSync } from './jsonl-io';

const dir = mkdtempSync(join(tmpdir(), 'jsonl-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll<T>(path: string, chunk?: number): Promise<T[]> {
  const out: T[] = [];
  for await (const v of readJsonl<T>(path, chunk)) out.push(v);
  return out;
}

describe('JSON Lines files', () => {
  const values = [
    { t: 'Zoë Müller — 東京 🩺 "quoted"\nsecond line\r\n', n: 1 },
    { t: '', n: null },
    { t: 'x'.repeat(5000), n: 3.25 },
    { t: '\u2028 and \u2029 separators', n: -0 },
  ];

  it('reads back exactly what was written, with any chunk size', async () => {
    const path = join(dir, 'a.jsonl');
    const w = new JsonlWriter(path);
    for (const v of values) {
      const drain = w.write(v);
      if (drain) await drain;
    }
    await w.close();
    expect(w.lines).toBe(values.length);
    const expected = values.map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    for (const chunk of [1, 3, 7, 64, 1 << 20]) expect(await readAll(path, chunk)).toEqual(expected);
    expect([...readJsonlSync(path)]).toEqual(expected);
  });

  it('keeps the order of lines past its buffer: many small lines, serialized lines, and lines longer than a buffer', async () => {
    const path = join(dir, 'c.jsonl');
    const w = new JsonlWriter(path);
    const expected: unknown[] = [];
    for (let i = 0; i < 30_000; i++) {
      const v = i % 10_000 === 5 ? { i, t: `${'ü'.repeat(900_000)}${i}` } : { i, t: `line ${i} — é` };
      const drain = i % 3 === 0 ? w.writeLine(JSON.stringify(v)) : w.write(v);
      if (drain) await drain;
      expected.push(v);
    }
    await w.close();
    expect(w.lines).toBe(30_000);
    expect(await readAll(path)).toEqual(expected);
  });

  it('can be given up at once, even when its folder goes away before the file is opened', async () => {
    const folder = join(dir, 'gone');
    mkdirSync(folder);
    const w = new JsonlWriter(join(folder, 'x.jsonl'), false);
    w.write({ a: 1 });
    w.destroy();
    rmSync(folder, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 50)); // an unhandled stream error would surface here
  });

  it('skips empty lines and reads a last line without a newline', async () => {
    const path = join(dir, 'b.jsonl');
    writeFileSync(path, '{"a":1}\n\n{"a":2}\n{"a":"é"}');
    expect(await readAll(path, 2)).toEqual([{ a: 1 }, { a: 2 }, { a: 'é' }]);
    writeFileSync(path, '');
    expect(await readAll(path)).toEqual([]);
  });
});
