// The staging file between the passes of an import: the normalized documents in order, each as a
// 12-byte header (file index, record number or 0 for a whole file, byte length of the text) and the
// text in UTF-8. Texts travel between threads as encoded bytes too (EncodedTexts, transferred, not
// copied): the main thread stages and batches documents without decoding, escaping or copying them
// into strings. A text that is not well-formed UTF-16 (a lone surrogate, which UTF-8 cannot carry)
// is stored as its JSON string instead (bit 31 of the length), so every text comes back exactly.
import { closeSync, openSync, readSync } from 'node:fs';
import { ByteWriter, JSON_BIT, storedText } from './binary-file';

/** Texts encoded one after another in one buffer. */
export interface EncodedTexts {
  bytes: Uint8Array;
  /** End offset of each text in `bytes` (the start is the previous end). */
  ends: Uint32Array;
  /** 1 where the text is stored as its JSON string. */
  json: Uint8Array;
}

const HEADER_BYTES = 12;
const CHUNK_BYTES = 1 << 20;

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

export function decodeText(e: EncodedTexts, k: number): string {
  const start = k === 0 ? 0 : e.ends[k - 1]!;
  const b = e.bytes;
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8', start, e.ends[k]!);
  return e.json[k] ? (JSON.parse(text) as string) : text;
}

export function decodeTexts(e: EncodedTexts): string[] {
  return Array.from(e.ends, (_, k) => decodeText(e, k));
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
    const start = k === 0 ? 0 : texts.ends[k - 1]!;
    const length = texts.ends[k]! - start;
    const out = this.out;
    out.reserve(HEADER_BYTES);
    out.buf.writeUInt32LE(f, out.used);
    out.buf.writeUInt32LE(record, out.used + 4);
    out.buf.writeUInt32LE((length | (texts.json[k] ? JSON_BIT : 0)) >>> 0, out.used + 8);
    out.used += HEADER_BYTES;
    out.bytes(texts.bytes.subarray(start, start + length));
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
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let keep = 0; // start of the current batch in `buf`: kept when `buf` is refilled
    let pos = 0;
    let end = 0;
    let eof = false;
    /** At least `n` bytes from `pos` in `buf`, or false at the end of the file. */
    const have = (n: number): boolean => {
      if (end - pos >= n) return true;
      if (eof) return false;
      const need = pos - keep + n;
      const target = need > buf.length ? Buffer.allocUnsafe(Math.max(need, buf.length * 2)) : buf;
      buf.copy(target, 0, keep, end);
      buf = target;
      pos -= keep;
      end -= keep;
      keep = 0;
      while (end - pos < n && !eof) {
        const got = readSync(fd, buf, end, buf.length - end, null);
        if (got === 0) eof = true;
        end += got;
      }
      return end - pos >= n;
    };
    for (;;) {
      keep = pos;
      const files: number[] = [];
      const records: number[] = [];
      const starts: number[] = []; // of each text, from `keep`
      const json: number[] = [];
      let bytes = 0;
      while (files.length < maxDocs && bytes < maxBytes && have(HEADER_BYTES)) {
        const lengthWord = buf.readUInt32LE(pos + 8);
        const length = (lengthWord & ~JSON_BIT) >>> 0;
        files.push(buf.readUInt32LE(pos));
        records.push(buf.readUInt32LE(pos + 4));
        json.push((lengthWord & JSON_BIT) !== 0 ? 1 : 0);
        pos += HEADER_BYTES;
        if (!have(length)) throw new Error('The staging file is truncated.');
        starts.push(pos - keep);
        pos += length;
        bytes += length;
      }
      if (files.length === 0) {
        if (end > pos) throw new Error('The staging file is truncated.');
        return;
      }
      // Copied out (headers dropped) into a buffer of their own, which can be transferred to a worker thread.
      const all = Buffer.from(new ArrayBuffer(bytes));
      const ends = new Uint32Array(files.length);
      let at = 0;
      for (let k = 0; k < files.length; k++) {
        const from = keep + starts[k]!;
        const to = k + 1 < files.length ? keep + starts[k + 1]! - HEADER_BYTES : pos;
        at += buf.copy(all, at, from, to);
        ends[k] = at;
      }
      yield { files: Uint32Array.from(files), records: Uint32Array.from(records), texts: { bytes: all, ends, json: Uint8Array.from(json) } };
    }
  } finally {
    closeSync(fd);
  }
}
