// Held-out perplexity on the fixture models: the masked-LM figure is reproducible and is exactly the
// "before" value a training run reports on the same validation documents; an adapter changes it; the
// token bound limits the rows; GPT-2 gets causal perplexity; a classifier or empty text is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../native/tfjs-backend';
import { runPretraining } from '../engine/train/pretrain';
import { Rng } from '../engine/train/rng';
import { perplexity } from './perplexity';

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures/hf-reference');
const BERT = join(FIXTURES, 'bert');
const BERT_SPECIAL = { cls: 2, sep: 3, mask: 4, pad: 0, bos: null, eos: null };
const GPT2_SPECIAL = { cls: null, sep: null, mask: null, pad: null, bos: null, eos: 1256 };
const temp = mkdtempSync(join(tmpdir(), 'perplexity-test-'));

/** Documents of ids first..first+19 following a simple chain, so they are predictable. */
function documents(seed: number, count: number, length: number, first = 100): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    let id = first + rng.int(20);
    return Array.from({ length }, () => (id = first + (((id - first) * 7 + 3) % 20)));
  });
}

beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('perplexity', () => {
  test('masked LM: reproducible, bounded in tokens, and equal to the "before" a training run reports', async () => {
    const validation = documents(2, 6, 50);
    const a = await perplexity({ folder: BERT, documents: validation, special: BERT_SPECIAL, seqLen: 32, maxTokens: 32 * 8, batch: 4, seed: 7, backend: 'wasm' });
    expect(a.objective).toBe('masked-lm');
    expect(a.definition).toMatch(/masked-LM perplexity/);
    expect(Number.isFinite(a.perplexity) && a.perplexity > 1).toBe(true);
    expect(a.sequences).toBe(8);
    expect(a.scored_tokens).toBeGreaterThan(0);
    expect(a.scored_tokens).toBeLessThan(a.tokens * 0.4);
    const again = await perplexity({ folder: BERT, documents: validation, special: BERT_SPECIAL, seqLen: 32, maxTokens: 32 * 8, batch: 4, seed: 7, backend: 'wasm' });
    expect(again.perplexity).toBe(a.perplexity);
    const fewer = await perplexity({ folder: BERT, documents: validation, special: BERT_SPECIAL, seqLen: 32, maxTokens: 64, batch: 4, seed: 7, backend: 'wasm' });
    expect(fewer.sequences).toBe(2);

    const run = await runPretraining({
      modelFolder: BERT, method: 'lora', special: BERT_SPECIAL,
      corpus: { train: documents(1, 20, 50), validation }, general: null, replayRatio: 0,
      seqLen: 32, batch: 4, accumulation: 1, steps: 1, peakLr: 1e-3, warmupSteps: 0, decay: 'constant', minLrRatio: 0, weightDecay: 0,
      clipNorm: null, evalEvery: 0, patience: null, maxEvalBlocks: 8, checkpointEvery: 1, keepLast: 1, seed: 7, outDir: join(temp, 'run'), resume: false,
    });
    expect(run.metrics.domain_perplexity.before).toBeCloseTo(a.perplexity, 6);
    // The trained adapter, applied on the base, gives the run's "after".
    const after = await perplexity({ folder: BERT, adapter: run.outputs.adapter, documents: validation, special: BERT_SPECIAL, seqLen: 32, maxTokens: 32 * 8, batch: 4, seed: 7, backend: 'wasm' });
    expect(after.perplexity).toBeCloseTo(run.metrics.domain_perplexity.after, 4);
    expect(after.perplexity).not.toBe(a.perplexity);
  });

  test('causal LM on GPT-2: next-token perplexity', async () => {
    const r = await perplexity({ folder: join(FIXTURES, 'gpt2'), documents: documents(3, 4, 40), special: GPT2_SPECIAL, seqLen: 32, backend: 'wasm' });
    expect(r.objective).toBe('causal-lm');
    expect(r.definition).toMatch(/next-token/);
    expect(Number.isFinite(r.perplexity) && r.perplexity > 1).toBe(true);
    expect(r.scored_tokens).toBe(r.tokens - r.sequences);
  });

  test('refuses text with nothing to score', async () => {
    await expect(perplexity({ folder: BERT, documents: [], special: BERT_SPECIAL, backend: 'wasm' })).rejects.toMatchObject({ code: 'bad_input' });
  });
});
