// Held-out perplexity of a model (a base model or a trained one; full weights or base + LoRA adapter) on
// tokenized documents (a corpus split), bounded in tokens for speed. What is measured, exactly:
//
// - Causal LM (decoders): documents packed end to end with EOS between them ([BOS] where the model has
//   one), cut into rows of seqLen; perplexity = exp(mean cross-entropy of every next-token prediction).
// - Masked LM (encoders): a *masked-LM perplexity*, not the pseudo-log-likelihood of masking each token in
//   turn: rows are [CLS] … [SEP] blocks, 15% of the real tokens are chosen with a fixed seed and replaced
//   80/10/10 ([MASK] / random id / unchanged) as in BERT pre-training, and perplexity = exp(mean cross-entropy
//   of the chosen tokens). Same seed, same documents, same tokenizer ⇒ the same positions and replacements,
//   so models sharing a tokenizer are compared on exactly the same predictions.
//
// The definition (blocks, masking RNG seed + 0x5eed, batching) is the one training uses for its "before"
// and "after" figures, so this module reproduces a run's reported values.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../native/tfjs-backend';
import type { BackendName } from '../common/dto';
import { StudioError } from '../common/errors';
import { labelRows, makeBlocks, maskingFor, type Objective, type SpecialIds } from '../engine/train/blocks';
import { IGNORE_INDEX } from '../engine/train/collate';
import { Rng } from '../engine/train/rng';
import { openSession } from '../engine/train/session';

export interface PerplexityOptions {
  /** A Hugging Face model folder with a masked-LM or causal-LM head. */
  readonly folder: string;
  /** A PEFT LoRA adapter folder trained on `folder`, applied on top of it. */
  readonly adapter?: string | null;
  /** Token ids of each document, without special tokens (as stored in corpus shards). */
  readonly documents: Iterable<ArrayLike<number>>;
  readonly special: SpecialIds;
  /** Tokens per row (default 128, at most the model's positions). */
  readonly seqLen?: number;
  /** Evaluate at most this many tokens: the first ceil(maxTokens / seqLen) rows (default 16,384). */
  readonly maxTokens?: number;
  /** Rows per forward pass (default 8). */
  readonly batch?: number;
  /** Seed of the masking (masked LM; default 1234). */
  readonly seed?: number;
  /** Whole-word masking: true when an id continues the previous word. */
  readonly continuesWord?: (id: number) => boolean;
  readonly backend?: BackendName;
}

export interface PerplexityResult {
  readonly objective: Objective;
  readonly perplexity: number;
  /** Mean cross-entropy (nats) over the scored tokens. */
  readonly mean_loss: number;
  /** Tokens whose prediction was scored (masked positions, or next-token predictions). */
  readonly scored_tokens: number;
  /** Rows evaluated and the real tokens in them. */
  readonly sequences: number;
  readonly tokens: number;
  /** What the number is, in words. */
  readonly definition: string;
}

const DEFINITIONS: Record<Objective, string> = {
  'masked-lm': 'masked-LM perplexity: exp(mean cross-entropy) of 15% of tokens masked 80/10/10 with a fixed seed (not per-token pseudo-log-likelihood)',
  'causal-lm': 'causal perplexity: exp(mean next-token cross-entropy) over packed documents',
};

export async function perplexity(options: PerplexityOptions): Promise<PerplexityResult> {
  await initBackend(options.backend);
  const seed = options.seed ?? 1234;
  const batchSize = options.batch ?? 8;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new StudioError('invalid_request', `batch must be a whole number ≥ 1, got ${batchSize}`, { field: 'batch' });
  const adapter = options.adapter ?? null;
  const session = await openSession({ folder: options.folder, method: adapter === null ? 'full' : 'lora', ...(adapter === null ? {} : { adapterFrom: adapter }), rng: new Rng(seed) });
  try {
    const head = session.head;
    if (head !== 'masked-lm' && head !== 'causal-lm') throw new StudioError('unsupported', `Perplexity needs a language-model head; this model has a ${head} head`);
    const objective: Objective = head;
    const seqLen = Math.min(options.seqLen ?? 128, session.config.max_position_embeddings);
    const maxRows = Math.max(1, Math.ceil((options.maxTokens ?? 16_384) / seqLen));
    const blocks = makeBlocks(options.documents, { objective, seqLen, special: options.special }).first(maxRows);
    if (blocks.count === 0) throw new StudioError('bad_input', 'There is no text to measure perplexity on');

    const params = { ...Object.fromEntries(session.frozen), ...Object.fromEntries(session.trainable) };
    const rng = new Rng(seed + 0x5eed);
    const masking = objective === 'masked-lm' ? maskingFor(options.special, session.config.vocab_size, 0.15, options.continuesWord) : null;
    let total = 0;
    let count = 0;
    let tokens = 0;
    for (let start = 0; start < blocks.count; start += batchSize) {
      const indices = Array.from({ length: Math.min(batchSize, blocks.count - start) }, (_, k) => start + k);
      const batch = labelRows(blocks, indices, objective, masking, rng);
      const n = batch.labels.reduce((sum, row) => sum + row.filter((l, j) => l !== IGNORE_INDEX && (objective === 'masked-lm' || j > 0)).length, 0);
      tokens += batch.attention_mask.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
      if (n === 0) continue;
      const value = tf.tidy(() => session.lossFor(batch)(params));
      const loss = (await value.data())[0] as number;
      value.dispose();
      total += loss * n;
      count += n;
    }
    if (count === 0) throw new StudioError('bad_input', 'The text is too short to measure perplexity');
    const mean = total / count;
    return { objective, perplexity: Math.exp(mean), mean_loss: mean, scored_tokens: count, sequences: blocks.count, tokens, definition: DEFINITIONS[objective] };
  } finally {
    session.dispose();
  }
}
