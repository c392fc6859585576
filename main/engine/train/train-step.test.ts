// Golden test of one training step against Hugging Face + PyTorch 1.13 on the five reference models
// (test/fixtures/hf-reference): the loss, every gradient and the global gradient norm, every parameter
// after one AdamW step (lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01 on every parameter),
// and the loss after it — on the cpu and wasm backends.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import type { BackendName } from '../../common/dto';
import { readSafetensors } from '../checkpoint/safetensors';
import { loadHfWeights } from '../hf/weights';
import { loss } from '../models/forward';
import { readModelConfig } from '../models/registry';
import type { ModelInputs } from '../models/types';
import { paramsFromCheckpoint } from '../models/weights';
import { AdamW, DEFAULT_ADAMW } from './optimizer';
import { toTensors, toVariables, variablesFromParams } from './params';
import { Trainer } from './step';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/hf-reference');
const MODELS = ['bert', 'roberta', 'distilbert', 'gpt2', 'llama'] as const;
const BACKENDS: BackendName[] = ['cpu', 'wasm'];

interface TrainStepRef {
  loss_before_step: number;
  loss_after_step: number;
  grad_global_l2_norm: number;
  grad_l2_norm_per_param: Record<string, number>;
  params_without_grad: string[];
}

interface Reference {
  input_ids: number[][];
  attention_mask: number[][];
  token_type_ids?: number[][];
  labels: number[][];
  train_step: TrainStepRef;
}

function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.abs(want);
}

function maxAbsDiff(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs((got[i] as number) - (want[i] as number)));
  return worst;
}

function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i] as number));
  return m;
}

describe('AdamW on PyTorch\'s own gradients reproduces its post-step parameters', () => {
  let tf: typeof TF;
  beforeAll(async () => {
    ({ tf } = await initBackend('cpu'));
  });

  // The optimizer alone, with the model out of the picture: every parameter, the noise-gradient ones included.
  for (const model of MODELS) {
    test(model, async () => {
      const folder = join(FIXTURES, model);
      const before = await loadHfWeights(folder);
      const grads = await readSafetensors(join(folder, 'train_step_grads.safetensors'));
      const want = await readSafetensors(join(folder, 'train_step_params_after.safetensors'));
      const vars = toVariables(before, grads.keys());
      const optimizer = new AdamW(vars, { ...DEFAULT_ADAMW, weightDecay: 0.01, noDecay: () => false });
      const gradTensors = toTensors(grads);
      optimizer.step(gradTensors, 1e-3);
      let worst = 0;
      for (const [name, w] of want) worst = Math.max(worst, maxAbsDiff(vars.get(name)!.dataSync(), w.data));
      expect(worst).toBeLessThanOrEqual(1e-6);
      optimizer.dispose();
      tf.dispose([...vars.values(), ...gradTensors.values()]);
    });
  }
});

for (const backend of BACKENDS) {
  describe(`one AdamW training step matches PyTorch (${backend})`, () => {
    let tf: typeof TF;
    beforeAll(async () => {
      ({ tf } = await initBackend(backend));
    });
    afterAll(() => {
      tf.disposeVariables();
    });

    for (const model of MODELS) {
      test(model, async () => {
        const folder = join(FIXTURES, model);
        const ref = JSON.parse(readFileSync(join(folder, 'reference.json'), 'utf8')) as Reference;
        const { arch, config } = await readModelConfig(folder);
        const { params } = paramsFromCheckpoint(arch, config, await loadHfWeights(folder));
        const trainable = variablesFromParams(params);
        const wantGrads = await readSafetensors(join(folder, 'train_step_grads.safetensors'));
        const wantAfter = await readSafetensors(join(folder, 'train_step_params_after.safetensors'));
        // Tied weights are one parameter: exactly the names torch's named_parameters() gives.
        expect([...trainable.keys()].sort()).toEqual([...wantGrads.keys()].sort());

        const inputs: ModelInputs = {
          input_ids: ref.input_ids,
          attention_mask: ref.attention_mask,
          ...(ref.token_type_ids ? { token_type_ids: ref.token_type_ids } : {}),
        };
        const lossFn = (p: Readonly<Record<string, TF.Tensor>>): TF.Scalar => loss(arch, p, config, inputs, ref.labels);
        const optimizer = new AdamW(trainable, { ...DEFAULT_ADAMW, weightDecay: 0.01, noDecay: () => false });
        const trainer = new Trainer({ trainable, optimizer });

        const grads = await trainer.gradients(lossFn);
        expect(relErr(grads.loss, ref.train_step.loss_before_step)).toBeLessThanOrEqual(1e-5);
        expect(grads.withoutGrad).toEqual(ref.train_step.params_without_grad);
        const ourGrads = new Map<string, Float32Array>();
        let worstGrad = '';
        let worstGradErr = 0;
        for (const [name, want] of wantGrads) {
          const got = grads.grads.get(name)!.dataSync();
          ourGrads.set(name, Float32Array.from(got));
          // Relative to the tensor's largest entry (at least 1e-4: below that a gradient is rounding noise,
          // see below): a float32 re-implementation sums in another order.
          const err = maxAbsDiff(got, want.data) / Math.max(maxAbs(want.data), 1e-4);
          if (err > worstGradErr) [worstGrad, worstGradErr] = [name, err];
        }
        tf.dispose([...grads.grads.values()]);
        expect(worstGradErr, `worst gradient: ${worstGrad}`).toBeLessThanOrEqual(1e-4);

        const result = await trainer.step(lossFn, 1e-3);
        expect(result.applied).toBe(true);
        expect(relErr(result.loss, ref.train_step.loss_before_step)).toBeLessThanOrEqual(1e-5);
        expect(relErr(result.gradNorm, ref.train_step.grad_global_l2_norm)).toBeLessThanOrEqual(1e-4);

        // Where the true gradient is exactly zero (attention key biases, and the key third of GPT-2's c_attn
        // bias: softmax ignores a shift shared by every key), torch's gradient and ours are float32 rounding
        // noise (|g| ~ 1e-9), and AdamW's first update lr·g/(|g| + eps) turns noise into steps up to ~1e-4.
        // The update is (1/eps)-Lipschitz in g, so there a difference of lr·|g_ours − g_torch|/eps is all that
        // float32 allows; we require our gradient to be noise as well. Every other entry must match within 1e-5.
        const NOISE = 1e-7;
        let worstParam = '';
        let worstParamErr = 0;
        let noiseEntries = 0;
        for (const [name, want] of wantAfter) {
          const got = trainable.get(name)!.dataSync();
          const gRef = wantGrads.get(name)!.data;
          const gOurs = ourGrads.get(name)!;
          for (let i = 0; i < want.data.length; i++) {
            const err = Math.abs((got[i] as number) - (want.data[i] as number));
            if (Math.abs(gRef[i] as number) < NOISE) {
              noiseEntries++;
              expect(Math.abs(gOurs[i] as number), `${name}[${i}]: torch's gradient is rounding noise, ours must be too`).toBeLessThan(NOISE);
              expect(err, `${name}[${i}]`).toBeLessThanOrEqual((1e-3 * Math.abs((gOurs[i] as number) - (gRef[i] as number))) / 1e-8 + 1e-6);
            } else if (err > worstParamErr) [worstParam, worstParamErr] = [name, err];
          }
        }
        expect(worstParamErr, `worst parameter after the step: ${worstParam} (${noiseEntries} noise-gradient entries checked apart)`).toBeLessThanOrEqual(1e-5);

        const after = await trainer.evaluate(lossFn);
        expect(relErr(after, ref.train_step.loss_after_step)).toBeLessThanOrEqual(1e-4);
        expect(after).toBeLessThan(result.loss);

        optimizer.dispose();
        tf.dispose([...trainable.values()]);
      });
    }
  });
}
