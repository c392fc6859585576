// One training step that knows nothing about the model: it takes loss functions over a map of
// parameters keyed by Hugging Face names, computes gradients of the trainable ones, accumulates them
// over micro-batches, clips by global norm, and applies AdamW — all inside tf.tidy, with every
// intermediate tensor disposed before it returns. Only numbers come out.
//
// Tied weights are ONE parameter: the map holds the tensor once (e.g. bert.embeddings.word_embeddings.weight,
// with no cls.predictions.decoder.weight key), the model reads that same tensor for both uses, and autograd
// sums the two gradients. Two keys that hold the same Variable are refused, since the update would apply twice.
import * as tf from '@tensorflow/tfjs-core';
import { type AdamW, globalNorm } from './optimizer';

/** Every parameter the model reads, by name (the same shape as the layers' `Params`). */
export type ParamRecord = Readonly<Record<string, tf.Tensor>>;

/** A scalar loss of one micro-batch, computed from the full parameter map (trainable and frozen). */
export type LossFn = (params: ParamRecord) => tf.Scalar;

export interface TrainerOptions {
  /** Parameters the optimizer updates, keyed by Hugging Face (or PEFT) name. */
  readonly trainable: ReadonlyMap<string, tf.Variable>;
  /** Parameters the model reads but the optimizer never touches (the base model under LoRA). */
  readonly frozen?: ReadonlyMap<string, tf.Tensor>;
  readonly optimizer: AdamW;
  /** Clip the accumulated gradient to this global L2 norm; null = no clipping. */
  readonly clipNorm?: number | null;
}

export interface StepResult {
  /** Mean loss over the micro-batches, before the update. */
  readonly loss: number;
  /** Global L2 norm of the accumulated gradient, before clipping. */
  readonly gradNorm: number;
  /** Whether clipping scaled the gradient down. */
  readonly clipped: boolean;
  /** False when the loss or the gradient was not finite: the parameters were left unchanged. */
  readonly applied: boolean;
  /** Trainable parameters the loss does not depend on (they got no update). */
  readonly withoutGrad: readonly string[];
}

export interface GradientResult {
  readonly loss: number;
  /** Gradients by parameter name; the caller owns and disposes them. */
  readonly grads: Map<string, tf.Tensor>;
  readonly withoutGrad: readonly string[];
}

export class Trainer {
  readonly params: ParamRecord;
  private readonly names: string[];
  private readonly vars: tf.Variable[];
  private readonly optimizer: AdamW;
  private readonly clipNorm: number | null;

  constructor(options: TrainerOptions) {
    const { trainable, frozen = new Map<string, tf.Tensor>() } = options;
    if (trainable.size === 0) throw new Error('Trainer needs at least one trainable parameter');
    const seen = new Map<tf.Tensor, string>();
    for (const [name, v] of trainable) {
      if (frozen.has(name)) throw new Error(`parameter '${name}' is both trainable and frozen`);
      if (!v.trainable) throw new Error(`parameter '${name}' is a non-trainable variable; pass it as frozen`);
      if (v.dtype !== 'float32') throw new Error(`parameter '${name}' is ${v.dtype}; trainable parameters must be float32`);
      const other = seen.get(v);
      if (other !== undefined) throw new Error(`'${name}' and '${other}' are the same tensor: a tied weight must appear once in the parameter map`);
      seen.set(v, name);
    }
    if (options.clipNorm !== undefined && options.clipNorm !== null && !(options.clipNorm > 0)) {
      throw new RangeError(`gradient clipping norm must be positive, got ${options.clipNorm}`);
    }
    this.names = [...trainable.keys()];
    this.vars = [...trainable.values()];
    this.params = Object.freeze(Object.fromEntries([...frozen, ...trainable]));
    this.optimizer = options.optimizer;
    this.clipNorm = options.clipNorm ?? null;
  }

  /** Loss and gradients of one loss function, without an update (gradients owned by the caller). */
  async gradients(lossFn: LossFn): Promise<GradientResult> {
    const { value, grads } = tf.tidy(() =>
      tf.engine().gradients(
        () => {
          const loss = lossFn(this.params);
          if (loss.rank !== 0) throw new Error(`the loss function must return a scalar, got shape [${loss.shape}]`);
          return loss;
        },
        this.vars,
        undefined,
        true,
      ),
    );
    const loss = (await value.data())[0] as number;
    value.dispose();
    const named = new Map<string, tf.Tensor>();
    const withoutGrad: string[] = [];
    grads.forEach((g, i) => {
      const name = this.names[i] as string;
      if (g === null || g === undefined) withoutGrad.push(name);
      else named.set(name, g);
    });
    return { loss, grads: named, withoutGrad };
  }

  /**
   * One optimizer step with learning rate `lr`. Several loss functions = gradient accumulation: the
   * gradient is the mean of theirs (as if each loss were divided by their count), the loss their mean.
   */
  async step(microBatches: LossFn | readonly LossFn[], lr: number): Promise<StepResult> {
    const fns = typeof microBatches === 'function' ? [microBatches] : microBatches;
    if (fns.length === 0) throw new Error('Trainer.step needs at least one micro-batch');
    const acc = new Map<string, tf.Tensor>();
    let lossSum = 0;
    const withoutGrad = new Set<string>(this.names);
    try {
      for (const fn of fns) {
        const { loss, grads, withoutGrad: missing } = await this.gradients(fn);
        lossSum += loss;
        for (const [name, g] of grads) {
          const prev = acc.get(name);
          if (prev === undefined) acc.set(name, g);
          else {
            acc.set(name, tf.add(prev, g));
            prev.dispose();
            g.dispose();
          }
        }
        const missingSet = new Set(missing);
        for (const name of [...withoutGrad]) if (!missingSet.has(name)) withoutGrad.delete(name);
      }
      if (fns.length > 1) this.scaleInPlace(acc, 1 / fns.length);
      return await this.applyOwned(acc, lossSum / fns.length, lr, [...withoutGrad]);
    } finally {
      for (const g of acc.values()) g.dispose();
    }
  }

  /**
   * The update half of a step, for gradients computed elsewhere (e.g. summed over data-parallel workers):
   * global norm, clipping, AdamW. Takes ownership of `grads` (disposes them). `loss` is only reported.
   */
  async applyGradients(grads: Map<string, tf.Tensor>, loss: number, lr: number): Promise<StepResult> {
    for (const name of grads.keys()) {
      if (!this.names.includes(name)) {
        tf.dispose([...grads.values()]);
        throw new Error(`a gradient for '${name}', which is not a trainable parameter`);
      }
    }
    try {
      return await this.applyOwned(grads, loss, lr, this.names.filter((n) => !grads.has(n)));
    } finally {
      for (const g of grads.values()) g.dispose();
    }
  }

  /** Norm, clip (replacing tensors in `grads`, which the caller disposes) and update. */
  private async applyOwned(grads: Map<string, tf.Tensor>, loss: number, lr: number, withoutGrad: string[]): Promise<StepResult> {
    const normTensor = globalNorm(grads.values());
    const gradNorm = (await normTensor.data())[0] as number;
    normTensor.dispose();
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) {
      return { loss, gradNorm, clipped: false, applied: false, withoutGrad };
    }
    let clipped = false;
    if (this.clipNorm !== null) {
      const coef = this.clipNorm / (gradNorm + 1e-6);
      if (coef < 1) {
        this.scaleInPlace(grads, coef);
        clipped = true;
      }
    }
    this.optimizer.step(grads, lr);
    return { loss, gradNorm, clipped, applied: true, withoutGrad };
  }

  /** The loss without gradients (evaluation). */
  async evaluate(lossFn: LossFn): Promise<number> {
    const value = tf.tidy(() => lossFn(this.params));
    const loss = (await value.data())[0] as number;
    value.dispose();
    return loss;
  }

  private scaleInPlace(grads: Map<string, tf.Tensor>, factor: number): void {
    for (const [name, g] of grads) {
      grads.set(name, tf.tidy(() => tf.mul(g, tf.scalar(factor))));
      g.dispose();
    }
  }
}

/** Number of scalar values in a set of parameters. */
export function countParameters(params: Iterable<tf.Tensor>): number {
  let n = 0;
  for (const p of params) n += p.size;
  return n;
}
