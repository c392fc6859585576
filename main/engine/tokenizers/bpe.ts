// Byte-level BPE (GPT-2, RoBERTa): GPT-2's pre-tokenization regex, UTF-8 bytes mapped to printable
// characters (bytes_to_unicode), then merges applied by rank. Cached per pre-token.
import type { TokenModel } from './types';

/** GPT-2's pattern: contractions, letters, numbers, other symbols (each with an optional leading space), spaces. */
export const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const CACHE_LIMIT = 100_000;
/**
 * Merging is quadratic in a pre-token's length; a pre-token longer than this (a base64 blob, a line of
 * dashes) is merged in pieces of this many characters. Ordinary words are far shorter, so their ids
 * are exactly transformers' ones.
 */
const MAX_MERGE_CHARS = 512;

/** GPT-2's reversible map from the 256 byte values to printable Unicode characters. */
export function bytesToUnicode(): string[] {
  const table: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
    table[b] = String.fromCharCode(printable ? b : 256 + extra++);
  }
  return table;
}

export interface BpeOptions {
  unkToken: string | null;
}

export class ByteLevelBpeModel implements TokenModel {
  private readonly ranks: Map<string, number>;
  private readonly idToPiece: string[] = [];
  private readonly byteToChar = bytesToUnicode();
  private readonly charToByte = new Map<string, number>();
  private readonly cache = new Map<string, number[]>();
  private readonly encoder = new TextEncoder();
  private readonly unkId: number | undefined;

  constructor(
    private readonly vocab: Map<string, number>,
    merges: readonly [string, string][],
    options: BpeOptions,
  ) {
    this.ranks = new Map();
    merges.forEach(([a, b], rank) => this.ranks.set(`${a} ${b}`, rank));
    for (const [piece, id] of vocab) this.idToPiece[id] = piece;
    this.byteToChar.forEach((ch, b) => this.charToByte.set(ch, b));
    this.unkId = options.unkToken === null ? undefined : vocab.get(options.unkToken);
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

  /** Merges of one byte-mapped pre-token, as ids. */
  private bpe(mapped: string): number[] {
    const cached = this.cache.get(mapped);
    if (cached) return cached;
    let word = Array.from(mapped);
    while (word.length > 1) {
      let best = Infinity;
      let bestAt = -1;
      for (let i = 0; i < word.length - 1; i++) {
        const rank = this.ranks.get(`${word[i]} ${word[i + 1]}`);
        if (rank !== undefined && rank < best) {
          best = rank;
          bestAt = i;
        }
      }
      if (bestAt < 0) break;
      const first = word[bestAt]!;
      const second = word[bestAt + 1]!;
      const merged: string[] = [];
      for (let i = 0; i < word.length; i++) {
        if (word[i] === first && word[i + 1] === second && i < word.length - 1) {
          merged.push(first + second);
          i++;
        } else {
          merged.push(word[i]!);
        }
      }
      word = merged;
    }
    const ids: number[] = [];
    for (const piece of word) {
      const id = this.vocab.get(piece) ?? this.unkId;
      if (id !== undefined) ids.push(id);
    }
    if (mapped.length > 64) return ids; // keeps the cache's memory bounded
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(mapped, ids);
    return ids;
  }

  private mapBytes(text: string): string {
    let ascii = true;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 127) {
        ascii = false;
        break;
      }
    }
    let mapped = '';
    if (ascii) {
      for (let i = 0; i < text.length; i++) mapped += this.byteToChar[text.charCodeAt(i)]!;
    } else {
      for (const b of this.encoder.encode(text)) mapped += this.byteToChar[b]!;
    }
    return mapped;
  }

  encodePieces(text: string, ids: number[], tokens: string[] | null): void {
    for (const match of text.matchAll(GPT2_PATTERN)) {
      const mapped = this.mapBytes(match[0]);
      for (let start = 0; start < mapped.length; start += MAX_MERGE_CHARS) {
        const part = mapped.length <= MAX_MERGE_CHARS ? mapped : mapped.slice(start, start + MAX_MERGE_CHARS);
        for (const id of this.bpe(part)) {
          ids.push(id);
          if (tokens) tokens.push(this.idToPiece[id]!);
        }
      }
    }
  }

  decodeIds(ids: readonly number[]): string {
    const bytes: number[] = [];
    for (const id of ids) {
      for (const ch of this.idToPiece[id] ?? '') {
        const b = this.charToByte.get(ch);
        if (b !== undefined) bytes.push(b);
      }
    }
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes)); // invalid sequences become U+FFFD, as errors="replace"
  }
}

/** merges.txt as transformers reads it: the first line (#version) and the last line are dropped. */
export function parseMergesTxt(text: string): [string, string][] {
  const lines = text.split('\n').slice(1, -1);
  const merges: [string, string][] = [];
  for (const line of lines) {
    const parts = line.trim().split(/\s+/);
    if (parts.length === 2) merges.push([parts[0]!, parts[1]!]);
  }
  return merges;
}
