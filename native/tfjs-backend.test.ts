// The backend probe on this machine: wasm and cpu load and pass the self-test, missing native
// packages are reported with a reason and a fix, and the chosen backend is really active.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, probeTrainingBackends } from './tfjs-backend';

describe('probeTrainingBackends', () => {
  it('reports every backend with a reason and a fix when it is not available', async () => {
    const statuses = await probeTrainingBackends();
    expect(statuses.map((s) => s.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    for (const s of statuses) {
      if (s.available) expect(s.reason).toBeNull();
      else {
        expect(s.reason).toMatch(/\S/);
        expect(s.fix).toContain(s.package);
      }
    }
    expect(statuses.find((s) => s.name === 'cpu')?.available).toBe(true);
    expect(statuses.find((s) => s.name === 'wasm')?.device).toMatch(/SIMD/);
    expect(statuses.filter((s) => s.selected)).toHaveLength(1);
  });

  it('activates the requested backend and computes gradients on it', async () => {
    for (const name of ['wasm', 'cpu'] as const) {
      const { tf: t, name: got } = await initBackend(name);
      expect(got).toBe(name);
      expect(t.getBackend()).toBe(name);
      const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, -2, 3]));
      expect(Array.from(g.dataSync())).toEqual([2, -4, 6]);
      expect((await probeTrainingBackends()).find((s) => s.selected)?.name).toBe(name);
    }
  });

  it('refuses a backend that is not installed, naming the fix', async () => {
    const statuses = await probeTrainingBackends();
    const missing = statuses.find((s) => !s.available);
    if (missing === undefined) return; // every backend installed: nothing to refuse
    await expect(initBackend(missing.name)).rejects.toThrow(missing.package);
  });
});
