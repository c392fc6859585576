// Data-dependent initialisation of a new sequence-classification head's input, from the training examples.
// An encoder pre-trained by masked LM alone (no next-sentence objective: the bundled tiny-bert, RoBERTa,
// DistilBERT) never trains the first token's output, so that row barely changes from one text to the next:
// on tiny-bert 0.14% of its energy varies between paragraphs. The new head (BERT's pooler + classifier,
// RoBERTa's classifier.dense + out_proj, DistilBERT's pre_classifier + classifier) then sees a near-constant
// input: HF's normal(0, 0.02) init gives it almost nothing to separate, and AdamW's per-weight steps on a dense
// layer whose input is a large constant (|μ| ≈ 1 per dimension against a spread of 0.03) move every
// pre-activation by about lr·Σ|μ| per step in step with the bias — the pooler's tanh saturates and only the
// bias learns: the classifier predicts the majority class (licence-kind on tiny-bert: macro-F1 0.387 = the
// majority baseline at lr 1e-3 and 5e-3).
// Fix: the last encoder LayerNorm (whose first-token row is the head's only input) is re-scaled so that this row
// is centred with a fixed spread over the training examples — γ' = s·γ/σ, β' = s·(β − μ)/σ per dimension, μ and
// σ the row's mean and standard deviation — and trains with the head (a LoRA session keeps it in
// modules_to_save). The head keeps HF's init. Same HF modules and shapes: saving, merging and exporting are
// unchanged. Only done when the checkpoint lacks the head's dense layer (a pooler trained with next-sentence
// prediction, as in the original BERT checkpoints, is kept). s = 0.25: the re-scaling also magnifies every LoRA
// change to the row by s/σ, and at s = 1 LoRA's drift of the row's common part saturated the tanh again within
// 20 steps at lr ≥ 2e-3; centring alone (no re-scaling) learned at 5e-3 but not at 1e-3. Measured on tiny-bert /
// licence-kind (seq 128, batch 16, 100 steps), validation macro-F1 at lr 1e-3 / 2e-3 / 5e-3: s = 0.25 →
// 0.754 / 0.802 / 0.793; s = 1 → 0.766 / 0.387 / 0.387; centring only → 0.387 / – / 0.806; HF init → 0.387
// at 1e-3 and 5e-3.
import * as tf from '@tensorflow/tfjs-core';
import { forward } from '../models/forward';
import type { Architecture, BaseConfig, HeadKind, ModelInputs } from '../models/types';
import type { TrainingSession } from './session';

/** The dense layer applied to the first token's final hidden state, per model type. */
export const SEQUENCE_HEAD_DENSE: Readonly<Record<string, string>> = {
  bert: 'bert.pooler.dense',
  roberta: 'classifier.dense',
  distilbert: 'pre_classifier',
};

/** The encoder's last LayerNorm (the one whose output the sequence head reads), or null. */
export function finalNormOf(arch: Architecture, config: BaseConfig): string | null {
  const norms = arch
    .expectedWeights(config, 'sequence-classification')
    .map((s) => s.name)
    .filter((n) => /\.(output\.LayerNorm|output_layer_norm)\.weight$/.test(n));
  const last = norms[norms.length - 1];
  return last === undefined ? null : last.slice(0, -'.weight'.length);
}

/**
 * Modules a LoRA session must train in full, besides the new ones, for calibrateSequenceHead: the last
 * LayerNorm when the sequence head's dense layer is new. Empty otherwise.
 */
export function headModulesToSave(arch: Architecture, config: BaseConfig, head: HeadKind, initialised: readonly string[]): string[] {
  const dense = SEQUENCE_HEAD_DENSE[arch.modelType];
  if (head !== 'sequence-classification' || dense === undefined || !initialised.includes(`${dense}.weight`)) return [];
  const norm = finalNormOf(arch, config);
  return norm === null ? [] : [norm];
}

export interface HeadCalibration {
  /** The LayerNorm re-scaled, e.g. 'bert.encoder.layer.1.output.LayerNorm'. */
  readonly module: string;
  /** Examples the statistics came from. */
  readonly examples: number;
  /** Share of the first-token row's mean square that varied between examples before calibration. */
  readonly variedShare: number;
}

/** The standard deviation each dimension of the head's input starts with (see above). */
export const HEAD_INPUT_SPREAD = 0.25;

/** Examples used for the statistics (enough for 128–1024 dimensions; a forward pass only). */
const MAX_EXAMPLES = 512;

/**
 * Centres and re-scales the first-token row the session's new sequence head reads, from `batches` (model inputs of the
 * training split). Returns null (and changes nothing) when the head is not a new sequence head or the last
 * LayerNorm is not trainable in this session.
 */
export function calibrateSequenceHead(session: TrainingSession, batches: Iterable<ModelInputs>): HeadCalibration | null {
  const [module] = headModulesToSave(session.arch, session.config, session.head, session.initialised);
  if (module === undefined) return null;
  const gamma = session.trainable.get(`${module}.weight`);
  const beta = session.trainable.get(`${module}.bias`);
  if (gamma === undefined || beta === undefined) return null;

  const params = Object.fromEntries([...session.frozen, ...session.trainable]);
  const h = gamma.shape[0] as number;
  const sum = new Float64Array(h);
  const sumSq = new Float64Array(h);
  let n = 0;
  for (const inputs of batches) {
    if (n >= MAX_EXAMPLES) break;
    const out = forward(session.arch, params, session.config, inputs, { ...session.forwardOptions, head: session.head });
    const last = out.hiddenStates[out.hiddenStates.length - 1] as tf.Tensor3D; // [B, T, H]
    const first = tf.tidy(() => tf.reshape(tf.slice(last, [0, 0, 0], [-1, 1, -1]), [-1, h])); // [B, H]
    const rows = first.dataSync();
    tf.dispose([first, out.logits, ...out.hiddenStates]);
    for (let r = 0; r * h < rows.length && n < MAX_EXAMPLES; r++, n++) {
      for (let j = 0; j < h; j++) {
        const v = rows[r * h + j] as number;
        sum[j] = (sum[j] as number) + v;
        sumSq[j] = (sumSq[j] as number) + v * v;
      }
    }
  }
  if (n < 2) return null;
  const mean = Array.from(sum, (s) => s / n);
  const variance = Array.from(sumSq, (s, j) => Math.max(0, s / n - (mean[j] as number) ** 2));
  const meanSquare = sumSq.reduce((a, b) => a + b, 0) / (n * h);
  const meanVariance = variance.reduce((a, b) => a + b, 0) / h;
  // The floor keeps a dimension that never varies (σ ≈ 0) from being magnified without bound.
  const scale = variance.map((v) => HEAD_INPUT_SPREAD / Math.sqrt(v + 1e-2 * meanVariance + 1e-12));
  const newGamma = Float32Array.from(gamma.dataSync(), (x, j) => x * (scale[j] as number));
  const newBeta = Float32Array.from(beta.dataSync(), (x, j) => (x - (mean[j] as number)) * (scale[j] as number));
  tf.tidy(() => {
    gamma.assign(tf.tensor1d(newGamma));
    beta.assign(tf.tensor1d(newBeta));
  });
  return { module, examples: n, variedShare: meanSquare > 0 ? meanVariance / meanSquare : 0 };
}
