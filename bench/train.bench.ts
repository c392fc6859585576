// Training benchmark (issue 5's evidence), on the bundled tiny base model and the bundled corpora:
//  1. tokens/s of one full and one LoRA training step (forward + backward + clipping + AdamW) per
//     available backend, peak tensor bytes of a step and the process's peak RSS, LoRA's trainable share;
//  2. the live tensor count before and after 200 LoRA steps (must not grow);
//  3. cpt-lora and cpt-full, each for a time budget (default 5 minutes), on resources/corpora/sample-legal
//     (SPDX licence texts) with domain and general (resources/corpora/general-en) validation perplexity
//     before and after and the relative drop of the domain one;
//  4. lora-task on resources/tasks/licence-kind (split grouped by spdx_id): macro-F1 against the
//     majority-class baseline.
// Every hyper-parameter is the default a user gets (main/engine/train/defaults.ts); the number of steps is
// sized to the budget from a short timing of the same step, as the advisor does.
// Environment: BENCH_TRAIN_MODEL (model folder; default resources/models/tiny-bert), BENCH_TRAIN_MINUTES
// (budget of each cpt run, default 5), BENCH_TRAIN_TASK_MINUTES (lora-task budget, default 2),
// BENCH_TRAIN_PARTS (comma list of speed,leak,cpt-lora,cpt-full,lora-task; default all),
// BENCH_TRAIN_CPU=1 forces the cpu backend's speed figures even when it is slow, BENCH_TRAIN_SEQ (sequence
// length of the cpt runs), BENCH_TRAIN_LR_LORA / _FULL / _TASK (peak rates instead of peakLrFor), and
// BENCH_TRAIN_SAVE for an A/B of cpt-lora's modules_to_save: unset = the default (the LM head of a masked-LM
// encoder, cptLoraModulesToSave), "none" = LoRA alone, or a comma list (e.g. transformer.ln_f).
// BENCH_TRAIN_STEPS fixes the cpt runs' step count instead of sizing it to the budget (A/B at equal work).
// A quick A/B: BENCH_TRAIN_PARTS=cpt-lora BENCH_TRAIN_MINUTES=1 BENCH_TRAIN_SEQ=64 [BENCH_TRAIN_SAVE=none] npx tsx bench/run.ts train
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { parse as parseCsv } from 'csv-parse/sync';
import { initBackend, probeTrainingBackends } from '../native/tfjs-backend';
import type { BackendName } from '../main/common/dto';
import { loadTokenizer } from '../main/engine/tokenizers';
import { labelRows, makeBlocks, maskingFor, type Blocks } from '../main/engine/train/blocks';
import { cptLoraModulesToSave, peakLrFor, stepsForBudget, TRAIN_DEFAULTS, warmupStepsFor } from '../main/engine/train/defaults';
import { runTaskTraining, type TaskExample } from '../main/engine/train/finetune';
import { AdamW, DEFAULT_ADAMW, isBiasOrNorm } from '../main/engine/train/optimizer';
import { runPretraining, type PretrainSpec } from '../main/engine/train/pretrain';
import { Rng } from '../main/engine/train/rng';
import { openSession, type SessionMethod } from '../main/engine/train/session';
import { Trainer } from '../main/engine/train/step';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 1234;
type Figures = Record<string, number | string>;
type Tokenizer = Awaited<ReturnType<typeof loadTokenizer>>;

function env(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** Plain text of a licence file (HTML tags stripped). */
function fileText(file: string): string {
  const raw = readFileSync(file, 'utf8');
  return file.endsWith('.html') ? raw.replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;/g, ' ') : raw;
}

/** The licence family of an SPDX file name (GPL-2.0-only → gpl, CC-BY-SA-4.0 → cc): near-copies stay on one side. */
function familyOf(name: string): string {
  return (basename(name).split(/[-_.0-9+]/)[0] ?? name).toLowerCase();
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The sample-legal corpus as token documents (one per paragraph), split ~10% validation by licence family. */
function legalDocs(tokenizer: Tokenizer): { train: Uint16Array[]; validation: Uint16Array[]; families: number; validationFamilies: string[] } {
  const dir = join(ROOT, 'resources', 'corpora', 'sample-legal');
  const files = readdirSync(dir).filter((f) => /\.(txt|md|html)$/.test(f)).sort();
  const train: Uint16Array[] = [];
  const validation: Uint16Array[] = [];
  const families = new Set<string>();
  const validationFamilies = new Set<string>();
  for (const file of files) {
    const family = familyOf(file);
    families.add(family);
    const held = hash(family) % 10 === 0;
    if (held) validationFamilies.add(family);
    for (const paragraph of fileText(join(dir, file)).split(/\n\s*\n/)) {
      const text = paragraph.replace(/\s+/g, ' ').trim();
      if (text.length < 20) continue;
      (held ? validation : train).push(Uint16Array.from(tokenizer.encodeIds(text)));
    }
  }
  return { train, validation, families: families.size, validationFamilies: [...validationFamilies].sort() };
}

/** The bundled general corpus (WordNet glosses): every 20th line to validation, as the train job does. */
function generalDocs(tokenizer: Tokenizer, maxTrainBytes: number): { train: Uint16Array[]; validation: Uint16Array[] } {
  const dir = join(ROOT, 'resources', 'corpora', 'general-en');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const train: Uint16Array[] = [];
  const validation: Uint16Array[] = [];
  for (const file of files) {
    let bytes = 0;
    readFileSync(join(dir, file), 'utf8').split('\n').forEach((line, i) => {
      const text = line.trim();
      if (text.length === 0) return;
      if (i % 20 === 19) validation.push(Uint16Array.from(tokenizer.encodeIds(text)));
      else if (bytes < maxTrainBytes / files.length) {
        train.push(Uint16Array.from(tokenizer.encodeIds(text)));
        bytes += text.length + 1;
      }
    });
  }
  return { train, validation };
}

function special(tokenizer: Tokenizer): PretrainSpec['special'] {
  const s = tokenizer.special;
  return { cls: s.cls, sep: s.sep, mask: s.mask, pad: s.pad, bos: s.bos, eos: s.eos };
}

/** The pre-training objective of a model folder: causal LM for decoders (gpt2, llama), masked LM for encoders. */
function objectiveOf(model: string): 'masked-lm' | 'causal-lm' {
  const type = modelTypeOf(model);
  return type === 'gpt2' || type === 'llama' ? 'causal-lm' : 'masked-lm';
}

function modelTypeOf(model: string): string {
  return String((JSON.parse(readFileSync(join(model, 'config.json'), 'utf8')) as { model_type?: string }).model_type);
}

function maskingOf(model: string, tokenizer: Tokenizer): ReturnType<typeof maskingFor> | null {
  return objectiveOf(model) === 'masked-lm' ? maskingFor(special(tokenizer), tokenizer.vocab_size) : null;
}

/**
 * LoRA settings of the cpt runs: the defaults (the session adds the architecture's LM head to modules_to_save,
 * see cptLoraModulesToSave), or with BENCH_TRAIN_SAVE for an A/B: "none" = LoRA alone, else a comma list.
 */
function cptLora(): PretrainSpec['lora'] {
  const save = process.env.BENCH_TRAIN_SAVE;
  if (save === undefined || save === '') return { ...TRAIN_DEFAULTS.lora };
  return { ...TRAIN_DEFAULTS.lora, modulesToSave: save === 'none' ? [] : save.split(',').map((m) => m.trim()).filter(Boolean) };
}

/** Parameter count of a model folder's safetensors (header only). */
function parametersOf(model: string): number {
  const buffer = readFileSync(join(model, 'model.safetensors'));
  const header = JSON.parse(buffer.subarray(8, 8 + Number(buffer.readBigUInt64LE(0))).toString('utf8')) as Record<string, { shape?: number[] }>;
  return Object.entries(header).reduce((n, [k, v]) => (k === '__metadata__' ? n : n + (v.shape ?? []).reduce((a, b) => a * b, 1)), 0);
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

/** Tokens/s and peak tensor bytes of full and LoRA steps on one backend. */
async function speed(backend: BackendName, model: string, blocks: Blocks, tokenizer: Tokenizer, out: Figures, steps: number): Promise<void> {
  await initBackend(backend);
  const batch = TRAIN_DEFAULTS.batch;
  const masking = maskingOf(model, tokenizer);
  for (const method of ['full', 'lora'] as SessionMethod[]) {
    const rng = new Rng(SEED);
    const session = await openSession({ folder: model, method, lora: TRAIN_DEFAULTS.lora, rng: rng.fork() });
    const optimizer = new AdamW(session.trainable, { ...DEFAULT_ADAMW, weightDecay: TRAIN_DEFAULTS.weightDecay, noDecay: isBiasOrNorm });
    const trainer = new Trainer({ trainable: session.trainable, frozen: session.frozen, optimizer, clipNorm: TRAIN_DEFAULTS.clipNorm });
    try {
      const indices = (s: number): number[] => Array.from({ length: batch }, (_, b) => (s * batch + b) % blocks.count);
      const lossAt = (s: number) => session.lossFor(labelRows(blocks, indices(s), objectiveOf(model), masking, rng), rng);
      const tokensAt = (s: number): number => indices(s).reduce((n, i) => n + blocks.realTokens(i), 0);
      const profile = await tf.profile(async () => {
        await trainer.step(lossAt(0), 1e-5); // warm-up (kernels, optimizer state)
      });
      let tokens = 0;
      const started = performance.now();
      for (let s = 1; s <= steps; s++) {
        await trainer.step(lossAt(s), 1e-5);
        tokens += tokensAt(s);
      }
      const seconds = (performance.now() - started) / 1000;
      const name = method === 'full' ? 'full' : 'lora';
      out[`${backend}_${name}_tokens_per_s`] = Number((tokens / seconds).toFixed(1));
      out[`${backend}_${name}_ms_per_step`] = Math.round((seconds * 1000) / steps);
      out[`${backend}_${name}_peak_tensor_mb`] = Number((profile.peakBytes / 2 ** 20).toFixed(1));
      if (method === 'lora') {
        out.lora_trainable_params = session.parameterCount.trainable;
        out.total_params = session.parameterCount.total;
        out.lora_trainable_fraction = Number((session.parameterCount.trainable / session.parameterCount.total).toFixed(5));
      }
    } finally {
      optimizer.dispose();
      session.dispose();
    }
  }
  out[`${backend}_peak_rss_mb`] = Math.round(peakRssMb());
}

/** Live tensors before and after 200 LoRA steps (after one warm-up step that creates the optimizer state). */
async function leak(model: string, blocks: Blocks, tokenizer: Tokenizer, out: Figures): Promise<void> {
  await initBackend('wasm');
  const rng = new Rng(SEED);
  const session = await openSession({ folder: model, method: 'lora', lora: { ...TRAIN_DEFAULTS.lora, dropout: 0.1 }, rng: rng.fork() });
  const optimizer = new AdamW(session.trainable, { ...DEFAULT_ADAMW, weightDecay: TRAIN_DEFAULTS.weightDecay, noDecay: isBiasOrNorm });
  const trainer = new Trainer({ trainable: session.trainable, frozen: session.frozen, optimizer, clipNorm: TRAIN_DEFAULTS.clipNorm });
  const masking = maskingOf(model, tokenizer);
  try {
    const small = makeBlocks([...Array(blocks.count).keys()].slice(0, 64).map((i) => blocks.row(i).slice(0, 32)), { objective: objectiveOf(model), seqLen: 32, special: special(tokenizer) });
    const step = async (s: number): Promise<void> => {
      const indices = [0, 1].map((b) => (s * 2 + b) % small.count);
      await trainer.step(session.lossFor(labelRows(small, indices, objectiveOf(model), masking, rng), rng), 1e-4);
    };
    await step(0);
    const before = tf.memory().numTensors;
    const bytesBefore = tf.memory().numBytes;
    for (let s = 1; s <= 200; s++) await step(s);
    out.tensors_before_200_steps = before;
    out.tensors_after_200_steps = tf.memory().numTensors;
    out.tensor_bytes_growth_200_steps = tf.memory().numBytes - bytesBefore;
  } finally {
    optimizer.dispose();
    session.dispose();
  }
}

/** ms per optimizer step of a pre-training configuration, timed on a few steps (what the advisor's calibration does). */
async function paceOf(model: string, method: SessionMethod, blocks: Blocks, tokenizer: Tokenizer, lora: PretrainSpec['lora'] = TRAIN_DEFAULTS.lora): Promise<number> {
  const rng = new Rng(SEED);
  const session = await openSession({ folder: model, method, ...(lora ? { lora } : {}), rng: rng.fork() });
  const optimizer = new AdamW(session.trainable, { ...DEFAULT_ADAMW, weightDecay: TRAIN_DEFAULTS.weightDecay, noDecay: isBiasOrNorm });
  const trainer = new Trainer({ trainable: session.trainable, frozen: session.frozen, optimizer, clipNorm: TRAIN_DEFAULTS.clipNorm });
  const masking = maskingOf(model, tokenizer);
  try {
    const at = (s: number) => session.lossFor(labelRows(blocks, Array.from({ length: TRAIN_DEFAULTS.batch }, (_, b) => (s * TRAIN_DEFAULTS.batch + b) % blocks.count), objectiveOf(model), masking, rng), rng);
    // Two warm-up steps (kernels, wasm memory growth, optimizer state), then the median of six: on a shared
    // machine a mean of three over-estimated the pace two- to threefold, so "a 1-minute run" ended in 20 s.
    for (let s = 0; s < 2; s++) await trainer.step(at(s), 1e-6);
    const times: number[] = [];
    for (let s = 2; s < 8; s++) {
      const started = performance.now();
      await trainer.step(at(s), 1e-6);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return (times[2]! + times[3]!) / 2;
  } finally {
    optimizer.dispose();
    session.dispose();
  }
}

async function cpt(kind: 'cpt-lora' | 'cpt-full', model: string, data: { domain: ReturnType<typeof legalDocs>; general: ReturnType<typeof generalDocs> }, tokenizer: Tokenizer, budgetMs: number, out: Figures): Promise<void> {
  await initBackend('wasm');
  const method: SessionMethod = kind === 'cpt-lora' ? 'lora' : 'full';
  const seqLen = env('BENCH_TRAIN_SEQ', TRAIN_DEFAULTS.seqLen);
  const probe = makeBlocks(data.domain.train, { objective: objectiveOf(model), seqLen, special: special(tokenizer) });
  const lora = cptLora();
  const msPerStep = await paceOf(model, method, probe, tokenizer, lora);
  const evalEvery = 0; // before and after only: evaluation time goes to training
  // BENCH_TRAIN_STEPS fixes the step count (an A/B at equal work on a shared machine, whose pace varies).
  const fixedSteps = env('BENCH_TRAIN_STEPS', 0);
  const steps = fixedSteps > 0 ? Math.round(fixedSteps) : stepsForBudget(msPerStep * 1.1, budgetMs);
  const outDir = mkdtempSync(join(tmpdir(), `bench-${kind}-`));
  const spec: PretrainSpec = {
    modelFolder: model,
    method,
    ...(lora ? { lora } : {}),
    special: special(tokenizer),
    corpus: { train: data.domain.train, validation: data.domain.validation },
    general: data.general,
    replayRatio: TRAIN_DEFAULTS.replayRatio,
    seqLen,
    batch: TRAIN_DEFAULTS.batch,
    accumulation: TRAIN_DEFAULTS.accumulation,
    steps,
    peakLr: env(kind === 'cpt-lora' ? 'BENCH_TRAIN_LR_LORA' : 'BENCH_TRAIN_LR_FULL', peakLrFor(kind, parametersOf(model))),
    warmupSteps: warmupStepsFor(steps),
    decay: TRAIN_DEFAULTS.decay,
    minLrRatio: TRAIN_DEFAULTS.minLrRatio,
    weightDecay: TRAIN_DEFAULTS.weightDecay,
    clipNorm: TRAIN_DEFAULTS.clipNorm,
    evalEvery,
    patience: null,
    maxEvalBlocks: 64,
    checkpointEvery: steps,
    keepLast: 1,
    seed: SEED,
    outDir,
    resume: false,
    maxMs: fixedSteps > 0 ? null : budgetMs,
  };
  let tokensPerSecond = 0;
  const started = performance.now();
  try {
    const result = await runPretraining(spec, { onStep: (e) => void (tokensPerSecond = e.tokensPerSecond) });
    const { before, after } = result.metrics.domain_perplexity;
    out[`${kind}_status`] = result.status;
    out[`${kind}_steps`] = `${result.steps} of ${steps} planned (${Math.round(msPerStep)} ms/step timed, lr ${spec.peakLr}, batch ${spec.batch}×${seqLen})`;
    out[`${kind}_train_tokens_per_s`] = Number(tokensPerSecond.toFixed(1));
    if (kind === 'cpt-lora') {
      const saved = lora?.modulesToSave ?? cptLoraModulesToSave(modelTypeOf(model));
      out['cpt-lora_modules_to_save'] = saved.length === 0 ? 'none (LoRA alone)' : saved.join(',');
      out['cpt-lora_trainable_params'] = `${result.parameters.trainable} of ${result.parameters.total}`;
    }
    out[`${kind}_domain_ppl_before`] = Number(before.toFixed(2));
    out[`${kind}_domain_ppl_after`] = Number(after.toFixed(2));
    out[`${kind}_domain_ppl_drop_pct`] = Number((100 * (1 - after / before)).toFixed(1));
    const general = result.metrics.general_perplexity;
    out[`${kind}_general_ppl_before`] = general === null ? 'n/a' : Number(general.before.toFixed(2));
    out[`${kind}_general_ppl_after`] = general === null ? 'n/a' : Number(general.after.toFixed(2));
    out[`${kind}_wall_s`] = Number(((performance.now() - started) / 1000).toFixed(1));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function loraTask(model: string, tokenizer: Tokenizer, budgetMs: number, out: Figures): Promise<void> {
  await initBackend('wasm');
  const rows = parseCsv(readFileSync(join(ROOT, 'resources', 'tasks', 'licence-kind', 'licence-kind.csv')), { columns: true, skip_empty_lines: true }) as { text: string; label: string; spdx_id: string }[];
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  const train: TaskExample[] = [];
  const validation: TaskExample[] = [];
  for (const row of rows) {
    const encoded = tokenizer.encode(row.text, { max_length: env('BENCH_TRAIN_SEQ', TRAIN_DEFAULTS.seqLen) });
    const example: TaskExample = { ids: encoded.ids, ...(tokenizer.uses_token_type_ids ? { token_type_ids: encoded.token_type_ids } : {}), label: labels.indexOf(row.label) };
    (hash(row.spdx_id) % 5 === 0 ? validation : train).push(example);
  }
  const batch = 16;
  // Pace: a classification step costs about a masked-LM step of the same tokens; time two steps' worth.
  const probeStarted = performance.now();
  const probeDir = mkdtempSync(join(tmpdir(), 'bench-task-probe-'));
  const base = {
    modelFolder: model,
    method: 'lora' as const,
    lora: TRAIN_DEFAULTS.lora,
    task: 'sequence-classification' as const,
    labels,
    train,
    validation,
    padId: tokenizer.special.pad ?? 0,
    batch,
    peakLr: env('BENCH_TRAIN_LR_TASK', peakLrFor('lora-task', parametersOf(model))),
    decay: TRAIN_DEFAULTS.decay,
    minLrRatio: TRAIN_DEFAULTS.minLrRatio,
    weightDecay: TRAIN_DEFAULTS.weightDecay,
    clipNorm: TRAIN_DEFAULTS.clipNorm,
    patience: null,
    keepLast: 1,
    seed: SEED,
    resume: false,
  };
  let probeMs = 0;
  try {
    await runTaskTraining({ ...base, steps: 4, warmupSteps: 1, evalEvery: 0, checkpointEvery: 100, outDir: probeDir }, { onStep: (e) => void (probeMs = e.elapsedMs / e.step) });
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
  }
  const evalMs = performance.now() - probeStarted - 4 * probeMs; // session load + two evaluations
  const steps = stepsForBudget(probeMs * 1.1, Math.max(budgetMs - evalMs, probeMs));
  const outDir = mkdtempSync(join(tmpdir(), 'bench-task-'));
  const started = performance.now();
  try {
    const result = await runTaskTraining({ ...base, steps, warmupSteps: warmupStepsFor(steps), evalEvery: 0, checkpointEvery: steps, outDir, maxMs: budgetMs });
    const m = result.metrics;
    out.lora_task_examples = `${train.length} train / ${validation.length} validation (grouped by spdx_id)`;
    out.lora_task_steps = `${result.steps} (batch ${batch}, lr ${base.peakLr})`;
    out.lora_task_macro_f1 = Number(m.macro_f1.toFixed(3));
    out.lora_task_accuracy = Number(m.accuracy.toFixed(3));
    out.lora_task_majority_label = m.majority_baseline.label;
    out.lora_task_majority_macro_f1 = Number(m.majority_baseline.macro_f1.toFixed(3));
    out.lora_task_majority_accuracy = Number(m.majority_baseline.accuracy.toFixed(3));
    out.lora_task_wall_s = Number(((performance.now() - started) / 1000).toFixed(1));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Figures> {
  const model = process.env.BENCH_TRAIN_MODEL ?? join(ROOT, 'resources', 'models', 'tiny-bert');
  if (!existsSync(join(model, 'config.json'))) throw new Error(`No base model at ${model}: run npm run make:base-models (or set BENCH_TRAIN_MODEL)`);
  const parts = new Set((process.env.BENCH_TRAIN_PARTS ?? 'speed,leak,cpt-lora,cpt-full,lora-task').split(','));
  const budgetMs = env('BENCH_TRAIN_MINUTES', 5) * 60_000;
  const taskBudgetMs = env('BENCH_TRAIN_TASK_MINUTES', 2) * 60_000;
  const tokenizer = await loadTokenizer(model);
  const out: Figures = { model: basename(model), load_average_1m: Number((await import('node:os')).loadavg()[0]!.toFixed(1)) };
  const domain = legalDocs(tokenizer);
  const general = generalDocs(tokenizer, 512 * 1024);
  out.domain_docs = `${domain.train.length} train / ${domain.validation.length} validation paragraphs (held-out families: ${domain.validationFamilies.join(' ')})`;
  const blocks = makeBlocks(domain.train, { objective: objectiveOf(model), seqLen: TRAIN_DEFAULTS.seqLen, special: special(tokenizer) });

  if (parts.has('speed')) {
    const available = (await probeTrainingBackends()).filter((s) => s.available).map((s) => s.name);
    for (const backend of available) {
      if (backend === 'cpu' && process.env.BENCH_TRAIN_CPU !== '1') {
        out.cpu = 'skipped: far slower than wasm (BENCH_TRAIN_CPU=1 measures it)';
        continue;
      }
      await speed(backend, model, blocks, tokenizer, out, backend === 'cpu' ? 1 : 5);
    }
  }
  const attempt = async (part: string, work: () => Promise<void>): Promise<void> => {
    if (!parts.has(part)) return;
    try {
      await work();
    } catch (error) {
      out[`${part}_error`] = error instanceof Error ? error.message : String(error);
    }
  };
  await attempt('leak', () => leak(model, blocks, tokenizer, out));
  for (const kind of ['cpt-lora', 'cpt-full'] as const) await attempt(kind, () => cpt(kind, model, { domain, general }, tokenizer, budgetMs, out));
  await attempt('lora-task', () => loraTask(model, tokenizer, taskBudgetMs, out));
  out.peak_rss_mb = Math.round(peakRssMb());
  out.tensors_live_at_end = tf.memory().numTensors;
  out.load_average_1m_end = Number((await import('node:os')).loadavg()[0]!.toFixed(1));
  return out;
}
