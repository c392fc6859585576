// The tokenizer the corpus needs: the engine's Tokenizer satisfies it (encode → ids and tokens).
// `key` names the shard folder, so shards of several tokenizers can sit side by side.

export interface CorpusTokenizer {
  /** Short stable name for the shard folder, e.g. "bert-7f3a9c01". */
  readonly key: string;
  readonly vocab_size: number;
  /** Token ids of `text` with no special tokens added. */
  encodeIds(text: string): number[];
  /** The pieces of one word (for fertility reports). */
  pieces(word: string): string[];
  /** Id written between documents, or null to rely on the document offsets alone. */
  readonly separatorId: number | null;
}
