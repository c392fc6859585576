// Continued pre-training (full or LoRA) of a Hugging Face model on tokenized documents, end to end and
// without any storage of its own: blocks and replay, validation perplexity on the domain and the general
// text before and after, runLoop with checkpoints and early stopping, and the trained model or adapter
// written to `outDir`. The train job kind calls this with the corpus shards and reports its events.
//
//   outDir/baseline.json   perplexities before training (kept for a resumed run)
//   outDir/checkpoints/    runLoop's checkpoints (resume continues from the latest)
//   outDir/model/          full training: the trained Hugging Face folder
//   outDir/adapter/        LoRA: the PEFT adapter folder
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { writeFileAtomicSync } from '../../platform/atomic';
import type { LoraConfig } from '../lora/config';
import { labelRows, makeBlocks, maskingFor, PretrainData, type Blocks, type Objective, type SpecialIds } from './blocks';
import { bestCheckpoint, loadCheckpoint } from './checkpoint';
import { IGNORE_INDEX, type LabelledBatch } from './collate';
import { restoreRun, runLoop, type EvalEvent, type LoopStatus, type StepEvent } from './loop';
import { AdamW, DEFAULT_ADAMW, isBiasOrNorm } from './optimizer';
import { assignFromHost } from './params';
import { Rng } from './rng';
import { scheduleProblems, type DecayKind } from './schedule';
import { openSession, type TrainingSession } from './session';
import { createTrainer } from './parallel';
import type { Trainer } from './step';

export type Documents = Iterable<ArrayLike<number>>;

export interface PretrainSpec {
  readonly modelFolder: string;
  readonly method: 'full' | 'lora';
  readonly lora?: Partial<LoraConfig>;
  readonly special: SpecialIds;
  readonly corpus: { readonly train: Documents; readonly validation: Documents };
  /** General text mixed in against forgetting, and evaluated beside the domain. */
  readonly general?: { readonly train: Documents; readonly validation: Documents } | null;
  readonly replayRatio: number;
  readonly seqLen: number;
  readonly batch: number;
  readonly accumulation: number;
  readonly steps: number;
  readonly peakLr: number;
  readonly warmupSteps: number;
  readonly decay: DecayKind;
  readonly minLrRatio: number;
  readonly weightDecay: number;
  readonly clipNorm: number | null;
  readonly evalEvery: number;
  readonly patience: number | null;
  /** Validation blocks evaluated each time (the first ones, always the same). */
  readonly maxEvalBlocks: number;
  readonly checkpointEvery: number;
  readonly keepLast: number;
  readonly seed: number;
  readonly outDir: string;
  /** Continue from the latest checkpoint in outDir when there is one. */
  readonly resume: boolean;
  readonly maxMs?: number | null;
  readonly signal?: AbortSignal;
  /** Threads for data-parallel training (each holds a copy of the weights); default 1. See parallel/defaultWorkers(). */
  readonly workers?: number;
  /** Whole-word masking (encoders): true when an id continues the previous word. */
  readonly continuesWord?: (id: number) => boolean;
}

export interface PretrainHooks {
  onStep?(event: StepEvent): void;
  onEval?(event: EvalEvent & { domainPerplexity: number; generalPerplexity: number | null }): void;
  onPhase?(message: string): void;
}

export interface PerplexityPair {
  readonly before: number;
  readonly after: number;
}

export interface PretrainResult {
  readonly status: LoopStatus;
  readonly steps: number;
  readonly metrics: {
    readonly domain_perplexity: PerplexityPair;
    readonly general_perplexity: PerplexityPair | null;
    readonly train_loss: number | null;
    /** The step whose weights were saved (the best evaluation's). */
    readonly saved_step: number;
  };
  readonly outputs: { readonly model: string | null; readonly adapter: string | null };
  readonly parameters: { readonly total: number; readonly trainable: number };
}

/** Checks what can be checked before loading anything; throws StudioError('invalid_request') naming the field. */
export function checkPretrainSpec(spec: PretrainSpec): void {
  const bad = (field: string, message: string): never => {
    throw new StudioError('invalid_request', message, { field });
  };
  for (const [field, value, min] of [['batch', spec.batch, 1], ['accumulation', spec.accumulation, 1], ['steps', spec.steps, 1], ['seq_len', spec.seqLen, 8], ['keep_last', spec.keepLast, 1], ['checkpoint_every', spec.checkpointEvery, 1], ['max_eval_blocks', spec.maxEvalBlocks, 1]] as const) {
    if (!Number.isInteger(value) || value < min) bad(field, `${field} must be a whole number ≥ ${min}, got ${value}`);
  }
  if (!(spec.replayRatio >= 0 && spec.replayRatio < 1)) bad('replay_ratio', `replay ratio must be within [0, 1), got ${spec.replayRatio}`);
  if (!(spec.weightDecay >= 0)) bad('weight_decay', `weight decay must be ≥ 0, got ${spec.weightDecay}`);
  if (spec.clipNorm !== null && !(spec.clipNorm > 0)) bad('clip_norm', `gradient clipping norm must be positive, got ${spec.clipNorm}`);
  if (!(Number.isInteger(spec.evalEvery) && spec.evalEvery >= 0)) bad('eval_every', `eval_every must be a whole number ≥ 0, got ${spec.evalEvery}`);
  const problems = scheduleProblems({ peakLr: spec.peakLr, warmupSteps: spec.warmupSteps, totalSteps: spec.steps, decay: spec.decay, minLrRatio: spec.minLrRatio });
  if (problems.length > 0) bad('learning_rate', problems.join('; '));
}

/** exp(mean cross-entropy over every labelled token of `blocks`), in batches; masks come from a fixed seed. */
async function perplexity(session: TrainingSession, trainer: Trainer, blocks: Blocks, objective: Objective, spec: PretrainSpec, batchSize: number): Promise<number> {
  const rng = new Rng(spec.seed + 0x5eed);
  const masking = objective === 'masked-lm' ? maskingFor(spec.special, session.config.vocab_size, 0.15, spec.continuesWord) : null;
  let total = 0;
  let count = 0;
  for (let start = 0; start < blocks.count; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, blocks.count - start) }, (_, k) => start + k);
    const batch: LabelledBatch = labelRows(blocks, indices, objective, masking, rng);
    const n = batch.labels.reduce((sum, row) => sum + row.filter((l, j) => l !== IGNORE_INDEX && (objective === 'masked-lm' || j > 0)).length, 0);
    if (n === 0) continue;
    total += (await trainer.evaluate(session.lossFor(batch))) * n;
    count += n;
  }
  if (count === 0) throw new StudioError('bad_input', 'The validation text is too short to measure perplexity');
  return Math.exp(total / count);
}

export async function runPretraining(spec: PretrainSpec, hooks: PretrainHooks = {}): Promise<PretrainResult> {
  checkPretrainSpec(spec);
  const rng = new Rng(spec.seed);
  hooks.onPhase?.('Loading the base model');
  const session = await openSession({ folder: spec.modelFolder, method: spec.method, ...(spec.lora ? { lora: spec.lora } : {}), rng: rng.fork() });
  const optimizer = new AdamW(session.trainable, { ...DEFAULT_ADAMW, weightDecay: spec.weightDecay, noDecay: isBiasOrNorm });
  let closeTrainer: (() => Promise<void>) | null = null;
  try {
    const objective: Objective = session.head === 'causal-lm' ? 'causal-lm' : 'masked-lm';
    if (session.head !== 'causal-lm' && session.head !== 'masked-lm') throw new StudioError('unsupported', `Continued pre-training needs a language-model head; this checkpoint has a ${session.head} head`);
    if (spec.seqLen > session.config.max_position_embeddings) {
      throw new StudioError('invalid_request', `Sequence length ${spec.seqLen} is longer than this model's ${session.config.max_position_embeddings} positions`, { field: 'seq_len' });
    }
    const blockOptions = { objective, seqLen: spec.seqLen, special: spec.special };
    const domain = { train: makeBlocks(spec.corpus.train, blockOptions), validation: makeBlocks(spec.corpus.validation, blockOptions).first(spec.maxEvalBlocks) };
    const general = spec.general ? { train: makeBlocks(spec.general.train, blockOptions), validation: makeBlocks(spec.general.validation, blockOptions).first(spec.maxEvalBlocks) } : null;
    if (domain.train.count < spec.batch) {
      throw new StudioError('invalid_request', `The corpus makes ${domain.train.count} training sequences of ${spec.seqLen} tokens, fewer than the batch size ${spec.batch}: lower the batch size or the sequence length`, { field: 'batch' });
    }
    if (domain.validation.count === 0) throw new StudioError('bad_input', 'The corpus has no validation text: re-import it with a validation split');

    const trainer = await createTrainer({ trainable: session.trainable, frozen: session.frozen, optimizer, clipNorm: spec.clipNorm, workers: spec.workers ?? 1, model: { rawConfig: session.rawConfig, head: session.head, options: session.forwardOptions } });
    closeTrainer = () => trainer.close();
    const masking = objective === 'masked-lm' ? maskingFor(spec.special, session.config.vocab_size, 0.15, spec.continuesWord) : null;
    const data = new PretrainData({ domain: domain.train, general: general?.train ?? null }, { objective, masking, batch: spec.batch, accumulation: spec.accumulation, replayRatio: spec.replayRatio, seed: spec.seed, lossFor: (b, r) => session.lossFor(b, r) });
    const evaluateBoth = async (): Promise<{ domain: number; general: number | null }> => ({
      domain: await perplexity(session, trainer, domain.validation, objective, spec, spec.batch),
      general: general && general.validation.count > 0 ? await perplexity(session, trainer, general.validation, objective, spec, spec.batch) : null,
    });

    const checkpointDir = join(spec.outDir, 'checkpoints');
    const baselineFile = join(spec.outDir, 'baseline.json');
    const resume = spec.resume ? await restoreRun(checkpointDir, { trainable: session.trainable, optimizer, data }) : null;
    let baseline: { domain: number; general: number | null };
    if (resume !== null && existsSync(baselineFile)) {
      baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as { domain: number; general: number | null };
      hooks.onPhase?.(`Resuming at step ${resume.step}${resume.skipped.length > 0 ? ` (passed over a damaged checkpoint: ${resume.skipped.join('; ')})` : ''}`);
    } else {
      if (resume !== null) throw new StudioError('bad_input', `${baselineFile} is missing: the run folder is incomplete, so it cannot be resumed`);
      hooks.onPhase?.('Measuring perplexity before training');
      baseline = await evaluateBoth();
      writeFileAtomicSync(baselineFile, `${JSON.stringify(baseline)}\n`);
    }

    const evals = new Map<number, { domain: number; general: number | null }>();
    let currentStep = resume?.step ?? 0;
    hooks.onPhase?.('Training');
    const result = await runLoop({
      trainer,
      optimizer,
      trainable: session.trainable,
      data,
      schedule: { peakLr: spec.peakLr, warmupSteps: spec.warmupSteps, totalSteps: spec.steps, decay: spec.decay, minLrRatio: spec.minLrRatio },
      rng,
      ...(resume ? { resume } : {}),
      evaluate: async () => {
        const r = await evaluateBoth();
        evals.set(currentStep, r);
        return { metric: Math.log(r.domain), values: { domain_perplexity: r.domain, ...(r.general === null ? {} : { general_perplexity: r.general }) } };
      },
      evalEvery: spec.evalEvery,
      patience: spec.patience,
      checkpoint: { dir: checkpointDir, every: spec.checkpointEvery, keepLast: spec.keepLast },
      ...(spec.maxMs !== undefined ? { maxMs: spec.maxMs } : {}),
      ...(spec.signal ? { signal: spec.signal } : {}),
      onStep: (e) => {
        currentStep = e.step;
        hooks.onStep?.(e);
      },
      onEval: (e) => {
        const r = evals.get(e.step) ?? { domain: Math.exp(e.metric), general: null };
        hooks.onEval?.({ ...e, domainPerplexity: r.domain, generalPerplexity: r.general });
      },
    });
    if (result.status === 'stopped') {
      const after = evals.get(result.step);
      return {
        status: result.status,
        steps: result.step,
        metrics: { domain_perplexity: { before: baseline.domain, after: after?.domain ?? Number.NaN }, general_perplexity: baseline.general === null ? null : { before: baseline.general, after: after?.general ?? Number.NaN }, train_loss: result.lastLoss, saved_step: result.step },
        outputs: { model: null, adapter: null },
        parameters: session.parameterCount,
      };
    }

    // Keep the best evaluation's weights (early stopping can end past it).
    let savedStep = result.step;
    let after = evals.get(result.step) ?? null;
    const best = bestCheckpoint(checkpointDir);
    if (best !== null && best.step !== result.step && result.bestStep === best.step) {
      assignFromHost(session.trainable, (await loadCheckpoint(best.path)).trainable);
      savedStep = best.step;
      after = evals.get(best.step) ?? null;
    }
    if (after === null) after = await evaluateBoth(); // the best evaluation happened before a resume
    hooks.onPhase?.('Saving the trained model');
    const outputs = { model: null as string | null, adapter: null as string | null };
    if (spec.method === 'lora') {
      outputs.adapter = join(spec.outDir, 'adapter');
      await session.saveAdapter(outputs.adapter);
    } else {
      outputs.model = join(spec.outDir, 'model');
      await session.saveModel(outputs.model);
    }
    return {
      status: result.status,
      steps: result.step,
      metrics: {
        domain_perplexity: { before: baseline.domain, after: after.domain },
        general_perplexity: baseline.general === null || after.general === null ? null : { before: baseline.general, after: after.general },
        train_loss: result.lastLoss,
        saved_step: savedStep,
      },
      outputs,
      parameters: session.parameterCount,
    };
  } finally {
    await closeTrainer?.();
    optimizer.dispose();
    session.dispose();
  }
}
