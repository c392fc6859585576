// Tokenizer training: a WordPiece vocabulary for encoders or a byte-level BPE for decoders, learned
// from plain texts and written as files loadTokenizer reads. Used by the `scratch` strategy and by
// scripts/make-base-models.ts.
import { trainByteLevelBpe } from './bpe';
import { trainWordPiece } from './wordpiece';
import type { TrainedTokenizer } from './write';

export { trainWordPiece, WORDPIECE_SPECIALS, type TrainedWordPiece, type WordPieceTrainOptions } from './wordpiece';
export { trainByteLevelBpe, END_OF_TEXT, type TrainedBpe, type BpeTrainOptions } from './bpe';
export { writeTrainedTokenizer, type TrainedTokenizer, type WriteTokenizerOptions } from './write';

export type TokenizerKindToTrain = 'wordpiece' | 'bpe';

/** The tokenizer a model type uses when trained from scratch. */
export function tokenizerKindFor(modelType: string): TokenizerKindToTrain {
  return modelType === 'gpt2' ? 'bpe' : 'wordpiece';
}

/**
 * Trains a tokenizer of at most `vocabSize` tokens (fewer when the text has no pair left that occurs
 * `minFrequency` times). Deterministic: the same texts and options give the same vocabulary.
 */
export function trainTokenizer(kind: TokenizerKindToTrain, texts: Iterable<string>, options: { vocabSize: number; minFrequency?: number }): TrainedTokenizer {
  return kind === 'bpe' ? trainByteLevelBpe(texts, options) : trainWordPiece(texts, options);
}
