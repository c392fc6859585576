// Data-parallel training on several threads: a Trainer whose step splits each micro-batch along the
// batch dimension, computes one shard on this thread and the others on worker threads (each with its own
// TensorFlow.js backend and a copy of the parameters), sums the gradients, clips and applies AdamW once
// here, and publishes the new weights for the workers' next step.
//
// Why "apply here and broadcast weights" rather than "every thread applies the same AdamW": the update
// needs the summed gradient on every thread, which is as many floats as the weights themselves, so
// broadcasting weights costs no more; and it keeps one optimizer state (checkpoints, resume, clipping
// and the "not finite: skip" rule unchanged) instead of N copies that must stay bit-identical.
//
// Weights and gradients travel through SharedArrayBuffers (no serialisation): the workers read the
// weights at the start of a step, this thread reads their gradients after it. Loss weighting: each shard
// gets (its counted labels / the micro-batch's), so the sum is the gradient of the full batch's mean
// loss exactly as the model defines it (shard.ts); micro-batches then average as in Trainer.step.
//
// Only loss functions made by lossFor() (or tagged with shardable()) can be split; any other goes
// through Trainer.step on this thread alone, which is also the path of `workers: 1`.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../../../common/dto';
import { StudioError } from '../../../common/errors';
import { loss, type RunOptions } from '../../models/forward';
import { parseModelConfig } from '../../models/registry';
import type { Architecture, BaseConfig, LoraDropout } from '../../models/types';
import { globalNorm, type AdamW } from '../optimizer';
import { Trainer, type LossFn, type StepResult, type TrainerOptions } from '../step';
import { layoutOf, viewOf, type FromWorker, type ModelDescription, type ParamLayout, type ToWorker } from './protocol';
import { splitBatch, type ShardableBatch, type Shard } from './shard';

/** Per-call options of a loss function besides the model's own (LoRA dropout's rate and seed). */
export interface CallOptions {
  readonly loraDropout?: LoraDropout;
}

const batches = new WeakMap<LossFn, { batch: ShardableBatch; options: CallOptions }>();

/**
 * Marks `fn` as the model's loss on `batch` (as ModelDescription defines it, plus `options`), so that
 * it can be split. With LoRA dropout each shard draws its masks from the same seed, so a split step is
 * as valid a sample as an unsplit one but not bit-equal to it.
 */
export function shardable(fn: LossFn, batch: ShardableBatch, options: CallOptions = {}): LossFn {
  batches.set(fn, { batch, options });
  return fn;
}

/** Threads to train on by default: the cores there are, at most 2 (each thread holds a copy of the weights). */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 2));
}

export interface ParallelTrainerOptions extends TrainerOptions {
  /** The model the loss functions compute, so the workers can compute it too. */
  readonly model: ModelDescription;
  /** Threads in all, this one included; 1 = no worker threads. Default: defaultWorkers(). */
  readonly workers?: number;
  /** The workers' backend; default: the active one. */
  readonly backend?: BackendName;
}

type Reply = Extract<FromWorker, { type: 'ready' | 'grads' }>;

/** One micro-batch's shards (shard k for thread k) and its per-call options. */
interface MicroBatch {
  readonly shards: Shard[];
  readonly options: CallOptions;
}

/** One worker thread and the request it is answering. */
class WorkerThread {
  readonly thread: Worker;
  readonly grads: SharedArrayBuffer;
  private pending: { resolve(reply: Reply): void; reject(error: Error): void } | null = null;
  private failure: Error | null = null;
  private closing = false;
  readonly exited: Promise<void>;

  constructor(readonly index: number, floats: number) {
    this.grads = new SharedArrayBuffer(floats * 4);
    this.thread = new Worker(new URL('./worker-entry.mjs', import.meta.url));
    this.thread.on('message', (message: FromWorker) => this.onMessage(message));
    this.thread.on('error', (error) => this.fail(new StudioError('internal', `Training worker ${index} failed: ${error.message}`)));
    this.exited = new Promise((resolve) => {
      this.thread.once('exit', (code) => {
        if (!this.closing) this.fail(new StudioError('internal', `Training worker ${index} stopped unexpectedly (exit code ${code})`));
        resolve();
      });
    });
    // Held only while a request is pending (adding listeners refs the thread, so this comes after them):
    // a trainer left open never keeps the process alive, and a pending step always does.
    this.thread.unref();
  }

  request(message: ToWorker, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.pending !== null) return Promise.reject(new Error(`training worker ${this.index} is busy`));
    return new Promise<Reply>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.thread.ref();
      this.thread.postMessage(message, transfer);
    });
  }

  async close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      this.thread.postMessage({ type: 'close' } satisfies ToWorker);
      const timer = setTimeout(() => void this.thread.terminate(), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
  }

  private onMessage(message: FromWorker): void {
    const pending = this.pending;
    this.pending = null;
    if (pending === null) return;
    this.thread.unref();
    if (message.type === 'error') {
      const text = `Training worker ${this.index}: ${message.message}`;
      pending.reject(message.code !== null ? new StudioError(message.code as StudioError['code'], message.message) : new Error(text));
    } else pending.resolve(message);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(this.failure);
  }
}

export class ParallelTrainer extends Trainer {
  /** Threads in all, this one included. */
  readonly workers: number;
  private readonly trainable: ReadonlyMap<string, tf.Variable>;
  private readonly frozen: ReadonlyMap<string, tf.Tensor>;
  private readonly opt: AdamW;
  private readonly clip: number | null;
  private readonly model: ModelDescription;
  private readonly arch: Architecture;
  private readonly config: BaseConfig;
  private readonly runOptions: RunOptions;
  private readonly head: NonNullable<RunOptions['head']>;
  private readonly layout: ParamLayout;
  private readonly backend: BackendName;
  private threads: WorkerThread[] = [];
  private weights: SharedArrayBuffer | null = null;
  private weightsVersion = 0;
  private started: Promise<void> | null = null;
  private closed = false;
  private nextId = 1;

  constructor(options: ParallelTrainerOptions) {
    super(options);
    const workers = options.workers ?? defaultWorkers();
    if (!Number.isInteger(workers) || workers < 1) throw new StudioError('invalid_request', `workers must be a whole number ≥ 1, got ${workers}`, { field: 'workers' });
    this.workers = workers;
    this.trainable = options.trainable;
    this.frozen = options.frozen ?? new Map();
    this.opt = options.optimizer;
    this.clip = options.clipNorm ?? null;
    this.model = options.model;
    const spec = parseModelConfig(options.model.rawConfig);
    this.arch = spec.arch;
    this.config = spec.config;
    this.runOptions = { ...options.model.options, ...(options.model.head ? { head: options.model.head } : {}) };
    this.head = options.model.head ?? spec.config.head;
    this.layout = layoutOf(this.trainable);
    this.backend = options.backend ?? (tf.getBackend() as BackendName);
  }

  /** Starts the worker threads (idempotent; step() calls it too). Rejects when one cannot start. */
  start(): Promise<void> {
    this.started ??= this.launch();
    return this.started;
  }

  /** The worker threads (for diagnostics: thread ids, resource use). */
  get threadHandles(): readonly Worker[] {
    return this.threads.map((t) => t.thread);
  }

  /** The model's loss on `batch`, splittable across the threads. */
  lossFor(batch: ShardableBatch, options: CallOptions = {}): LossFn {
    const inputs = { input_ids: batch.input_ids, ...(batch.attention_mask ? { attention_mask: batch.attention_mask } : {}), ...(batch.token_type_ids ? { token_type_ids: batch.token_type_ids } : {}) };
    return shardable((p) => loss(this.arch, p, this.config, inputs, batch.labels, { ...this.runOptions, ...options }), batch, options);
  }

  override async step(microBatches: LossFn | readonly LossFn[], lr: number): Promise<StepResult> {
    if (this.closed) throw new StudioError('internal', 'This trainer was closed');
    const fns = typeof microBatches === 'function' ? [microBatches] : microBatches;
    const split = fns.map((fn) => {
      const tagged = batches.get(fn);
      const shards = tagged === undefined ? null : splitBatch(tagged.batch, this.workers, this.head);
      return shards === null ? null : { shards, options: (tagged as { options: CallOptions }).options };
    });
    if (this.workers === 1 || fns.length === 0 || split.some((s) => s === null)) {
      return super.step(microBatches, lr);
    }
    await this.start();
    return this.parallelStep(split as MicroBatch[], lr);
  }

  /** Stops the worker threads and waits for them to exit. The trainer cannot step afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.close()));
  }

  private async launch(): Promise<void> {
    if (this.workers === 1) return;
    this.weights = new SharedArrayBuffer(this.layout.total * 4);
    const frozenNames = [...this.frozen.keys()];
    for (let k = 1; k < this.workers; k++) this.threads.push(new WorkerThread(k, this.layout.total));
    try {
      await Promise.all(
        this.threads.map(async (t) => {
          const data = await Promise.all(frozenNames.map(async (n) => (await (this.frozen.get(n) as tf.Tensor).data()) as Float32Array));
          const message: ToWorker = {
            type: 'init',
            backend: this.backend,
            model: this.model,
            layout: this.layout,
            weights: this.weights as SharedArrayBuffer,
            grads: t.grads,
            frozen: { names: frozenNames, shapes: frozenNames.map((n) => [...(this.frozen.get(n) as tf.Tensor).shape]), data },
          };
          await t.request(message, data.map((d) => d.buffer as ArrayBuffer));
        }),
      );
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /**
   * Copies the trainable weights into the shared buffer, before every parallel step: they may have
   * changed by an update, a single-thread step or a restored checkpoint (tens of ms for 10 M weights).
   */
  private async publishWeights(): Promise<void> {
    if (this.weights === null) return;
    const vars = [...this.trainable.values()];
    for (let i = 0; i < vars.length; i++) viewOf(this.weights, this.layout, i).set((await (vars[i] as tf.Variable).data()) as Float32Array);
    this.weightsVersion += 1;
  }

  private async parallelStep(split: MicroBatch[], lr: number): Promise<StepResult> {
    await this.publishWeights();
    const m = split.length;
    const id = this.nextId++;
    // Shard k of every micro-batch goes to thread k (0 = this one); scale = shard weight / micro-batches.
    const replies = this.threads.map((t) =>
      t.request({ type: 'step', id, weightsVersion: this.weightsVersion, shards: split.flatMap(({ shards, options }) => (shards[t.index] ? [{ batch: shards[t.index]!.batch, scale: shards[t.index]!.weight / m, options }] : [])) }),
    );
    replies.forEach((r) => r.catch(() => undefined)); // observed below; avoid an unhandled rejection meanwhile
    const acc = new Map<string, tf.Tensor>();
    let lossSum = 0;
    let withoutGrad = new Set<string>(this.layout.names);
    try {
      for (const { shards, options } of split) {
        const own = shards[0];
        if (own === undefined) continue;
        const scale = own.weight / m;
        const fn = this.lossFor(own.batch, options);
        const result = await this.gradients((p) => tf.tidy(() => tf.mul(fn(p), tf.scalar(scale)) as tf.Scalar));
        lossSum += result.loss;
        this.accumulate(acc, result.grads);
        withoutGrad = new Set(result.withoutGrad.filter((n) => withoutGrad.has(n)));
      }
      for (const [k, reply] of replies.entries()) {
        const answer = await reply;
        if (answer.type !== 'grads') throw new Error(`training worker ${k + 1} answered ${answer.type}`);
        lossSum += answer.loss;
        const missing = new Set(answer.withoutGrad);
        const grads = new Map<string, tf.Tensor>();
        this.layout.names.forEach((name, i) => {
          if (!missing.has(name)) grads.set(name, tf.tensor(viewOf((this.threads[k] as WorkerThread).grads, this.layout, i).slice(), this.layout.shapes[i] as number[], 'float32'));
        });
        this.accumulate(acc, grads);
        withoutGrad = new Set([...withoutGrad].filter((n) => missing.has(n)));
      }
      return await this.apply(acc, lossSum, [...withoutGrad], lr);
    } finally {
      await Promise.allSettled(replies); // never leave a worker mid-step behind a thrown error
      for (const g of acc.values()) g.dispose();
    }
  }

  private accumulate(acc: Map<string, tf.Tensor>, grads: Map<string, tf.Tensor>): void {
    for (const [name, g] of grads) {
      const prev = acc.get(name);
      if (prev === undefined) acc.set(name, g);
      else {
        acc.set(name, tf.add(prev, g));
        prev.dispose();
        g.dispose();
      }
    }
  }

  /** Trainer.step's tail: the norm, the "not finite: skip" rule, clipping, one AdamW update. */
  private async apply(acc: Map<string, tf.Tensor>, loss: number, withoutGrad: string[], lr: number): Promise<StepResult> {
    const normTensor = globalNorm(acc.values());
    const gradNorm = (await normTensor.data())[0] as number;
    normTensor.dispose();
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) return { loss, gradNorm, clipped: false, applied: false, withoutGrad };
    let clipped = false;
    if (this.clip !== null) {
      const coef = this.clip / (gradNorm + 1e-6);
      if (coef < 1) {
        for (const [name, g] of acc) {
          acc.set(name, tf.tidy(() => tf.mul(g, tf.scalar(coef))));
          g.dispose();
        }
        clipped = true;
      }
    }
    this.opt.step(acc, lr);
    return { loss, gradNorm, clipped, applied: true, withoutGrad };
  }
}
