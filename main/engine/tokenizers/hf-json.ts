// tokenizer.json (the Hugging Face "fast" format). BERT-style WordPiece and byte-level BPE pipelines
// run on our own encoders; any other pipeline (SentencePiece-style BPE with byte fallback, Unigram, …)
// runs on @huggingface/tokenizers. Special tokens and templates come from added_tokens and post_processor.
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { ByteLevelBpeModel } from './bpe';
import { readJsonFile, type FolderTokenizerConfig, type SpecialName } from './folder-config';
import { StudioTokenizer, type AddedTokenSpec, type TemplatePiece } from './tokenizer';
import type { SpecialTokenIds, TokenModel, TokenizerKind } from './types';
import { WordPieceModel } from './wordpiece';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);

function vocabMap(model: Json, file: string): Map<string, number> {
  const raw = obj(model.vocab);
  if (!raw) throw new StudioError('bad_input', `${file}: model.vocab must be an object of token → id`);
  const vocab = new Map<string, number>();
  for (const [piece, id] of Object.entries(raw)) if (typeof id === 'number') vocab.set(piece, id);
  return vocab;
}

/** WordPiece behind a BertNormalizer (or none) and a BertPreTokenizer: our fast encoder. */
function nativeWordPiece(json: Json, file: string): WordPieceModel | null {
  const model = obj(json.model)!;
  const normalizer = obj(json.normalizer);
  const pre = obj(json.pre_tokenizer);
  if (pre?.type !== 'BertPreTokenizer' || (normalizer !== null && normalizer.type !== 'BertNormalizer')) return null;
  const strip = normalizer?.strip_accents;
  return new WordPieceModel(vocabMap(model, file), {
    lowercase: normalizer?.lowercase === true,
    stripAccents: typeof strip === 'boolean' ? strip : null,
    chineseChars: normalizer?.handle_chinese_chars === true,
    basicTokenize: true,
    unkToken: typeof model.unk_token === 'string' ? model.unk_token : '[UNK]',
    prefix: typeof model.continuing_subword_prefix === 'string' ? model.continuing_subword_prefix : '##',
    maxInputCharsPerWord: typeof model.max_input_chars_per_word === 'number' ? model.max_input_chars_per_word : 100,
  });
}

/** GPT-2-style byte-level BPE (ByteLevel pre-tokenizer with its regex, no normalizer): our encoder. */
function nativeByteLevel(json: Json, file: string): { model: ByteLevelBpeModel; addPrefixSpace: boolean } | null {
  const model = obj(json.model)!;
  const pre = obj(json.pre_tokenizer);
  if (json.normalizer !== null && json.normalizer !== undefined) return null;
  if (pre?.type !== 'ByteLevel' || pre.use_regex === false) return null;
  if (model.continuing_subword_prefix || model.end_of_word_suffix || model.byte_fallback || model.ignore_merges) return null;
  const merges: [string, string][] = [];
  for (const m of Array.isArray(model.merges) ? model.merges : []) {
    const pair = typeof m === 'string' ? m.split(' ') : m;
    if (Array.isArray(pair) && pair.length === 2) merges.push([String(pair[0]), String(pair[1])]);
  }
  const unk = typeof model.unk_token === 'string' ? model.unk_token : null;
  return { model: new ByteLevelBpeModel(vocabMap(model, file), merges, { unkToken: unk }), addPrefixSpace: pre.add_prefix_space === true };
}

/** Any other pipeline, through @huggingface/tokenizers (special tokens are handled around it). */
class LibraryModel implements TokenModel {
  readonly vocabSize: number;
  constructor(private readonly lib: HfTokenizer) {
    let max = -1;
    for (const id of lib.get_vocab(true).values()) max = Math.max(max, id);
    this.vocabSize = max + 1;
  }
  encodePieces(text: string, ids: number[], tokens: string[] | null): void {
    const encoded = this.lib.encode(text, { add_special_tokens: false });
    ids.push(...encoded.ids);
    if (tokens) tokens.push(...encoded.tokens);
  }
  idToToken(id: number): string | undefined {
    return this.lib.id_to_token(id);
  }
  tokenToId(token: string): number | undefined {
    return this.lib.token_to_id(token);
  }
  decodeIds(ids: readonly number[]): string {
    return ids.length === 0 ? '' : this.lib.decode([...ids], { clean_up_tokenization_spaces: false });
  }
}

function templateOf(processor: Json | null, idOf: (token: string) => number | undefined): { single: TemplatePiece[]; pair: TemplatePiece[]; kind: string } | null {
  if (!processor) return null;
  const specialId = (value: unknown): number => {
    const [token, id] = Array.isArray(value) ? value : [];
    if (typeof id === 'number') return id;
    const found = typeof token === 'string' ? idOf(token) : undefined;
    if (found === undefined) throw new StudioError('bad_input', `tokenizer.json: post_processor names an unknown token ${JSON.stringify(token)}`);
    return found;
  };
  if (processor.type === 'BertProcessing') {
    const cls = specialId(processor.cls);
    const sep = specialId(processor.sep);
    return { kind: 'bert', single: [{ id: cls, type: 0 }, { slot: 'A', type: 0 }, { id: sep, type: 0 }], pair: [{ id: cls, type: 0 }, { slot: 'A', type: 0 }, { id: sep, type: 0 }, { slot: 'B', type: 1 }, { id: sep, type: 1 }] };
  }
  if (processor.type === 'RobertaProcessing') {
    const cls = specialId(processor.cls);
    const sep = specialId(processor.sep);
    return { kind: 'roberta', single: [{ id: cls, type: 0 }, { slot: 'A', type: 0 }, { id: sep, type: 0 }], pair: [{ id: cls, type: 0 }, { slot: 'A', type: 0 }, { id: sep, type: 0 }, { id: sep, type: 0 }, { slot: 'B', type: 0 }, { id: sep, type: 0 }] };
  }
  if (processor.type === 'TemplateProcessing') {
    const specials = obj(processor.special_tokens) ?? {};
    const convert = (list: unknown): TemplatePiece[] => {
      const out: TemplatePiece[] = [];
      for (const item of Array.isArray(list) ? list : []) {
        const seq = obj(obj(item)?.Sequence);
        const tok = obj(obj(item)?.SpecialToken);
        if (seq) out.push({ slot: seq.id === 'B' ? 'B' : 'A', type: Number(seq.type_id ?? 0) });
        else if (tok) {
          const entry = obj(specials[String(tok.id)]);
          const ids = Array.isArray(entry?.ids) ? (entry.ids as number[]) : [specialId([tok.id])];
          for (const id of ids) out.push({ id, type: Number(tok.type_id ?? 0) });
        }
      }
      return out;
    };
    return { kind: 'template', single: convert(processor.single), pair: convert(processor.pair) };
  }
  if (processor.type === 'Sequence' && Array.isArray(processor.processors)) {
    for (const inner of processor.processors) {
      const found = templateOf(obj(inner), idOf);
      if (found) return found;
    }
  }
  return null;
}

export function loadTokenizerJson(dir: string, folder: FolderTokenizerConfig): StudioTokenizer {
  const file = join(dir, 'tokenizer.json');
  const json = readJsonFile(file)!;
  const model = obj(json.model);
  if (!model) throw new StudioError('bad_input', `${file} has no "model" section`);
  const type = String(model.type ?? (model.merges ? 'BPE' : model.vocab && Array.isArray(model.vocab) ? 'Unigram' : 'WordPiece'));
  let tokenModel: TokenModel | null = null;
  let addPrefixSpace = false;
  let kind: TokenizerKind = 'tokenizer.json';
  if (type === 'WordPiece') {
    tokenModel = nativeWordPiece(json, file);
    if (tokenModel) kind = 'wordpiece';
  } else if (type === 'BPE') {
    const native = nativeByteLevel(json, file);
    if (native) {
      tokenModel = native.model;
      addPrefixSpace = native.addPrefixSpace;
      kind = 'bpe';
    }
  } else if (type !== 'Unigram' && type !== 'WordLevel') {
    throw new StudioError('unsupported', `${file}: tokenizer model type ${JSON.stringify(type)} is not supported (WordPiece, BPE, Unigram, WordLevel are)`);
  }
  if (!tokenModel) {
    try {
      const library = new HfTokenizer({ normalizer: null, pre_tokenizer: null, post_processor: null, decoder: null, ...json, added_tokens: [] }, folder.config);
      tokenModel = new LibraryModel(library);
    } catch (error) {
      throw new StudioError('unsupported', `${file} could not be loaded: ${(error as Error).message}`);
    }
  }
  const resolved = tokenModel;

  const added: AddedTokenSpec[] = [];
  for (const entry of Array.isArray(json.added_tokens) ? json.added_tokens : []) {
    const e = obj(entry);
    if (!e || typeof e.content !== 'string' || typeof e.id !== 'number') continue;
    added.push({ content: e.content, id: e.id, lstrip: e.lstrip === true, rstrip: e.rstrip === true, special: e.special === true });
  }
  const idOf = (token: string) => added.find((a) => a.content === token)?.id ?? resolved.tokenToId(token);
  const specialId = (name: SpecialName): number | null => {
    const spec = folder.specials[name];
    return spec ? (idOf(spec.content) ?? null) : null;
  };
  const special: SpecialTokenIds = {
    unk: specialId('unk_token') ?? (typeof model.unk_token === 'string' ? (idOf(model.unk_token) ?? null) : null),
    pad: specialId('pad_token'),
    cls: specialId('cls_token'),
    sep: specialId('sep_token'),
    mask: specialId('mask_token'),
    bos: specialId('bos_token'),
    eos: specialId('eos_token'),
  };
  const template = templateOf(obj(json.post_processor), idOf);
  return new StudioTokenizer({
    kind,
    model: resolved,
    special,
    addedTokens: added,
    single: template?.single ?? [{ slot: 'A', type: 0 }],
    pair: template?.pair ?? [{ slot: 'A', type: 0 }, { slot: 'B', type: 1 }],
    usesTokenTypeIds: folder.modelType === 'bert' || (folder.modelType === null && template?.kind === 'bert'),
    modelMaxLength: folder.modelMaxLength,
    addPrefixSpace,
    cleanUpSpaces: folder.config.clean_up_tokenization_spaces === true,
  });
}
