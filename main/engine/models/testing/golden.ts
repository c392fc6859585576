// Shared helpers of the golden tests: load a fixture of test/fixtures/hf-reference (made by the real
// Hugging Face code), run our forward on a given backend, and measure the differences.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, probeTrainingBackends } from '../../../../native/tfjs-backend';
import type { BackendName } from '../../../common/dto';
import { readSafetensors } from '../../checkpoint/safetensors';
import { forward, loss } from '../forward';
import { readModelConfig, type ModelSpec } from '../registry';
import type { ModelInputs, Params } from '../types';
import { paramsFromCheckpoint } from '../weights';

export const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/hf-reference/', import.meta.url));

export interface Reference extends ModelInputs {
  labels: number[][];
  loss: number;
  lora?: { lora_config: { scaling: number }; loss_with_adapter: number };
}

export interface Fixture extends ModelSpec {
  dir: string;
  reference: Reference;
  params: Record<string, tf.Tensor>;
  array(file: string): Promise<Float32Array>;
}

export async function loadFixture(name: string): Promise<Fixture> {
  await probeTrainingBackends(); // registers the backends before any tensor is made
  const dir = `${FIXTURES}${name}`;
  const spec = await readModelConfig(dir);
  const reference = JSON.parse(await readFile(`${dir}/reference.json`, 'utf8')) as Reference;
  const { params } = paramsFromCheckpoint(spec.arch, spec.config, await readSafetensors(`${dir}/model.safetensors`));
  const array = async (file: string) => {
    const bytes = await readFile(`${dir}/${file}`);
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  return { ...spec, dir, reference, params, array };
}

/** The LoRA adapter's tensors under the base model's names (PEFT's "base_model.model." removed). */
export async function loraParams(fixture: Fixture): Promise<Record<string, tf.Tensor>> {
  const adapter = await readSafetensors(`${fixture.dir}/lora/adapter_model.safetensors`);
  const out: Record<string, tf.Tensor> = { ...fixture.params };
  for (const [name, t] of adapter) out[name.replace(/^base_model\.model\./, '')] = tf.tensor(t.data, t.shape);
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

/** The backends to check here: cpu, wasm, and tensorflow(-gpu) when installed. */
export async function goldenBackends(): Promise<BackendName[]> {
  const statuses = await probeTrainingBackends();
  return statuses.filter((s) => s.available).map((s) => s.name);
}

export interface GoldenResult {
  logits: number;
  hidden: number;
  lossRelative: number;
}

/** Runs forward and loss on `backend` and compares them with the fixture. */
export async function compareForward(fixture: Fixture, backend: BackendName, params: Params = fixture.params): Promise<GoldenResult> {
  await initBackend(backend);
  const { arch, config, reference } = fixture;
  const out = forward(arch, params, config, reference);
  const logits = maxAbsDiff(await out.logits.data(), await fixture.array('logits.bin'));
  const stacked = tf.stack(out.hiddenStates);
  const hidden = maxAbsDiff(await stacked.data(), await fixture.array('hidden_states.bin'));
  const lossValue = loss(arch, params, config, reference, reference.labels);
  const lossRelative = Math.abs((await lossValue.data())[0]! - reference.loss) / Math.abs(reference.loss);
  tf.dispose([out.logits, ...out.hiddenStates, stacked, lossValue]);
  return { logits, hidden, lossRelative };
}
