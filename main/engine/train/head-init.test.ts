// The new sequence head over the bundled tiny-bert (pre-trained by masked LM only): its [CLS] row barely varies
// between texts, calibrateSequenceHead centres and re-scales it, and LoRA task training with the default settings then
// learns a small two-topic task far above the majority-class baseline within seconds (before the fix the
// classifier predicted the majority class on every input).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { loadTokenizer, type Tokenizer } from '../tokenizers';
import { forward } from '../models/forward';
import type { ModelInputs } from '../models/types';
import { peakLrFor, TRAIN_DEFAULTS, warmupStepsFor } from './defaults';
import { runTaskTraining, type TaskExample } from './finetune';
import { calibrateSequenceHead, HEAD_INPUT_SPREAD } from './head-init';
import { Rng } from './rng';
import { openSession, type TrainingSession } from './session';

const TINY_BERT = resolve(__dirname, '../../../resources/models/tiny-bert');
const temps: string[] = [];
let tokenizer: Tokenizer;
beforeAll(async () => {
  await initBackend('wasm');
  tokenizer = await loadTokenizer(TINY_BERT);
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const CLINICAL = { who: ['the patient', 'the nurse', 'the doctor', 'the child'], did: ['reported', 'described', 'treated', 'noted'], what: ['chest pain', 'a high fever', 'a bad cough', 'the blood pressure', 'the medicine dose', 'a skin rash'] };
const LEGAL = { who: ['the tenant', 'the court', 'the buyer', 'the company'], did: ['signed', 'breached', 'ended', 'appealed'], what: ['the lease', 'the contract', 'the sale agreement', 'the judgment', 'the licence terms', 'the rental deed'] };

/** Short sentences about health (label 0, 60%) or law (label 1, 40%), seeded. */
function topicTexts(seed: number, n: number): { text: string; label: number }[] {
  const rng = new Rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)] as T;
  return Array.from({ length: n }, () => {
    const label = rng.next() < 0.6 ? 0 : 1;
    const t = label === 0 ? CLINICAL : LEGAL;
    return { text: `${pick(t.who)} ${pick(t.did)} ${pick(t.what)} ${pick(['yesterday', 'last week', 'in the morning', 'on monday'])}.`, label };
  });
}

function examples(seed: number, n: number): TaskExample[] {
  return topicTexts(seed, n).map(({ text, label }) => {
    const enc = tokenizer.encode(text, { max_length: 64 });
    return { ids: enc.ids, token_type_ids: enc.token_type_ids, label };
  });
}

function inputsOf(xs: readonly TaskExample[]): ModelInputs {
  const t = Math.max(...xs.map((e) => e.ids.length));
  return { input_ids: xs.map((e) => [...e.ids, ...new Array<number>(t - e.ids.length).fill(0)]), attention_mask: xs.map((e) => [...e.ids.map(() => 1), ...new Array<number>(t - e.ids.length).fill(0)]) };
}

/** Per-dimension mean and variance of the last layer's first-token row over the inputs. */
function firstRowStats(session: TrainingSession, inputs: ModelInputs): { mean: number[]; variance: number[]; meanSquare: number } {
  const params = Object.fromEntries([...session.frozen, ...session.trainable]);
  const out = forward(session.arch, params, session.config, inputs, { ...session.forwardOptions, head: session.head });
  const last = out.hiddenStates[out.hiddenStates.length - 1] as tf.Tensor3D; // [B, T, H]
  const result = tf.tidy(() => {
    const first = tf.squeeze(tf.slice(last, [0, 0, 0], [-1, 1, -1]), [1]); // [B, H]
    const { mean, variance } = tf.moments(first, 0); // [H], [H]
    return { mean: Array.from(mean.dataSync()), variance: Array.from(variance.dataSync()), meanSquare: tf.mean(tf.square(first)).dataSync()[0] as number };
  });
  tf.dispose([out.logits, ...out.hiddenStates]);
  return result;
}

const average = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('new sequence head on an MLM-only encoder', () => {
  test('the [CLS] row barely varies before calibration and is centred and re-scaled after it', async () => {
    const session = await openSession({ folder: TINY_BERT, method: 'lora', head: 'sequence-classification', labels: ['health', 'law'], rng: new Rng(1) });
    try {
      const inputs = inputsOf(examples(11, 48));
      const before = firstRowStats(session, inputs);
      // The cause of the collapse: < 1% of the row's energy differs between texts.
      expect(average(before.variance) / before.meanSquare).toBeLessThan(0.01);
      // The last LayerNorm trains with the head (PEFT modules_to_save), so the adapter carries it.
      expect(session.trainable.has('bert.encoder.layer.1.output.LayerNorm.weight')).toBe(true);
      const calibration = calibrateSequenceHead(session, [inputs]);
      expect(calibration).toMatchObject({ module: 'bert.encoder.layer.1.output.LayerNorm', examples: 48 });
      const after = firstRowStats(session, inputs);
      // Centred (the constant part that saturated the head is gone), with HEAD_INPUT_SPREAD per dimension.
      expect(Math.max(...after.mean.map(Math.abs))).toBeLessThan(1e-3);
      expect(Math.sqrt(average(after.variance))).toBeGreaterThan(0.95 * HEAD_INPUT_SPREAD);
      expect(Math.sqrt(average(after.variance))).toBeLessThan(1.01 * HEAD_INPUT_SPREAD);
    } finally {
      session.dispose();
    }
  });

  test('leaves other heads alone', async () => {
    const session = await openSession({ folder: TINY_BERT, method: 'lora', head: 'token-classification', labels: ['O', 'B-X'], rng: new Rng(1) });
    try {
      expect(session.trainable.has('bert.encoder.layer.1.output.LayerNorm.weight')).toBe(false);
      expect(calibrateSequenceHead(session, [inputsOf(examples(11, 8))])).toBeNull();
    } finally {
      session.dispose();
    }
  });

  test('LoRA task training with the defaults learns a two-topic task far above the majority baseline', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'head-init-test-'));
    temps.push(outDir);
    const parameters = JSON.parse(readFileSync(join(TINY_BERT, 'inspection.json'), 'utf8')).parameters as number;
    const steps = 40;
    const result = await runTaskTraining({
      modelFolder: TINY_BERT,
      method: 'lora',
      lora: TRAIN_DEFAULTS.lora,
      task: 'sequence-classification',
      labels: ['health', 'law'],
      train: examples(1, 96),
      validation: examples(2, 48),
      padId: tokenizer.special.pad ?? 0,
      batch: TRAIN_DEFAULTS.batch,
      steps,
      peakLr: peakLrFor('lora-task', parameters),
      warmupSteps: warmupStepsFor(steps),
      decay: TRAIN_DEFAULTS.decay,
      minLrRatio: TRAIN_DEFAULTS.minLrRatio,
      weightDecay: TRAIN_DEFAULTS.weightDecay,
      clipNorm: TRAIN_DEFAULTS.clipNorm,
      evalEvery: 0,
      patience: null,
      checkpointEvery: steps,
      keepLast: 1,
      seed: 5,
      outDir,
      resume: false,
    });
    const m = result.metrics;
    expect(m.majority_baseline.label).toBe('health');
    expect(m.majority_baseline.macro_f1).toBeLessThan(0.45);
    expect(m.per_label_f1.law).toBeGreaterThan(0.8);
    expect(m.macro_f1).toBeGreaterThan(0.9);
  }, 60_000);
});
