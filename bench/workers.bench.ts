// Data-parallel threads on the bundled tiny-bert (0.97 M parameters): tokens/s and CPU seconds per step of a
// masked-LM training step (full and LoRA) on 1 and 2 threads, at a small step (batch 2 × 32 tokens, where the
// automatic choice keeps 1 thread) and the train job's default (8 × 128, where it takes 2). The evidence
// behind engine/train/parallel/auto.ts. Wall-clock ratios move with the machine's load (a second thread gains
// nothing while other processes keep the cores busy); "ideal" = 2 × CPU(1 thread) / CPU(2 threads), the gain on
// an otherwise idle machine. BENCH_WORKERS_STEPS sets the timed steps (default 20); 1 and 2 alternate twice.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../native/tfjs-backend';
import { AdamW, DEFAULT_ADAMW } from '../main/engine/train/optimizer';
import { autoWorkers } from '../main/engine/train/parallel/auto';
import { createTrainer } from '../main/engine/train/parallel';
import { Rng } from '../main/engine/train/rng';
import { openSession } from '../main/engine/train/session';

const TINY_BERT = join(fileURLToPath(new URL('.', import.meta.url)), '../resources/models/tiny-bert');

async function timeSteps(method: 'full' | 'lora', workers: number, batch: number, seqLen: number, steps: number): Promise<{ tokens: number; cpu: number; parameters: number }> {
  const session = await openSession({ folder: TINY_BERT, method, rng: new Rng(1) });
  const rng = new Rng(7);
  const vocab = session.config.vocab_size;
  const ids = Array.from({ length: batch }, () => Array.from({ length: seqLen }, () => 5 + rng.int(vocab - 5)));
  const labels = ids.map((row) => row.map((id) => (rng.next() < 0.15 ? id : -100)));
  const optimizer = new AdamW(session.trainable, DEFAULT_ADAMW);
  const trainer = await createTrainer({ trainable: session.trainable, frozen: session.frozen, optimizer, clipNorm: 1, workers, model: { rawConfig: session.rawConfig, head: session.head, options: session.forwardOptions } });
  try {
    const attention_mask = ids.map((row) => row.map(() => 1));
    const step = () => trainer.step(session.lossFor({ input_ids: ids, attention_mask, labels }), 1e-4);
    await step();
    await step(); // warm-up: kernels, memory, worker threads
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < steps; i++) await step();
    const seconds = (performance.now() - started) / 1000 / steps;
    const cpu = process.cpuUsage(cpuStart);
    return { tokens: (batch * seqLen) / seconds, cpu: (cpu.user + cpu.system) / 1e6 / steps, parameters: session.parameterCount.total };
  } finally {
    await trainer.close();
    optimizer.dispose();
    session.dispose();
  }
}

export async function run(): Promise<Record<string, number | string>> {
  const backend = await initBackend();
  const steps = Number(process.env.BENCH_WORKERS_STEPS ?? 20);
  const out: Record<string, number | string> = { backend: backend.name, load_average_1min_start: Number(loadavg()[0]!.toFixed(2)) };
  for (const [batch, seqLen] of [[2, 32], [8, 128]] as const) {
    for (const method of ['full', 'lora'] as const) {
      const best = { 1: { tokens: 0, cpu: Infinity }, 2: { tokens: 0, cpu: Infinity } };
      let parameters = 0;
      for (const workers of [1, 2, 1, 2] as const) {
        const r = await timeSteps(method, workers, batch, seqLen, steps);
        parameters = r.parameters;
        best[workers] = { tokens: Math.max(best[workers].tokens, r.tokens), cpu: Math.min(best[workers].cpu, r.cpu) };
      }
      const tag = `${method}_b${batch}_s${seqLen}`;
      out[`${tag}_1_thread_tokens_per_second`] = Math.round(best[1].tokens);
      out[`${tag}_2_threads_tokens_per_second`] = Math.round(best[2].tokens);
      out[`${tag}_2_vs_1_wall`] = Number((best[2].tokens / best[1].tokens).toFixed(2));
      out[`${tag}_2_vs_1_ideal`] = Number(((2 * best[1].cpu) / best[2].cpu).toFixed(2));
      out[`${tag}_automatic_threads`] = autoWorkers({ parameters, batch, seqLen }).workers;
    }
  }
  out.load_average_1min_end = Number(loadavg()[0]!.toFixed(2));
  return out;
}
