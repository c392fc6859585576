// SentencePiece (`tokenizer.model`, LLaMA): encoding and decoding by the SentencePiece library itself
// (@agnai/sentencepiece-js, wasm). The piece table (for vocab size and id → piece) is read from the
// model's protobuf directly, since the wasm build exposes no lookup by id. The library (760 KB of JavaScript with its
// wasm inlined) is loaded with the first SentencePiece model, not by every process that may tokenize: a corpus
// import with another tokenizer paid ≈ 0.1 CPU-s to load it, and more to compile Node's CommonJS export scanner
// that read it.
import type sentencepiece from '@agnai/sentencepiece-js';
import { readFileSync, statSync } from 'node:fs';
import type { TokenModel } from './types';

export interface SentencePieceEntry {
  piece: string;
  score: number;
  /** 1 normal, 2 unknown, 3 control, 4 user defined, 5 unused, 6 byte. */
  type: number;
}

function readVarint(bytes: Uint8Array, at: { pos: number }): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (at.pos >= bytes.length) throw new Error('truncated varint');
    const b = bytes[at.pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return result;
    shift += 7;
    if (shift > 63) throw new Error('varint too long');
  }
}

function skipField(bytes: Uint8Array, wire: number, at: { pos: number }): void {
  if (wire === 0) readVarint(bytes, at);
  else if (wire === 1) at.pos += 8;
  else if (wire === 2) {
    const length = readVarint(bytes, at);
    at.pos += length;
  }
  else if (wire === 5) at.pos += 4;
  else throw new Error(`unsupported wire type ${wire}`);
  if (at.pos > bytes.length) throw new Error('truncated field');
}

/** The `pieces` (field 1) of a sentencepiece ModelProto. */
export function readSentencePieces(bytes: Uint8Array): SentencePieceEntry[] {
  const pieces: SentencePieceEntry[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = { pos: 0 };
  while (at.pos < bytes.length) {
    const key = readVarint(bytes, at);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (field !== 1 || wire !== 2) {
      skipField(bytes, wire, at);
      continue;
    }
    const length = readVarint(bytes, at);
    const end = at.pos + length;
    if (end > bytes.length) throw new Error('truncated piece');
    const entry: SentencePieceEntry = { piece: '', score: 0, type: 1 };
    while (at.pos < end) {
      const k = readVarint(bytes, at);
      const f = Math.floor(k / 8);
      const w = k & 7;
      if (f === 1 && w === 2) {
        const length = readVarint(bytes, at);
        entry.piece = decoder.decode(bytes.subarray(at.pos, at.pos + length));
        at.pos += length;
      } else if (f === 2 && w === 5) {
        entry.score = view.getFloat32(at.pos, true);
        at.pos += 4;
      } else if (f === 3 && w === 0) {
        entry.type = readVarint(bytes, at);
      } else {
        skipField(bytes, w, at);
      }
    }
    pieces.push(entry);
  }
  if (pieces.length === 0) throw new Error('no pieces');
  return pieces;
}

export class SentencePieceModel implements TokenModel {
  private readonly pieceToId = new Map<string, number>();

  private constructor(
    private readonly processor: InstanceType<typeof sentencepiece.SentencePieceProcessor>,
    readonly pieces: readonly SentencePieceEntry[],
  ) {
    pieces.forEach((p, id) => {
      if (!this.pieceToId.has(p.piece)) this.pieceToId.set(p.piece, id);
    });
  }

  static async load(file: string): Promise<SentencePieceModel> {
    const size = statSync(file).size;
    if (size > 200_000_000) throw new Error(`${size} bytes is too large for a SentencePiece model`);
    const pieces = readSentencePieces(readFileSync(file));
    const { default: library } = await import('@agnai/sentencepiece-js');
    const processor = new library.SentencePieceProcessor();
    await processor.load(file);
    return new SentencePieceModel(processor, pieces);
  }

  get vocabSize(): number {
    return this.pieces.length;
  }

  idToToken(id: number): string | undefined {
    return this.pieces[id]?.piece;
  }

  tokenToId(token: string): number | undefined {
    return this.pieceToId.get(token);
  }

  encodePieces(text: string, ids: number[], tokens: string[] | null): void {
    if (text.length === 0) return;
    for (const id of this.processor.encodeIds(text)) {
      ids.push(id);
      if (tokens) tokens.push(this.pieces[id]?.piece ?? '');
    }
  }

  /** As LlamaTokenizer.convert_tokens_to_string: control pieces (<s>, </s>, <unk>) kept as text. */
  decodeIds(ids: readonly number[]): string {
    let out = '';
    let run: number[] = [];
    let previousSpecial = false;
    ids.forEach((id, i) => {
      const entry = this.pieces[id];
      if (entry && (entry.type === 2 || entry.type === 3)) {
        if (!previousSpecial && i !== 0) out += ' ';
        out += this.decodeRun(run) + entry.piece;
        run = [];
        previousSpecial = true;
      } else {
        run.push(id);
        previousSpecial = false;
      }
    });
    return out + this.decodeRun(run);
  }

  private decodeRun(ids: number[]): string {
    return ids.length === 0 ? '' : this.processor.decodeIds(ids);
  }
}
