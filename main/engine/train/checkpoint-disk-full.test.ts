// A full disk while writing a checkpoint: the run gets a clear error that says the last good checkpoint is
// intact, no partial folder is left behind, and the earlier checkpoint still loads bit for bit.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { StudioError } from '../../common/errors';
import type { CheckpointContent } from './checkpoint';
import type * as Safetensors from '../checkpoint/safetensors';

/** writeSafetensors succeeds `okCalls` more times, then fails once with ENOSPC; null = never fails. */
const disk: { okCalls: number | null } = { okCalls: null };
vi.mock('../checkpoint/safetensors', async (importActual) => {
  const actual = await importActual<typeof Safetensors>();
  return {
    ...actual,
    writeSafetensors: async (...args: Parameters<typeof actual.writeSafetensors>) => {
      if (disk.okCalls !== null) {
        if (disk.okCalls === 0) {
          disk.okCalls = null;
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        disk.okCalls -= 1;
      }
      return actual.writeSafetensors(...args);
    },
  };
});

const { saveCheckpoint, listCheckpoints, loadCheckpoint } = await import('./checkpoint');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function content(step: number, value: number): CheckpointContent {
  return {
    trainable: new Map([['w', { shape: [3], data: new Float32Array([value, value + 1, value + 2]) }]]),
    optimizer: { params: new Map([['w', { step, shape: [3], expAvg: new Float32Array(3).fill(value), expAvgSq: new Float32Array(3).fill(value * value) }]]) },
    state: { step, rng: { s: [1, 2, 3, 4] }, data: { cursor: step }, metric: null },
  };
}

describe('checkpoint on a full disk', () => {
  test('fails with a clear error, leaves nothing partial, and keeps the last good checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-full-'));
    dirs.push(dir);
    await saveCheckpoint(dir, content(10, 1.5), { keepLast: 1 });
    // The disk fills up on the weights file, then (next time) on the optimizer file.
    for (const okCalls of [0, 1]) {
      disk.okCalls = okCalls;
      const error = await saveCheckpoint(dir, content(20, 9), { keepLast: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StudioError);
      expect((error as StudioError).code).toBe('bad_input');
      expect((error as StudioError).message).toMatch(/disk is full.*last good checkpoint \(step 10\) is intact/);
      expect(readdirSync(dir)).toEqual(['step-00000010']);
    }
    const loaded = await loadCheckpoint(join(dir, 'step-00000010'));
    expect(Array.from(loaded.trainable.get('w')!.data)).toEqual([1.5, 2.5, 3.5]);
    expect(loaded.optimizer.params.get('w')!.step).toBe(10);
    // Space freed: the next save works and replaces the old one (keepLast 1).
    await saveCheckpoint(dir, content(20, 9), { keepLast: 1 });
    expect(listCheckpoints(dir).map((c) => c.step)).toEqual([20]);
  });
});
