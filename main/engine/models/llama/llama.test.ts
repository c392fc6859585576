// Golden test: our llama forward pass against the real Hugging Face outputs of the llama fixture
// (logits and every hidden state within 1e-4, loss within 1e-5 relative) on every backend here.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../native/tfjs-backend';
import { forward, loss } from '../forward';
import { compareForward, goldenBackends, loadFixture, loraParams, maxAbsDiff } from '../testing/golden';

describe('llama matches Hugging Face', async () => {
  const fixture = await loadFixture('llama');
  for (const backend of await goldenBackends()) {
    it(`logits, hidden states and loss on ${backend}`, async () => {
      const result = await compareForward(fixture, backend);
      expect(result.logits).toBeLessThanOrEqual(1e-4);
      expect(result.hidden).toBeLessThanOrEqual(1e-4);
      expect(result.lossRelative).toBeLessThanOrEqual(1e-5);
    });

    it(`logits and loss with the PEFT LoRA adapter on ${backend}`, async () => {
      await initBackend(backend);
      const { arch, config, reference } = fixture;
      const params = await loraParams(fixture);
      const options = { loraScaling: reference.lora!.lora_config.scaling };
      const out = forward(arch, params, config, reference, options);
      expect(maxAbsDiff(await out.logits.data(), await fixture.array('lora_logits_with_adapter.bin'))).toBeLessThanOrEqual(1e-4);
      // the adapter really changes the output: the base logits are far away
      expect(maxAbsDiff(await out.logits.data(), await fixture.array('logits.bin'))).toBeGreaterThan(0.1);
      const value = (await loss(arch, params, config, reference, reference.labels, options).data())[0]!;
      expect(Math.abs(value - reference.lora!.loss_with_adapter) / reference.lora!.loss_with_adapter).toBeLessThanOrEqual(1e-5);
      tf.dispose([out.logits, ...out.hiddenStates]);
    });
  }
});
