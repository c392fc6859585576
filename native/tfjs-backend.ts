// Training backend probe and selection for TensorFlow.js.
// Tries, in order of speed: tfjs-node-gpu (CUDA), tfjs-node (libtensorflow on CPU), wasm (SIMD), cpu.
// A backend counts as available only when it loads, becomes the active backend (tf.setBackend returns
// false and silently keeps the old one on failure) and passes a numeric self-test that includes a
// gradient. The probe runs once per process; `studio doctor` prints it and training uses initBackend().
// STUDIO_BACKEND=tensorflow-gpu|tensorflow|wasm|cpu forces a choice.
import { createRequire } from 'node:module';
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName, BackendStatus } from '../main/common/dto';
import { StudioError } from '../main/common/errors';
import { installWasmKernelFixes } from './tfjs-wasm-kernels';

export type Tf = typeof tf;

const require = createRequire(import.meta.url);
const ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

interface Candidate {
  name: BackendName;
  /** The name tfjs registers the backend under. */
  tfName: string;
  package: string;
  /** Loads the package and registers its backend; returns a device description. */
  load(): Promise<string | null>;
  fix: string;
}

const CANDIDATES: Record<BackendName, Candidate> = {
  'tensorflow-gpu': {
    name: 'tensorflow-gpu',
    tfName: 'tensorflow',
    package: '@tensorflow/tfjs-node-gpu',
    load: async () => {
      await import('@tensorflow/tfjs-node-gpu' as string);
      return 'CUDA GPU (libtensorflow GPU build)';
    },
    fix: 'npm install @tensorflow/tfjs-node-gpu@4.22.0 (needs an NVIDIA driver, CUDA 11.8 + cuDNN 8.6, and network access to download libtensorflow)',
  },
  tensorflow: {
    name: 'tensorflow',
    tfName: 'tensorflow',
    package: '@tensorflow/tfjs-node',
    load: async () => {
      if (loaded.has('tensorflow-gpu')) {
        throw new Error('not loaded: @tensorflow/tfjs-node-gpu already provides the "tensorflow" backend in this process');
      }
      await import('@tensorflow/tfjs-node' as string);
      return 'CPU (libtensorflow)';
    },
    fix: 'npm install @tensorflow/tfjs-node@4.22.0 (needs network access to download libtensorflow during install)',
  },
  wasm: {
    name: 'wasm',
    tfName: 'wasm',
    package: '@tensorflow/tfjs-backend-wasm',
    load: async () => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      installWasmKernelFixes();
      const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
      wasm.setWasmPaths(dist);
      return null; // filled in after initialisation, when the SIMD/threads flags are known
    },
    fix: 'npm install @tensorflow/tfjs-backend-wasm@4.22.0',
  },
  cpu: {
    name: 'cpu',
    tfName: 'cpu',
    package: '@tensorflow/tfjs-backend-cpu',
    load: async () => {
      await import('@tensorflow/tfjs-backend-cpu');
      return 'JavaScript (slow: a last resort for tiny models)';
    },
    fix: 'npm install @tensorflow/tfjs-backend-cpu@4.22.0',
  },
};

const loaded = new Set<BackendName>();
let gradientsLoaded: Promise<void> | null = null;
let probeResult: Promise<BackendStatus[]> | null = null;

/**
 * The Node build of tfjs-core registers no gradients; they exist only in its ESM build, whose
 * extension-less imports need a resolve hook (native/tfjs-esm-resolve.mjs) to load in plain Node.
 */
export function loadGradients(): Promise<void> {
  gradientsLoaded ??= (async () => {
    const hook = new URL('./tfjs-esm-resolve.mjs', import.meta.url);
    if (hook.protocol === 'file:' && existsSync(hook)) register(hook.href);
    await import('@tensorflow/tfjs-core/dist/register_all_gradients.js' as string);
    tf.env().set('PROD', true); // silences tfjs' console advice; we report backends ourselves
  })();
  return gradientsLoaded;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? 'unknown error';
  if (/Cannot find (package|module)/.test(first)) return 'package not installed';
  return first.length > 300 ? `${first.slice(0, 297)}...` : first;
}

function versionOf(pkg: string): string | null {
  try {
    return (require(`${pkg}/package.json`) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** matMul and a gradient through it on the active backend, compared with known values. */
function selfTest(): void {
  const errors = tf.tidy(() => {
    const a = tf.tensor2d([[1, 2, 3], [4, 5, 6]]); // [2, 3]
    const b = tf.tensor2d([[1, 0], [0, 1], [1, 1]]); // [3, 2]
    const product = Array.from(tf.matMul(a, b).dataSync()); // [2, 2]
    const grad = Array.from(tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, b), tf.matMul(x, b))))(a).dataSync());
    // d/dx sum((xb)^2) = 2 (xb) b^T
    const want = [[4, 5], [10, 11]];
    const wantGrad = want.flatMap((row) => [2 * row[0]!, 2 * row[1]!, 2 * (row[0]! + row[1]!)]);
    return [...product.map((v, i) => Math.abs(v - want.flat()[i]!)), ...grad.map((v, i) => Math.abs(v - wantGrad[i]!))];
  });
  const worst = Math.max(...errors);
  if (!(worst < 1e-4)) throw new Error(`numeric self-test failed (max error ${worst})`);
}

async function activate(candidate: Candidate): Promise<void> {
  const ok = await tf.setBackend(candidate.tfName);
  if (!ok || tf.getBackend() !== candidate.tfName) {
    throw new Error(`tf.setBackend('${candidate.tfName}') failed (tfjs fell back to '${tf.getBackend()}')`);
  }
  await tf.ready();
  selfTest();
}

function wasmDevice(): string {
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  return `WebAssembly, SIMD ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off (not available in Node)'}`;
}

/**
 * Emscripten's Node glue (the wasm backend, when it starts) adds process handlers that rethrow every
 * uncaught error and print the whole minified module; remove handlers added while `run` ran.
 */
async function withoutNewProcessHandlers<T>(run: () => Promise<T>): Promise<T> {
  const exceptions = process.listeners('uncaughtException');
  const rejections = process.listeners('unhandledRejection');
  try {
    return await run();
  } finally {
    for (const l of process.listeners('uncaughtException')) if (!exceptions.includes(l)) process.removeListener('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!rejections.includes(l)) process.removeListener('unhandledRejection', l);
  }
}

async function probeOne(candidate: Candidate): Promise<BackendStatus> {
  return withoutNewProcessHandlers(() => probeLoad(candidate));
}

async function probeLoad(candidate: Candidate): Promise<BackendStatus> {
  const base = { name: candidate.name, package: candidate.package, selected: false, version: versionOf(candidate.package) };
  try {
    let device = await candidate.load();
    loaded.add(candidate.name);
    await activate(candidate);
    if (candidate.name === 'wasm') device = wasmDevice();
    return { ...base, available: true, device, reason: null, fix: null };
  } catch (error) {
    const reason = oneLine(error);
    const fix = reason === 'package not installed' || base.version === null ? candidate.fix : `check the error above; reinstall with: ${candidate.fix}`;
    return { ...base, available: false, device: null, reason, fix };
  }
}

function forcedBackend(): BackendName | undefined {
  const value = process.env.STUDIO_BACKEND?.trim();
  if (value === undefined || value === '') return undefined;
  if ((ORDER as readonly string[]).includes(value)) return value as BackendName;
  throw new StudioError('invalid_request', `STUDIO_BACKEND=${value} is not a backend; use one of ${ORDER.join(', ')}`, { field: 'STUDIO_BACKEND' });
}

/** Every backend with whether it works here, why not, and how to fix it. Cached per process. */
export function probeTrainingBackends(): Promise<BackendStatus[]> {
  probeResult ??= (async () => {
    await loadGradients();
    const statuses: BackendStatus[] = [];
    for (const name of ORDER) statuses.push(await probeOne(CANDIDATES[name]));
    const wanted = forcedBackend() ?? statuses.find((s) => s.available)?.name;
    const chosen = statuses.find((s) => s.name === wanted && s.available);
    if (chosen) {
      chosen.selected = true;
      await tf.setBackend(CANDIDATES[chosen.name].tfName);
    }
    return statuses;
  })();
  return probeResult.then((list) => list.map((s) => ({ ...s })));
}

/**
 * Makes `prefer` (or STUDIO_BACKEND, or the fastest available backend) the active one and returns
 * tfjs with it. Throws StudioError('unsupported') naming the reason and the fix when it cannot.
 */
export async function initBackend(prefer?: BackendName): Promise<{ tf: Tf; name: BackendName }> {
  const statuses = await probeTrainingBackends();
  const wanted = prefer ?? forcedBackend() ?? statuses.find((s) => s.available)?.name;
  if (wanted === undefined) {
    throw new StudioError('unsupported', `No TensorFlow.js backend works here: ${statuses.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
  }
  const status = statuses.find((s) => s.name === wanted);
  if (!status?.available) {
    throw new StudioError('unsupported', `The ${wanted} backend is not available: ${status?.reason ?? 'unknown'}. Fix: ${status?.fix ?? CANDIDATES[wanted].fix}`);
  }
  await activate(CANDIDATES[wanted]);
  const cached = await probeResult!;
  for (const s of cached) s.selected = s.name === wanted;
  return { tf, name: wanted };
}
