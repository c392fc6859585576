// Classification heads on top of the fixture bodies (whose outputs are golden-tested): each head's
// logits equal the Hugging Face formula applied by hand to the body's hidden states, the pooled row
// is the one HF pools (first token for encoders, last real token for decoders), and the loss and its
// gradient reach the head's weights.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { forward, loss } from './forward';
import { parseModelConfig } from './registry';
import { loadFixture, maxAbsDiff } from './testing/golden';
import type { Params } from './types';

const LABELS = 3;

/** Adds seeded random weights for every expected weight the params lack (the new head). */
function withHead(params: Params, specs: { name: string; shape: number[]; tied_to?: string }[]): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = { ...params };
  specs.forEach((s, i) => {
    if (out[s.name] === undefined && s.tied_to === undefined) out[s.name] = tf.randomNormal(s.shape, 0, 0.2, 'float32', 100 + i);
  });
  return out;
}

function dense(x: number[], w: tf.Tensor, b?: tf.Tensor): number[] {
  const [out, inSize] = w.shape as [number, number];
  const wv = w.dataSync();
  const bv = b?.dataSync();
  return Array.from({ length: out }, (_, o) => {
    let sum = bv ? bv[o]! : 0;
    for (let i = 0; i < inSize; i++) sum += wv[o * inSize + i]! * x[i]!;
    return sum;
  });
}

function row(t: tf.Tensor, b: number, pos: number): number[] {
  const [, len, h] = t.shape as [number, number, number];
  return Array.from(t.dataSync().subarray((b * len + pos) * h, (b * len + pos + 1) * h));
}

describe('classification heads', () => {
  it('bert: sequence classification = classifier(tanh(pooler([CLS]))), token classification = classifier(h)', async () => {
    await initBackend('cpu');
    const fixture = await loadFixture('bert');
    const { arch, config } = parseModelConfig({ ...fixture.config.raw, architectures: ['BertForSequenceClassification'], num_labels: LABELS });
    expect(config.head).toBe('sequence-classification');
    const params = withHead(fixture.params, arch.expectedWeights(config));
    const out = forward(arch, params, config, fixture.reference);
    expect(out.logits.shape).toEqual([2, LABELS]);
    const last = out.hiddenStates.at(-1)!;
    for (const b of [0, 1]) {
      const pooled = dense(row(last, b, 0), params['bert.pooler.dense.weight']!, params['bert.pooler.dense.bias']).map(Math.tanh);
      const want = dense(pooled, params['classifier.weight']!, params['classifier.bias']);
      expect(maxAbsDiff(out.logits.dataSync().subarray(b * LABELS, (b + 1) * LABELS), want)).toBeLessThan(1e-5);
    }
    const grads = tf.grads((w: tf.Tensor) => loss(arch, { ...params, 'classifier.weight': w }, config, fixture.reference, [0, 2]))([params['classifier.weight']!]);
    expect(grads[0]!.shape).toEqual([LABELS, 32]);
    expect(Math.max(...Array.from(grads[0]!.dataSync()).map(Math.abs))).toBeGreaterThan(0);

    const tok = parseModelConfig({ ...fixture.config.raw, architectures: ['BertForTokenClassification'], num_labels: LABELS });
    const tokParams = withHead(fixture.params, tok.arch.expectedWeights(tok.config));
    const tokOut = forward(tok.arch, tokParams, tok.config, fixture.reference);
    expect(tokOut.logits.shape).toEqual([2, 12, LABELS]);
    const want = dense(row(tokOut.hiddenStates.at(-1)!, 1, 5), tokParams['classifier.weight']!, tokParams['classifier.bias']);
    expect(maxAbsDiff(tokOut.logits.dataSync().subarray((12 + 5) * LABELS, (12 + 6) * LABELS), want)).toBeLessThan(1e-5);
    const tokLabels = fixture.reference.input_ids.map((r) => r.map((_, i) => (i % 3 === 0 ? -100 : i % LABELS)));
    expect(Number.isFinite(loss(tok.arch, tokParams, tok.config, fixture.reference, tokLabels).dataSync()[0])).toBe(true);
  });

  it('gpt2 and llama: sequence classification scores the last real token of each row', async () => {
    await initBackend('cpu');
    for (const name of ['gpt2', 'llama'] as const) {
      const fixture = await loadFixture(name);
      const cls = name === 'gpt2' ? 'GPT2ForSequenceClassification' : 'LlamaForSequenceClassification';
      const { arch, config } = parseModelConfig({ ...fixture.config.raw, architectures: [cls], num_labels: LABELS });
      const params = withHead(fixture.params, arch.expectedWeights(config));
      const out = forward(arch, params, config, fixture.reference);
      const last = out.hiddenStates.at(-1)!;
      fixture.reference.attention_mask!.forEach((mask, b) => {
        const lastReal = mask.lastIndexOf(1);
        const want = dense(row(last, b, lastReal), params['score.weight']!);
        expect(maxAbsDiff(out.logits.dataSync().subarray(b * LABELS, (b + 1) * LABELS), want)).toBeLessThan(1e-5);
      });
    }
  });

  it('distilbert and roberta: their own classifier heads on the first token', async () => {
    await initBackend('cpu');
    const distil = await loadFixture('distilbert');
    const d = parseModelConfig({ ...distil.config.raw, architectures: ['DistilBertForSequenceClassification'], num_labels: LABELS });
    const dp = withHead(distil.params, d.arch.expectedWeights(d.config));
    const dOut = forward(d.arch, dp, d.config, distil.reference);
    const pre = dense(row(dOut.hiddenStates.at(-1)!, 0, 0), dp['pre_classifier.weight']!, dp['pre_classifier.bias']).map((v) => Math.max(v, 0));
    expect(maxAbsDiff(dOut.logits.dataSync().subarray(0, LABELS), dense(pre, dp['classifier.weight']!, dp['classifier.bias']))).toBeLessThan(1e-5);

    const rob = await loadFixture('roberta');
    const r = parseModelConfig({ ...rob.config.raw, architectures: ['RobertaForSequenceClassification'], num_labels: LABELS });
    const rp = withHead(rob.params, r.arch.expectedWeights(r.config));
    const rOut = forward(r.arch, rp, r.config, rob.reference);
    const hidden = dense(row(rOut.hiddenStates.at(-1)!, 1, 0), rp['classifier.dense.weight']!, rp['classifier.dense.bias']).map(Math.tanh);
    expect(maxAbsDiff(rOut.logits.dataSync().subarray(LABELS, 2 * LABELS), dense(hidden, rp['classifier.out_proj.weight']!, rp['classifier.out_proj.bias']))).toBeLessThan(1e-5);
  });

  it('regression (num_labels 1) uses mean squared error', async () => {
    await initBackend('cpu');
    const fixture = await loadFixture('bert');
    const { arch, config } = parseModelConfig({ ...fixture.config.raw, architectures: ['BertForSequenceClassification'], num_labels: 1 });
    expect(config.problem_type).toBe('regression');
    const params = withHead(fixture.params, arch.expectedWeights(config));
    const predictions = Array.from(forward(arch, params, config, fixture.reference).logits.dataSync());
    const targets = [0.5, -1];
    const want = ((predictions[0]! - 0.5) ** 2 + (predictions[1]! + 1) ** 2) / 2;
    expect(loss(arch, params, config, fixture.reference, targets).dataSync()[0]).toBeCloseTo(want, 5);
  });
});
