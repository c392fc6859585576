import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '/work/main/native/tfjs-backend';
import { ParallelTrainer } from '/work/main/main/engine/train/parallel';
import { parseModelConfig } from '/work/main/main/engine/models/registry';
import { AdamW, DEFAULT_ADAMW } from '/work/main/main/engine/train/optimizer';
import { variablesFromParams } from '/work/main/main/engine/train/params';
await initBackend('wasm');
const workers = Number(process.argv[2]);
const B = Number(process.argv[3] ?? 8);
const cfg = { model_type: 'bert', architectures: ['BertForMaskedLM'], vocab_size: 8192, hidden_size: 256, num_hidden_layers: 4, num_attention_heads: 4, intermediate_size: 1024, max_position_embeddings: 512 };
const { arch, config } = parseModelConfig(cfg);
const params = tf.tidy(() => Object.fromEntries(arch.expectedWeights(config).filter((s) => s.tied_to === undefined).map((s) => [s.name, s.shape.length === 1 ? tf.zeros(s.shape) : tf.randomNormal(s.shape, 0, 0.02, 'float32', 7)])));
const vars = variablesFromParams(params);
const opt = new AdamW(vars, DEFAULT_ADAMW);
const t = new ParallelTrainer({ trainable: vars, optimizer: opt, clipNorm: 1, workers, model: { rawConfig: cfg } });
let s = 7;
const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const input_ids = Array.from({ length: B }, () => Array.from({ length: 128 }, () => 5 + Math.floor(rand() * 8000)));
const labels = input_ids.map((r) => r.map((id) => (rand() < 0.15 ? id : -100)));
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await t.step(t.lossFor({ input_ids, labels }), 1e-4);
  const c = process.cpuUsage(cpu0);
  console.log(`workers ${workers} step ${i}: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${((c.user + c.system) / 1e6).toFixed(2)} s cpu`);
}
await t.close();
