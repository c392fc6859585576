// JSON Lines files for the pipeline's own intermediate and final files: a buffered writer that
// respects stream back-pressure (bounded memory however many documents pass), an async reader, and
// a synchronous reader for callers that must stay inside one synchronous SQLite transaction.
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, readSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** Bytes buffered before they are handed to the stream. */
const CHUNK_BYTES = 1 << 20;

export class JsonlWriter {
  private readonly stream: WriteStream;
  // Lines are encoded straight into a buffer (no joined string, no second copy when the stream encodes it); a full
  // buffer goes to the stream as it is and a new one takes its place.
  private buffer = Buffer.allocUnsafe(2 * CHUNK_BYTES);
  private used = 0;
  lines = 0;

  /**
   * `durable`: close() also fsyncs the file (for files that outlive the import); an intermediate file that is read
   * back and deleted by the same import or job needs no flush to the disk.
   */
  constructor(
    readonly path: string,
    private readonly durable = true,
  ) {
    this.stream = createWriteStream(path);
  }

  /**
   * Buffers one value as a line. Returns a promise only when the buffer was handed to the stream and the
   * caller must wait for it to drain (`const p = w.write(v); if (p) await p;` keeps the common case free of
   * promise allocations).
   */
  write(value: unknown): Promise<void> | undefined {
    return this.writeLine(JSON.stringify(value));
  }

  /** Like `write`, for a line already serialized as JSON (no newline). */
  writeLine(json: string): Promise<void> | undefined {
    this.lines++;
    return this.append(json, true);
  }

  private append(text: string, newline: boolean): Promise<void> | undefined {
    const most = text.length * 3 + 1; // UTF-8 bytes of a UTF-16 code unit: at most 3
    let drain: Promise<void> | undefined;
    if (this.used + most > this.buffer.length) {
      drain = this.flush();
      // Larger than a buffer (a very long document): handed to the stream as a string.
      if (most > this.buffer.length) return this.send(newline ? `${text}\n` : text) ?? drain;
    }
    this.used += this.buffer.write(text, this.used);
    if (newline) this.buffer[this.used++] = 10;
    return this.used >= CHUNK_BYTES ? this.flush() : drain;
  }

  /** Hands the buffered bytes to the stream; a promise when the caller must wait for it to drain. */
  private flush(): Promise<void> | undefined {
    if (this.used === 0) return undefined;
    const full = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.used = 0;
    return this.send(full);
  }

  private send(chunk: Buffer | string): Promise<void> | undefined {
    if (this.stream.write(chunk)) return undefined;
    return once(this.stream, 'drain').then(() => undefined);
  }

  /** Flushes, fsyncs (when durable) and closes: the file is complete (on disk, when durable) when this resolves. */
  async close(): Promise<void> {
    const drain = this.flush();
    if (drain) await drain;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    if (!this.durable) return;
    const fd = openSync(this.path, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Closes without caring about the content (on failure paths). The stream may still be opening its file, which
   * the caller may be about to remove with its folder: a failure to open is of no interest then either.
   */
  destroy(): void {
    this.stream.on('error', () => undefined);
    this.stream.destroy();
  }
}

/**
 * Reads a JSON Lines file written by JsonlWriter (a newline only ever ends a line: JSON escapes the ones in
 * strings), in large chunks split with indexOf rather than through readline. Empty lines are skipped.
 */
export async function* readJsonl<T>(path: string, chunkBytes = 1 << 20): AsyncGenerator<T> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) {
    const text = rest + decoder.decode(chunk as Buffer, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (nl > start) yield JSON.parse(text.slice(start, nl)) as T;
      start = nl + 1;
    }
    rest = start === 0 ? text : text.slice(start);
  }
  rest += decoder.decode();
  if (rest !== '') yield JSON.parse(rest) as T;
}

/** Synchronous line reader (1 MiB reads), for use inside a synchronous transaction. */
export function* readJsonlSync<T>(path: string): Generator<T> {
  for (const line of readLinesSync(path)) yield JSON.parse(line) as T;
}

/** The non-empty lines of a UTF-8 file, read synchronously in 1 MiB blocks (bounded memory whatever its size). */
export function* readLinesSync(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    const decoder = new TextDecoder('utf-8');
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      const text = rest + decoder.decode(buf.subarray(0, n), { stream: n > 0 });
      let from = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
        if (nl > from) yield text.slice(from, nl);
        from = nl + 1;
      }
      rest = text.slice(from);
      if (n === 0) break;
    }
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}
