// The training advisor (`train.plan`): parameters and trainable parameters of the chosen method, the memory
// estimate against free memory, tokens/s measured by a short calibration on this machine with the run's
// batch shape, the estimated time, and a recommended method, learning rate and replay ratio with one line
// of reasoning each. A plan that cannot fit carries a refusal with what to change (train.start refuses it).
import { StudioError } from '../../common/errors';
import type { TrainPlan, TrainRecommendation } from '../../common/dto';
import { cptLoraModulesToSave, peakLrFor, SMALL_MODEL_PARAMETERS } from '../../engine/train/defaults';
import { freeTrainingMemory, preflight, type CheckContext, type Preflight, type TrainRequest } from './train-checks';

const fmt = (n: number): string => (n >= 1e9 ? `${(n / 1e9).toFixed(1)}B` : n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));

/** Training tokens: exact when the corpus is tokenized for this model, else from its stored token count (≈1.3 model tokens a word). */
function trainTokens(pre: Preflight): number {
  return pre.trainTokens ?? Math.round(pre.corpus.tokens * 1.3 * 0.95);
}

export function recommend(pre: Preflight, req: TrainRequest, totalParams: number, fullFits: boolean, hasGeneral: boolean): TrainRecommendation[] {
  const tokens = trainTokens(pre);
  const method = !fullFits
    ? { value: 'cpt-lora', reason: 'full training does not fit in free memory; LoRA trains small adapters and keeps the base weights frozen' }
    : tokens < totalParams
      ? { value: 'cpt-lora', reason: `${fmt(tokens)} training tokens is little next to ${fmt(totalParams)} parameters: LoRA adapts with few weights and forgets less` }
      : { value: 'cpt-full', reason: `${fmt(tokens)} training tokens is enough to move every one of the ${fmt(totalParams)} weights, embeddings included` };
  const lora = (req.method === 'cpt-lora' ? 'cpt-lora' : method.value) === 'cpt-lora';
  // The rate a run gets by default (peakLrFor), so following the advice and keeping the default agree.
  const small = totalParams <= SMALL_MODEL_PARAMETERS;
  const lrValue = peakLrFor(lora ? 'cpt-lora' : 'cpt-full', totalParams);
  const lr = lora
    ? { value: lrValue, reason: `LoRA adapters start at zero and need a larger rate; ${small ? `${lrValue} suits a model of ${fmt(totalParams)} parameters, which takes large steps` : `${lrValue} is the usual choice for a model this size`}` }
    : { value: lrValue, reason: small ? `a model of ${fmt(totalParams)} parameters moves little at the usual 1e-4; ${lrValue} adapts it within minutes` : `full training moves pre-trained weights: a small rate (${lrValue}) keeps what the model knows` };
  const replay = !hasGeneral
    ? { value: 0, reason: 'no general text is available to mix in' }
    : tokens < 1e6
      ? { value: 0.2, reason: `a small corpus (${fmt(tokens)} tokens) is seen many times: a fifth of general text limits forgetting` }
      : { value: 0.1, reason: `${fmt(tokens)} domain tokens dominate; a tenth of general text keeps general perplexity in check` };
  return [
    { name: 'method', ...method },
    { name: 'lr', ...lr },
    { name: 'replay_ratio', ...replay },
  ];
}

export async function planTraining(ctx: CheckContext, req: TrainRequest & { calibration_steps: number }): Promise<TrainPlan> {
  if (req.method === 'lora-task') return (await import('./train-plan-task')).planTask(ctx, req);
  if (req.method === 'scratch') {
    throw new StudioError('unsupported', 'The advisor has no estimate for pre-training from scratch yet; start it directly (it is checked when it starts).', { field: 'method' });
  }
  const pre = await preflight(ctx, req);
  const { initBackend } = await import('../../../native/tfjs-backend');
  const { estimateTrainingMemory, memoryAdvice, calibrateSteps } = await import('../../engine/train/advisor');
  const { openSession } = await import('../../engine/train/session');
  const { AdamW, DEFAULT_ADAMW, isBiasOrNorm } = await import('../../engine/train/optimizer');
  const { createTrainer } = await import('../../engine/train/parallel');
  const { Rng } = await import('../../engine/train/rng');
  const { maskForMlm, causalLabels } = await import('../../engine/train/collate');
  const { chooseWorkers } = await import('./train-workers');
  const { loraSettings } = await import('./train-defaults');
  // The thread count the run will record (train.start decides it the same way), so speed and memory are its own.
  const workers = await chooseWorkers(req, pre.model.parameters, async (n) => (await memoryRefusal(pre, req, n)) === null);

  const backend = await initBackend();
  const method = req.method === 'cpt-lora' ? 'lora' : 'full';
  const rng = new Rng(req.seed);
  const session = await openSession({
    folder: pre.model.path,
    method,
    lora: loraSettings(req.lora),
    rng,
  });
  const optimizer = new AdamW(session.trainable, { ...DEFAULT_ADAMW, weightDecay: req.weight_decay, noDecay: isBiasOrNorm });
  let closeTrainer: (() => Promise<void>) | null = null;
  try {
    const { total, trainable } = session.parameterCount;
    // LoRA pairs per layer (the memory model's unit); a saved LM head counts among the trainable parameters.
    const targets = session.adapter === null ? 0 : Math.max(1, Math.round(session.adapter.targets.length / Math.max(1, pre.config.num_hidden_layers)));
    const plan = { config: pre.config, batch: req.batch, seqLen: req.seq_len, accumulation: req.accumulation, predictedShare: pre.objective === 'masked-lm' ? 0.15 : 1 };
    const estimate = estimateTrainingMemory({ ...plan, totalParams: total + (method === 'lora' ? trainable : 0), trainableParams: trainable, loraTargetsPerLayer: targets, workers: workers.workers });
    const fullEstimate = estimateTrainingMemory({ ...plan, totalParams: total, trainableParams: total, workers: workers.workers });
    const free = freeTrainingMemory(backend.name, workers.workers);
    const refusal = memoryAdvice(estimate, free, { method, batch: req.batch, seqLen: req.seq_len, workers: workers.workers });

    // Calibration: real forward+backward passes on a batch of the run's shape (random ids: time depends on shape only).
    const vocab = pre.config.vocab_size;
    const ids = Array.from({ length: req.batch }, () => Array.from({ length: req.seq_len }, () => 5 + rng.int(Math.max(1, vocab - 5))));
    const batch = { input_ids: ids, attention_mask: ids.map((row) => row.map(() => 1)) };
    const special = new Set([pre.config.pad_token_id, pre.config.bos_token_id, pre.config.eos_token_id].filter((x): x is number => x !== null));
    const labelled = pre.objective === 'masked-lm' ? maskForMlm(batch, { maskId: 0 /* any id: only the shape matters for timing */, vocabSize: vocab, probability: 0.15, specialIds: special }, rng) : causalLabels(batch);
    // Whole steps (the update included) on the run's threads; this session is thrown away after.
    const trainer = await createTrainer({ trainable: session.trainable, frozen: session.frozen, optimizer, clipNorm: req.clip, workers: workers.workers, model: { rawConfig: session.rawConfig, head: session.head, options: session.forwardOptions } });
    closeTrainer = () => trainer.close();
    const cal = await calibrateSteps(trainer, session.lossFor(labelled), req.batch * req.seq_len, req.calibration_steps);
    const msPerStep = cal.msPerStep * req.accumulation;
    const evals = req.eval_every > 0 ? Math.floor(req.max_steps / req.eval_every) + 2 : 2;
    // An evaluation: a forward pass on one thread (≈ a third of a one-thread training pass) over each split's validation rows.
    const evalTokens = Math.min(req.eval_tokens, pre.validationTokens ?? req.eval_tokens);
    const evalSeconds = (evals * 2 * Math.ceil(evalTokens / req.seq_len / req.batch) * cal.msPerStep * workers.workers) / 3 / 1000;
    const seconds = (req.max_steps * msPerStep) / 1000 + evalSeconds;
    const tokens = req.max_steps * req.batch * req.accumulation * req.seq_len;
    const train = trainTokens(pre);
    const sequences = pre.sequences ?? Math.ceil(train / (pre.objective === 'masked-lm' ? req.seq_len - 2 : req.seq_len));

    return {
      method: req.method,
      base_model: pre.model.name,
      corpus: pre.corpus.name,
      backend: backend.name,
      parameters: { total, trainable, trainable_fraction: trainable / total },
      data: { train_tokens: train, validation_tokens: pre.validationTokens ?? 0, train_sequences: sequences, tokenizer: pre.tokenizerKey },
      memory: { ...estimate, free, measured_peak: cal.peakBytes },
      calibration: { ms_per_step: msPerStep, tokens_per_second: (req.batch * req.seq_len * req.accumulation * 1000) / msPerStep, workers: workers.workers, workers_reason: workers.reason },
      estimate: {
        steps: req.max_steps,
        tokens,
        seconds: req.max_minutes === undefined ? seconds : Math.min(seconds, req.max_minutes * 60),
        epochs: sequences > 0 ? (req.max_steps * req.batch * req.accumulation) / sequences : 0,
      },
      recommendations: recommend(pre, req, total, fullEstimate.total <= free * 0.9, req.replay !== 'none'),
      refusal,
    };
  } finally {
    await closeTrainer?.();
    optimizer.dispose();
    session.dispose();
  }
}

/** train.start's memory check from the config alone (no weights loaded): the refusal, or null. */
export async function memoryRefusal(pre: Preflight, req: TrainRequest, workers = 1): Promise<string | null> {
  const { estimateTrainingMemory, memoryAdvice } = await import('../../engine/train/advisor');
  const total = pre.model.parameters;
  if (!total) return null;
  const method = req.method === 'cpt-lora' ? 'lora' : 'full';
  // LoRA: rank-r pairs on about 6 projections a layer, each ≈ 2·r·hidden parameters.
  // A saved masked-LM head (cpt-lora's default on encoders): its transform (hidden² + 3·hidden) and output bias (vocab).
  const h = pre.config.hidden_size;
  const savedHead = (req.lora.modules_to_save ?? cptLoraModulesToSave(pre.model.model_type)).length > 0 ? h * h + 3 * h + pre.config.vocab_size : 0;
  const trainable = method === 'full' ? total : pre.config.num_hidden_layers * 6 * 2 * req.lora.r * h + savedHead;
  const estimate = estimateTrainingMemory({ config: pre.config, totalParams: total, trainableParams: trainable, batch: req.batch, seqLen: req.seq_len, accumulation: req.accumulation, predictedShare: pre.objective === 'masked-lm' ? 0.15 : 1, loraTargetsPerLayer: method === 'lora' ? 6 : 0, workers });
  return memoryAdvice(estimate, freeTrainingMemory('wasm', workers), { method, batch: req.batch, seqLen: req.seq_len, workers });
}
