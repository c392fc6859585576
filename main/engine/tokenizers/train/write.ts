// Writing a trained tokenizer as the files of transformers' slow tokenizers, which loadTokenizer (and
// transformers' BertTokenizer / GPT2Tokenizer) read back: vocab.txt, or vocab.json + merges.txt, with
// tokenizer_config.json and special_tokens_map.json. Each file is written atomically.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../../platform/atomic';
import { END_OF_TEXT, type TrainedBpe } from './bpe';
import type { TrainedWordPiece } from './wordpiece';

export type TrainedTokenizer = TrainedWordPiece | TrainedBpe;

export interface WriteTokenizerOptions {
  /** The longest input the model takes (its max positions). */
  modelMaxLength: number;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Writes the tokenizer's files into `folder` (created if needed); returns their names. */
export function writeTrainedTokenizer(folder: string, trained: TrainedTokenizer, options: WriteTokenizerOptions): string[] {
  mkdirSync(folder, { recursive: true });
  if (trained.kind === 'wordpiece') {
    const specials = { unk_token: '[UNK]', sep_token: '[SEP]', pad_token: '[PAD]', cls_token: '[CLS]', mask_token: '[MASK]' };
    writeFileAtomicSync(join(folder, 'vocab.txt'), `${trained.vocab.join('\n')}\n`);
    writeFileAtomicSync(join(folder, 'special_tokens_map.json'), json(specials));
    writeFileAtomicSync(
      join(folder, 'tokenizer_config.json'),
      json({
        tokenizer_class: 'BertTokenizer',
        do_lower_case: trained.lowercase,
        do_basic_tokenize: true,
        tokenize_chinese_chars: true,
        strip_accents: null,
        clean_up_tokenization_spaces: true,
        model_max_length: options.modelMaxLength,
        ...specials,
      }),
    );
    return ['vocab.txt', 'special_tokens_map.json', 'tokenizer_config.json'];
  }
  const vocab: Record<string, number> = {};
  trained.vocab.forEach((token, id) => (vocab[token] = id));
  const specials = { bos_token: END_OF_TEXT, eos_token: END_OF_TEXT, unk_token: END_OF_TEXT };
  writeFileAtomicSync(join(folder, 'vocab.json'), `${JSON.stringify(vocab)}\n`);
  writeFileAtomicSync(join(folder, 'merges.txt'), `#version: 0.2\n${trained.merges.map(([a, b]) => `${a} ${b}`).join('\n')}\n`);
  writeFileAtomicSync(join(folder, 'special_tokens_map.json'), json(specials));
  writeFileAtomicSync(
    join(folder, 'tokenizer_config.json'),
    json({ tokenizer_class: 'GPT2Tokenizer', add_prefix_space: false, clean_up_tokenization_spaces: false, model_max_length: options.modelMaxLength, ...specials }),
  );
  return ['vocab.json', 'merges.txt', 'special_tokens_map.json', 'tokenizer_config.json'];
}
