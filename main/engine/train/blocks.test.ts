// Training blocks and the pre-training data source: the exact packing layouts for encoders and decoders,
// the replay share of general text, and a data position that resumes the same batches.
import { describe, expect, test } from 'vitest';
import { makeBlocks, PretrainData, type SpecialIds } from './blocks';
import { IGNORE_INDEX, type LabelledBatch } from './collate';
import { Rng } from './rng';
import type { LossFn } from './step';

const BERT: SpecialIds = { cls: 2, sep: 3, mask: 4, pad: 0, bos: null, eos: null };
const LLAMA: SpecialIds = { cls: null, sep: null, mask: null, pad: null, bos: 1, eos: 2 };

describe('makeBlocks', () => {
  test('masked LM: [CLS] piece [SEP] rows; documents separated by [SEP]; a stored trailing [SEP] is not doubled', () => {
    const blocks = makeBlocks([[10, 11, 12, 3], [20, 21]], { objective: 'masked-lm', seqLen: 6, special: BERT });
    expect(blocks.count).toBe(2);
    expect(blocks.row(0)).toEqual([2, 10, 11, 12, 3, 3]);
    expect(blocks.row(1)).toEqual([2, 20, 21, 3, 3, 0]);
    expect(blocks.mask(1)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(blocks.realTokens(1)).toBe(5);
    expect(blocks.first(1).count).toBe(1);
  });

  test('causal LM: [BOS] doc [EOS] streams cut into full rows; the tail padded with EOS and masked', () => {
    const blocks = makeBlocks([new Uint16Array([10, 11, 12]), [], [20]], { objective: 'causal-lm', seqLen: 4, special: LLAMA });
    expect([0, 1].map((i) => blocks.row(i))).toEqual([
      [1, 10, 11, 12],
      [2, 1, 20, 2],
    ]);
    expect(blocks.count).toBe(2);
    const tail = makeBlocks([[10, 11, 12, 13]], { objective: 'causal-lm', seqLen: 4, special: LLAMA });
    expect(tail.row(1)).toEqual([13, 2, 2, 2]);
    expect(tail.mask(1)).toEqual([1, 1, 0, 0]);
    expect(() => makeBlocks([[1]], { objective: 'causal-lm', seqLen: 4, special: BERT })).toThrow(/end-of-text/);
    expect(() => makeBlocks([[1]], { objective: 'masked-lm', seqLen: 4, special: LLAMA })).toThrow(/\[MASK\]/);
  });
});

describe('PretrainData', () => {
  const docs = (first: number): number[][] => Array.from({ length: 50 }, (_, d) => Array.from({ length: 30 }, (_, k) => first + ((d + k) % 40)));
  const captured: LabelledBatch[] = [];
  const make = (replayRatio: number): PretrainData =>
    new PretrainData(
      { domain: makeBlocks(docs(100), { objective: 'masked-lm', seqLen: 16, special: BERT }), general: makeBlocks(docs(500), { objective: 'masked-lm', seqLen: 16, special: BERT }) },
      {
        objective: 'masked-lm',
        masking: { maskId: 4, vocabSize: 1000, probability: 0.15, specialIds: new Set([0, 2, 3, 4]) },
        batch: 4,
        accumulation: 2,
        replayRatio,
        seed: 9,
        lossFor: (b): LossFn => {
          captured.push(b);
          return (() => {
            throw new Error('not called');
          }) as unknown as LossFn;
        },
      },
    );

  test('about replayRatio of the rows come from the general text', () => {
    captured.length = 0;
    const data = make(0.25);
    const rng = new Rng(1);
    for (let s = 0; s < 100; s++) {
      const step = data.nextStep(rng);
      expect(step.microBatches.length).toBe(2);
    }
    const rows = captured.flatMap((b) => b.labels.map((row, i) => (b.input_ids[i]!.some((id, j) => (row[j] === IGNORE_INDEX ? id : row[j]!) >= 500) ? 1 : 0)));
    const share = rows.reduce((a: number, b) => a + b, 0) / rows.length;
    expect(share).toBeGreaterThan(0.19);
    expect(share).toBeLessThan(0.31);
  });

  test('getState / setState resume the same batches', () => {
    captured.length = 0;
    const a = make(0.3);
    const rng = new Rng(2);
    for (let s = 0; s < 7; s++) a.nextStep(rng);
    const state = JSON.parse(JSON.stringify(a.getState()));
    const rngState = rng.getState();
    captured.length = 0;
    a.nextStep(rng);
    const expected = [...captured];
    captured.length = 0;
    const b = make(0.3);
    b.setState(state);
    b.nextStep(Rng.fromState(rngState));
    expect(captured).toEqual(expected);
  });
});
