// Canaries of a training run: planted among the training documents only (the input arrays untouched), each
// once, tokenized with the run's tokenizer, recorded for the audit; none and no record when switched off;
// the same seed plants the same canaries at the same places (a resumed run reads the data it started with).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromEngineTokenizer } from '../../corpus/tokenize/engine-tokenizer';
import { canaryText, readCanaryRecord } from '../../evaluate/canaries';
import { loadTokenizer } from '../../engine/tokenizers';
import { plantRunCanaries } from './train-canaries';

const root = mkdtempSync(join(tmpdir(), 'studio-canaries-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const TINY_BERT = join(import.meta.dirname, '../../../resources/models/tiny-bert');

describe('plantRunCanaries', () => {
  it('inserts each canary once among the training documents and records them', async () => {
    const engine = await loadTokenizer(TINY_BERT);
    const tokenizer = fromEngineTokenizer(engine, 'test');
    const train = Array.from({ length: 50 }, (_, i) => Uint16Array.from(tokenizer.encodeIds(`note ${i} about the lease and the tenant`)));
    const copy = train.slice();
    const runDir = join(root, 'run-1');
    const planted = plantRunCanaries(runDir, { canaries: 4, seed: 7 }, tokenizer, train);

    expect(train).toEqual(copy); // the corpus's documents are not changed
    expect(planted).toHaveLength(54);
    const record = readCanaryRecord(runDir)!;
    expect(record).toMatchObject({ seed: 7, repeats: 1 });
    expect(record.canaries).toHaveLength(4);
    const originals = new Set<unknown>(train);
    const extra = planted.filter((d) => !originals.has(d)).map((d) => engine.decode([...d]));
    expect(extra).toHaveLength(4);
    for (const c of record.canaries) expect(extra.some((text) => text.replace(/\s+/g, ' ').includes(c.secret))).toBe(true);
    expect(extra.join(' ')).toContain(engine.decode(tokenizer.encodeIds(canaryText(record.canaries[0]!))));

    // Same seed, same places (a resume); another seed, other secrets.
    const again = plantRunCanaries(join(root, 'run-2'), { canaries: 4, seed: 7 }, tokenizer, train);
    expect(again.map((d) => [...d].join(','))).toEqual(planted.map((d) => [...d].join(',')));
    plantRunCanaries(join(root, 'run-3'), { canaries: 4, seed: 8 }, tokenizer, train);
    expect(readCanaryRecord(join(root, 'run-3'))!.canaries.map((c) => c.secret)).not.toEqual(record.canaries.map((c) => c.secret));
  });

  it('plants nothing and writes no record with canaries 0', async () => {
    const tokenizer = fromEngineTokenizer(await loadTokenizer(TINY_BERT), 'test');
    const train = [Uint16Array.from([5, 6, 7])];
    const runDir = join(root, 'off');
    expect(plantRunCanaries(runDir, { canaries: 0, seed: 1 }, tokenizer, train)).toBe(train);
    expect(existsSync(join(runDir, 'canaries.json'))).toBe(false);
  });
});
