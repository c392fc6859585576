// A language model opened for evaluation (a Hugging Face folder, optionally with a LoRA adapter on top)
// and the three questions the audit and the probes ask it:
// - logLikelihood: the log-probability (nats) of given target tokens, per row — causal: each target
//   predicted from everything before it; masked: every target position masked at once, each predicted
//   from the unmasked rest (the joint "fill these blanks" score the Secret Sharer uses for encoders);
// - greedy: the causal model's greedy continuation of a prefix;
// - targetRanks: the rank of every target token at once (causal: teacher-forced, so all ranks 1 ⇔ the greedy
//   continuation of the ids before the first target is exactly the targets; masked: all targets masked);
// - fills: for a masked model, the top-k ids at each masked position.
// Rows are evaluated in small batches, padded on the right with the attention mask.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../native/tfjs-backend';
import type { BackendName } from '../common/dto';
import { StudioError } from '../common/errors';
import { forward } from '../engine/models/forward';
import { loadTokenizer, type Tokenizer } from '../engine/tokenizers';
import { Rng } from '../engine/train/rng';
import { openSession, type TrainingSession } from '../engine/train/session';

export type LmObjective = 'masked-lm' | 'causal-lm';

/** One row: full ids (specials included) and the positions whose tokens are the targets. */
export interface ScoreRow {
  readonly ids: readonly number[];
  readonly targets: readonly number[];
}

export interface Scorer {
  readonly objective: LmObjective;
  readonly maxPositions: number;
  readonly maskId: number | null;
  /** The model's tokenizer (from the model folder). */
  readonly tokenizer: Tokenizer;
  /** Sum of log p(target token) per row (nats; ≤ 0). */
  logLikelihood(rows: readonly ScoreRow[], batch?: number): Promise<number[]>;
  /** Rank (1 = the model's first choice) of each row's single target token (masked: [MASK] in its place). */
  ranks(rows: readonly ScoreRow[], batch?: number): Promise<number[]>;
  /**
   * Per row, the rank (1 = the model's first choice) of each target token — causal: predicted from the true ids
   * before it (teacher forcing), masked: with every target position [MASK]ed at once. Ties count for the truth.
   */
  targetRanks(rows: readonly ScoreRow[], batch?: number): Promise<number[][]>;
  /** Causal only: `count` greedy next tokens after `prefix`. */
  greedy(prefix: readonly number[], count: number, stopIds?: readonly number[]): Promise<number[]>;
  /** Masked only: top-k ids (best first) at each of `positions` (already [MASK] in `ids`). */
  fills(ids: readonly number[], positions: readonly number[], k: number): Promise<number[][]>;
  dispose(): void;
}

export interface ScorerOptions {
  readonly folder: string;
  readonly adapter?: string | null;
  readonly backend?: BackendName;
}

export async function openScorer(options: ScorerOptions): Promise<Scorer> {
  await initBackend(options.backend);
  const adapter = options.adapter ?? null;
  const session: TrainingSession = await openSession({ folder: options.folder, method: adapter === null ? 'full' : 'lora', ...(adapter === null ? {} : { adapterFrom: adapter }), rng: new Rng(1) });
  const head = session.head;
  if (head !== 'masked-lm' && head !== 'causal-lm') {
    session.dispose();
    throw new StudioError('unsupported', `This evaluation needs a language-model head; the model has a ${head} head`);
  }
  const objective: LmObjective = head;
  const params = { ...Object.fromEntries(session.frozen), ...Object.fromEntries(session.trainable) };
  const tokenizer = await loadTokenizer(options.folder);
  const maskId = tokenizer.special.mask ?? null;

  /** Log-softmax rows [N, V] of the logits at (row, position) pairs of one padded batch. */
  function logitsAt(rows: readonly (readonly number[])[], picks: readonly [number, number][]): tf.Tensor2D {
    const width = Math.max(...rows.map((r) => r.length));
    const input_ids = rows.map((r) => [...r, ...Array<number>(width - r.length).fill(0)]);
    const attention_mask = rows.map((r) => [...r.map(() => 1), ...Array<number>(width - r.length).fill(0)]);
    return tf.tidy(() => {
      const { logits, hiddenStates } = forward(session.arch, params, session.config, { input_ids, attention_mask }, { ...session.forwardOptions, head }); // [B, T, V]
      for (const h of hiddenStates) h.dispose();
      const v = logits.shape[2] as number;
      const flat = tf.reshape(logits, [-1, v]); // [B*T, V]
      const at = tf.gather(flat, tf.tensor1d(picks.map(([b, t]) => b * width + t), 'int32')); // [N, V]
      return tf.logSoftmax(at) as tf.Tensor2D;
    });
  }

  function check(ids: readonly number[]): void {
    if (ids.length > session.config.max_position_embeddings) throw new StudioError('bad_input', `A probe of ${ids.length} tokens exceeds the model's ${session.config.max_position_embeddings} positions`);
  }

  /** See Scorer.targetRanks. */
  async function targetRanks(rows: readonly ScoreRow[], batch = 16): Promise<number[][]> {
    const out: number[][] = [];
    for (let s = 0; s < rows.length; s += batch) {
      const chunk = rows.slice(s, s + batch);
      const picks: [number, number][] = [];
      const truths: number[] = [];
      const inputs = chunk.map((r, b) => {
        check(r.ids);
        const ids = [...r.ids];
        for (const t of r.targets) {
          if (objective === 'causal-lm' && t < 1) throw new RangeError('A causal target needs at least one token before it');
          if (objective === 'masked-lm') ids[t] = maskId ?? 0;
          picks.push([b, objective === 'causal-lm' ? t - 1 : t]);
          truths.push(r.ids[t] as number);
        }
        return ids;
      });
      if (picks.length === 0) {
        out.push(...chunk.map(() => []));
        continue;
      }
      const lp = logitsAt(inputs, picks); // [N, V]
      const ranks = tf.tidy(() => {
        const truth = tf.sum(tf.mul(lp, tf.oneHot(tf.tensor1d(truths, 'int32'), lp.shape[1])), 1, true); // [N, 1]
        return tf.sum(tf.cast(tf.greater(lp, truth), 'int32'), 1); // [N]
      });
      const flat = Array.from(await ranks.data(), (n) => n + 1);
      lp.dispose();
      ranks.dispose();
      let at = 0;
      for (const r of chunk) {
        out.push(flat.slice(at, at + r.targets.length));
        at += r.targets.length;
      }
    }
    return out;
  }

  return {
    objective,
    maxPositions: session.config.max_position_embeddings,
    maskId,
    tokenizer,
    async logLikelihood(rows, batch = 16) {
      const out: number[] = [];
      for (let s = 0; s < rows.length; s += batch) {
        const chunk = rows.slice(s, s + batch);
        const inputs = chunk.map((r) => {
          check(r.ids);
          if (objective === 'causal-lm') return [...r.ids];
          if (maskId === null) throw new StudioError('unsupported', 'The masked model has no [MASK] token');
          const ids = [...r.ids];
          for (const t of r.targets) ids[t] = maskId;
          return ids;
        });
        // Causal: the logits at t-1 predict the token at t.
        const picks: [number, number][] = [];
        const targets: number[] = [];
        const owner: number[] = [];
        chunk.forEach((r, b) => {
          for (const t of r.targets) {
            if (objective === 'causal-lm' && t === 0) throw new RangeError('A causal target needs at least one token before it');
            picks.push([b, objective === 'causal-lm' ? t - 1 : t]);
            targets.push(r.ids[t] as number);
            owner.push(b);
          }
        });
        const sums = new Array<number>(chunk.length).fill(0);
        if (picks.length > 0) {
          const lp = logitsAt(inputs, picks);
          const picked = tf.tidy(() => tf.sum(tf.mul(lp, tf.oneHot(tf.tensor1d(targets, 'int32'), lp.shape[1])), 1)); // [N]
          const values = await picked.data();
          lp.dispose();
          picked.dispose();
          values.forEach((v, i) => (sums[owner[i] as number] = (sums[owner[i] as number] as number) + v));
        }
        out.push(...sums);
      }
      return out;
    },
    async ranks(rows, batch = 16) {
      if (rows.some((r) => r.targets.length !== 1)) throw new RangeError('ranks() takes one target per row');
      return (await targetRanks(rows, batch)).map((r) => r[0] as number);
    },
    targetRanks,
    async greedy(prefix, count, stopIds = []) {
      if (objective !== 'causal-lm') throw new StudioError('unsupported', 'Greedy continuation needs a causal language model');
      const ids = [...prefix];
      const out: number[] = [];
      for (let i = 0; i < count && ids.length < session.config.max_position_embeddings; i++) {
        const lp = logitsAt([ids], [[0, ids.length - 1]]);
        const best = tf.tidy(() => tf.argMax(lp, 1));
        const next = (await best.data())[0] as number;
        lp.dispose();
        best.dispose();
        if (stopIds.includes(next)) break;
        ids.push(next);
        out.push(next);
      }
      return out;
    },
    async fills(ids, positions, k) {
      if (objective !== 'masked-lm') throw new StudioError('unsupported', 'Masked fills need a masked language model');
      check(ids);
      const lp = logitsAt([ids], positions.map((p) => [0, p]));
      const top = tf.topk(lp, k);
      const indices = (await top.indices.array()) as number[][];
      lp.dispose();
      top.values.dispose();
      top.indices.dispose();
      return indices;
    },
    dispose() {
      session.dispose();
    },
  };
}
