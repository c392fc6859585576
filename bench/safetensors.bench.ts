// Safetensors throughput: write and read back a 256 MB float32 checkpoint (64 tensors of 4 MB) and the
// same as F16 (widened to float32 on read), in a temporary folder. MB/s of tensor data, wall clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSafetensors, writeSafetensors, type TensorToWrite } from '../main/engine/checkpoint/safetensors';

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-st-'));
  try {
    const tensors = new Map<string, TensorToWrite>();
    for (let i = 0; i < 64; i++) {
      const data = new Float32Array(1024 * 1024); // [1024, 1024]
      for (let k = 0; k < data.length; k += 97) data[k] = Math.sin(i + k);
      tensors.set(`layers.${String(i).padStart(2, '0')}.weight`, { shape: [1024, 1024], data });
    }
    const mb = (64 * 4 * 1024 * 1024) / 1e6;
    const f32 = join(dir, 'f32.safetensors');
    const f16 = join(dir, 'f16.safetensors');
    const writeF32 = await timed(() => writeSafetensors(f32, tensors));
    const readF32 = await timed(() => readSafetensors(f32));
    const half = new Map([...tensors].map(([n, t]) => [n, { ...t, dtype: 'F16' as const }]));
    const writeF16 = await timed(() => writeSafetensors(f16, half));
    const readF16 = await timed(() => readSafetensors(f16));
    return {
      data_mb: Number(mb.toFixed(1)),
      write_f32_mb_s: mb / writeF32,
      read_f32_mb_s: mb / readF32,
      write_f16_from_f32_mb_s: mb / writeF16,
      read_f16_to_f32_mb_s: mb / readF16,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
