// Entry point: `loadTokenizer(folder)` picks the tokenizer a Hugging Face folder holds.
// The slow tokenizers' files (vocab.txt; vocab.json + merges.txt; tokenizer.model) come first — they
// are what the reference fixtures were made with and have our own fast encoders; otherwise tokenizer.json.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { readFolderTokenizerConfig } from './folder-config';
import { loadTokenizerJson } from './hf-json';
import { loadByteLevelBpe, loadSentencePiece, loadWordPiece } from './load-slow';
import type { Tokenizer } from './types';

export type { Encoding, EncodeOptions, DecodeOptions, SpecialTokenIds, Tokenizer, TokenizerKind } from './types';
export { padBatch, padIdOf, type PaddedBatch } from './batch';

/** The files that identify each kind of tokenizer, for messages and for copying a tokenizer elsewhere. */
export const TOKENIZER_FILES = [
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'added_tokens.json',
  'vocab.txt',
  'vocab.json',
  'merges.txt',
  'tokenizer.model',
] as const;

export function hasTokenizerFiles(folder: string): boolean {
  const has = (f: string) => existsSync(join(folder, f));
  return has('vocab.txt') || (has('vocab.json') && has('merges.txt')) || has('tokenizer.model') || has('tokenizer.json');
}

export async function loadTokenizer(folder: string): Promise<Tokenizer> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new StudioError('bad_input', `Tokenizer folder not found: ${folder}`);
  const has = (f: string) => existsSync(join(folder, f));
  const config = readFolderTokenizerConfig(folder);
  if (has('vocab.txt')) return loadWordPiece(folder, config);
  if (has('vocab.json') && has('merges.txt')) return loadByteLevelBpe(folder, config);
  if (has('tokenizer.model')) return loadSentencePiece(folder, config);
  if (has('tokenizer.json')) return loadTokenizerJson(folder, config);
  const partial = has('vocab.json') ? ' (vocab.json without merges.txt)' : '';
  throw new StudioError(
    'bad_input',
    `No tokenizer found in ${folder}${partial}: expected tokenizer.json, vocab.txt, vocab.json + merges.txt, or tokenizer.model. ` +
      'Copy the tokenizer files that came with the model into this folder.',
  );
}
