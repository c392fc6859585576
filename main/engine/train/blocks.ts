// Turning tokenized documents into fixed-length training blocks, and the data source a pre-training run
// draws its steps from. Encoders: [CLS] a… [SEP] b… [SEP] — documents packed into blocks of seqLen ids,
// masked per step from the run's RNG. Decoders: [BOS] a… [EOS] [BOS] b… [EOS] cut into rows of seqLen.
// Replay: each sequence slot comes from the general corpus with probability `replayRatio`.
import { causalLabels, EpochSampler, maskForMlm, packDocuments, type LabelledBatch, type MaskingOptions, type SamplerState, type TokenBatch } from './collate';
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

/** Fixed-length rows (all real tokens except possibly the last row's tail). */
export function makeBlocks(docs: Iterable<ArrayLike<number>>, options: BlockOptions): TokenBatch {
  const { special, seqLen } = options;
  const separator = options.objective === 'masked-lm' ? special.sep : special.eos;
  const content = function* (): Generator<number[]> {
    for (const doc of docs) {
      let ids = Array.from(doc);
      if (ids.length > 0 && ids[ids.length - 1] === separator) ids = ids.slice(0, -1); // shards may end documents with it
      if (ids.length > 0) yield ids;
    }
  };
  if (options.objective === 'causal-lm') {
    if (special.eos === null) throw new Error('a causal LM needs an end-of-text token to separate documents');
    return packDocuments(content(), { seqLen, eosId: special.eos, bosId: special.bos });
  }
  if (special.cls === null || special.sep === null || special.mask === null) throw new Error('a masked LM needs [CLS], [SEP] and [MASK] tokens');
  const inner = packDocuments(content(), { seqLen: seqLen - 2, eosId: special.sep });
  const pad = special.pad ?? 0;
  return {
    input_ids: inner.input_ids.map((row, i) => {
      const real = (inner.attention_mask[i] as number[]).reduce((a, b) => a + b, 0);
      return [special.cls as number, ...row.slice(0, real), special.sep as number, ...new Array<number>(seqLen - 2 - real).fill(pad)];
    }),
    attention_mask: inner.attention_mask.map((m) => {
      const real = m.reduce((a, b) => a + b, 0);
      return [...new Array<number>(real + 2).fill(1), ...new Array<number>(seqLen - 2 - real).fill(0)];
    }),
  };
}

export function maskingFor(s: SpecialIds, vocabSize: number, probability = 0.15, continuesWord?: (id: number) => boolean): MaskingOptions {
  const specialIds = new Set([s.cls, s.sep, s.pad, s.bos, s.eos, s.mask].filter((x): x is number => x !== null));
  return { maskId: s.mask ?? 0, vocabSize, probability, specialIds, ...(continuesWord ? { continuesWord } : {}) };
}

/** Rows `indices` of `blocks`, labelled for the objective (masking draws from `rng`). */
export function labelRows(blocks: TokenBatch, indices: readonly number[], objective: Objective, masking: MaskingOptions | null, rng: Rng): LabelledBatch {
  const batch: TokenBatch = {
    input_ids: indices.map((i) => blocks.input_ids[i] as number[]),
    attention_mask: indices.map((i) => blocks.attention_mask[i] as number[]),
  };
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
    private readonly blocks: { readonly domain: TokenBatch; readonly general: TokenBatch | null },
    private readonly options: {
      readonly objective: Objective;
      readonly masking: MaskingOptions | null;
      readonly batch: number;
      readonly accumulation: number;
      readonly replayRatio: number;
      readonly seed: number;
      readonly lossFor: (batch: LabelledBatch) => LossFn;
    },
  ) {
    if (blocks.domain.input_ids.length === 0) throw new Error('the corpus has no training text');
    this.domain = new EpochSampler(blocks.domain.input_ids.length, options.seed);
    this.general = blocks.general !== null && blocks.general.input_ids.length > 0 && options.replayRatio > 0 ? new EpochSampler(blocks.general.input_ids.length, options.seed + 1) : null;
  }

  /** Passes over the domain blocks completed so far. */
  get epochs(): number {
    return this.domain.epochsDone;
  }

  nextStep(rng: Rng): { microBatches: LossFn[]; tokens: number } {
    const microBatches: LossFn[] = [];
    let tokens = 0;
    for (let m = 0; m < this.options.accumulation; m++) {
      const rows: TokenBatch = { input_ids: [], attention_mask: [] };
      for (let b = 0; b < this.options.batch; b++) {
        const fromGeneral = this.general !== null && rng.next() < this.options.replayRatio;
        const source = fromGeneral ? (this.blocks.general as TokenBatch) : this.blocks.domain;
        const index = fromGeneral ? (this.general as EpochSampler).next() : this.domain.next();
        rows.input_ids.push(source.input_ids[index] as number[]);
        rows.attention_mask.push(source.attention_mask[index] as number[]);
        tokens += (source.attention_mask[index] as number[]).reduce((a, c) => a + c, 0);
      }
      const labelled = labelRows(rows, rows.input_ids.map((_, i) => i), this.options.objective, this.options.masking, rng);
      microBatches.push(this.options.lossFor(labelled));
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
