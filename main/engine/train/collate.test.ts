// MLM masking (token-level and whole-word), causal packing and the epoch sampler: the proportions and
// rules a pre-training run depends on, and exact repeatability from the RNG state.
import { describe, expect, test } from 'vitest';
import { causalLabels, EpochSampler, IGNORE_INDEX, maskForMlm, packDocuments, wordPieceContinuation, type MaskingOptions } from './collate';
import { Rng } from './rng';

const CLS = 2;
const SEP = 3;
const MASK = 4;
const PAD = 0;

function bigBatch(rows: number, len: number): { input_ids: number[][]; attention_mask: number[][] } {
  const rng = new Rng(9);
  const input_ids: number[][] = [];
  const attention_mask: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const real = len - (i % 5);
    input_ids.push(Array.from({ length: len }, (_, j) => (j === 0 ? CLS : j === real - 1 ? SEP : j >= real ? PAD : 10 + rng.int(990))));
    attention_mask.push(Array.from({ length: len }, (_, j) => (j < real ? 1 : 0)));
  }
  return { input_ids, attention_mask };
}

const options: MaskingOptions = { maskId: MASK, vocabSize: 1000, probability: 0.15, specialIds: new Set([CLS, SEP, PAD]) };

describe('maskForMlm', () => {
  test('masks ~15% of real tokens, never specials or padding, with the 80/10/10 split', () => {
    const batch = bigBatch(200, 64);
    const out = maskForMlm(batch, options, new Rng(1));
    let candidates = 0;
    let labelled = 0;
    let masked = 0;
    let unchanged = 0;
    batch.input_ids.forEach((row, i) =>
      row.forEach((id, j) => {
        const label = out.labels[i]![j]!;
        const special = options.specialIds.has(id) || batch.attention_mask[i]![j] === 0;
        if (!special) candidates++;
        if (label === IGNORE_INDEX) {
          expect(out.input_ids[i]![j]).toBe(id);
          return;
        }
        expect(special).toBe(false);
        expect(label).toBe(id);
        labelled++;
        if (out.input_ids[i]![j] === MASK) masked++;
        else if (out.input_ids[i]![j] === id) unchanged++;
      }),
    );
    expect(labelled / candidates).toBeGreaterThan(0.14);
    expect(labelled / candidates).toBeLessThan(0.16);
    expect(masked / labelled).toBeGreaterThan(0.77);
    expect(masked / labelled).toBeLessThan(0.83);
    expect(unchanged / labelled).toBeGreaterThan(0.08); // 10% kept (+ random draws of the same id)
    expect(unchanged / labelled).toBeLessThan(0.13);
    expect(batch.input_ids[0]).toEqual(bigBatch(200, 64).input_ids[0]); // the input is not modified
  });

  test('the same RNG state gives the same masks', () => {
    const batch = bigBatch(4, 16);
    const rng = new Rng(3);
    const state = rng.getState();
    const a = maskForMlm(batch, options, rng);
    const b = maskForMlm(batch, options, Rng.fromState(state));
    expect(b).toEqual(a);
    expect(maskForMlm(batch, options, rng)).not.toEqual(a);
  });

  test('whole-word masking labels whole words only and covers ~15% of tokens', () => {
    // Ids ≥ 500 continue the previous word (like "##" pieces).
    const continuesWord = (id: number): boolean => id >= 500;
    const batch = bigBatch(100, 64);
    const out = maskForMlm(batch, { ...options, continuesWord }, new Rng(5));
    let labelled = 0;
    let candidates = 0;
    batch.input_ids.forEach((row, i) => {
      row.forEach((id, j) => {
        if (batch.attention_mask[i]![j] === 1 && !options.specialIds.has(id)) candidates++;
        const isLabelled = out.labels[i]![j] !== IGNORE_INDEX;
        if (isLabelled) labelled++;
        // A continuation piece is labelled exactly when the piece before it is.
        if (j > 0 && continuesWord(id) && !options.specialIds.has(row[j - 1]!) && batch.attention_mask[i]![j] === 1) {
          expect(isLabelled, `row ${i} pos ${j}`).toBe(out.labels[i]![j - 1] !== IGNORE_INDEX);
        }
      });
    });
    expect(labelled / candidates).toBeGreaterThan(0.12);
    expect(labelled / candidates).toBeLessThan(0.16);
  });

  test('a short batch always gets at least one labelled position', () => {
    const out = maskForMlm({ input_ids: [[CLS, 77, SEP]], attention_mask: [[1, 1, 1]] }, { ...options, probability: 0.01 }, new Rng(0));
    expect(out.labels).toEqual([[IGNORE_INDEX, 77, IGNORE_INDEX]]);
    expect(() => maskForMlm({ input_ids: [[5]], attention_mask: [[1]] }, { ...options, probability: 1 }, new Rng(0))).toThrow(/probability/);
  });
});

describe('causal packing', () => {
  test('documents are joined with EOS (and BOS) and cut into full rows; the tail is padded and masked', () => {
    const packed = packDocuments([[10, 11, 12], [], [20, 21]], { seqLen: 4, eosId: 1, bosId: 0 });
    expect(packed.input_ids).toEqual([
      [0, 10, 11, 12],
      [1, 0, 20, 21],
      [1, 1, 1, 1],
    ]);
    expect(packed.attention_mask).toEqual([
      [1, 1, 1, 1],
      [1, 1, 1, 1],
      [1, 0, 0, 0],
    ]);
    expect(causalLabels(packed).labels[2]).toEqual([1, IGNORE_INDEX, IGNORE_INDEX, IGNORE_INDEX]);
    expect(() => packDocuments([[1]], { seqLen: 1, eosId: 0 })).toThrow(/sequence length/);
  });
});

describe('EpochSampler', () => {
  test('each epoch visits every index once, in a new order; the state resumes exactly', () => {
    const s = new EpochSampler(10, 42);
    const e1 = s.nextBatch(10);
    const e2 = s.nextBatch(10);
    expect([...e1].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...e2].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(e2).not.toEqual(e1);
    expect(s.epochsDone).toBe(1);
    s.nextBatch(3);
    const saved = JSON.parse(JSON.stringify(s.getState()));
    const rest = s.nextBatch(15);
    expect(EpochSampler.fromState(saved).nextBatch(15)).toEqual(rest);
    expect(() => new EpochSampler(0, 1)).toThrow(/size/);
  });
});

describe('wordPieceContinuation', () => {
  test('marks "##" pieces of a real WordPiece vocabulary and refuses a vocabulary without them', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const vocab = readFileSync(resolve(__dirname, '../../../test/fixtures/hf-reference/bert/vocab.txt'), 'utf8').split('\n');
    const continues = wordPieceContinuation(vocab.length, (id) => vocab[id]);
    const hash = vocab.findIndex((t) => t.startsWith('##'));
    const plain = vocab.findIndex((t, i) => i > 4 && !t.startsWith('##') && t.length > 0);
    expect(continues(hash)).toBe(true);
    expect(continues(plain)).toBe(false);
    expect(continues(0)).toBe(false);
    expect(() => wordPieceContinuation(3, (id) => ['a', 'b', 'c'][id])).toThrow(/WordPiece/);
  });
});
