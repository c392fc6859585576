// The advisor for lora-task: the labelled file read and split as the run will (class balance before
// training), the model with its new head and LoRA adapters (parameters, trainable share), the memory
// estimate against free memory, a calibration on a real batch of the task, the time, and a learning rate.
import { basename } from 'node:path';
import type { TrainPlan } from '../../common/dto';
import { initBackend } from '../../../native/tfjs-backend';
import { loadTokenizer } from '../../engine/tokenizers';
import { calibrateSteps, estimateTrainingMemory, memoryAdvice } from '../../engine/train/advisor';
import { AdamW, DEFAULT_ADAMW, isBiasOrNorm } from '../../engine/train/optimizer';
import { Rng } from '../../engine/train/rng';
import { openSession } from '../../engine/train/session';
import { createTrainer } from '../../engine/train/parallel';
import { classBalance } from '../../engine/train/task-metrics';
import { readTaskFile, splitRows, tokenizeRows } from './task-data';
import { freeTrainingMemory, taskPreflight, type CheckContext, type TrainRequest } from './train-checks';
import { chooseWorkers } from './train-workers';

export async function planTask(ctx: CheckContext, req: TrainRequest & { calibration_steps: number }): Promise<TrainPlan> {
  const pre = await taskPreflight(ctx, req);
  const task = req.task!;
  const file = readTaskFile(task.file, { ...(task.kind ? { kind: task.kind } : {}), ...(task.labels ? { labels: task.labels } : {}) });
  const { train, validation } = splitRows(file.rows, task.validation_fraction, req.seed);
  const tokenizer = await loadTokenizer(pre.model.path);
  const trainExamples = tokenizeRows(train, file.kind, file.labels, tokenizer, req.seq_len);
  const validationExamples = tokenizeRows(validation, file.kind, file.labels, tokenizer, req.seq_len);
  const gold = (xs: typeof trainExamples) => (file.kind === 'sequence-classification' ? xs.map((x) => x.label as number) : xs.flatMap((x) => (x.tags ?? []).filter((t) => t >= 0)));
  const balance = { train: classBalance(gold(trainExamples), file.labels), validation: classBalance(gold(validationExamples), file.labels) };

  const backend = await initBackend();
  // The thread count train.start will record for this request, so the speed and memory are the run's own.
  const workers = await chooseWorkers(req, pre.model.parameters);
  const session = await openSession({
    folder: pre.model.path,
    method: 'lora',
    head: file.kind,
    labels: file.labels,
    lora: { r: req.lora.r, alpha: req.lora.alpha, dropout: req.lora.dropout, ...(req.lora.targets ? { targetModules: req.lora.targets } : {}) },
    rng: new Rng(req.seed),
  });
  const optimizer = new AdamW(session.trainable, { ...DEFAULT_ADAMW, weightDecay: req.weight_decay, noDecay: isBiasOrNorm });
  let closeTrainer: (() => Promise<void>) | null = null;
  try {
    const { total, trainable } = session.parameterCount;
    const longest = Math.max(...trainExamples.map((e) => e.ids.length));
    const estimate = estimateTrainingMemory({ config: session.config, totalParams: total + trainable, trainableParams: trainable, batch: req.batch, seqLen: longest, accumulation: req.accumulation, predictedShare: 0, loraTargetsPerLayer: 6, workers: workers.workers });
    const free = freeTrainingMemory(backend.name, workers.workers);
    // Calibration on the first batch of real examples, padded as training pads them.
    const rows = trainExamples.slice(0, req.batch);
    const width = Math.max(...rows.map((e) => e.ids.length));
    const pad = <T>(row: readonly T[], fill: T): T[] => [...row, ...new Array<T>(width - row.length).fill(fill)];
    const padId = tokenizer.special.pad ?? tokenizer.special.eos ?? 0;
    const batch = {
      input_ids: rows.map((e) => pad(e.ids, padId)),
      attention_mask: rows.map((e) => pad(e.ids.map(() => 1), 0)),
      ...(rows.every((e) => e.token_type_ids !== undefined) ? { token_type_ids: rows.map((e) => pad(e.token_type_ids as number[], 0)) } : {}),
      labels: file.kind === 'sequence-classification' ? rows.map((e) => e.label as number) : rows.map((e) => pad(e.tags as number[], -100)),
    };
    // Whole steps (the update included) on the run's threads; this session is thrown away after.
    const trainer = await createTrainer({ trainable: session.trainable, frozen: session.frozen, optimizer, clipNorm: req.clip, workers: workers.workers, model: { rawConfig: session.rawConfig, head: session.head, options: session.forwardOptions } });
    closeTrainer = () => trainer.close();
    const tokensPerStep = batch.attention_mask.reduce((n, r) => n + r.reduce((a, b) => a + b, 0), 0);
    const cal = await calibrateSteps(trainer, session.lossFor(batch), tokensPerStep, req.calibration_steps);
    const msPerStep = cal.msPerStep * req.accumulation;
    const seconds = (req.max_steps * msPerStep) / 1000;
    const trainTokens = trainExamples.reduce((n, e) => n + e.ids.length, 0);
    const majority = Object.entries(balance.train).sort((a, b) => b[1] - a[1])[0]!;
    const share = majority[1] / Math.max(1, Object.values(balance.train).reduce((a, b) => a + b, 0));
    return {
      method: req.method,
      base_model: pre.model.name,
      corpus: basename(task.file),
      backend: backend.name,
      parameters: { total, trainable, trainable_fraction: trainable / total },
      data: { train_tokens: trainTokens, validation_tokens: validationExamples.reduce((n, e) => n + e.ids.length, 0), train_sequences: trainExamples.length, tokenizer: tokenizer.kind },
      memory: { ...estimate, free, measured_peak: cal.peakBytes },
      calibration: { ms_per_step: msPerStep, tokens_per_second: (tokensPerStep * req.accumulation * 1000) / msPerStep, workers: workers.workers, workers_reason: workers.reason },
      estimate: { steps: req.max_steps, tokens: Math.round((req.max_steps * req.accumulation * tokensPerStep)), seconds, epochs: (req.max_steps * req.batch * req.accumulation) / trainExamples.length },
      recommendations: [
        { name: 'method', value: 'lora-task', reason: `a new ${file.kind} head with LoRA adapters: ${trainExamples.length} labelled examples are too few to move every weight` },
        { name: 'lr', value: 1e-3, reason: 'the adapters and the new head start from scratch and need a larger rate than full fine-tuning' },
        {
          name: 'replay_ratio',
          value: 0,
          reason: share > 0.7 ? `no replay for a task; note the classes are imbalanced ("${majority[0]}" is ${(share * 100).toFixed(0)}% of training labels): judge by macro-F1, not accuracy` : 'no replay for a task: the base model is frozen under LoRA',
        },
      ],
      refusal: memoryAdvice(estimate, free, { method: 'lora', batch: req.batch, seqLen: longest, workers: workers.workers }),
      task: { kind: file.kind, labels: file.labels, class_balance: balance },
    };
  } finally {
    await closeTrainer?.();
    optimizer.dispose();
    session.dispose();
  }
}
