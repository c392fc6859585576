// The Tokenizer every loader returns: a TokenModel plus special-token handling — splitting the text on
// special/added tokens (with their lstrip/rstrip), the single/pair template ([CLS] A [SEP] B [SEP],
// <s> A </s></s> B </s>, BOS A …), "longest first" truncation and decoding.
import type { DecodeOptions, EncodeOptions, Encoding, SpecialTokenIds, TokenModel, Tokenizer, TokenizerKind } from './types';

export interface AddedTokenSpec {
  content: string;
  id: number;
  /** Remove whitespace on the left / right of the token in the text (RoBERTa's <mask> has lstrip). */
  lstrip: boolean;
  rstrip: boolean;
  special: boolean;
}

/** One entry of a template: a text slot or a special token id, each with its token type. */
export type TemplatePiece = { slot: 'A' | 'B'; type: number } | { id: number; type: number };

export interface TokenizerSetup {
  kind: TokenizerKind;
  model: TokenModel;
  special: SpecialTokenIds;
  addedTokens: AddedTokenSpec[];
  single: TemplatePiece[];
  pair: TemplatePiece[];
  usesTokenTypeIds: boolean;
  modelMaxLength: number | null;
  /** GPT-2/RoBERTa add_prefix_space: a space before the whole text. */
  addPrefixSpace: boolean;
  /** transformers' clean_up_tokenization on decode (" ." → "." …). */
  cleanUpSpaces: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function cleanUpTokenization(text: string): string {
  return text
    .replaceAll(' .', '.')
    .replaceAll(' ?', '?')
    .replaceAll(' !', '!')
    .replaceAll(' ,', ',')
    .replaceAll(" ' ", "'")
    .replaceAll(" n't", "n't")
    .replaceAll(" 'm", "'m")
    .replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve")
    .replaceAll(" 're", "'re");
}

export class StudioTokenizer implements Tokenizer {
  readonly kind: TokenizerKind;
  readonly vocab_size: number;
  readonly special: Readonly<SpecialTokenIds>;
  readonly uses_token_type_ids: boolean;
  readonly model_max_length: number | null;
  private readonly model: TokenModel;
  private readonly added = new Map<string, AddedTokenSpec>();
  private readonly addedById = new Map<number, AddedTokenSpec>();
  private readonly specialIds = new Set<number>();
  private readonly splitter: RegExp | null;

  constructor(private readonly setup: TokenizerSetup) {
    this.kind = setup.kind;
    this.model = setup.model;
    this.special = Object.freeze({ ...setup.special });
    this.uses_token_type_ids = setup.usesTokenTypeIds;
    this.model_max_length = setup.modelMaxLength;
    let size = setup.model.vocabSize;
    for (const token of setup.addedTokens) {
      this.added.set(token.content, token);
      this.addedById.set(token.id, token);
      if (token.special) this.specialIds.add(token.id);
      size = Math.max(size, token.id + 1);
    }
    for (const id of Object.values(setup.special)) if (id !== null) this.specialIds.add(id);
    this.vocab_size = size;
    const contents = [...this.added.keys()].filter((c) => c.length > 0).sort((a, b) => b.length - a.length);
    this.splitter = contents.length > 0 ? new RegExp(contents.map(escapeRegExp).join('|'), 'g') : null;
  }

  /** Ids (and tokens) of one text: special/added tokens matched first, the rest through the model. */
  private encodeText(text: string, ids: number[], tokens: string[] | null): void {
    if (!this.splitter) {
      this.model.encodePieces(text, ids, tokens);
      return;
    }
    const parts: (string | AddedTokenSpec)[] = [];
    let last = 0;
    for (const match of text.matchAll(this.splitter)) {
      parts.push(text.slice(last, match.index));
      parts.push(this.added.get(match[0])!);
      last = match.index + match[0].length;
    }
    parts.push(text.slice(last));
    parts.forEach((part, i) => {
      if (typeof part === 'string') return;
      const left = parts[i - 1];
      const right = parts[i + 1];
      if (part.lstrip && typeof left === 'string') parts[i - 1] = left.trimEnd();
      if (part.rstrip && typeof right === 'string') parts[i + 1] = right.trimStart();
    });
    for (const part of parts) {
      if (typeof part === 'string') {
        if (part.length > 0) this.model.encodePieces(part, ids, tokens);
      } else {
        ids.push(part.id);
        if (tokens) tokens.push(part.content);
      }
    }
  }

  private prepare(text: string): string {
    return this.setup.addPrefixSpace ? ` ${text}` : text;
  }

  encodeIds(text: string): number[] {
    const ids: number[] = [];
    this.encodeText(this.prepare(text), ids, null);
    return ids;
  }

  numSpecialTokens(pair: boolean): number {
    return (pair ? this.setup.pair : this.setup.single).filter((p) => 'id' in p).length;
  }

  encode(text: string | readonly [string, string], options: EncodeOptions = {}): Encoding {
    const addSpecial = options.add_special_tokens ?? true;
    const isPair = typeof text !== 'string';
    const a = { ids: [] as number[], tokens: [] as string[] };
    const b = { ids: [] as number[], tokens: [] as string[] };
    this.encodeText(this.prepare(isPair ? text[0] : text), a.ids, a.tokens);
    if (isPair) this.encodeText(this.prepare(text[1]), b.ids, b.tokens);

    if (options.max_length !== undefined) {
      const budget = options.max_length - (addSpecial ? this.numSpecialTokens(isPair) : 0);
      const excess = a.ids.length + b.ids.length - Math.max(0, budget);
      if (excess > 0) truncateLongestFirst(a, b, excess, isPair);
    }

    const out: Encoding = { ids: [], tokens: [], token_type_ids: [], special_tokens_mask: [] };
    const template: TemplatePiece[] = addSpecial
      ? isPair ? this.setup.pair : this.setup.single
      : isPair ? [{ slot: 'A', type: 0 }, { slot: 'B', type: 1 }] : [{ slot: 'A', type: 0 }];
    for (const piece of template) {
      if ('id' in piece) {
        out.ids.push(piece.id);
        out.tokens.push(this.idToToken(piece.id) ?? '');
        out.token_type_ids.push(piece.type);
        out.special_tokens_mask.push(1);
        continue;
      }
      const seq = piece.slot === 'A' ? a : b;
      for (let i = 0; i < seq.ids.length; i++) {
        out.ids.push(seq.ids[i]!);
        out.tokens.push(seq.tokens[i]!);
        out.token_type_ids.push(piece.type);
        out.special_tokens_mask.push(0);
      }
    }
    return out;
  }

  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    const parts: string[] = [];
    let run: number[] = [];
    const flush = () => {
      if (run.length > 0) parts.push(this.model.decodeIds(run));
      run = [];
    };
    for (const raw of ids) {
      // An id past the tokenizer (a padded embedding can predict one) decodes as the unknown token.
      const id = Number.isInteger(raw) && raw >= 0 && raw < this.vocab_size ? raw : this.special.unk;
      if (id === null) continue;
      if (options.skip_special_tokens && this.specialIds.has(id)) continue;
      const added = this.addedById.get(id);
      if (added && this.model.idToToken(id) === undefined) {
        flush();
        parts.push(added.content);
      } else {
        run.push(id);
      }
    }
    flush();
    const text = parts.join(' ');
    return this.setup.cleanUpSpaces ? cleanUpTokenization(text) : text;
  }

  idToToken(id: number): string | undefined {
    return this.model.idToToken(id) ?? this.addedById.get(id)?.content;
  }

  tokenToId(token: string): number | undefined {
    return this.added.get(token)?.id ?? this.model.tokenToId(token);
  }
}

/** transformers' "longest_first": trim the longer sequence down to the shorter, then both alternately. */
function truncateLongestFirst(
  a: { ids: number[]; tokens: string[] },
  b: { ids: number[]; tokens: string[] },
  excess: number,
  isPair: boolean,
): void {
  let fromA: number;
  let fromB: number;
  if (!isPair) {
    fromA = excess;
    fromB = 0;
  } else {
    const first = Math.min(Math.abs(a.ids.length - b.ids.length), excess);
    const second = excess - first;
    if (a.ids.length > b.ids.length) {
      fromA = first + Math.floor(second / 2);
      fromB = second - Math.floor(second / 2);
    } else {
      fromA = Math.floor(second / 2);
      fromB = first + second - Math.floor(second / 2);
    }
  }
  a.ids.length = Math.max(0, a.ids.length - fromA);
  a.tokens.length = a.ids.length;
  b.ids.length = Math.max(0, b.ids.length - fromB);
  b.tokens.length = b.ids.length;
}
