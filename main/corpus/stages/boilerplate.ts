// Boilerplate lines: letterheads, footers and disclaimers that repeat across many documents.
// Pass 1 counts, for each distinct line of each document, in how many documents it occurs — in a
// count-min sketch (fixed memory whatever the corpus size; counts can only be over-estimated, and
// four hash rows make a wrong removal vanishingly rare). Pass 2 removes the lines whose count
// reaches the threshold.
import { hashRangeTwice } from './hash';

export interface BoilerplateOptions {
  /** A line must occur in at least this many documents… */
  minDocuments: number;
  /** …and in at least this share of all documents. */
  minFraction: number;
  /** Shorter lines (section headings such as "Plan:") are never treated as boilerplate. */
  minLineChars: number;
  /** Longer lines are content, not letterheads. */
  maxLineChars: number;
}

export const DEFAULT_BOILERPLATE: BoilerplateOptions = { minDocuments: 5, minFraction: 0.05, minLineChars: 20, maxLineChars: 200 };

const ROWS = 4;
const WIDTH_BITS = 22;
const MASK = (1 << WIDTH_BITS) - 1;
const COUNTERS = ROWS << WIDTH_BITS;
/** Shared memory: COUNTERS uint16 counters, then the int32 count of documents added. */
const MEMORY_BYTES = COUNTERS * 2 + 4;

/**
 * What a worker thread needs to count or strip boilerplate: the counters and the document count, in shared memory
 * (not copied). Threads may add documents at the same time (pass 1 on worker threads): counters are bumped with
 * atomic compare-exchange, so the final counts (saturating sums) do not depend on the order.
 */
export interface SharedBoilerplate {
  options: BoilerplateOptions;
  memory: SharedArrayBuffer;
}

export class BoilerplateDetector {
  private readonly counts: Uint16Array; // [ROWS, 2^WIDTH_BITS] saturating counters, in shared memory
  private readonly docCount: Int32Array; // [1], in the same shared memory
  constructor(
    private readonly options: BoilerplateOptions = DEFAULT_BOILERPLATE,
    shared?: SharedBoilerplate,
  ) {
    const memory = shared?.memory ?? new SharedArrayBuffer(MEMORY_BYTES);
    this.counts = new Uint16Array(memory, 0, COUNTERS);
    this.docCount = new Int32Array(memory, COUNTERS * 2, 1);
  }

  /** The state to hand to worker threads: they count into it (pass 1) and strip with it (pass 2). */
  share(): SharedBoilerplate {
    return { options: this.options, memory: this.counts.buffer as SharedArrayBuffer };
  }

  static fromShared(shared: SharedBoilerplate): BoilerplateDetector {
    return new BoilerplateDetector(shared.options, shared);
  }

  /** Documents added so far, by every thread. */
  get docs(): number {
    return Atomics.load(this.docCount, 0);
  }

  private candidate(line: string): boolean {
    const n = line.length;
    return n >= this.options.minLineChars && n <= this.options.maxLineChars;
  }

  private estimate(line: string): number {
    return this.estimateRange(line, 0, line.length);
  }

  /** estimate(text.slice(start, end)), without the slice. */
  private estimateRange(text: string, start: number, end: number): number {
    const pair = hashRangeTwice(text, start, end, 0x811c9dc5, 0x9747b28c); // hashString's default seed, and bump's second
    const h1 = pair[0]!;
    const h2 = pair[1]! | 1;
    let min = 0xffff;
    for (let r = 0; r < ROWS; r++) {
      const v = this.counts[(r << WIDTH_BITS) | ((h1 + Math.imul(r, h2)) & MASK)]!;
      if (v < min) min = v;
    }
    return min;
  }

  /**
   * Pass 1: records one document (each distinct candidate line counted once). Safe to call from several threads at
   * once on the same shared memory.
   */
  add(text: string): void {
    Atomics.add(this.docCount, 0, 1);
    const { minLineChars, maxLineChars } = this.options;
    let seen: Set<string> | null = null;
    let first: string | null = null; // the first candidate line: most documents have few, so no Set for one
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const n = end - start;
      if (n >= minLineChars && n <= maxLineChars) {
        const line = text.slice(start, end);
        if (first === null) first = line;
        else {
          if (line === first) {
            start = end + 1;
            continue;
          }
          seen ??= new Set([first]);
          if (seen.has(line)) {
            start = end + 1;
            continue;
          }
          seen.add(line);
        }
        this.bump(text, start, end);
      }
      start = end + 1;
    }
  }

  /**
   * Adds one to the counter of text.slice(start, end) in each row, saturating at 0xffff (compare-exchange: another
   * thread may bump the same counter).
   */
  private bump(text: string, start: number, end: number): void {
    const counts = this.counts;
    const pair = hashRangeTwice(text, start, end, 0x811c9dc5, 0x9747b28c); // as estimateRange
    const h1 = pair[0]!;
    const h2 = pair[1]! | 1;
    for (let r = 0; r < ROWS; r++) {
      const i = (r << WIDTH_BITS) | ((h1 + Math.imul(r, h2)) & MASK);
      for (let v = counts[i]!; v < 0xffff; ) {
        const was = Atomics.compareExchange(counts, i, v, v + 1);
        if (was === v) break;
        v = was;
      }
    }
  }

  /** Whether a line of `text` would be stripped (a candidate whose estimated count reaches `threshold`). */
  private hasBoilerplateLine(text: string, threshold: number): boolean {
    const { minLineChars, maxLineChars } = this.options;
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const n = end - start;
      if (n >= minLineChars && n <= maxLineChars && this.estimateRange(text, start, end) >= threshold) return true;
      start = end + 1;
    }
    return false;
  }

  get threshold(): number {
    return Math.max(this.options.minDocuments, Math.ceil(this.options.minFraction * this.docs));
  }

  /** Pass 2: the text without its boilerplate lines, and how many lines were removed. */
  strip(text: string): { text: string; removed: number } {
    const threshold = this.threshold;
    if (this.docs < threshold) return { text, removed: 0 };
    // Most texts have no boilerplate line: find that out from the text itself (no line strings), then split only
    // the texts that have one.
    if (!this.hasBoilerplateLine(text, threshold)) return { text, removed: 0 };
    const lines = text.split('\n');
    const kept: string[] = [];
    let removed = 0;
    for (const line of lines) {
      if (this.candidate(line) && this.estimate(line) >= threshold) removed++;
      else kept.push(line);
    }
    if (removed === 0) return { text, removed };
    return { text: kept.join('\n').replace(/\n{3,}/g, '\n\n').trim(), removed };
  }
}
