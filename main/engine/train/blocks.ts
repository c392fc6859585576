// Turning tokenized documents into fixed-length training blocks, and the data source a pre-training run
// draws its steps from. Encoders: [CLS] a… [SEP] b… [SEP] — documents packed into blocks of seqLen ids,
// masked per step from the run's RNG. Decoders: [BOS] a… [EOS] [BOS] b… [EOS] cut into rows of seqLen.
// Replay: each sequence slot comes from the general corpus with probability `replayRatio`.
import { causalLabels, EpochSampler, maskForMlm, type LabelledBatch, type MaskingOptions, type SamplerState, type TokenBatch } from './collate';
import type { DataSource } from './loop';
import type { Rng } from './rng';
import type { LossFn } from './step';

export type Objective = 'masked-lm' | 'causal-lm';

export interface SpecialIds {
  readonly cls: number | null;
  readonly sep: number | null;
  readonly mask: number | null;
  readonly pad: number | null;
  readonly bos: number | null;
  readonly eos: number | null;
}

export interface BlockOptions {
  readonly objective: Objective;
  readonly seqLen: number;
  readonly special: SpecialIds;
}

/**
 * Fixed-length rows held compactly (one Int32Array for all ids, 4 bytes a token, so a large corpus does
 * not become millions of JS arrays); rows are materialised only when a batch is drawn.
 */
export class Blocks {
  constructor(
    readonly seqLen: number,
    private readonly ids: Int32Array,
    private readonly lengths: Int32Array,
    private readonly padId: number,
  ) {}

  get count(): number {
    return this.lengths.length;
  }

  /** Real (unpadded) tokens of row i. */
  realTokens(i: number): number {
    return this.lengths[i] as number;
  }

  row(i: number): number[] {
    const out = Array.from(this.ids.subarray(i * this.seqLen, i * this.seqLen + this.realTokens(i)));
    while (out.length < this.seqLen) out.push(this.padId);
    return out;
  }

  mask(i: number): number[] {
    const real = this.realTokens(i);
    return Array.from({ length: this.seqLen }, (_, j) => (j < real ? 1 : 0));
  }

  /** The first n rows. */
  first(n: number): Blocks {
    const k = Math.min(n, this.count);
    return new Blocks(this.seqLen, this.ids.subarray(0, k * this.seqLen), this.lengths.subarray(0, k), this.padId);
  }
}

/** Grows an Int32Array by doubling. */
class IntBuffer {
  data = new Int32Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Packs documents into rows of seqLen ids. Causal LM: [BOS] doc [EOS] [BOS] doc [EOS] … cut every seqLen ids.
 * Masked LM: doc [SEP] doc [SEP] … cut every seqLen − 2 ids, each piece wrapped as [CLS] piece [SEP].
 * The last row may be shorter (padded, masked out). A document's trailing separator (as shards store it) is dropped.
 */
export function makeBlocks(docs: Iterable<ArrayLike<number>>, options: BlockOptions): Blocks {
  const { special, seqLen, objective } = options;
  const causal = objective === 'causal-lm';
  if (causal && special.eos === null) throw new Error('a causal LM needs an end-of-text token to separate documents');
  if (!causal && (special.cls === null || special.sep === null || special.mask === null)) throw new Error('a masked LM needs [CLS], [SEP] and [MASK] tokens');
  if (!(Number.isInteger(seqLen) && seqLen >= (causal ? 2 : 3))) throw new RangeError(`sequence length ${seqLen} is too short`);
  const separator = (causal ? special.eos : special.sep) as number;
  const width = causal ? seqLen : seqLen - 2;
  const pad = causal ? separator : (special.pad ?? 0);
  const ids = new IntBuffer();
  const lengths = new IntBuffer();
  let inRow = 0;
  const closeRow = (): void => {
    if (!causal) ids.push(special.sep as number);
    const real = inRow + (causal ? 0 : 2);
    for (let k = real; k < seqLen; k++) ids.push(pad);
    lengths.push(real);
    inRow = 0;
  };
  const push = (id: number): void => {
    if (inRow === 0 && !causal) ids.push(special.cls as number);
    ids.push(id);
    inRow++;
    if (inRow === width) closeRow();
  };
  for (const doc of docs) {
    let n = doc.length;
    if (n > 0 && doc[n - 1] === separator) n--;
    if (n === 0) continue;
    if (causal && special.bos !== null) push(special.bos);
    for (let k = 0; k < n; k++) push(doc[k] as number);
    push(separator);
  }
  if (inRow > 0) closeRow();
  return new Blocks(seqLen, ids.done(), lengths.done(), pad);
}

export function maskingFor(s: SpecialIds, vocabSize: number, probability = 0.15, continuesWord?: (id: number) => boolean): MaskingOptions {
  const specialIds = new Set([s.cls, s.sep, s.pad, s.bos, s.eos, s.mask].filter((x): x is number => x !== null));
  return { maskId: s.mask ?? 0, vocabSize, probability, specialIds, ...(continuesWord ? { continuesWord } : {}) };
}

/** Rows `indices` of `blocks`, labelled for the objective (masking draws from `rng`). */
export function labelRows(blocks: Blocks, indices: readonly number[], objective: Objective, masking: MaskingOptions | null, rng: Rng): LabelledBatch {
  const batch: TokenBatch = { input_ids: indices.map((i) => blocks.row(i)), attention_mask: indices.map((i) => blocks.mask(i)) };
  return objective === 'causal-lm' ? causalLabels(batch) : maskForMlm(batch, masking as MaskingOptions, rng);
}

interface PretrainState {
  readonly domain: SamplerState;
  readonly general: SamplerState | null;
}

/** Steps of `accumulation` micro-batches of `batch` rows each, drawn from the domain blocks and (replay) the general ones. */
export class PretrainData implements DataSource {
  private domain: EpochSampler;
  private general: EpochSampler | null;

  constructor(
    private readonly blocks: { readonly domain: Blocks; readonly general: Blocks | null },
    private readonly options: {
      readonly objective: Objective;
      readonly masking: MaskingOptions | null;
      readonly batch: number;
      readonly accumulation: number;
      readonly replayRatio: number;
      readonly seed: number;
      /** The loss of a training batch; `rng` draws its dropout seed (if any). */
      readonly lossFor: (batch: LabelledBatch, rng: Rng) => LossFn;
    },
  ) {
    if (blocks.domain.count === 0) throw new Error('the corpus has no training text');
    this.domain = new EpochSampler(blocks.domain.count, options.seed);
    this.general = blocks.general !== null && blocks.general.count > 0 && options.replayRatio > 0 ? new EpochSampler(blocks.general.count, options.seed + 1) : null;
  }

  /** Passes over the domain blocks completed so far. */
  get epochs(): number {
    return this.domain.epochsDone;
  }

  nextStep(rng: Rng): { microBatches: LossFn[]; tokens: number } {
    const microBatches: LossFn[] = [];
    let tokens = 0;
    for (let m = 0; m < this.options.accumulation; m++) {
      const fromGeneral: boolean[] = [];
      const indices: number[] = [];
      for (let b = 0; b < this.options.batch; b++) {
        const general = this.general !== null && rng.next() < this.options.replayRatio;
        fromGeneral.push(general);
        indices.push(general ? (this.general as EpochSampler).next() : this.domain.next());
      }
      const rows: TokenBatch = { input_ids: [], attention_mask: [] };
      indices.forEach((index, b) => {
        const source = fromGeneral[b] ? (this.blocks.general as Blocks) : this.blocks.domain;
        rows.input_ids.push(source.row(index));
        rows.attention_mask.push(source.mask(index));
        tokens += source.realTokens(index);
      });
      const labelled = this.options.objective === 'causal-lm' ? causalLabels(rows) : maskForMlm(rows, this.options.masking as MaskingOptions, rng);
      microBatches.push(this.options.lossFor(labelled, rng));
    }
    return { microBatches, tokens };
  }

  getState(): PretrainState {
    return { domain: this.domain.getState(), general: this.general?.getState() ?? null };
  }

  setState(state: unknown): void {
    const s = state as PretrainState;
    this.domain = EpochSampler.fromState(s.domain);
    this.general = s.general === null ? null : EpochSampler.fromState(s.general);
  }
}
