// Tensors are disposed deterministically: 100 forward+backward passes leave the tensor count and
// the bytes held by tfjs where the first pass left them.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { forward, loss } from './forward';
import { loadFixture } from './testing/golden';

describe('tensor lifetime', () => {
  for (const name of ['bert', 'llama'] as const) {
    it(`${name}: 100 forward+backward passes do not grow tf.memory()`, async () => {
      await initBackend('wasm');
      const start = tf.memory().numTensors;
      const { arch, config, reference, params } = await loadFixture(name);
      const names = Object.keys(params);
      const step = () => {
        const { value, grads } = tf.valueAndGrads((...ts: tf.Tensor[]) =>
          loss(arch, Object.fromEntries(names.map((n, i) => [n, ts[i]!])), config, reference, reference.labels))(names.map((n) => params[n]!));
        const out = forward(arch, params, config, reference);
        tf.dispose([value, ...grads, out.logits, ...out.hiddenStates]);
      };
      step();
      const before = tf.memory();
      for (let i = 0; i < 100; i++) step();
      const after = tf.memory();
      expect(after.numTensors).toBe(before.numTensors);
      expect(after.numBytes).toBe(before.numBytes);
      expect(before.numTensors - start).toBe(names.length); // only the parameters stay
      tf.dispose(Object.values(params));
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
