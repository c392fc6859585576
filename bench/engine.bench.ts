// Engine benchmark: a BERT-mini-shaped masked-LM training step (vocab 8192, hidden 256, 4 layers,
// 4 heads, FFN 1024, seq 128, batch 16 by default; 15% of positions masked; forward + backward +
// AdamW) on each available backend, in tokens/s, and forward-only latency for batch 1, seq 128.
// On the cpu backend only the forward latency is measured unless BENCH_ENGINE_CPU=1 (one training
// step takes many minutes there).
// BENCH_ENGINE_BATCH / BENCH_ENGINE_STEPS change the batch size and the number of timed steps.
// Data-parallel training (main/engine/train/parallel) is timed on 1 and 2 threads (BENCH_ENGINE_WORKERS
// lists other counts, e.g. "2,3"), with the process's peak RSS after each. CPU seconds per step (all
// threads) are printed beside wall time: on a loaded machine wall-clock ratios move with the load (and
// with Linux's per-session "autogroup" fair share, a second thread gains nothing while other sessions
// keep the cores busy), whereas the single-thread CPU-time ratio stays put.
// When python3 can import torch, the same step in PyTorch (bench/torch_bert_mini.py) runs in the
// same process tree, on 1 thread and on every core, and the ratios ours / PyTorch are printed
// (Debian: apt-get install python3-torch).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, probeTrainingBackends } from '../native/tfjs-backend';
import type { BackendName } from '../main/common/dto';
import { forward } from '../main/engine/models/forward';
import { parseModelConfig, type ModelSpec } from '../main/engine/models/registry';
import type { ModelInputs } from '../main/engine/models/types';
import { AdamW, DEFAULT_ADAMW } from '../main/engine/train/optimizer';
import { variablesFromParams } from '../main/engine/train/params';
import { ParallelTrainer } from '../main/engine/train/parallel';
import { BERT_MINI } from './models';

const SEQ = 128;
const MASK_ID = 4;

/** A deterministic pseudo-random batch: ids, 15% of positions masked with their labels. */
function makeBatch(batch: number, seed: number): { inputs: ModelInputs; labels: number[][] } {
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ids = Array.from({ length: batch }, () => Array.from({ length: SEQ }, () => 5 + Math.floor(rand() * 8000)));
  const labels = ids.map((row) => row.map((id) => (rand() < 0.15 ? id : -100)));
  const masked = ids.map((row, b) => row.map((id, t) => (labels[b]![t] === -100 ? id : MASK_ID)));
  return { inputs: { input_ids: masked }, labels };
}

function randomParams(): ModelSpec & { params: Record<string, tf.Tensor> } {
  const { arch, config } = parseModelConfig(BERT_MINI);
  const params = tf.tidy(() => {
    const out: Record<string, tf.Tensor> = {};
    for (const spec of arch.expectedWeights(config)) {
      if (spec.tied_to !== undefined) continue;
      out[spec.name] = spec.shape.length === 1 ? tf.zeros(spec.shape) : tf.randomNormal(spec.shape, 0, 0.02, 'float32', 7);
    }
    return out;
  });
  return { arch, config, params };
}

/** Mean forward latency (ms) of batch 1, seq 128, logits read back. */
function forwardLatency(arch: ModelSpec['arch'], config: ModelSpec['config'], params: Readonly<Record<string, tf.Tensor>>, runs: number): number {
  const single = { input_ids: [makeBatch(1, 99).inputs.input_ids[0]!] };
  const infer = () => {
    const out = forward(arch, params, config, single);
    out.logits.dataSync();
    tf.dispose([out.logits, ...out.hiddenStates]);
  };
  infer();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) infer();
  return (performance.now() - t0) / runs;
}

async function benchForwardOnly(backend: BackendName): Promise<Record<string, number>> {
  await initBackend(backend);
  const { arch, config, params } = randomParams();
  const ms = forwardLatency(arch, config, params, 1);
  tf.dispose(Object.values(params));
  return { [`${backend}_forward_b1_s128_ms`]: Number(ms.toFixed(1)) };
}

/** Training steps on `workers` threads (data-parallel, ParallelTrainer; 1 = this thread only). */
async function benchBackend(backend: BackendName, batch: number, steps: number, workers: number): Promise<Record<string, number>> {
  await initBackend(backend);
  const { arch, config, params } = randomParams();
  const vars = variablesFromParams(params);
  tf.dispose(Object.values(params));
  const optimizer = new AdamW(vars, DEFAULT_ADAMW);
  const trainer = new ParallelTrainer({ trainable: vars, optimizer, clipNorm: 1, workers, model: { rawConfig: BERT_MINI } });
  const { inputs, labels } = makeBatch(batch, 1234);
  const stepOnce = () => trainer.step(trainer.lossFor({ input_ids: inputs.input_ids as number[][], labels }), 1e-4);
  const tag = workers === 1 ? backend : `${backend}_${workers}_workers`;
  try {
    await stepOnce(); // warm-up: kernels compiled, memory allocated, workers started
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < steps; i++) await stepOnce();
    const secondsPerStep = (performance.now() - started) / 1000 / steps;
    const cpu = process.cpuUsage(cpuStart); // every thread of the process
    const cpuSecondsPerStep = (cpu.user + cpu.system) / 1e6 / steps;
    const forwardMs = workers === 1 ? forwardLatency(arch, config, trainer.params, 5) : null;
    return {
      [`${tag}_train_seconds_per_step`]: Number(secondsPerStep.toFixed(3)),
      [`${tag}_train_tokens_per_second`]: Math.round((batch * SEQ) / secondsPerStep),
      [`${tag}_train_cpu_seconds_per_step`]: Number(cpuSecondsPerStep.toFixed(3)),
      ...(forwardMs === null ? {} : { [`${backend}_forward_b1_s128_ms`]: Number(forwardMs.toFixed(1)) }),
      // Threads share the process: this is the peak of all copies of the weights together.
      [`${tag}_peak_rss_mb`]: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await trainer.close();
    optimizer.dispose();
    tf.dispose([...vars.values()]);
  }
}

/** The PyTorch step's tokens/s (and CPU seconds per step) on `threads` threads, or the reason it could not run. */
function torchBaseline(batch: number, steps: number, threads: number): { tokens: number; cpuSeconds: number | null; version: string } | string {
  const script = fileURLToPath(new URL('./torch_bert_mini.py', import.meta.url));
  const env = { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) };
  const args = [script, '--batch', String(batch), '--steps', String(steps), '--threads', String(threads)];
  // A pyenv or venv python3 first on PATH may lack Debian's torch: try the system one too.
  const interpreters = [...new Set([process.env.BENCH_PYTHON ?? 'python3', '/usr/bin/python3'])];
  let run: SpawnSyncReturns<string> | null = null;
  for (const python of interpreters) {
    run = spawnSync(python, args, { encoding: 'utf8', timeout: 600_000, env });
    if (!run.error && run.status === 0) break;
  }
  if (run === null || run.error) return `python3 not runnable: ${run?.error?.message ?? 'not found'}`;
  if (run.status !== 0) {
    const last = run.stderr.trim().split('\n').at(-1) ?? '';
    return /No module named 'torch'/.test(last) ? 'PyTorch not installed (Debian: apt-get install python3-torch libopenblas0-pthread)' : `failed: ${last}`;
  }
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { tokens_per_second: number; cpu_seconds_per_step?: number; torch: string };
  return { tokens: Math.round(result.tokens_per_second), cpuSeconds: result.cpu_seconds_per_step ?? null, version: result.torch };
}

/** Thread counts to time besides 1: BENCH_ENGINE_WORKERS (e.g. "2,3"), else 2 when there are 2+ cores. */
function workerCounts(): number[] {
  const listed = process.env.BENCH_ENGINE_WORKERS?.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 1);
  return listed ?? (cpus().length > 1 ? [2] : []);
}

export async function run(): Promise<Record<string, number | string>> {
  const batch = Number(process.env.BENCH_ENGINE_BATCH ?? 16);
  const steps = Number(process.env.BENCH_ENGINE_STEPS ?? 2);
  const statuses = await probeTrainingBackends();
  const results: Record<string, number | string> = { batch, seq: SEQ, timed_steps: steps, model: 'bert-mini 4x256, vocab 8192' };
  for (const status of statuses) {
    if (!status.available) {
      results[`${status.name}`] = `unavailable: ${status.reason ?? 'unknown'}`;
      continue;
    }
    if (status.name === 'cpu' && process.env.BENCH_ENGINE_CPU !== '1') {
      results.cpu_train = 'skipped (minutes per step; set BENCH_ENGINE_CPU=1 to run it)';
      Object.assign(results, await benchForwardOnly('cpu'));
      continue;
    }
    Object.assign(results, await benchBackend(status.name, batch, steps, 1));
    // Data-parallel threads: tfjs backends run one thread each here (wasm threads do not start in Node).
    if (status.name === 'wasm' || status.name === 'cpu') {
      for (const workers of workerCounts()) Object.assign(results, await benchBackend(status.name, batch, steps, workers));
    }
  }
  const best = Math.max(0, ...Object.entries(results).filter(([k]) => k.endsWith('_train_tokens_per_second')).map(([, v]) => Number(v)));
  for (const threads of [...new Set([1, cpus().length])]) {
    const torch = torchBaseline(batch, steps, threads);
    if (typeof torch === 'string') {
      results.pytorch = torch;
      break;
    }
    results.pytorch_version = torch.version;
    results[`pytorch_${threads}_thread_train_tokens_per_second`] = torch.tokens;
    if (torch.cpuSeconds !== null) {
      results[`pytorch_${threads}_thread_train_cpu_seconds_per_step`] = Number(torch.cpuSeconds.toFixed(3));
      // CPU time does not depend on what else runs on the machine: the steady single-thread comparison.
      const ours = results.wasm_train_cpu_seconds_per_step;
      if (threads === 1 && typeof ours === 'number') results.wasm_over_pytorch_1_thread_by_cpu_time = Number((torch.cpuSeconds / ours).toFixed(3));
    }
    if (best > 0) results[`ours_best_over_pytorch_${threads}_thread`] = Number((best / torch.tokens).toFixed(3));
    for (const [key, value] of Object.entries(results)) {
      if (!key.endsWith('_train_tokens_per_second') || key.startsWith('pytorch')) continue;
      results[`${key.replace('_train_tokens_per_second', '')}_over_pytorch_${threads}_thread`] = Number((Number(value) / torch.tokens).toFixed(3));
    }
  }
  return results;
}
