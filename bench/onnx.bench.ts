// ONNX export and inference: the time to export (graph, write, onnxruntime parity check) each reference
// fixture and a BERT-mini-shaped masked LM (vocab 8192, hidden 256, 4 layers, 4 heads, FFN 1024, random
// weights), then the forward latency at batch 1, seq 128 of that model in onnxruntime-node (CPU, all
// cores and 1 thread) next to our engine's forward on each available tfjs backend (the pure-JS cpu
// backend only with BENCH_ENGINE_CPU=1: about 10 s a forward). Medians of BENCH_ONNX_RUNS (20) runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, probeTrainingBackends } from '../native/tfjs-backend';
import { saveHfFolder } from '../main/engine/hf/save';
import { forward } from '../main/engine/models/forward';
import { parseModelConfig } from '../main/engine/models/registry';
import { disposeParams, paramsFromCheckpoint } from '../main/engine/models/weights';
import { exportOnnx, openOnnxSession } from '../main/export/onnx';
import { BERT_MINI } from './models';

const FIXTURES = join(import.meta.dirname, '../test/fixtures/hf-reference');
const SEQ = 128;
const RUNS = Number(process.env.BENCH_ONNX_RUNS ?? 20);

async function timedMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function medianMs(fn: () => Promise<unknown> | unknown, runs = RUNS, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timedMs(fn));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The BERT-mini folder: expectedWeights with seeded random values (norm weights 1, biases 0). */
async function bertMini(dir: string): Promise<Map<string, { shape: number[]; data: Float32Array }>> {
  const { arch, config } = parseModelConfig(BERT_MINI);
  let state = 42;
  const normal = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const u = (state + 1) / 4294967297;
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const v = (state + 1) / 4294967297;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v) * 0.02;
  };
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const spec of arch.expectedWeights(config)) {
    if (spec.tied_to !== undefined) continue;
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const fill = spec.shape.length > 1 ? normal : spec.name.endsWith('LayerNorm.weight') ? () => 1 : () => 0;
    tensors.set(spec.name, { shape: spec.shape, data: Float32Array.from({ length: size }, fill) });
  }
  await saveHfFolder(dir, { config: BERT_MINI, tensors, tokenizerFiles: [join(FIXTURES, 'bert', 'vocab.txt')] });
  return tensors;
}

export async function run(): Promise<Record<string, number | string>> {
  const root = mkdtempSync(join(tmpdir(), 'bench-onnx-'));
  const out: Record<string, number | string> = {};
  try {
    await initBackend(); // loaded once, outside the export timings
    for (const name of ['bert', 'roberta', 'distilbert', 'gpt2', 'llama']) {
      out[`export_${name}_fixture_ms`] = await timedMs(() => exportOnnx({ folder: join(FIXTURES, name), out: join(root, name) }));
    }
    const folder = join(root, 'bert-mini');
    const weights = await bertMini(folder);
    let parity = 0;
    out.export_bert_mini_ms = await timedMs(async () => {
      const result = await exportOnnx({ folder, out: join(root, 'bert-mini-onnx') });
      parity = result.parity!.max_abs_error;
      out.bert_mini_onnx_mb = result.bytes / 1e6;
    });
    out.bert_mini_parity_max_abs_error = parity;

    let seed = 1;
    const ids = [Array.from({ length: SEQ }, () => (seed = (seed * 48271) % 2147483647) % 8000 + 100)];
    const inputs = { input_ids: ids, attention_mask: [ids[0]!.map(() => 1)], token_type_ids: [ids[0]!.map(() => 0)] };
    const file = join(root, 'bert-mini-onnx', 'model.onnx');
    for (const threads of [0, 1]) {
      const session = await openOnnxSession(file, threads ? { threads } : {});
      out[`onnxruntime_${threads ? '1_thread' : 'all_cores'}_b1_s128_ms`] = await medianMs(() => session.run(inputs));
      await session.release();
    }

    const { arch, config } = parseModelConfig(BERT_MINI);
    for (const status of await probeTrainingBackends()) {
      if (!status.available || (status.name === 'cpu' && process.env.BENCH_ENGINE_CPU !== '1')) continue;
      await initBackend(status.name);
      const { params } = paramsFromCheckpoint(arch, config, weights);
      const runs = status.name === 'cpu' ? 3 : RUNS;
      out[`engine_${status.name}_b1_s128_ms`] = await medianMs(() => {
        const result = forward(arch, params, config, inputs);
        result.logits.dataSync();
        tf.dispose([result.logits, ...result.hiddenStates]);
      }, runs, 2);
      disposeParams(params);
      out[`engine_${status.name}_over_onnxruntime`] = (out[`engine_${status.name}_b1_s128_ms`] as number) / (out.onnxruntime_all_cores_b1_s128_ms as number);
    }
    return out;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
