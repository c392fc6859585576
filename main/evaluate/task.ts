// Task metrics of a classifier run on a labelled file: the model (a folder, or base + LoRA adapter with
// its head in modules_to_save) predicts each example; predictions are scored against the gold labels with
// metrics.ts — accuracy and macro-F1 for sequence classification, entity-level F1 for BIO tagging (the
// tag of a word is the prediction at its first piece, as training aligns them), with the majority baseline.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../native/tfjs-backend';
import type { BackendName } from '../common/dto';
import { StudioError } from '../common/errors';
import { forward } from '../engine/models/forward';
import type { TaskExample } from '../engine/train/finetune';
import { Rng } from '../engine/train/rng';
import { openSession } from '../engine/train/session';
import { classificationReport, entityReport, type ClassificationReport, type EntityReport } from './metrics';

export type TaskKindName = 'sequence-classification' | 'token-classification';

export interface TaskEvalOptions {
  readonly folder: string;
  readonly adapter?: string | null;
  readonly kind: TaskKindName;
  /** Label names in id order (the run's labels). */
  readonly labels: readonly string[];
  readonly examples: readonly TaskExample[];
  readonly batch?: number;
  readonly backend?: BackendName;
  readonly signal?: AbortSignal;
}

export type TaskReport = ({ kind: 'sequence-classification' } & ClassificationReport) | ({ kind: 'token-classification' } & EntityReport);

/** Predicted label ids: one per example (sequence) or one per scored position (token; -100 elsewhere). */
async function predict(o: TaskEvalOptions): Promise<number[][]> {
  await initBackend(o.backend);
  const adapter = o.adapter ?? null;
  const session = await openSession({ folder: o.folder, method: adapter === null ? 'full' : 'lora', head: o.kind, labels: o.labels, ...(adapter === null ? {} : { adapterFrom: adapter }), rng: new Rng(1) });
  try {
    // Weights the checkpoint lacks must come from the adapter (its modules_to_save), else the head is untrained.
    const untrained = session.initialised.filter((n) => !(session.adapter?.tensors.has(n) ?? false));
    if (untrained.length > 0) throw new StudioError('bad_input', `The model has no trained ${o.kind} head (missing ${untrained[0]}); evaluate a lora-task run.`);
    const params = { ...Object.fromEntries(session.frozen), ...Object.fromEntries(session.trainable) };
    const out: number[][] = [];
    const size = o.batch ?? 16;
    for (let s = 0; s < o.examples.length; s += size) {
      if (o.signal?.aborted) throw new StudioError('cancelled', 'The evaluation was cancelled');
      const chunk = o.examples.slice(s, s + size);
      const width = Math.max(...chunk.map((e) => e.ids.length));
      const pad = (row: readonly number[]) => [...row, ...Array<number>(width - row.length).fill(0)];
      const inputs = {
        input_ids: chunk.map((e) => pad(e.ids)),
        attention_mask: chunk.map((e) => pad(e.ids.map(() => 1))),
        ...(chunk.every((e) => e.token_type_ids) ? { token_type_ids: chunk.map((e) => pad(e.token_type_ids as number[])) } : {}),
      };
      const best = tf.tidy(() => {
        const { logits, hiddenStates } = forward(session.arch, params, session.config, inputs, { ...session.forwardOptions, head: o.kind }); // [B, L] | [B, T, L]
        for (const h of hiddenStates) h.dispose();
        return tf.argMax(logits, -1); // [B] | [B, T]
      });
      const values = (await best.array()) as number[] | number[][];
      best.dispose();
      chunk.forEach((e, b) => {
        if (o.kind === 'sequence-classification') out.push([values[b] as number]);
        else out.push((values[b] as number[]).slice(0, e.ids.length).map((id, t) => (e.tags?.[t] === -100 ? -100 : id)));
      });
    }
    return out;
  } finally {
    session.dispose();
  }
}

export async function evaluateTask(o: TaskEvalOptions): Promise<TaskReport> {
  if (o.examples.length === 0) throw new StudioError('bad_input', 'The labelled file has no examples to evaluate on', { field: 'task' });
  const predictions = await predict(o);
  const name = (id: number) => o.labels[id] ?? String(id);
  if (o.kind === 'sequence-classification') {
    const gold = o.examples.map((e) => name(e.label as number));
    return { kind: o.kind, ...classificationReport(gold, predictions.map((p) => name(p[0] as number))) };
  }
  const gold: string[][] = [];
  const predicted: string[][] = [];
  o.examples.forEach((e, i) => {
    const tags = e.tags ?? [];
    const row = predictions[i] as number[];
    const g: string[] = [];
    const p: string[] = [];
    tags.forEach((t, j) => {
      if (t === -100) return;
      g.push(name(t));
      p.push(name(row[j] as number));
    });
    gold.push(g);
    predicted.push(p);
  });
  return { kind: o.kind, ...entityReport(gold, predicted) };
}
