// The staging file and the encoded texts that travel between threads: every text comes back exactly
// (lone surrogates, empty texts, texts larger than the write buffer), in order, in bounded batches.
import { mkdtempSync, rmSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeTexts, encodeTexts, readStagedBatches, StagingWriter } from './staging';

const dir = mkdtempSync(join(tmpdir(), 'studio-staging-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const texts = [
  'Plain ASCII text.\nSecond line.',
  '',
  'Zoë, naïve café — 東京 and 🙂 emoji',
  'lone high \ud800 surrogate',
  'lone low \udc00 at the end \udfff',
  'x'.repeat(3 << 20), // larger than the 1 MiB write buffer
  'after the large one',
];

describe('encodeTexts', () => {
  it('decodes to exactly the texts it was given', () => {
    expect(decodeTexts(encodeTexts(texts))).toEqual(texts);
    expect(decodeTexts(encodeTexts([]))).toEqual([]);
  });
});

describe('staging file', () => {
  const stage = (name: string, docs: readonly string[]) => {
    const path = join(dir, name);
    const writer = new StagingWriter(path);
    const encoded = encodeTexts(docs);
    docs.forEach((_, k) => writer.write(k * 3, k === 1 ? 0 : k + 100, encoded, k));
    writer.close();
    return path;
  };

  it('reads back every document with its file and record, in order', () => {
    const path = stage('all.bin', texts);
    const back: { f: number; r: number; t: string }[] = [];
    for (const batch of readStagedBatches(path, 64, 1 << 20)) {
      const decoded = decodeTexts(batch.texts);
      decoded.forEach((t, k) => back.push({ f: batch.files[k]!, r: batch.records[k]!, t }));
    }
    expect(back).toEqual(texts.map((t, k) => ({ f: k * 3, r: k === 1 ? 0 : k + 100, t })));
  });

  it('cuts batches at the document count or the byte budget, never inside a document', () => {
    const docs = Array.from({ length: 10 }, (_, i) => `document ${i} `.repeat(100));
    const path = stage('batches.bin', docs);
    const sizes = [...readStagedBatches(path, 4, 1 << 20)].map((b) => b.files.length);
    expect(sizes).toEqual([4, 4, 2]);
    const small = [...readStagedBatches(path, 64, 2000)];
    expect(small.every((b) => b.files.length <= 2)).toBe(true);
    expect(small.flatMap((b) => decodeTexts(b.texts))).toEqual(docs);
  });

  it('refuses a truncated file instead of returning a partial document', () => {
    const path = stage('cut.bin', ['one document', 'another document that will be cut']);
    truncateSync(path, statSync(path).size - 5);
    expect(() => [...readStagedBatches(path, 64, 1 << 20)]).toThrow(/truncated/);
  });
});
