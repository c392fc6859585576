// Crash safety: a training process killed with SIGKILL at a random step (checkpoints after every step,
// so the kill often lands inside a checkpoint write) resumes from its last complete checkpoint and ends
// with exactly the metrics and adapter weights of a run that was never interrupted.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { initBackend } from '../../../native/tfjs-backend';
import { readSafetensors } from '../checkpoint/safetensors';
import { latestCheckpoint } from './checkpoint';
import { runPretraining } from './pretrain';
import { CRASH_RUN_STEPS, crashRunSpec } from './testing/crash-run';

const temps: string[] = [];
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'crash-test-'));
  temps.push(d);
  return d;
}

/** Starts the run in a child process and SIGKILLs it once it has printed `killAt` steps; resolves when it is dead. */
function runAndKill(outDir: string, killAt: number): Promise<{ lastStep: number; signal: NodeJS.Signals | null }> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, join(__dirname, 'testing', 'crash-run.ts'), outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let lastStep = 0;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/step (\d+)/g)) {
      lastStep = Number(match[1]);
      if (lastStep >= killAt) child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve({ lastStep, signal }) : reject(new Error(`the run exited with ${code} before it was killed: ${stderr}`))));
  });
}

test('SIGKILL at a random step, then resume: the same final metrics and weights as an uninterrupted run', async () => {
  const straight = await runPretraining(crashRunSpec(tempDir(), false));
  expect(straight.status).toBe('completed');

  const outDir = tempDir();
  const killAt = 3 + Math.floor(Math.random() * (CRASH_RUN_STEPS - 5)); // 3..9
  const killed = await runAndKill(outDir, killAt);
  expect(killed.signal).toBe('SIGKILL');
  const latest = latestCheckpoint(join(outDir, 'checkpoints'));
  expect(latest, 'a complete checkpoint survives the kill').not.toBeNull();
  expect(latest!.step).toBeGreaterThanOrEqual(killAt - 1);
  expect(latest!.step).toBeLessThan(CRASH_RUN_STEPS);

  const resumed = await runPretraining(crashRunSpec(outDir, true));
  expect(resumed.status).toBe('completed');
  expect(resumed.metrics, `killed after step ${killed.lastStep}, resumed from ${latest!.step}`).toEqual(straight.metrics);
  const a = await readSafetensors(join(straight.outputs.adapter!, 'adapter_model.safetensors'));
  const b = await readSafetensors(join(resumed.outputs.adapter!, 'adapter_model.safetensors'));
  for (const [k, t] of a) expect(b.get(k)!.data, k).toEqual(t.data);
  expect(readdirSync(join(outDir, 'checkpoints')).filter((f) => f.startsWith('.'))).toEqual([]);
}, 300_000);
