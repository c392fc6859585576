// The staging file between the passes of an import: the normalized documents in order, each as a
// 12-byte header (file index, record number or 0 for a whole file, byte length of the text) and the
// text in UTF-8. Texts travel between threads as encoded bytes too (EncodedTexts, transferred, not
// copied): the main thread stages and batches documents without decoding, escaping or copying them
// into strings. A text that is not well-formed UTF-16 (a lone surrogate, which UTF-8 cannot carry)
// is stored as its JSON string instead (bit 31 of the length), so every text comes back exactly.
import { ByteReader, ByteWriter, JSON_BIT, storedText } from './binary-file';

/** Texts encoded one after another in one buffer. */
export interface EncodedTexts {
  bytes: Uint8Array;
  /** End offset of each text in `bytes` (the start is the previous end). */
  ends: Uint32Array;
  /** 1 where the text is stored as its JSON string. */
  json: Uint8Array;
}

const HEADER_BYTES = 12;

/** The texts as one buffer (its ArrayBuffer holds nothing else: it can be transferred). */
export function encodeTexts(texts: readonly string[]): EncodedTexts {
  // Built by push, not map: see Analyzer.analyzeBatch (an array from map can deoptimize the loop that reads it).
  const stored: string[] = [];
  for (let k = 0; k < texts.length; k++) stored.push(storedText(texts[k]!).stored);
  const json = new Uint8Array(texts.length);
  const ends = new Uint32Array(texts.length);
  let total = 0;
  for (let k = 0; k < stored.length; k++) {
    if (stored[k] !== texts[k]) json[k] = 1;
    total += Buffer.byteLength(stored[k]!, 'utf8');
    ends[k] = total;
  }
  const bytes = Buffer.from(new ArrayBuffer(total));
  let at = 0;
  for (const s of stored) at += bytes.write(s, at, 'utf8');
  return { bytes, ends, json };
}

/** Where text `k` starts in `e.bytes` (it ends at e.ends[k]). */
function startOf(e: EncodedTexts, k: number): number {
  return k === 0 ? 0 : e.ends[k - 1]!;
}

export function decodeText(e: EncodedTexts, k: number): string {
  const b = e.bytes;
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8', startOf(e, k), e.ends[k]!);
  return e.json[k] ? (JSON.parse(text) as string) : text;
}

export function decodeTexts(e: EncodedTexts): string[] {
  return Array.from(e.ends, (_, k) => decodeText(e, k));
}

/** Text `k`'s bytes in `e` (a view). */
export function textBytes(e: EncodedTexts, k: number): Uint8Array {
  return e.bytes.subarray(startOf(e, k), e.ends[k]!);
}

/** How many bytes text `k` takes in `e` (0 for an empty text). */
export function storedLength(e: EncodedTexts, k: number): number {
  return e.ends[k]! - startOf(e, k);
}

/** Text `k`'s length word as the staging and kept documents files store it: its byte length, JSON_BIT where the bytes are its JSON string. */
export function lengthWord(e: EncodedTexts, k: number): number {
  return (storedLength(e, k) | (e.json[k] ? JSON_BIT : 0)) >>> 0;
}

/** The ArrayBuffers to transfer with `e` (all of them, when it was built by encodeTexts or readStagedBatches). */
export function transferList(e: EncodedTexts): ArrayBuffer[] {
  return [e.bytes.buffer as ArrayBuffer, e.ends.buffer as ArrayBuffer, e.json.buffer as ArrayBuffer];
}

/** Appends documents to the staging file (synchronous writes of 1 MiB: a local temporary file). */
export class StagingWriter {
  private readonly out: ByteWriter;

  constructor(path: string) {
    this.out = new ByteWriter(path);
  }

  /** Text `k` of `texts`, from file `f`, record `record` (0: the whole file). */
  write(f: number, record: number, texts: EncodedTexts, k: number): void {
    const out = this.out;
    out.reserve(HEADER_BYTES);
    out.buf.writeUInt32LE(f, out.used);
    out.buf.writeUInt32LE(record, out.used + 4);
    out.buf.writeUInt32LE(lengthWord(texts, k), out.used + 8);
    out.used += HEADER_BYTES;
    out.bytes(textBytes(texts, k));
  }

  close(): void {
    this.out.close();
  }

  /** Closes without caring about the content (on failure paths). */
  destroy(): void {
    this.out.destroy();
  }
}

/** A batch of staged documents: where each came from, and their texts (still encoded). */
export interface StagedBatch {
  /** File index and record number (0: the whole file) of each document. */
  files: Uint32Array;
  records: Uint32Array;
  texts: EncodedTexts;
}

/** Reads the staging file back in batches of at most `maxDocs` documents and (unless one is larger) `maxBytes` bytes of text. */
export function* readStagedBatches(path: string, maxDocs: number, maxBytes: number): Generator<StagedBatch> {
  const reader = new ByteReader(path);
  try {
    for (;;) {
      reader.keep = reader.pos; // start of the current batch: kept in reader.buf when it is refilled
      const files: number[] = [];
      const records: number[] = [];
      const starts: number[] = []; // of each text, from the batch's start
      const json: number[] = [];
      let bytes = 0;
      while (files.length < maxDocs && bytes < maxBytes && reader.have(HEADER_BYTES)) {
        const { buf, pos } = reader;
        const word = buf.readUInt32LE(pos + 8);
        const length = (word & ~JSON_BIT) >>> 0;
        files.push(buf.readUInt32LE(pos));
        records.push(buf.readUInt32LE(pos + 4));
        json.push((word & JSON_BIT) !== 0 ? 1 : 0);
        reader.pos += HEADER_BYTES;
        if (!reader.have(length)) throw new Error('The staging file is truncated.');
        starts.push(reader.pos - reader.keep);
        reader.pos += length;
        bytes += length;
      }
      if (files.length === 0) {
        if (reader.rest > 0) throw new Error('The staging file is truncated.');
        return;
      }
      // Copied out (headers dropped) into a buffer of their own, which can be transferred to a worker thread.
      const from0 = reader.keep;
      const all = Buffer.from(new ArrayBuffer(bytes));
      const ends = new Uint32Array(files.length);
      let at = 0;
      for (let k = 0; k < files.length; k++) {
        const from = from0 + starts[k]!;
        const to = k + 1 < files.length ? from0 + starts[k + 1]! - HEADER_BYTES : reader.pos;
        at += reader.buf.copy(all, at, from, to);
        ends[k] = at;
      }
      yield { files: Uint32Array.from(files), records: Uint32Array.from(records), texts: { bytes: all, ends, json: Uint8Array.from(json) } };
    }
  } finally {
    reader.close();
  }
}
