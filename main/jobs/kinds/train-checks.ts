// Checks of a training request before anything starts (train.start and train.plan): the base model and
// corpus exist, the method is available, the sequence fits the model's positions, the warm-up fits the
// steps, the batch fits the corpus (when it is already tokenized for this model) and the memory estimate
// fits the free memory. Every refusal names the field and says what to change.
import { existsSync } from 'node:fs';
import { freemem } from 'node:os';
import { join } from 'node:path';
import type { ValidRequest } from '../../common/contract';
import { StudioError } from '../../common/errors';
import type { BaseConfig } from '../../engine/models/types';
import type { AnyDb } from '../../store/db';
import { findCorpusByRef, type CorpusRecord } from '../../store/queries/corpora';
import { listShardSets } from '../../store/queries/documents';
import { findModel, type ModelRecord } from '../../store/queries/models';

/** What the checks read: the workspace database (the services' context, or a job's). */
export interface CheckContext {
  readonly db: AnyDb;
}

export type TrainRequest = ValidRequest<'train.start'>;

export interface Preflight {
  model: ModelRecord;
  corpus: CorpusRecord;
  config: BaseConfig;
  objective: 'masked-lm' | 'causal-lm';
  /** Training tokens of the corpus for this model's tokenizer, when it is tokenized for it already. */
  trainTokens: number | null;
  validationTokens: number | null;
  tokenizerKey: string;
  /** Training sequences of seq_len the corpus makes (estimate from the token count), when known. */
  sequences: number | null;
}

const bad = (field: string, message: string): never => {
  throw new StudioError('invalid_request', message, { field });
};

function findReadyCorpus(ctx: CheckContext, ref: string | number, field: string): CorpusRecord {
  const corpus = findCorpusByRef(ctx.db, ref);
  if (!corpus || corpus.status !== 'ready') throw new StudioError('not_found', `No ready corpus ${JSON.stringify(ref)} in this workspace; \`studio corpus list\` shows them.`, { field });
  return corpus;
}

/** Bytes of memory the training backend can use now: free system memory (wasm: at most its 4 GiB heap). */
export function freeTrainingMemory(backend: string, workers = 1): number {
  const free = freemem();
  // Each data-parallel thread has a wasm heap of its own.
  return backend === 'wasm' ? Math.min(free, workers * 4 * 2 ** 30) : free;
}

/** lora-task: the base model can take the task's sequences, and the labelled file reads cleanly. */
export async function taskPreflight(ctx: CheckContext, req: TrainRequest): Promise<{ model: ModelRecord; corpus: CorpusRecord | null; rows: number; labels: string[] }> {
  if (req.task === undefined) bad('task', 'lora-task needs a labelled file (--task FILE: CSV or JSONL with text,label or tokens,tags).');
  const model = baseModel(ctx, req);
  const { readModelConfig } = await import('../../engine/models/registry');
  const { config } = await readModelConfig(model.path);
  if (req.seq_len > config.max_position_embeddings) {
    bad('seq_len', `seq_len ${req.seq_len} is longer than base model "${model.name}" can read (${config.max_position_embeddings} positions); use --seq-len ${config.max_position_embeddings} or less.`);
  }
  const warmup = req.warmup ?? Math.round(req.max_steps * 0.06);
  if (warmup >= req.max_steps) bad('warmup', `warmup (${warmup} steps) must be shorter than max_steps (${req.max_steps}).`);
  const { readTaskFile } = await import('./task-data');
  const task = req.task!;
  const file = readTaskFile(task.file, { ...(task.kind ? { kind: task.kind } : {}), ...(task.labels ? { labels: task.labels } : {}) });
  const trainRows = file.rows.length - Math.max(1, Math.round(file.rows.length * task.validation_fraction));
  if (req.batch > trainRows) bad('batch', `The labelled file has ${trainRows} training rows, fewer than the batch of ${req.batch}: lower --batch.`);
  const corpus = req.corpus === undefined ? null : findReadyCorpus(ctx, req.corpus, 'corpus');
  return { model, corpus, rows: file.rows.length, labels: file.labels };
}

function baseModel(ctx: CheckContext, req: TrainRequest): ModelRecord {
  if (req.base === undefined) bad('base', `${req.method} trains from a base model: name it with --base (\`studio model list\` shows them).`);
  const ref = req.base!;
  const model = findModel(ctx.db, ref) ?? (typeof ref === 'string' && /^\d+$/.test(ref) ? findModel(ctx.db, Number(ref)) : null);
  if (!model) throw new StudioError('not_found', `No base model ${JSON.stringify(ref)} in this workspace; import one with \`studio model import <folder> --name N\`.`, { field: 'base' });
  if (!existsSync(join(model.path, 'config.json'))) {
    throw new StudioError('bad_input', `The folder of base model "${model.name}" (${model.path}) is missing or incomplete; import it again.`, { field: 'base' });
  }
  return model;
}

/** scratch: no base model, a ready corpus, and a sequence the new model's positions can take. */
export async function scratchPreflight(ctx: CheckContext, req: TrainRequest): Promise<{ model: null; corpus: CorpusRecord }> {
  if (req.base !== undefined) bad('base', 'scratch makes its own model: leave out --base (choose --arch and --size instead).');
  if (req.task !== undefined) bad('task', 'scratch pre-trains on a corpus; a labelled file (--task) is for lora-task.');
  if (req.corpus === undefined) bad('corpus', 'Name the corpus to train the tokenizer and the model on (--corpus).');
  const corpus = findReadyCorpus(ctx, req.corpus!, 'corpus');
  if (req.replay !== 'general' && req.replay !== 'none') findReadyCorpus(ctx, req.replay, 'replay');
  const scratch = req.scratch ?? { architecture: 'bert', size: 'tiny', vocab_size: 8000, min_frequency: 2 };
  const { MODEL_SIZE_PRESETS } = await import('../../engine/models/init');
  const positions = MODEL_SIZE_PRESETS[scratch.size].maxPositions;
  if (req.seq_len > positions) bad('seq_len', `seq_len ${req.seq_len} is longer than a ${scratch.size} model reads (${positions} positions); use --seq-len ${positions} or less, or a larger --size.`);
  const warmup = req.warmup ?? Math.round(req.max_steps * 0.06);
  if (warmup >= req.max_steps) bad('warmup', `warmup (${warmup} steps) must be shorter than max_steps (${req.max_steps}).`);
  return { model: null, corpus };
}

export async function preflight(ctx: CheckContext, req: TrainRequest): Promise<Preflight> {
  if (req.method === 'lora-task' || req.method === 'scratch') {
    throw new StudioError('unsupported', `${req.method} is checked by ${req.method === 'scratch' ? 'scratchPreflight (it has no base model)' : 'taskPreflight (it reads the labelled file instead of a corpus)'}.`, { field: 'method' });
  }
  if (req.scratch !== undefined) bad('scratch', 'The architecture, size and vocabulary options are for --method scratch only.');
  if (req.corpus === undefined) bad('corpus', 'Name the corpus to train on (--corpus).');
  const model = baseModel(ctx, req);
  const corpus = findReadyCorpus(ctx, req.corpus!, 'corpus');
  if (req.replay !== 'general' && req.replay !== 'none') findReadyCorpus(ctx, req.replay, 'replay');

  const { readModelConfig } = await import('../../engine/models/registry');
  const { config } = await readModelConfig(model.path);
  if (config.head !== 'masked-lm' && config.head !== 'causal-lm') {
    throw new StudioError('unsupported', `Base model "${model.name}" has a ${config.head} head; continued pre-training needs a masked or causal language model.`, { field: 'base' });
  }
  const objective = config.head;
  if (req.seq_len > config.max_position_embeddings) {
    bad('seq_len', `seq_len ${req.seq_len} is longer than base model "${model.name}" can read (${config.max_position_embeddings} positions); use --seq-len ${config.max_position_embeddings} or less.`);
  }
  const warmup = req.warmup ?? Math.round(req.max_steps * 0.06);
  if (warmup >= req.max_steps) bad('warmup', `warmup (${warmup} steps) must be shorter than max_steps (${req.max_steps}).`);

  const { loadCorpusTokenizer } = await import('../../corpus/tokenize/engine-tokenizer');
  const tokenizer = await loadCorpusTokenizer(model.path);
  const shards = listShardSets(ctx.db, corpus.id).find((s) => s.tokenizer === tokenizer.key) ?? null;
  const perRow = objective === 'masked-lm' ? req.seq_len - 2 : req.seq_len;
  const sequences = shards === null ? null : Math.ceil(shards.tokens_train / perRow);
  // Not yet tokenized for this model: estimate from the stored word count (refusing only when far off;
  // the job checks the exact count once it has tokenized).
  const estimated = sequences ?? Math.ceil((corpus.tokens * 1.3) / perRow);
  if (sequences !== null ? sequences < req.batch : estimated * 2 < req.batch) {
    bad('batch', `Corpus "${corpus.name}" makes about ${estimated} training sequences of ${req.seq_len} tokens, fewer than the batch of ${req.batch}: lower --batch or --seq-len.`);
  }
  return {
    model,
    corpus,
    config,
    objective,
    trainTokens: shards?.tokens_train ?? null,
    validationTokens: shards?.tokens_validation ?? null,
    tokenizerKey: tokenizer.key,
    sequences,
  };
}
