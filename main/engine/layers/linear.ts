// Dense layers over named parameters: nn.Linear (weight [out, in], y = x W^T + b) and GPT-2's Conv1D
// (weight [in, out], y = x W + b). A LoRA pair `${prefix}.lora_A.weight` [r, in] and
// `${prefix}.lora_B.weight` [out, r] adds scaling * (x A^T) B^T when present (PEFT's forward).
import * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../common/errors';
import { affine2d, matmul2d } from './matmul';
import { assertShape, param } from './shapes';

export type Params = Readonly<Record<string, tf.Tensor>>;

export interface LinearOptions {
  /** 'linear' = nn.Linear [out, in]; 'conv1d' = GPT-2 Conv1D [in, out]. */
  layout?: 'linear' | 'conv1d';
  /** lora_alpha / r; required when the LoRA pair is present. */
  loraScaling?: number;
  /** PEFT's lora_dropout: applied to the LoRA branch's input only, seeded per module. */
  loraDropout?: { rate: number; seed: number };
}

/** FNV-1a of a module name, so that each module draws its own dropout mask from one step seed. */
function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** x [..., in] → [..., out]. */
export function linear(params: Params, prefix: string, x: tf.Tensor, options: LinearOptions = {}): tf.Tensor {
  const layout = options.layout ?? 'linear';
  const w = param(params, `${prefix}.weight`) as tf.Tensor2D; // [out, in] or [in, out]
  const [inSize, outSize] = layout === 'linear' ? [w.shape[1], w.shape[0]] : [w.shape[0], w.shape[1]];
  const lead = x.shape.slice(0, -1);
  assertShape(x, [...lead.map(() => -1), inSize], `${prefix} input`);
  const x2 = tf.reshape(x, [-1, inSize]) as tf.Tensor2D; // [N, in]
  const bias = params[`${prefix}.bias`] as tf.Tensor1D | undefined; // [out]
  let y = bias === undefined ? matmul2d(x2, w, layout === 'linear') : affine2d(x2, w, bias, layout === 'linear'); // [N, out]
  const loraA = params[`${prefix}.lora_A.weight`];
  const loraB = params[`${prefix}.lora_B.weight`];
  if (loraA !== undefined || loraB !== undefined) {
    if (loraA === undefined || loraB === undefined) {
      throw new StudioError('bad_input', `LoRA adapter for "${prefix}" has only one of lora_A and lora_B`);
    }
    if (options.loraScaling === undefined) {
      throw new StudioError('internal', `LoRA weights for "${prefix}" are present but no LoRA scaling was given`);
    }
    assertShape(loraA, [-1, inSize], `${prefix}.lora_A.weight`);
    assertShape(loraB, [outSize, loraA.shape[0]!], `${prefix}.lora_B.weight`);
    const dropout = options.loraDropout;
    const loraInput = dropout !== undefined && dropout.rate > 0
      ? tf.dropout(x2, dropout.rate, undefined, (dropout.seed + nameHash(prefix)) % 2147483647) // [N, in], kept × 1/(1-rate)
      : x2;
    const down = matmul2d(loraInput as tf.Tensor2D, loraA as tf.Tensor2D, true); // [N, r]
    const up = matmul2d(down, loraB as tf.Tensor2D, true); // [N, out]
    y = tf.add(y, tf.mul(up, options.loraScaling)); // [N, out]
  }
  return tf.reshape(y, [...lead, outSize]); // [..., out]
}
