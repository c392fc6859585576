// The kept documents file gives back every document exactly (lone surrogates, empty texts, texts larger than
// the write buffer, any language code), in order, and refuses a truncated file.
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeptWriter, readKept, type KeptDoc } from './kept-file';
import { encodeTexts } from './staging';

const dir = mkdtempSync(join(tmpdir(), 'studio-kept-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kept documents file', () => {
  it('reads back exactly what was written', () => {
    const docs: KeptDoc[] = [
      { i: 0, file: 0, language: 'en', text: 'Plain ASCII text.\nSecond line with "quotes" and \\ backslash.' },
      { i: 3, file: 2, language: 'und', text: '' },
      { i: 4, file: 2, language: 'fr', text: 'Zoë, naïve café — 東京 and 🙂 emoji' },
      { i: 7, file: 5, language: 'en', text: 'lone high \ud800 surrogate and low \udc00' },
      { i: 8, file: 6, language: 'zh-Hant', text: 'x'.repeat(3 << 20) },
      ...Array.from({ length: 2000 }, (_, k) => ({ i: 9 + k, file: k, language: 'de', text: `Dokument ${k} ${'ß'.repeat(k % 500)}` })),
      { i: 4_000_000_000, file: 1, language: 'en', text: 'after the large ones' },
    ];
    const path = join(dir, 'kept.bin');
    const out = new KeptWriter(path);
    const texts = encodeTexts(docs.map((d) => d.text));
    docs.forEach((d, k) => out.write(d.i, d.file, d.language, texts, k));
    out.close();
    expect([...readKept(path)]).toEqual(docs);
    truncateSync(path, statSync(path).size - 1);
    expect(() => [...readKept(path)]).toThrow(/truncated/);
  });
});
