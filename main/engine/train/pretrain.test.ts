// Continued pre-training end to end on the fixture models with a small synthetic "domain language":
// perplexity falls for LoRA and full training, general text is measured beside it, outputs load back, a
// run stopped mid-way and resumed ends exactly as an uninterrupted one, and bad plans are refused.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { readSafetensors } from '../checkpoint/safetensors';
import { loadHfWeights } from '../hf/weights';
import { loadLoraAdapter } from '../lora/adapter';
import { readModelConfig } from '../models/registry';
import { runPretraining, type PretrainSpec } from './pretrain';
import { Rng } from './rng';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/hf-reference');
const temps: string[] = [];
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pretrain-test-'));
  temps.push(d);
  return d;
}

/** Documents of a Markov chain over ids first..first+19: each id is followed by one of two others. */
function language(first: number, seed: number, docs: number, length: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: docs }, () => {
    let id = first + rng.int(20);
    return Array.from({ length }, () => {
      id = first + ((id - first) * 7 + 3 + (rng.next() < 0.8 ? 0 : 5)) % 20;
      return id;
    });
  });
}

const BERT_SPECIAL = { cls: 2, sep: 3, mask: 4, pad: 0, bos: null, eos: null };
const GPT2_SPECIAL = { cls: null, sep: null, mask: null, pad: null, bos: null, eos: 1256 };

function spec(overrides: Partial<PretrainSpec>): PretrainSpec {
  return {
    modelFolder: join(FIXTURES, 'bert'),
    method: 'lora',
    lora: { r: 4, alpha: 8 },
    special: BERT_SPECIAL,
    corpus: { train: language(100, 1, 40, 50), validation: language(100, 2, 6, 50) },
    general: { train: language(300, 3, 40, 50), validation: language(300, 4, 6, 50) },
    replayRatio: 0.1,
    seqLen: 32,
    batch: 4,
    accumulation: 1,
    steps: 30,
    peakLr: 1e-2,
    warmupSteps: 3,
    decay: 'cosine',
    minLrRatio: 0.1,
    weightDecay: 0.01,
    clipNorm: 1,
    evalEvery: 10,
    patience: null,
    maxEvalBlocks: 8,
    checkpointEvery: 10,
    keepLast: 2,
    seed: 7,
    outDir: tempDir(),
    resume: false,
    ...overrides,
  };
}

describe('runPretraining', () => {
  test('LoRA on BERT lowers domain perplexity, reports general perplexity, and writes a PEFT adapter', async () => {
    const evals: number[] = [];
    const s = spec({});
    const result = await runPretraining(s, { onEval: (e) => evals.push(e.domainPerplexity) });
    expect(result.status).toBe('completed');
    expect(result.steps).toBe(30);
    const { domain_perplexity: domain, general_perplexity: general } = result.metrics;
    expect(domain.after).toBeLessThan(domain.before * 0.8);
    expect(general).not.toBeNull();
    expect(Number.isFinite(general!.after)).toBe(true);
    expect(evals.length).toBe(3);
    expect(result.parameters.trainable).toBeLessThan(result.parameters.total / 5);
    expect(result.outputs.model).toBeNull();
    const adapter = await loadLoraAdapter(result.outputs.adapter!, 'bert', await loadHfWeights(join(FIXTURES, 'bert')));
    expect(adapter.targets.length).toBeGreaterThan(0);
    expect(existsSync(join(s.outDir, 'checkpoints'))).toBe(true);
  });

  test('full training of GPT-2 lowers domain perplexity and writes a Hugging Face folder', async () => {
    const result = await runPretraining(
      spec({ modelFolder: join(FIXTURES, 'gpt2'), method: 'full', special: GPT2_SPECIAL, general: null, replayRatio: 0, steps: 20, peakLr: 3e-3, evalEvery: 0 }),
    );
    expect(result.status).toBe('completed');
    expect(result.metrics.domain_perplexity.after).toBeLessThan(result.metrics.domain_perplexity.before * 0.8);
    expect(result.metrics.general_perplexity).toBeNull();
    expect((await readModelConfig(result.outputs.model!)).config.model_type).toBe('gpt2');
  });

  test('a run stopped at step 7 and resumed ends exactly like an uninterrupted run', async () => {
    const straight = await runPretraining(spec({ steps: 14, evalEvery: 5 }));
    const outDir = tempDir();
    const stop = new AbortController();
    const first = await runPretraining(spec({ steps: 14, evalEvery: 5, outDir, signal: stop.signal }), { onStep: (e) => e.step === 7 && stop.abort() });
    expect(first).toMatchObject({ status: 'stopped', steps: 7, outputs: { adapter: null } });
    const resumed = await runPretraining(spec({ steps: 14, evalEvery: 5, outDir, resume: true }));
    expect(resumed.status).toBe('completed');
    expect(resumed.metrics).toEqual(straight.metrics);
    const a = await readSafetensors(join(straight.outputs.adapter!, 'adapter_model.safetensors'));
    const b = await readSafetensors(join(resumed.outputs.adapter!, 'adapter_model.safetensors'));
    for (const [k, t] of a) expect(b.get(k)!.data, k).toEqual(t.data);
    // The MLM head trains in full beside the adapter (cpt-lora's default): its weights and AdamW state resumed exactly too.
    expect(a.has('base_model.model.cls.predictions.transform.dense.weight')).toBe(true);
    expect(a.has('base_model.model.cls.predictions.bias')).toBe(true);
  });

  test('the same seed on the same backend gives the same loss curve, step for step (cpu)', async () => {
    await initBackend('cpu');
    try {
      const curve = async (seed: number): Promise<number[]> => {
        const losses: number[] = [];
        await runPretraining(spec({ steps: 4, evalEvery: 0, maxEvalBlocks: 2, seed, outDir: tempDir() }), { onStep: (e) => losses.push(e.loss) });
        return losses;
      };
      const a = await curve(11);
      expect(await curve(11)).toEqual(a);
      expect(await curve(12)).not.toEqual(a);
    } finally {
      await initBackend('wasm');
    }
  });

  test('bad plans are refused before training, naming the field', async () => {
    await expect(runPretraining(spec({ batch: 500 }))).rejects.toMatchObject({ code: 'invalid_request', field: 'batch' });
    await expect(runPretraining(spec({ seqLen: 128 }))).rejects.toMatchObject({ code: 'invalid_request', field: 'seq_len' });
    await expect(runPretraining(spec({ peakLr: 0 }))).rejects.toMatchObject({ code: 'invalid_request', field: 'learning_rate' });
    await expect(runPretraining(spec({ replayRatio: 1 }))).rejects.toMatchObject({ field: 'replay_ratio' });
    await expect(runPretraining(spec({ corpus: { train: language(100, 1, 40, 50), validation: [] } }))).rejects.toThrow(/no validation text/);
  });
});
