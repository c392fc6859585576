// WordPiece (BERT, DistilBERT): basic tokenization, then greedy longest-match-first pieces with "##"
// continuations. Written for speed: one pass over the text's char codes with ASCII lookup tables,
// a per-word cache of piece ids, and continuation pieces looked up without building "##" strings.
// Chunks that are not printable ASCII take the exact Unicode path (bert-basic.ts).
import { basicSplit, isAsciiPunctuation, type BasicOptions } from './bert-basic';
import type { TokenModel } from './types';

export interface WordPieceOptions extends BasicOptions {
  unkToken: string;
  prefix: string;
  maxInputCharsPerWord: number;
  /** false = no basic tokenization: split on whitespace only (do_basic_tokenize=False). */
  basicTokenize: boolean;
}

const WORD = 0;
const PUNCT = 1;
const SPACE = 2;
const OTHER = 3; // ASCII control characters: take the exact path
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c === 32 || c === 9 || c === 10 || c === 13) ASCII_CLASS[c] = SPACE;
  else if (c < 32 || c === 127) ASCII_CLASS[c] = OTHER;
  else if (isAsciiPunctuation(c)) ASCII_CLASS[c] = PUNCT;
  else ASCII_CLASS[c] = WORD;
}
const CACHE_LIMIT = 200_000;

export class WordPieceModel implements TokenModel {
  private readonly vocab: Map<string, number>;
  /** Continuation pieces keyed without their prefix ("##ing" → "ing"). */
  private readonly continuation = new Map<string, number>();
  private readonly idToPiece: string[];
  private readonly maxWordStart: number;
  private readonly maxContinuation: number;
  private readonly unkId: number;
  private readonly cache = new Map<string, number[]>();

  constructor(vocab: Map<string, number>, private readonly options: WordPieceOptions) {
    this.vocab = vocab;
    this.idToPiece = [];
    let longestStart = 1;
    let longestContinuation = 1;
    for (const [piece, id] of vocab) {
      this.idToPiece[id] = piece;
      if (piece.startsWith(options.prefix) && piece.length > options.prefix.length) {
        this.continuation.set(piece.slice(options.prefix.length), id);
        longestContinuation = Math.max(longestContinuation, piece.length - options.prefix.length);
      }
      longestStart = Math.max(longestStart, piece.length);
    }
    // Longer substrings cannot match: the greedy search starts at these lengths, not at the word's end.
    this.maxWordStart = longestStart;
    this.maxContinuation = longestContinuation;
    const unk = vocab.get(options.unkToken);
    if (unk === undefined) throw new Error(`the unknown token ${options.unkToken} is not in the vocabulary`);
    this.unkId = unk;
  }

  get vocabSize(): number {
    return this.idToPiece.length;
  }

  idToToken(id: number): string | undefined {
    return this.idToPiece[id];
  }

  tokenToId(token: string): number | undefined {
    return this.vocab.get(token);
  }

  /** Greedy longest-match-first pieces of one word, cached. */
  private pieces(word: string): number[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const result = this.splitWord(word);
    if (word.length > 64) return result; // rare, and would make the cache's memory unbounded
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  private splitWord(word: string): number[] {
    const n = word.length;
    if (n > this.options.maxInputCharsPerWord && [...word].length > this.options.maxInputCharsPerWord) return [this.unkId];
    const ids: number[] = [];
    let start = 0;
    while (start < n) {
      let end = Math.min(n, start + (start === 0 ? this.maxWordStart : this.maxContinuation));
      let found = -1;
      const table = start === 0 ? this.vocab : this.continuation;
      while (end > start) {
        const id = table.get(word.slice(start, end));
        if (id !== undefined) {
          found = id;
          break;
        }
        end--;
      }
      if (found < 0) return [this.unkId];
      ids.push(found);
      start = end;
    }
    return ids;
  }

  private pushWord(word: string, ids: number[], tokens: string[] | null): void {
    const pieces = this.pieces(word);
    for (let k = 0; k < pieces.length; k++) {
      ids.push(pieces[k]!);
      if (tokens) tokens.push(this.idToPiece[pieces[k]!]!);
    }
  }

  private exactChunk(chunk: string, ids: number[], tokens: string[] | null): void {
    const words = this.options.basicTokenize ? basicSplit(chunk, this.options) : chunk.split(/\s+/).filter(Boolean);
    for (const word of words) this.pushWord(word, ids, tokens);
  }

  encodePieces(text: string, ids: number[], tokens: string[] | null): void {
    if (!this.options.basicTokenize) {
      this.exactChunk(text, ids, tokens);
      return;
    }
    const lower = this.options.lowercase;
    const n = text.length;
    let i = 0;
    while (i < n) {
      // One whitespace-delimited chunk per iteration: fast ASCII path, or the exact path for the whole chunk.
      while (i < n && text.charCodeAt(i) < 128 && ASCII_CLASS[text.charCodeAt(i)] === SPACE) i++;
      if (i >= n) break;
      const chunkStart = i;
      const idsBefore = ids.length;
      const tokensBefore = tokens ? tokens.length : 0;
      let wordStart = i;
      let exact = false;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        const cls = c < 128 ? ASCII_CLASS[c]! : OTHER;
        if (cls === WORD) continue;
        if (cls === SPACE) break;
        if (cls === OTHER) {
          exact = true;
          break;
        }
        if (wordStart < i) this.pushWord(lower ? text.slice(wordStart, i).toLowerCase() : text.slice(wordStart, i), ids, tokens);
        this.pushWord(text[i]!, ids, tokens);
        wordStart = i + 1;
      }
      if (exact) {
        let end = i;
        while (end < n && !(text.charCodeAt(end) < 128 && ASCII_CLASS[text.charCodeAt(end)] === SPACE)) end++;
        ids.length = idsBefore;
        if (tokens) tokens.length = tokensBefore;
        this.exactChunk(text.slice(chunkStart, end), ids, tokens);
        i = end;
        continue;
      }
      if (wordStart < i) this.pushWord(lower ? text.slice(wordStart, i).toLowerCase() : text.slice(wordStart, i), ids, tokens);
    }
  }

  decodeIds(ids: readonly number[]): string {
    const prefix = this.options.prefix;
    let out = '';
    for (const id of ids) {
      const piece = this.idToPiece[id] ?? this.options.unkToken;
      if (piece.startsWith(prefix) && out.length > 0) out += piece.slice(prefix.length);
      else out += out.length > 0 ? ` ${piece}` : piece;
    }
    return out;
  }
}

/** Parses vocab.txt: one piece per line, the id is the line number. */
export function parseVocabTxt(text: string): Map<string, number> {
  const vocab = new Map<string, number>();
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, id) => {
    vocab.set(line.replace(/\r$/, ''), id); // a repeated piece keeps its last id, as transformers does
  });
  return vocab;
}
