// AdamW exactly as PyTorch 1.13's single-tensor CPU path (torch.optim.AdamW), plus the global gradient
// norm and clipping by it (torch.nn.utils.clip_grad_norm_). Parameters are tf.Variables keyed by their
// Hugging Face names; the optimizer state (per-parameter step, exp_avg, exp_avg_sq) exports to plain
// Float32Arrays so a checkpoint can store it and a resumed run continues bit for bit.
//
// Per parameter p with gradient g at its step t (1-based), as torch does it:
//   p *= 1 - lr·wd                              (decoupled weight decay, before the moments)
//   m  = β1·m + (1 − β1)·g
//   v  = β2·v + (1 − β2)·g²
//   p -= (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + eps)
// A parameter without a gradient this step is skipped entirely (its step count does not advance).
import * as tf from '@tensorflow/tfjs-core';
import { variableFrom } from './params';

export interface AdamWConfig {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  /** Names that get no weight decay (biases and norms, by default). `() => false` decays everything, as plain torch AdamW. */
  readonly noDecay: (name: string) => boolean;
}

/** Biases, LayerNorm / RMSNorm weights and GPT-2's ln_* weights: the usual no-decay group (HF Trainer's rule). */
export function isBiasOrNorm(name: string): boolean {
  const parts = name.split('.');
  if (parts[parts.length - 1] === 'bias') return true;
  const module = parts.length >= 2 ? (parts[parts.length - 2] as string) : '';
  return /norm/i.test(module) || /^ln(_|$)/i.test(module);
}

export const DEFAULT_ADAMW: AdamWConfig = {
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0.01,
  noDecay: isBiasOrNorm,
};

/** One parameter's optimizer state, as plain data. */
export interface AdamWParamState {
  readonly step: number;
  readonly shape: readonly number[];
  readonly expAvg: Float32Array;
  readonly expAvgSq: Float32Array;
}

/** The whole optimizer state, as plain data (for checkpoints). */
export interface AdamWStateData {
  readonly params: ReadonlyMap<string, AdamWParamState>;
}

interface Slot {
  step: number;
  m: tf.Variable;
  v: tf.Variable;
}

export class AdamW {
  private readonly slots = new Map<string, Slot>();
  private disposed = false;

  constructor(
    private readonly params: ReadonlyMap<string, tf.Variable>,
    readonly config: AdamWConfig = DEFAULT_ADAMW,
  ) {
    const { beta1, beta2, eps, weightDecay } = config;
    if (!(beta1 >= 0 && beta1 < 1)) throw new RangeError(`AdamW beta1 must be in [0, 1), got ${beta1}`);
    if (!(beta2 >= 0 && beta2 < 1)) throw new RangeError(`AdamW beta2 must be in [0, 1), got ${beta2}`);
    if (!(eps > 0)) throw new RangeError(`AdamW eps must be positive, got ${eps}`);
    if (!(weightDecay >= 0)) throw new RangeError(`AdamW weight decay must be ≥ 0, got ${weightDecay}`);
  }

  /** Weight decay that applies to a parameter (0 in the no-decay group). */
  weightDecayFor(name: string): number {
    return this.config.noDecay(name) ? 0 : this.config.weightDecay;
  }

  /** Applies one update with learning rate `lr` to every parameter that has a gradient in `grads`. */
  step(grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    if (this.disposed) throw new Error('AdamW.step after dispose');
    if (!(Number.isFinite(lr) && lr >= 0)) throw new RangeError(`learning rate must be a finite number ≥ 0, got ${lr}`);
    for (const name of grads.keys()) {
      if (!this.params.has(name)) throw new Error(`AdamW got a gradient for '${name}', which is not one of its parameters`);
    }
    const { beta1, beta2, eps } = this.config;
    for (const [name, p] of this.params) {
      const g = grads.get(name);
      if (g === undefined) continue;
      if (g.size !== p.size || g.shape.join() !== p.shape.join()) {
        throw new Error(`AdamW: gradient of '${name}' has shape [${g.shape}] but the parameter is [${p.shape}]`);
      }
      const slot = this.slotFor(name, p);
      slot.step += 1;
      const t = slot.step;
      const wd = this.weightDecayFor(name);
      const stepSize = lr / (1 - beta1 ** t);
      const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** t);
      tf.tidy(() => {
        const decayed = wd > 0 ? tf.mul(p, tf.scalar(1 - lr * wd)) : p; // [..p]
        const m = tf.add(tf.mul(slot.m, tf.scalar(beta1)), tf.mul(g, tf.scalar(1 - beta1))); // [..p]
        const v = tf.add(tf.mul(slot.v, tf.scalar(beta2)), tf.mul(tf.mul(g, g), tf.scalar(1 - beta2))); // [..p]
        const denom = tf.add(tf.div(tf.sqrt(v), tf.scalar(biasCorrection2Sqrt)), tf.scalar(eps)); // [..p]
        const updated = tf.sub(decayed, tf.div(tf.mul(m, tf.scalar(stepSize)), denom)); // [..p]
        slot.m.assign(m);
        slot.v.assign(v);
        p.assign(updated);
      });
    }
  }

  /** Copies the state out as plain arrays (reads tensors: call between steps). */
  async exportState(): Promise<AdamWStateData> {
    const out = new Map<string, AdamWParamState>();
    for (const [name, slot] of this.slots) {
      const [m, v] = await Promise.all([slot.m.data(), slot.v.data()]);
      out.set(name, { step: slot.step, shape: [...slot.m.shape], expAvg: Float32Array.from(m), expAvgSq: Float32Array.from(v) });
    }
    return { params: out };
  }

  /** Replaces the state with `state` (from exportState of a run over the same parameters). */
  importState(state: AdamWStateData): void {
    for (const [name, s] of state.params) {
      const p = this.params.get(name);
      if (p === undefined) throw new Error(`optimizer state names '${name}', which is not a parameter of this model`);
      if (s.shape.join() !== p.shape.join()) throw new Error(`optimizer state for '${name}' has shape [${s.shape}] but the parameter is [${p.shape}]`);
      if (s.expAvg.length !== p.size || s.expAvgSq.length !== p.size) throw new Error(`optimizer state for '${name}' has the wrong number of values`);
      if (!(Number.isInteger(s.step) && s.step >= 0)) throw new Error(`optimizer state for '${name}' has an invalid step ${s.step}`);
    }
    this.clearSlots();
    for (const [name, s] of state.params) {
      const shape = [...s.shape];
      this.slots.set(name, {
        step: s.step,
        m: variableFrom(tf.tensor(s.expAvg, shape, 'float32'), false),
        v: variableFrom(tf.tensor(s.expAvgSq, shape, 'float32'), false),
      });
    }
  }

  /** Step count of a parameter (0 before its first update). */
  stepOf(name: string): number {
    return this.slots.get(name)?.step ?? 0;
  }

  dispose(): void {
    this.clearSlots();
    this.disposed = true;
  }

  private clearSlots(): void {
    for (const slot of this.slots.values()) {
      slot.m.dispose();
      slot.v.dispose();
    }
    this.slots.clear();
  }

  private slotFor(name: string, p: tf.Variable): Slot {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      slot = { step: 0, m: variableFrom(tf.zerosLike(p), false), v: variableFrom(tf.zerosLike(p), false) };
      this.slots.set(name, slot);
    }
    return slot;
  }
}

/** Sum of squares of one tensor, reduced one axis at a time (shorter float32 sums than one flat sum). */
function sumOfSquares(g: tf.Tensor): tf.Scalar {
  let x = tf.square(g); // [..g]
  while (x.rank > 1) x = tf.sum(x, -1); // drops the last axis
  return tf.sum(x) as tf.Scalar; // []
}

/** Global L2 norm over every gradient, as one float32 scalar tensor (torch: norm of the per-tensor norms). */
export function globalNorm(grads: Iterable<tf.Tensor>): tf.Scalar {
  return tf.tidy(() => {
    const squares = [...grads].map(sumOfSquares); // each []
    if (squares.length === 0) return tf.scalar(0);
    return tf.sqrt(squares.length === 1 ? (squares[0] as tf.Scalar) : tf.addN(squares)) as tf.Scalar;
  });
}

/**
 * Scales gradients so their global norm is at most `maxNorm` (torch.nn.utils.clip_grad_norm_: coefficient
 * maxNorm / (norm + 1e-6), applied only when below 1). Returns new tensors (the caller disposes the old
 * ones) and the norm before clipping.
 */
export function clipByGlobalNorm(grads: ReadonlyMap<string, tf.Tensor>, maxNorm: number): { grads: Map<string, tf.Tensor>; norm: number } {
  if (!(maxNorm > 0)) throw new RangeError(`gradient clipping norm must be positive, got ${maxNorm}`);
  const normTensor = globalNorm(grads.values());
  const norm = normTensor.dataSync()[0] as number;
  normTensor.dispose();
  const coef = maxNorm / (norm + 1e-6);
  const out = new Map<string, tf.Tensor>();
  for (const [name, g] of grads) out.set(name, coef < 1 ? tf.tidy(() => tf.mul(g, tf.scalar(coef))) : tf.clone(g));
  return { grads: out, norm };
}
