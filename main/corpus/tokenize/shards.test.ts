// Token shards: the ids written are the tokenizer's ids, read back by offset; dtype follows the vocabulary.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpusTokenizer } from './engine-tokenizer';
import { FertilityCounter } from './fertility';
import { ShardSetWriter, dtypeFor, type ShardIndex } from './shards';
import { wordTokenizer } from './word-tokenizer';

const BERT = join(process.cwd(), 'test/fixtures/hf-reference/bert');
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'studio-shards-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function readShard(index: ShardIndex, file: string): number[] {
  const bytes = readFileSync(join(dir, file));
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += index.dtype === 'uint16' ? 2 : 4) out.push(index.dtype === 'uint16' ? bytes.readUInt16LE(i) : bytes.readUInt32LE(i));
  return out;
}

describe('ShardSetWriter', () => {
  it('writes each split with document offsets and a separator, and an index', async () => {
    const tok = await loadCorpusTokenizer(BERT);
    const writer = new ShardSetWriter(dir, tok);
    const docs = ['the patient was seen', 'plan follow up', 'another document here'];
    writer.add(docs[0]!, 'train');
    writer.add(docs[1]!, 'validation');
    writer.add(docs[2]!, 'train');
    const index = writer.finish();
    expect(index.dtype).toBe('uint16');
    expect(index.documents).toEqual({ train: 2, validation: 1 });
    const train = readShard(index, 'train-00000.bin');
    const first = tok.encodeIds(docs[0]!);
    const second = tok.encodeIds(docs[2]!);
    expect(train).toEqual([...first, tok.separatorId, ...second, tok.separatorId]);
    const ends = readFileSync(join(dir, 'train-00000.idx'));
    expect([ends.readUInt32LE(0), ends.readUInt32LE(4)]).toEqual([first.length + 1, first.length + second.length + 2]);
    expect(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))).toEqual(index);
  });

  it('starts a new shard rather than splitting a document, and uses uint32 for large vocabularies', () => {
    const tok = wordTokenizer(100_000);
    expect(dtypeFor(tok.vocab_size)).toBe('uint32');
    const writer = new ShardSetWriter(dir, tok, 8);
    writer.add('one two three four five', 'train');
    writer.add('six seven eight', 'train');
    const index = writer.finish();
    expect(index.shards.map((s) => [s.file, s.documents, s.tokens])).toEqual([
      ['train-00000.bin', 1, 6],
      ['train-00001.bin', 1, 4],
    ]);
    expect(readShard(index, 'train-00001.bin')).toEqual([...tok.encodeIds('six seven eight'), 0]);
  });
});

describe('FertilityCounter', () => {
  it('reports tokens per word and the frequent words split into the most pieces', async () => {
    const tok = await loadCorpusTokenizer(BERT);
    const counter = new FertilityCounter();
    const text = 'apixaban anticoagulation the the the patient apixaban anticoagulation';
    counter.add(text, tok.encodeIds(text).length);
    const report = counter.report(tok, { minChars: 4 });
    expect(report.words).toBe(8);
    expect(report.tokens_per_word).toBeCloseTo(tok.encodeIds(text).length / 8, 3);
    // The fixture vocabulary splits apixaban into 4 pieces and anticoagulation into 7; patient into 2.
    expect(report.fragmented.map((w) => [w.word, w.pieces, w.count])).toEqual([
      ['anticoagulation', 7, 2],
      ['apixaban', 4, 2],
    ]);
  });
});
