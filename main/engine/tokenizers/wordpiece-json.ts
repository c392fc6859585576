// A BERT-style tokenizer.json (the "fast" format) built from a vocab.txt folder, so that tools which
// read only tokenizer.json — and @huggingface/tokenizers, against which our encoder is tested — see the
// same tokenizer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boolOption, readFolderTokenizerConfig } from './folder-config';
import { parseVocabTxt } from './wordpiece';

export function wordPieceTokenizerJson(folder: string): Record<string, unknown> {
  const { config, specials } = readFolderTokenizerConfig(folder);
  const vocab = parseVocabTxt(readFileSync(join(folder, 'vocab.txt'), 'utf8'));
  const name = (key: keyof typeof specials, fallback: string) => specials[key]?.content ?? fallback;
  const specialNames = [name('pad_token', '[PAD]'), name('unk_token', '[UNK]'), name('cls_token', '[CLS]'), name('sep_token', '[SEP]'), name('mask_token', '[MASK]')];
  const added = specialNames
    .filter((t) => vocab.has(t))
    .map((content) => ({ id: vocab.get(content)!, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }))
    .sort((a, b) => a.id - b.id);
  const cls = name('cls_token', '[CLS]');
  const sep = name('sep_token', '[SEP]');
  const strip = config.strip_accents;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: boolOption(config, 'tokenize_chinese_chars', true),
      strip_accents: typeof strip === 'boolean' ? strip : null,
      lowercase: boolOption(config, 'do_lower_case', true),
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', sep: [sep, vocab.get(sep) ?? 0], cls: [cls, vocab.get(cls) ?? 0] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: name('unk_token', '[UNK]'),
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab),
    },
  };
}
