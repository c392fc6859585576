// Cloze probes: the term choice (frequent, not common English, not general, not PII), the probes being
// the same for every model, and a GPT-2 trained on the domain text predicting its terms better after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../native/tfjs-backend';
import { loadTokenizer } from '../engine/tokenizers';
import { runPretraining } from '../engine/train/pretrain';
import { makeProbeSet, runProbes } from './probes';
import { openScorer } from './scorer';

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures/hf-reference');
const temp = mkdtempSync(join(tmpdir(), 'probes-test-'));
const DOMAIN = [
  'the tribunal dismissed the grievance and the tribunal awarded costs',
  'counsel for Rosalind filed the grievance before the tribunal',
  'the grievance was heard by the tribunal with counsel present',
  'with the weather fine the tribunal sat again with counsel',
];

beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('cloze probes', () => {
  test('terms: frequent domain words, minus stop words, general words and PII', () => {
    const set = makeProbeSet([...DOMAIN, 'Rosalind met Rosalind'], { generalTexts: ['the weather was fine', 'weather weather'], exclude: ['Rosalind Hughes'] });
    expect(set.terms).toEqual(['tribunal', 'counsel', 'grievance']);
    expect(set.probes.every((p) => ['tribunal', 'counsel', 'grievance'].includes(p.term.toLowerCase()))).toBe(true);
    expect(set.probes).toHaveLength(10);
    expect(makeProbeSet(DOMAIN, { seed: 1 })).toEqual(makeProbeSet(DOMAIN, { seed: 1 }));
  });

  test('causal LM: a model trained on the text ranks its terms higher', async () => {
    const gpt2 = join(FIXTURES, 'gpt2');
    const tokenizer = await loadTokenizer(gpt2);
    const set = makeProbeSet(DOMAIN);
    const docs = DOMAIN.map((t) => tokenizer.encodeIds(t));
    const run = await runPretraining({
      modelFolder: gpt2, method: 'full', special: { cls: null, sep: null, mask: null, pad: null, bos: null, eos: 1256 },
      corpus: { train: [...docs, ...docs, ...docs], validation: docs }, general: null, replayRatio: 0,
      seqLen: 32, batch: 4, accumulation: 1, steps: 40, peakLr: 1e-2, warmupSteps: 0, decay: 'constant', minLrRatio: 0, weightDecay: 0,
      clipNorm: 1, evalEvery: 0, patience: null, maxEvalBlocks: 2, checkpointEvery: 40, keepLast: 1, seed: 5, outDir: join(temp, 'run'), resume: false,
    });
    const base = await openScorer({ folder: gpt2, backend: 'wasm' });
    const trained = await openScorer({ folder: run.outputs.model as string, backend: 'wasm' });
    try {
      const before = await runProbes(base, set);
      const after = await runProbes(trained, set);
      expect(before.probes).toBe(10);
      expect(after.probes).toBe(10);
      expect(after.top5).toBeGreaterThan(before.top5);
      expect(after.median_rank as number).toBeLessThan(before.median_rank as number);
      expect(after.top1).toBeGreaterThanOrEqual(0.5);
    } finally {
      base.dispose();
      trained.dispose();
    }
  }, 180_000);

  test('masked LM: every piece of the term is masked and scored', async () => {
    const scorer = await openScorer({ folder: join(FIXTURES, 'bert'), backend: 'wasm' });
    try {
      const r = await runProbes(scorer, makeProbeSet(DOMAIN));
      expect(r.objective).toBe('masked-lm');
      expect(r.probes).toBe(10);
      expect(r.median_rank).toBeNull();
      expect(r.top1).toBeLessThanOrEqual(r.top5);
    } finally {
      scorer.dispose();
    }
  }, 60_000);
});
