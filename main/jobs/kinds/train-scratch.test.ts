// The tokenizer of a scratch run learns from the corpus's train split only, and from at most the byte budget.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainSplitTexts } from './train-scratch';

const dir = mkdtempSync(join(tmpdir(), 'studio-scratch-texts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function docsFile(docs: Array<{ split: 'train' | 'validation'; text: string }>): string {
  const file = join(dir, `docs-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, docs.map((d, i) => JSON.stringify({ id: `d${i}`, language: 'en', source: 'x.txt', ...d })).join('\n') + '\n');
  return file;
}

describe('trainSplitTexts', () => {
  it('yields the train documents in order and never a validation document', () => {
    const file = docsFile([
      { split: 'train', text: 'first line\nwith a newline' },
      { split: 'validation', text: 'held out' },
      { split: 'train', text: 'üñíçødé third' },
    ]);
    expect([...trainSplitTexts(file, Number.POSITIVE_INFINITY)]).toEqual(['first line\nwith a newline', 'üñíçødé third']);
  });

  it('stops once the byte budget is reached', () => {
    const file = docsFile(Array.from({ length: 100 }, (_, i) => ({ split: 'train' as const, text: `document ${i} `.padEnd(100, 'x') })));
    const texts = [...trainSplitTexts(file, 1000)];
    expect(texts).toHaveLength(10);
    expect(texts[9]).toMatch(/^document 9 /);
  });

  it('reads documents longer than its read buffer whole', () => {
    const long = 'wörd '.repeat(1_000_000); // 6 MB, more than one 4 MiB read, with two-byte characters across the boundary
    const file = docsFile([{ split: 'train', text: long }, { split: 'train', text: 'after' }]);
    const texts = [...trainSplitTexts(file, Number.POSITIVE_INFINITY)];
    expect(texts).toHaveLength(2);
    expect(texts[0]!.length).toBe(long.length);
    expect(texts[1]).toBe('after');
  });

  it('stops with cancelled when the job is cancelled', () => {
    const file = docsFile([{ split: 'train', text: 'a' }]);
    const abort = new AbortController();
    abort.abort();
    expect(() => [...trainSplitTexts(file, Number.POSITIVE_INFINITY, abort.signal)]).toThrow(expect.objectContaining({ code: 'cancelled' }));
  });
});
