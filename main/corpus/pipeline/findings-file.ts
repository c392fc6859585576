// The findings file an import hands to its commit (FILES.findings, deleted once committed): per document
// with findings, in document order, its findings as numbers and the text they were found in, once.
// A finding's own text and its context (contextOf) are cut from that text when the commit reads the file:
// the analysis sends no string per finding between threads, and the file is about the size of the text.
//
// Block (little-endian), built by the analysis (FindingBlocks) and appended as it is by pass 2:
//   u32 doc · u32 count · u32 text length word (binary-file.ts) · u32 bytes of the extras
//   count × { u8 type (index in PII_TYPES; EXPLICIT) · u32 start · u32 end · f64 confidence }   (17 bytes each)
//   the scanned text · the extras: for each EXPLICIT finding, in order, u32 length + the JSON of
//   [type, start, end, text, confidence] — any finding the compact form would not give back exactly
//   (a type outside PII_TYPES, offsets that are not the finding's text in the scanned text, a confidence
//   JSON would change): it then reads back as JSON.parse gives it, as the JSON Lines file this replaces did.
import { isSpaceChar } from '../pii/context';
import { PII_TYPES } from '../pii/types';
import type { PiiFinding } from '../types';
import { ByteReader, JSON_BIT, readText, storedText } from './binary-file';
import type { FindingRecord } from './options';

const HEADER_BYTES = 16;
const RECORD_BYTES = 17;
const EXPLICIT = 0xff;
const TYPE_INDEX = new Map<string, number>(PII_TYPES.map((t, k) => [t, k]));
/** An EXPLICIT finding's JSON. */
type Explicit = [type: string, start: number, end: number, text: string, confidence: number];

const CONTEXT_CHARS = 40;

/** A few words around text[start, end), white space runs made single spaces, '…' where the text goes on. */
export function contextOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  const body = Number.isInteger(from) && Number.isInteger(to) ? foldSpaces(text, from, to) : text.slice(from, to).replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

/**
 * text.slice(from, to).replace(/\s+/g, ' ') in one pass, without a regex: most contexts of notes hold a line
 * break, and the commit builds one per finding.
 */
function foldSpaces(text: string, from: number, to: number): string {
  let body = '';
  let segment = from; // start of the text not yet copied into body
  let k = from;
  while (k < to) {
    const c = text.charCodeAt(k);
    if (!isSpaceChar(c)) {
      k++;
      continue;
    }
    let e = k + 1;
    while (e < to && isSpaceChar(text.charCodeAt(e))) e++;
    if (c !== 32 || e > k + 1) {
      body += `${text.slice(segment, k)} `;
      segment = e;
    }
    k = e;
  }
  return segment === from ? text.slice(from, to) : body + text.slice(segment, to);
}

/** Whether the compact record gives `f` back exactly (else it goes to the extras as JSON). */
function compact(f: PiiFinding, text: string): boolean {
  const { start, end, confidence } = f;
  return (
    TYPE_INDEX.get(f.type) !== undefined && Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start && end <= text.length &&
    f.text.length === end - start && text.startsWith(f.text, start) && Number.isFinite(confidence) && !Object.is(confidence, -0)
  );
}

/**
 * The blocks of one batch of documents, encoded into one scratch buffer; `take` copies them out into an
 * ArrayBuffer of their own (transferable to the main thread) and hands each document its view.
 */
export class FindingBlocks {
  private buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private readonly ranges: number[] = [];

  /** Encodes document `doc`'s findings (at least one) in `text`, the text they were found in. Returns its number in the batch. */
  add(doc: number, findings: readonly PiiFinding[], text: string): number {
    const { stored, json } = storedText(text);
    // The extras: rare (none from the project's scanner), so built apart and copied in.
    let explicit: Set<PiiFinding> | null = null;
    const extras: Buffer[] = [];
    for (const f of findings) {
      if (compact(f, text)) continue;
      (explicit ??= new Set()).add(f);
      const one = Buffer.from(JSON.stringify([f.type, f.start, f.end, f.text, f.confidence] satisfies Explicit), 'utf8');
      const length = Buffer.allocUnsafe(4);
      length.writeUInt32LE(one.length);
      extras.push(length, one);
    }
    const extra = explicit ? Buffer.concat(extras) : null;
    this.ensure(HEADER_BYTES + findings.length * RECORD_BYTES + stored.length * 3 + (extra?.length ?? 0));
    const b = this.buf;
    const at = this.used;
    let p = at + HEADER_BYTES;
    for (const f of findings) {
      if (explicit?.has(f)) {
        b.fill(0, p, p + RECORD_BYTES);
        b[p] = EXPLICIT;
      } else {
        b[p] = TYPE_INDEX.get(f.type)!;
        b.writeUInt32LE(f.start, p + 1);
        b.writeUInt32LE(f.end, p + 5);
        b.writeDoubleLE(f.confidence, p + 9);
      }
      p += RECORD_BYTES;
    }
    const textBytes = b.write(stored, p, 'utf8');
    p += textBytes;
    if (extra) p += extra.copy(b, p);
    b.writeUInt32LE(doc, at);
    b.writeUInt32LE(findings.length, at + 4);
    b.writeUInt32LE(json ? (textBytes | JSON_BIT) >>> 0 : textBytes, at + 8);
    b.writeUInt32LE(extra?.length ?? 0, at + 12);
    this.used = p;
    this.ranges.push(at, p);
    return this.ranges.length / 2 - 1;
  }

  private ensure(n: number): void {
    if (this.used + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + n));
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }

  /** The blocks added since the last call, by their numbers; the scratch buffer is reused. */
  take(): Uint8Array[] {
    if (this.ranges.length === 0) return [];
    const out = new Uint8Array(this.buf.buffer.slice(this.buf.byteOffset, this.buf.byteOffset + this.used));
    const views: Uint8Array[] = [];
    for (let k = 0; k < this.ranges.length; k += 2) views.push(out.subarray(this.ranges[k]!, this.ranges[k + 1]!));
    this.used = 0;
    this.ranges.length = 0;
    return views;
  }
}

/** The number of findings in `block`, each added to `byType`. */
export function countFindings(block: Uint8Array, byType: Record<string, number>): number {
  const b = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const count = b.readUInt32LE(4);
  let extra = HEADER_BYTES + count * RECORD_BYTES + ((b.readUInt32LE(8) & ~JSON_BIT) >>> 0);
  for (let k = 0, p = HEADER_BYTES; k < count; k++, p += RECORD_BYTES) {
    let type: string;
    if (b[p] === EXPLICIT) {
      const length = b.readUInt32LE(extra);
      type = (JSON.parse(b.toString('utf8', extra + 4, extra + 4 + length)) as Explicit)[0];
      extra += 4 + length;
    } else {
      type = PII_TYPES[b[p]!]!;
    }
    byType[type] = (byType[type] ?? 0) + 1;
  }
  return count;
}

/** The records of a findings file, in order, read in blocks (memory bounded by the largest document). */
export function* readFindingsFile(path: string): Generator<FindingRecord> {
  const r = new ByteReader(path);
  try {
    while (r.have(HEADER_BYTES)) {
      const head = r.buf;
      const doc = head.readUInt32LE(r.pos);
      const count = head.readUInt32LE(r.pos + 4);
      const textWord = head.readUInt32LE(r.pos + 8);
      const textBytes = (textWord & ~JSON_BIT) >>> 0;
      const size = HEADER_BYTES + count * RECORD_BYTES + textBytes + head.readUInt32LE(r.pos + 12);
      if (!r.have(size)) throw new Error('The findings file is truncated.');
      const b = r.buf;
      const at = r.pos;
      r.pos += size;
      const textAt = at + HEADER_BYTES + count * RECORD_BYTES;
      const text = readText(b, textAt, textWord);
      let extra = textAt + textBytes;
      for (let k = 0, p = at + HEADER_BYTES; k < count; k++, p += RECORD_BYTES) {
        if (b[p] === EXPLICIT) {
          const length = b.readUInt32LE(extra);
          const [type, start, end, found, confidence] = JSON.parse(b.toString('utf8', extra + 4, extra + 4 + length)) as Explicit;
          extra += 4 + length;
          yield { doc, type, start, end, text: found, context: contextOf(text, start, end), confidence };
        } else {
          const start = b.readUInt32LE(p + 1);
          const end = b.readUInt32LE(p + 5);
          yield { doc, type: PII_TYPES[b[p]!]!, start, end, text: text.slice(start, end), context: contextOf(text, start, end), confidence: b.readDoubleLE(p + 9) };
        }
      }
    }
    if (r.rest > 0) throw new Error('The findings file is truncated.');
  } finally {
    r.close();
  }
}
