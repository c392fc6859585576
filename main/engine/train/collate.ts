// Batches for the two pre-training objectives, drawn from the run's seedable RNG so a resumed run draws
// the same ones. Masked LM as Hugging Face's DataCollatorForLanguageModeling (15% of the real tokens,
// of which 80% → [MASK], 10% → a random id, 10% unchanged) or DataCollatorForWholeWordMask (whole words
// chosen until 15% of the tokens are covered). Causal LM: documents packed end to end with EOS between
// them, cut into rows of the sequence length; the model shifts the labels itself.
import { Rng } from './rng';

export const IGNORE_INDEX = -100;

export interface TokenBatch {
  input_ids: number[][]; // [B, T]
  attention_mask: number[][]; // [B, T]
  token_type_ids?: number[][]; // [B, T]
}

export interface LabelledBatch extends TokenBatch {
  /** [B, T]: the target id, or -100 where no loss is taken. */
  labels: number[][];
}

export interface MaskingOptions {
  readonly maskId: number;
  readonly vocabSize: number;
  /** Share of real tokens to predict (0.15 in BERT). */
  readonly probability: number;
  /** Ids never masked: [CLS], [SEP], <s>, </s>, padding… */
  readonly specialIds: ReadonlySet<number>;
  /** Whole-word masking: true when a token continues the previous word (WordPiece "##…"). */
  readonly continuesWord?: (id: number) => boolean;
}

/** Positions of one row that may be masked, grouped into words (single tokens without whole-word masking). */
function candidateWords(ids: readonly number[], mask: readonly number[], options: MaskingOptions): number[][] {
  const words: number[][] = [];
  ids.forEach((id, j) => {
    if (mask[j] !== 1 || options.specialIds.has(id)) return;
    const last = words[words.length - 1];
    if (options.continuesWord?.(id) && last !== undefined && last[last.length - 1] === j - 1) last.push(j);
    else words.push([j]);
  });
  return words;
}

/**
 * Masks a batch for MLM. Every real, non-special token is a candidate; with `continuesWord`, whole words are
 * chosen in random order until max(1, round(probability · candidates)) tokens are covered. At least one
 * position of the batch is always labelled, so the loss is defined.
 */
export function maskForMlm(batch: TokenBatch, options: MaskingOptions, rng: Rng): LabelledBatch {
  if (!(options.probability > 0 && options.probability < 1)) throw new RangeError(`masking probability must be within (0, 1), got ${options.probability}`);
  const inputIds = batch.input_ids.map((row) => [...row]);
  const labels = batch.input_ids.map((row) => row.map(() => IGNORE_INDEX));
  const chosen: [number, number][] = [];
  const allCandidates: [number, number][] = [];
  batch.input_ids.forEach((row, i) => {
    const words = candidateWords(row, batch.attention_mask[i] ?? [], options);
    for (const w of words) for (const j of w) allCandidates.push([i, j]);
    if (options.continuesWord === undefined) {
      for (const [j] of words) if (rng.next() < options.probability) chosen.push([i, j as number]);
      return;
    }
    const tokens = words.reduce((n, w) => n + w.length, 0);
    const target = Math.max(1, Math.round(tokens * options.probability));
    let covered = 0;
    for (const w of rng.shuffle(words)) {
      if (covered >= target) break;
      if (covered + w.length > target) continue;
      for (const j of w) chosen.push([i, j]);
      covered += w.length;
    }
  });
  if (chosen.length === 0 && allCandidates.length > 0) chosen.push(allCandidates[rng.int(allCandidates.length)] as [number, number]);
  for (const [i, j] of chosen) {
    const row = inputIds[i] as number[];
    (labels[i] as number[])[j] = row[j] as number;
    const r = rng.next();
    if (r < 0.8) row[j] = options.maskId;
    else if (r < 0.9) row[j] = rng.int(options.vocabSize);
  }
  return { ...batch, input_ids: inputIds, labels };
}

/** Labels for causal LM: the ids themselves, -100 on padding (the model shifts them by one). */
export function causalLabels(batch: TokenBatch): LabelledBatch {
  const labels = batch.input_ids.map((row, i) => row.map((id, j) => ((batch.attention_mask[i] ?? [])[j] === 1 ? id : IGNORE_INDEX)));
  return { ...batch, labels };
}

/**
 * Packs documents end to end — [BOS] doc [EOS] [BOS] doc [EOS] … (BOS only when given) — and cuts the
 * stream into rows of `seqLen`. The last partial row is right-padded with EOS and masked out.
 */
export function packDocuments(docs: Iterable<readonly number[]>, options: { seqLen: number; eosId: number; bosId?: number | null }): TokenBatch {
  const { seqLen, eosId } = options;
  if (!(Number.isInteger(seqLen) && seqLen >= 2)) throw new RangeError(`sequence length must be a whole number ≥ 2, got ${seqLen}`);
  const rows: number[][] = [];
  const masks: number[][] = [];
  let row: number[] = [];
  const push = (id: number): void => {
    row.push(id);
    if (row.length === seqLen) {
      rows.push(row);
      masks.push(new Array<number>(seqLen).fill(1));
      row = [];
    }
  };
  for (const doc of docs) {
    if (doc.length === 0) continue;
    if (options.bosId !== undefined && options.bosId !== null) push(options.bosId);
    for (const id of doc) push(id);
    push(eosId);
  }
  if (row.length > 0) {
    const real = row.length;
    rows.push([...row, ...new Array<number>(seqLen - real).fill(eosId)]);
    masks.push([...new Array<number>(real).fill(1), ...new Array<number>(seqLen - real).fill(0)]);
  }
  return { input_ids: rows, attention_mask: masks };
}

/** Serialisable position of an EpochSampler. */
export interface SamplerState {
  readonly size: number;
  readonly seed: number;
  readonly epoch: number;
  readonly cursor: number;
}

/**
 * Indices 0..size-1 in a fresh random order every epoch. The order of epoch e depends only on (seed, e),
 * so the whole position is four integers and a resumed run continues the same sequence.
 */
export class EpochSampler {
  private order: number[] | null = null;

  constructor(
    readonly size: number,
    readonly seed: number,
    private epoch = 0,
    private cursor = 0,
  ) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`sampler size must be a whole number ≥ 1, got ${size}`);
    if (!(Number.isInteger(cursor) && cursor >= 0 && cursor <= size)) throw new RangeError(`sampler cursor ${cursor} is outside 0..${size}`);
  }

  static fromState(state: SamplerState): EpochSampler {
    return new EpochSampler(state.size, state.seed, state.epoch, state.cursor);
  }

  getState(): SamplerState {
    return { size: this.size, seed: this.seed, epoch: this.epoch, cursor: this.cursor };
  }

  /** Epochs completed so far. */
  get epochsDone(): number {
    return this.epoch;
  }

  next(): number {
    if (this.cursor >= this.size) {
      this.epoch += 1;
      this.cursor = 0;
      this.order = null;
    }
    if (this.order === null) {
      this.order = new Rng(this.seed + this.epoch * 7919).permutation(this.size);
    }
    const index = this.order[this.cursor] as number;
    this.cursor += 1;
    return index;
  }

  nextBatch(n: number): number[] {
    return Array.from({ length: n }, () => this.next());
  }
}

/**
 * The whole-word rule for WordPiece vocabularies (BERT-style "##" continuation pieces), precomputed over
 * the vocabulary. Like Hugging Face's DataCollatorForWholeWordMask, only WordPiece is supported: byte-level
 * BPE and SentencePiece mark word starts, not continuations, and punctuation breaks that rule.
 */
export function wordPieceContinuation(vocabSize: number, idToToken: (id: number) => string | undefined): (id: number) => boolean {
  const continues = new Uint8Array(vocabSize);
  let any = false;
  for (let id = 0; id < vocabSize; id++) {
    if (idToToken(id)?.startsWith('##')) {
      continues[id] = 1;
      any = true;
    }
  }
  if (!any) throw new RangeError('whole-word masking needs a WordPiece vocabulary (pieces starting with "##"); this one has none');
  return (id) => continues[id] === 1;
}
