// The Tokenizer interface every model-specific tokenizer implements, and the pieces they share.
// A tokenizer = a "model" that turns plain text (no special tokens in it) into pieces, plus the
// special-token handling around it (splitting on special tokens, templates for single/pair, truncation).

export type TokenizerKind = 'wordpiece' | 'bpe' | 'sentencepiece' | 'tokenizer.json';

export interface Encoding {
  ids: number[];
  tokens: string[];
  /** Segment ids (0 for the first text, 1 for the second) — BERT's token_type_ids. */
  token_type_ids: number[];
  /** 1 where the id is a special token added by the template ([CLS], <s>, …). */
  special_tokens_mask: number[];
}

export interface EncodeOptions {
  /** Add [CLS]/[SEP], <s>/</s>, BOS… as the model expects (default true). */
  add_special_tokens?: boolean;
  /** Truncate to this many ids, special tokens included ("longest first" for pairs). */
  max_length?: number;
}

export interface DecodeOptions {
  skip_special_tokens?: boolean;
}

export interface SpecialTokenIds {
  pad: number | null;
  unk: number | null;
  cls: number | null;
  sep: number | null;
  mask: number | null;
  bos: number | null;
  eos: number | null;
}

export interface Tokenizer {
  readonly kind: TokenizerKind;
  /** Number of ids, added tokens included (`len(tokenizer)` in transformers). */
  readonly vocab_size: number;
  readonly special: Readonly<SpecialTokenIds>;
  /** Whether the model takes token_type_ids (BERT yes; DistilBERT, RoBERTa, GPT-2, LLaMA no). */
  readonly uses_token_type_ids: boolean;
  readonly model_max_length: number | null;
  encode(text: string | readonly [string, string], options?: EncodeOptions): Encoding;
  /** Ids of plain text without any special tokens added: the fast path for corpus tokenization. */
  encodeIds(text: string): number[];
  decode(ids: readonly number[], options?: DecodeOptions): string;
  idToToken(id: number): string | undefined;
  tokenToId(token: string): number | undefined;
  /** Number of special tokens the template adds for a single text or a pair. */
  numSpecialTokens(pair: boolean): number;
}

/** The text → pieces part of a tokenizer. Input never contains special tokens. */
export interface TokenModel {
  readonly vocabSize: number;
  encodePieces(text: string, ids: number[], tokens: string[] | null): void;
  idToToken(id: number): string | undefined;
  tokenToId(token: string): number | undefined;
  /** Turns a run of ordinary (non-special) ids back into text. */
  decodeIds(ids: readonly number[]): string;
}
