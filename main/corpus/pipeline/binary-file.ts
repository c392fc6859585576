// Synchronous, buffered byte files for an import's internal files (staging, kept documents, findings):
// a writer that appends in 1 MiB writes and a reader that keeps at least the next `n` bytes
// in memory, both in bounded memory whatever the file's size (a local temporary file: synchronous I/O
// costs less than streams and promises per record). Texts are stored as UTF-8 when well-formed and as
// their JSON string otherwise (a lone surrogate, which UTF-8 cannot carry), flagged by bit 31 of the
// length word, so that every text comes back exactly.
import { closeSync, openSync, readSync } from 'node:fs';
import { writeAllSync } from '../../platform/atomic';

const CHUNK_BYTES = 1 << 20;
/** In a text's length word: the bytes are the text's JSON string. */
export const JSON_BIT = 0x80000000;

const wellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** The form a text is stored in: itself, or its JSON string (`json`: set JSON_BIT in its length word). */
export function storedText(text: string): { stored: string; json: boolean } {
  return wellFormed(text) ? { stored: text, json: false } : { stored: JSON.stringify(text), json: true };
}

/** The text stored at buf[from, from + (word without JSON_BIT)). */
export function readText(buf: Buffer, from: number, word: number): string {
  const s = buf.toString('utf8', from, from + ((word & ~JSON_BIT) >>> 0));
  return (word & JSON_BIT) !== 0 ? (JSON.parse(s) as string) : s;
}

/** Appends to a new file; `close` writes what is buffered. */
export class ByteWriter {
  private readonly fd: number;
  /** Where the caller writes: `reserve(n)` makes room for n bytes at `used`. */
  readonly buf = Buffer.allocUnsafe(CHUNK_BYTES);
  used = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Room for `n` bytes at `used` (flushing first if needed); false when `n` exceeds the buffer (use `bytes`). */
  reserve(n: number): boolean {
    if (this.used + n > this.buf.length) this.flush();
    return n <= this.buf.length;
  }

  /** Appends `b` (copied, or written as it is when larger than the buffer). */
  bytes(b: Uint8Array): void {
    if (this.reserve(b.length)) {
      this.buf.set(b, this.used);
      this.used += b.length;
    } else {
      writeAllSync(this.fd, b);
    }
  }

  flush(): void {
    if (this.used === 0) return;
    writeAllSync(this.fd, this.buf.subarray(0, this.used));
    this.used = 0;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes without caring about the content (on failure paths). */
  destroy(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

/**
 * Reads a file front to back: `have(n)` keeps buf[pos, pos + n) in memory; the caller advances `pos`. With `keep`
 * set (≤ pos), the bytes from `keep` on stay in `buf` too (shifted with `pos` when the buffer is refilled): a caller
 * that copies out several records at once marks where they start.
 */
export class ByteReader {
  private readonly fd: number;
  buf = Buffer.allocUnsafe(CHUNK_BYTES);
  pos = 0;
  keep = -1;
  private end = 0;
  private eof = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  /** At least `n` bytes from `pos` are in `buf` (false at the end of the file). Moves what is kept to the front. */
  have(n: number): boolean {
    if (this.end - this.pos >= n) return true;
    if (this.eof) return false;
    const from = this.keep >= 0 ? this.keep : this.pos;
    const need = this.pos - from + n;
    const target = need > this.buf.length ? Buffer.allocUnsafe(Math.max(need, this.buf.length * 2)) : this.buf;
    this.buf.copy(target, 0, from, this.end);
    this.buf = target;
    this.end -= from;
    this.pos -= from;
    if (this.keep >= 0) this.keep = 0;
    while (this.end - this.pos < n && !this.eof) {
      const got = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, null);
      if (got === 0) this.eof = true;
      this.end += got;
    }
    return this.end - this.pos >= n;
  }

  /** Bytes read but not yet taken (at the end of the file: a truncated record). */
  get rest(): number {
    return this.end - this.pos;
  }

  close(): void {
    closeSync(this.fd);
  }
}
