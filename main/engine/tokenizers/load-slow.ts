// Tokenizers from the files of transformers' "slow" tokenizers: vocab.txt (BERT, DistilBERT),
// vocab.json + merges.txt (GPT-2, RoBERTa), tokenizer.model (LLaMA, SentencePiece). Each sets the
// special tokens and the single/pair template its transformers class uses.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { ByteLevelBpeModel, parseMergesTxt } from './bpe';
import { boolOption, readJsonFile, type FolderTokenizerConfig, type SpecialName, type TokenSpec } from './folder-config';
import { SentencePieceModel } from './sentencepiece';
import { StudioTokenizer, type AddedTokenSpec, type TemplatePiece } from './tokenizer';
import type { SpecialTokenIds, TokenModel } from './types';
import { parseVocabTxt, WordPieceModel } from './wordpiece';

type Defaults = Partial<Record<SpecialName, string | TokenSpec>>;

/** Resolves special tokens (config over defaults) to ids; every one found becomes a never-split token. */
function resolveSpecials(
  model: TokenModel,
  folder: FolderTokenizerConfig,
  defaults: Defaults,
): { special: SpecialTokenIds; added: AddedTokenSpec[] } {
  const added = new Map<string, AddedTokenSpec>();
  for (const token of folder.added) added.set(token.content, token);
  const idOf = (name: SpecialName): number | null => {
    const fallback = defaults[name];
    const spec = name in folder.specials ? folder.specials[name] : typeof fallback === 'string' ? { content: fallback, lstrip: false, rstrip: false } : fallback;
    if (!spec) return null;
    const id = added.get(spec.content)?.id ?? model.tokenToId(spec.content);
    if (id === undefined) return null;
    const previous = added.get(spec.content);
    added.set(spec.content, { content: spec.content, id, lstrip: spec.lstrip || (previous?.lstrip ?? false), rstrip: spec.rstrip || (previous?.rstrip ?? false), special: true });
    return id;
  };
  const special: SpecialTokenIds = {
    unk: idOf('unk_token'),
    pad: idOf('pad_token'),
    cls: idOf('cls_token'),
    sep: idOf('sep_token'),
    mask: idOf('mask_token'),
    bos: idOf('bos_token'),
    eos: idOf('eos_token'),
  };
  return { special, added: [...added.values()] };
}

/** Tokenizer files far beyond any real vocabulary are refused before they are read. */
const MAX_TOKENIZER_FILE_BYTES = 200_000_000;

function readText(file: string): string {
  try {
    const size = statSync(file).size;
    if (size > MAX_TOKENIZER_FILE_BYTES) throw new StudioError('bad_input', `${file} is ${size} bytes: too large for a tokenizer file`);
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw new StudioError('bad_input', `Cannot read ${file}: ${(error as Error).message}`);
  }
}

function need(id: number | null, name: string, file: string): number {
  if (id === null) throw new StudioError('bad_input', `The tokenizer in ${file} has no ${name} token in its vocabulary`);
  return id;
}

export function loadWordPiece(dir: string, folder: FolderTokenizerConfig): StudioTokenizer {
  const file = join(dir, 'vocab.txt');
  const vocab = parseVocabTxt(readText(file));
  const config = folder.config;
  const strip = config.strip_accents;
  const unk = folder.specials.unk_token?.content ?? '[UNK]';
  if (!vocab.has(unk)) throw new StudioError('bad_input', `${file} does not contain the unknown token ${unk}`);
  const model = new WordPieceModel(vocab, {
    lowercase: boolOption(config, 'do_lower_case', true),
    stripAccents: typeof strip === 'boolean' ? strip : null,
    chineseChars: boolOption(config, 'tokenize_chinese_chars', true),
    basicTokenize: boolOption(config, 'do_basic_tokenize', true),
    unkToken: unk,
    prefix: '##',
    maxInputCharsPerWord: 100,
  });
  const { special, added } = resolveSpecials(model, folder, { unk_token: '[UNK]', sep_token: '[SEP]', pad_token: '[PAD]', cls_token: '[CLS]', mask_token: '[MASK]' });
  const cls = need(special.cls, 'classifier ([CLS])', file);
  const sep = need(special.sep, 'separator ([SEP])', file);
  const distil = folder.tokenizerClass === 'DistilBertTokenizer' || folder.modelType === 'distilbert';
  return new StudioTokenizer({
    kind: 'wordpiece',
    model,
    special,
    addedTokens: added,
    single: [{ id: cls, type: 0 }, { slot: 'A', type: 0 }, { id: sep, type: 0 }],
    pair: [{ id: cls, type: 0 }, { slot: 'A', type: 0 }, { id: sep, type: 0 }, { slot: 'B', type: 1 }, { id: sep, type: 1 }],
    usesTokenTypeIds: !distil,
    modelMaxLength: folder.modelMaxLength,
    addPrefixSpace: false,
    cleanUpSpaces: boolOption(config, 'clean_up_tokenization_spaces', true),
  });
}

export function loadByteLevelBpe(dir: string, folder: FolderTokenizerConfig): StudioTokenizer {
  const vocabFile = join(dir, 'vocab.json');
  const raw = readJsonFile(vocabFile)!;
  const vocab = new Map<string, number>();
  for (const [piece, id] of Object.entries(raw)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new StudioError('bad_input', `${vocabFile}: the id of ${JSON.stringify(piece)} is not a non-negative integer`);
    vocab.set(piece, id);
  }
  const merges = parseMergesTxt(readText(join(dir, 'merges.txt')));
  const roberta = folder.tokenizerClass === 'RobertaTokenizer' || (folder.tokenizerClass === null && folder.modelType === 'roberta');
  const defaults: Defaults = roberta
    ? { bos_token: '<s>', eos_token: '</s>', sep_token: '</s>', cls_token: '<s>', unk_token: '<unk>', pad_token: '<pad>', mask_token: { content: '<mask>', lstrip: true, rstrip: false } }
    : { unk_token: '<|endoftext|>', bos_token: '<|endoftext|>', eos_token: '<|endoftext|>' };
  const unkName = folder.specials.unk_token?.content ?? (roberta ? '<unk>' : '<|endoftext|>');
  const model = new ByteLevelBpeModel(vocab, merges, { unkToken: unkName });
  const { special, added } = resolveSpecials(model, folder, defaults);
  let single: TemplatePiece[];
  let pair: TemplatePiece[];
  if (roberta) {
    const cls = need(special.cls, 'classifier (<s>)', vocabFile);
    const sep = need(special.sep, 'separator (</s>)', vocabFile);
    single = [{ id: cls, type: 0 }, { slot: 'A', type: 0 }, { id: sep, type: 0 }];
    pair = [{ id: cls, type: 0 }, { slot: 'A', type: 0 }, { id: sep, type: 0 }, { id: sep, type: 0 }, { slot: 'B', type: 0 }, { id: sep, type: 0 }];
  } else {
    const bos = boolOption(folder.config, 'add_bos_token', false) && special.bos !== null ? [{ id: special.bos, type: 0 }] : [];
    single = [...bos, { slot: 'A', type: 0 }];
    pair = [...bos, { slot: 'A', type: 0 }, ...bos, { slot: 'B', type: 1 }];
  }
  return new StudioTokenizer({
    kind: 'bpe',
    model,
    special,
    addedTokens: added,
    single,
    pair,
    usesTokenTypeIds: false,
    modelMaxLength: folder.modelMaxLength,
    addPrefixSpace: boolOption(folder.config, 'add_prefix_space', false),
    cleanUpSpaces: boolOption(folder.config, 'clean_up_tokenization_spaces', true),
  });
}

export async function loadSentencePiece(dir: string, folder: FolderTokenizerConfig): Promise<StudioTokenizer> {
  const file = join(dir, 'tokenizer.model');
  let model: SentencePieceModel;
  try {
    model = await SentencePieceModel.load(file);
  } catch (error) {
    throw new StudioError('bad_input', `${file} is not a readable SentencePiece model: ${(error as Error).message}`);
  }
  const { special, added } = resolveSpecials(model, folder, { unk_token: '<unk>', bos_token: '<s>', eos_token: '</s>' });
  const bos = boolOption(folder.config, 'add_bos_token', true) && special.bos !== null ? [{ id: special.bos, type: 0 }] : [];
  const eos = boolOption(folder.config, 'add_eos_token', false) && special.eos !== null ? [{ id: special.eos, type: 0 }] : [];
  return new StudioTokenizer({
    kind: 'sentencepiece',
    model,
    special,
    // Control pieces (<s>, </s>) are matched in the text like other special tokens.
    addedTokens: added,
    single: [...bos, { slot: 'A', type: 0 }, ...eos],
    pair: [...bos, { slot: 'A', type: 0 }, ...eos, ...bos.map((p) => ({ ...p, type: 1 })), { slot: 'B', type: 1 }, ...eos.map((p) => ({ ...p, type: 1 }))],
    usesTokenTypeIds: false,
    modelMaxLength: folder.modelMaxLength,
    addPrefixSpace: false,
    cleanUpSpaces: boolOption(folder.config, 'clean_up_tokenization_spaces', false),
  });
}
