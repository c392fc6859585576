// A cpt-lora run of the bundled tiny-bert, trained with the defaults a user gets (LoRA on the layers' projections
// and the MLM head's transform and bias in modules_to_save), exported as peft, merged, onnx and bundle: the PEFT folder
// carries the head under PEFT's keys, the merged model and the ONNX model compute what base + adapter computes,
// `studio try` on the run, on the merged folder and on the ONNX file gives the adapted model's answers, and the bundle verifies.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../native/tfjs-backend';
import { readSafetensors } from '../engine/checkpoint/safetensors';
import { loadHfWeights } from '../engine/hf/weights';
import { tryModel } from '../engine/infer';
import { loadLoraAdapter } from '../engine/lora/adapter';
import { forward } from '../engine/models/forward';
import { readModelConfig } from '../engine/models/registry';
import { loadTokenizer } from '../engine/tokenizers';
import type { HostTensor } from '../engine/train/params';
import { toTensors } from '../engine/train/params';
import { runPretraining } from '../engine/train/pretrain';
import { Rng } from '../engine/train/rng';
import { openWorkspaceDb, type WritableDb } from '../store/db';
import { insertModel } from '../store/queries/models';
import { insertRun, setRunStatus } from '../store/queries/runs';
import { tryServices } from '../services/try';
import { verifyBundle } from './bundle/verify';
import { tryOnnxModel } from './onnx/try';
import { runExport } from './run-export';

const TINY_BERT = join(import.meta.dirname, '../../resources/models/tiny-bert');
const TEXT = 'The licensee shall not sublicense the [MASK] without prior written consent.';

let root: string;
let workspace: string;
let db: WritableDb;
let runId: number;
let result: Awaited<ReturnType<typeof runExport>>;

/** Token documents: a little legal-sounding text repeated with variations, in tiny-bert's vocabulary. */
async function documents(count: number, seed: number): Promise<number[][]> {
  const tokenizer = await loadTokenizer(TINY_BERT);
  const words = ['licence', 'licensee', 'software', 'copyright', 'holder', 'distribute', 'warranty', 'notice', 'source', 'code', 'permission', 'granted'];
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const text = Array.from({ length: 40 }, () => words[rng.int(words.length)]).join(' ');
    return tokenizer.encodeIds(text);
  });
}

async function logitsOf(weights: ReadonlyMap<string, HostTensor>, ids: number[], loraScaling?: number): Promise<Float32Array> {
  const { tf } = await initBackend('cpu');
  const spec = await readModelConfig(TINY_BERT);
  const tensors = toTensors(weights);
  const out = forward(spec.arch, Object.fromEntries(tensors), spec.config, { input_ids: [ids], attention_mask: [ids.map(() => 1)] }, loraScaling === undefined ? {} : { loraScaling });
  const data = Float32Array.from(out.logits.dataSync());
  tf.dispose([out.logits, ...out.hiddenStates, ...tensors.values()]);
  return data;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'studio-lora-head-export-'));
  workspace = join(root, 'ws');
  mkdirSync(workspace);
  db = openWorkspaceDb(join(workspace, 'studio.db')) as WritableDb;
  const model = insertModel(db, { name: 'tiny-bert', model_type: 'bert', source: 'bundled', path: TINY_BERT, parameters: 970_000 });
  const run = insertRun(db, { corpus_id: null, base_model_id: model.id, method: 'cpt-lora', config: { method: 'cpt-lora', lora: { r: 8, alpha: 16, dropout: 0, modules_to_save: ['cls.predictions'] } } });
  runId = run.id;
  await initBackend('wasm');
  const trained = await runPretraining({
    modelFolder: TINY_BERT,
    method: 'lora',
    lora: { r: 8, alpha: 16, dropout: 0 }, // the head in modules_to_save comes from the session's default
    special: { cls: 2, sep: 3, mask: 4, pad: 0, bos: null, eos: null },
    corpus: { train: await documents(24, 1), validation: await documents(4, 2) },
    general: null,
    replayRatio: 0,
    seqLen: 32,
    batch: 4,
    accumulation: 1,
    steps: 6,
    peakLr: 2e-2,
    warmupSteps: 1,
    decay: 'cosine',
    minLrRatio: 0.1,
    weightDecay: 0.01,
    clipNorm: 1,
    evalEvery: 0,
    patience: null,
    maxEvalBlocks: 2,
    checkpointEvery: 6,
    keepLast: 1,
    seed: 3,
    outDir: join(workspace, 'runs', String(run.id)),
    resume: false,
  });
  expect(trained.outputs.adapter).toBe(join(workspace, 'runs', String(run.id), 'adapter'));
  setRunStatus(db, run.id, 'succeeded');
  result = await runExport({ run: runId, formats: ['peft', 'merged', 'onnx', 'bundle'], out: join(root, 'out') }, { workspace, db });
}, 240_000);

afterAll(() => {
  db?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('export of a cpt-lora run of tiny-bert (MLM head saved)', () => {
  it('writes peft, merged, onnx and a bundle of them, each verified', async () => {
    expect(result.exports.map((e) => [e.format, e.verified])).toEqual([
      ['peft', true],
      ['merged', true],
      ['onnx', true],
      ['bundle', true],
    ]);
    const bundle = result.exports.find((e) => e.format === 'bundle')!;
    expect(await verifyBundle(bundle.path, workspace)).toMatchObject({ ok: true });
    const onnx = result.exports.find((e) => e.format === 'onnx')!;
    expect((onnx.verification.config as { max_abs_error: number }).max_abs_error).toBeLessThanOrEqual(1e-4);
  });

  it('peft: the head under PEFT keys (no wrapper names, no tied decoder) and modules_to_save in the config', async () => {
    const tensors = await readSafetensors(join(root, 'out', 'peft', 'adapter_model.safetensors'));
    const keys = [...tensors.keys()];
    expect(keys).toEqual(expect.arrayContaining(['base_model.model.cls.predictions.bias', 'base_model.model.cls.predictions.transform.dense.weight', 'base_model.model.cls.predictions.transform.LayerNorm.weight']));
    expect(keys.filter((k) => /modules_to_save|decoder|cls\.predictions\.transform\.dense\.lora_/.test(k))).toEqual([]);
    expect(keys.filter((k) => k.includes('.lora_A.')).length).toBe(12); // 6 projections × 2 layers
    const config = JSON.parse(readFileSync(join(root, 'out', 'peft', 'adapter_config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ peft_type: 'LORA', r: 8, lora_alpha: 16, modules_to_save: ['cls.predictions'] });
  });

  it('merged and onnx compute what base + adapter computes, and try answers with the adapted model', async () => {
    const base = await loadHfWeights(TINY_BERT);
    const adapter = await loadLoraAdapter(join(workspace, 'runs', String(runId), 'adapter'), 'bert', base);
    const tokenizer = await loadTokenizer(TINY_BERT);
    const ids = tokenizer.encode(TEXT).ids;
    const adapted = await logitsOf(new Map([...base, ...adapter.tensors]), ids, adapter.scaling);
    const merged = await loadHfWeights(join(root, 'out', 'merged'));
    expect(merged.get('cls.predictions.bias')!.data).not.toEqual(base.get('cls.predictions.bias')!.data);
    expect(maxAbsDiff(await logitsOf(merged, ids), adapted)).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(await logitsOf(base, ids), adapted)).toBeGreaterThan(1e-2);

    const engine = await tryModel(join(root, 'out', 'merged'), { text: TEXT, top_k: 5, logits: true });
    const ort = await tryOnnxModel(join(root, 'out', 'onnx', 'model.onnx'), join(root, 'out', 'onnx'), { text: TEXT, top_k: 5, logits: true });
    expect(ort.top.map((t) => t.candidates.map((c) => c.id))).toEqual(engine.top.map((t) => t.candidates.map((c) => c.id)));
    // `studio try <run>`: the run's base model with its adapter merged in, as the merged export.
    const services = tryServices({ workspace, db, mode: 'cli', supervisor: { start: () => Promise.reject(new Error('no jobs here')), cancel: () => Promise.reject(new Error('no jobs here')) } });
    const onRun = await services['model.try']({ model: String(runId), text: TEXT, top_k: 5, logits: true, generate: 0 });
    expect(onRun.top.map((t) => t.candidates.map((c) => c.id))).toEqual(engine.top.map((t) => t.candidates.map((c) => c.id)));
    expect(maxAbsDiff(Float32Array.from(onRun.logits![0]!), Float32Array.from(engine.logits![0]!))).toBeLessThanOrEqual(1e-4);
    const position = engine.positions[0]!;
    const vocab = adapted.length / ids.length;
    const row = adapted.slice(position * vocab, (position + 1) * vocab);
    expect(maxAbsDiff(Float32Array.from(ort.logits![0]!), row)).toBeLessThanOrEqual(1e-4);
  });
});
