// ONNX Runtime probe for `studio doctor` and the ONNX export's parity check: loads onnxruntime-node,
// reports its version, and tries every execution provider it lists on a one-node model — a provider
// counts as available only if a session really runs on it (CUDA listed but not installed does not).
import type * as OrtModule from 'onnxruntime-node';
import type { OnnxRuntimeStatus } from '../main/common/dto';
import { explainLoadError, oneLine } from './load-errors';

type Ort = typeof OrtModule;

const ADDON = { package: 'onnxruntime-node', version: '1.30.0', abiSpecific: false };

const PROVIDER_FIX: Record<string, string> = {
  cuda: 'Install its CUDA libraries: `ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node` on a machine that can reach their download (needs an NVIDIA driver, CUDA 12 and cuDNN 9).',
  tensorrt: 'Install the CUDA build of onnxruntime-node and NVIDIA TensorRT 10.',
  webgpu: 'Needs a GPU with a Vulkan (Linux), Metal (macOS) or Direct3D 12 (Windows) driver.',
  dml: 'Needs Windows 10+ with a DirectX 12 GPU.',
  coreml: 'Needs macOS.',
};

/** A valid ONNX model with one Identity node, y = x over float32[1], encoded by hand (protobuf wire format). */
export function identityModel(): Uint8Array {
  const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n > 127) {
      out.push((n & 127) | 128);
      n >>>= 7;
    }
    out.push(n);
    return out;
  };
  const bytesField = (no: number, bytes: number[]) => [...varint((no << 3) | 2), ...varint(bytes.length), ...bytes];
  const intField = (no: number, n: number) => [...varint(no << 3), ...varint(n)];
  const text = (s: string) => [...new TextEncoder().encode(s)];
  // TypeProto { tensor_type { elem_type: FLOAT, shape { dim { dim_value: 1 } } } }
  const floatVector = bytesField(1, [...intField(1, 1), ...bytesField(2, bytesField(1, intField(1, 1)))]);
  const valueInfo = (name: string) => [...bytesField(1, text(name)), ...bytesField(2, floatVector)];
  const node = [...bytesField(1, text('x')), ...bytesField(2, text('y')), ...bytesField(4, text('Identity'))];
  const graph = [...bytesField(1, node), ...bytesField(2, text('probe')), ...bytesField(11, valueInfo('x')), ...bytesField(12, valueInfo('y'))];
  // ModelProto { ir_version: 8, opset_import { version: 13 }, graph }
  return Uint8Array.from([...intField(1, 8), ...bytesField(8, intField(2, 13)), ...bytesField(7, graph)]);
}

async function tryProvider(ort: Ort, model: Uint8Array, provider: string): Promise<string | null> {
  try {
    const session = await ort.InferenceSession.create(model, { executionProviders: [provider], logSeverityLevel: 4 });
    try {
      const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([2.5]), [1]) });
      const y = out.y?.data as Float32Array | undefined;
      return y?.[0] === 2.5 ? null : 'the test model gave a wrong answer';
    } finally {
      await session.release();
    }
  } catch (error) {
    // Runtime messages start with a source location and a lambda signature; keep the human part.
    const text = oneLine(error);
    const human = text.lastIndexOf('Failed to');
    return human > 0 ? text.slice(human) : text;
  }
}

export async function probeOnnxRuntime(load: () => Promise<unknown> = () => import('onnxruntime-node')): Promise<OnnxRuntimeStatus> {
  let ort: Ort;
  try {
    const loaded = (await load()) as Ort & { default?: Ort };
    ort = loaded.default ?? loaded;
    ort.env.logLevel = 'fatal'; // the probe's expected failures are reported here, not printed by the runtime
  } catch (error) {
    const { reason, fix } = explainLoadError(ADDON, error);
    return { available: false, version: null, providers: [], reason, fix };
  }
  const version = ort.env.versions?.node ?? ort.env.versions?.common ?? null;
  const model = identityModel();
  const providers: string[] = [];
  const unavailable: NonNullable<OnnxRuntimeStatus['unavailable_providers']> = [];
  for (const { name } of ort.listSupportedBackends()) {
    const failure = await tryProvider(ort, model, name);
    if (failure === null) providers.push(name);
    else unavailable.push({ name, reason: failure, fix: PROVIDER_FIX[name] ?? null });
  }
  if (providers.length === 0) {
    return {
      available: false,
      version,
      providers,
      reason: `onnxruntime-node loaded but no execution provider could run a model (${unavailable.map((u) => `${u.name}: ${u.reason}`).join('; ')}).`,
      fix: `Reinstall it: \`npm install ${ADDON.package}@${ADDON.version}\`.`,
      unavailable_providers: unavailable,
    };
  }
  return { available: true, version, providers, reason: null, fix: null, unavailable_providers: unavailable };
}
