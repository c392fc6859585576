// Messages between the training thread and its data-parallel worker threads. Only the batch shards and
// small numbers travel as messages; weights and gradients live in SharedArrayBuffers (one flat float32
// region per set, laid out by `ParamLayout`), and the frozen weights are transferred once at start.
import type { BackendName } from '../../../common/dto';
import type { ForwardOptions, HeadKind, LoraDropout } from '../../models/types';
import type { ShardableBatch } from './shard';

/** What the worker needs to run the model's loss. All plain data (structured-clonable). */
export interface ModelDescription {
  /** config.json as an object (its model_type picks the architecture). */
  readonly rawConfig: Record<string, unknown>;
  readonly head?: HeadKind;
  /** LoRA scaling / dropout as the loss takes them. */
  readonly options?: ForwardOptions;
}

/** Where each trainable parameter sits in the shared weight and gradient buffers (float32 offsets). */
export interface ParamLayout {
  readonly names: readonly string[];
  readonly shapes: readonly (readonly number[])[];
  readonly offsets: readonly number[];
  /** Floats in all. */
  readonly total: number;
}

export interface InitMessage {
  readonly type: 'init';
  readonly backend: BackendName;
  readonly model: ModelDescription;
  readonly layout: ParamLayout;
  /** Trainable weights, written by the training thread between steps. */
  readonly weights: SharedArrayBuffer;
  /** This worker's gradient, written by the worker during a step. */
  readonly grads: SharedArrayBuffer;
  readonly frozen: { readonly names: string[]; readonly shapes: number[][]; readonly data: Float32Array[] };
}

export interface StepMessage {
  readonly type: 'step';
  readonly id: number;
  /** Bumped whenever the shared weights changed since the last step. */
  readonly weightsVersion: number;
  /** Gradient = Σ scale · ∇ mean-loss(batch) over these shards. */
  readonly shards: readonly { readonly batch: ShardableBatch; readonly scale: number; readonly options: { readonly loraDropout?: LoraDropout } }[];
}

export interface CloseMessage {
  readonly type: 'close';
}

export type ToWorker = InitMessage | StepMessage | CloseMessage;

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'grads'; readonly id: number; /** Σ scale · loss */ readonly loss: number; /** trainable names the loss does not reach */ readonly withoutGrad: string[] }
  | { readonly type: 'error'; readonly id: number | null; readonly message: string; readonly code: string | null };

export function layoutOf(entries: Iterable<[string, { readonly shape: readonly number[] }]>): ParamLayout {
  const names: string[] = [];
  const shapes: number[][] = [];
  const offsets: number[] = [];
  let total = 0;
  for (const [name, t] of entries) {
    names.push(name);
    shapes.push([...t.shape]);
    offsets.push(total);
    total += t.shape.reduce((a, b) => a * b, 1);
  }
  return { names, shapes, offsets, total };
}

/** The float32 view of parameter `i` inside a shared buffer laid out by `layout`. */
export function viewOf(buffer: SharedArrayBuffer, layout: ParamLayout, i: number): Float32Array {
  const size = (layout.shapes[i] as number[]).reduce((a, b) => a * b, 1);
  return new Float32Array(buffer, (layout.offsets[i] as number) * 4, size);
}
