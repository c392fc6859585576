// Boilerplate lines: letterheads, footers and disclaimers that repeat across many documents.
// Pass 1 counts, for each distinct line of each document, in how many documents it occurs — in a
// count-min sketch (fixed memory whatever the corpus size; counts can only be over-estimated, and
// four hash rows make a wrong removal vanishingly rare). Pass 2 removes the lines whose count
// reaches the threshold.
import { CodeUnits } from '../code-units';
import { hashUnitsTwice } from './hash';

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
  /**
   * False when one thread alone counts into the memory (an import without worker threads): counters are then
   * bumped with plain reads and writes, about three times cheaper than compare-exchange. Absent: true.
   */
  concurrent?: boolean;
}

export class BoilerplateDetector {
  private readonly counts: Uint16Array; // [ROWS, 2^WIDTH_BITS] saturating counters, in shared memory
  private readonly docCount: Int32Array; // [1], in the same shared memory
  /** `concurrent`: see SharedBoilerplate (false only when no other thread will count into this memory). */
  constructor(
    private readonly options: BoilerplateOptions = DEFAULT_BOILERPLATE,
    shared?: SharedBoilerplate,
    private readonly concurrent = shared?.concurrent ?? true,
  ) {
    const memory = shared?.memory ?? new SharedArrayBuffer(MEMORY_BYTES);
    this.counts = new Uint16Array(memory, 0, COUNTERS);
    this.docCount = new Int32Array(memory, COUNTERS * 2, 1);
  }

  /** The state to hand to worker threads: they count into it (pass 1) and strip with it (pass 2). */
  share(): SharedBoilerplate {
    return { options: this.options, memory: this.counts.buffer as SharedArrayBuffer, concurrent: this.concurrent };
  }

  static fromShared(shared: SharedBoilerplate): BoilerplateDetector {
    return new BoilerplateDetector(shared.options, shared);
  }

  /** Documents added so far, by every thread. */
  get docs(): number {
    return Atomics.load(this.docCount, 0);
  }

  /**
   * Whether the estimated count of text.slice(start, end) (the least of its counters, one per row) reaches
   * `threshold`, without the slice: rows are read until one falls short, which for most lines is the first (each
   * read is likely a cache miss in the 32 MB of counters).
   */
  private reaches(units: Uint16Array, start: number, end: number, threshold: number): boolean {
    const pair = hashUnitsTwice(units, start, end, 0x811c9dc5, 0x9747b28c); // hashString's default seed, and bump's second
    const h1 = pair[0]!;
    const h2 = pair[1]! | 1;
    for (let r = 0; r < ROWS; r++) if (this.counts[(r << WIDTH_BITS) | ((h1 + Math.imul(r, h2)) & MASK)]! < threshold) return false;
    return true;
  }

  /**
   * Pass 1: records one document (each distinct candidate line counted once). Safe to call from several threads at
   * once on the same shared memory.
   */
  add(text: string): void {
    Atomics.add(this.docCount, 0, 1);
    const { minLineChars, maxLineChars } = this.options;
    const seen = this.seen;
    seen.clear();
    const units = this.units.of(text);
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const n = end - start;
      if (n >= minLineChars && n <= maxLineChars) {
        const pair = hashUnitsTwice(units, start, end, 0x811c9dc5, 0x9747b28c); // as reaches()
        const h1 = pair[0]!;
        const h2 = pair[1]!;
        if (seen.addIfNew(text, start, end, h1, h2)) this.bump(h1, h2 | 1);
      }
      start = end + 1;
    }
  }

  /** The candidate lines of the document being added (a line repeated inside one document counts once). */
  private readonly seen = new LineSet();
  /** The code units of the document being added or stripped (see code-units.ts). */
  private readonly units = new CodeUnits();

  /**
   * Adds one to the counter of the line hashed (h1, h2) in each row, saturating at 0xffff (compare-exchange:
   * another thread may bump the same counter).
   */
  private bump(h1: number, h2: number): void {
    const counts = this.counts;
    for (let r = 0; r < ROWS; r++) {
      const i = (r << WIDTH_BITS) | ((h1 + Math.imul(r, h2)) & MASK);
      if (!this.concurrent) {
        const v = counts[i]!;
        if (v < 0xffff) counts[i] = v + 1;
        continue;
      }
      for (let v = counts[i]!; v < 0xffff; ) {
        const was = Atomics.compareExchange(counts, i, v, v + 1);
        if (was === v) break;
        v = was;
      }
    }
  }

  get threshold(): number {
    return Math.max(this.options.minDocuments, Math.ceil(this.options.minFraction * this.docs));
  }

  /**
   * Pass 2: the text without its boilerplate lines, and how many lines were removed — kept lines joined with "\n",
   * runs of blank lines left behind made one, trimmed. One pass over the lines: most texts have no boilerplate line
   * and come back as they are; the others are built from the stretches of kept lines between the removed ones.
   */
  strip(text: string): { text: string; removed: number } {
    const threshold = this.threshold;
    if (this.docs < threshold) return { text, removed: 0 };
    const { minLineChars, maxLineChars } = this.options;
    let removed = 0;
    let out = ''; // the stretches of kept lines before the current one, joined with "\n"
    let stretches = 0;
    let keptFrom = 0; // start of the current stretch of kept lines
    const units = this.units.of(text);
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const n = end - start;
      if (n >= minLineChars && n <= maxLineChars && this.reaches(units, start, end, threshold)) {
        removed++;
        if (start > keptFrom) out += (stretches++ > 0 ? '\n' : '') + text.slice(keptFrom, start - 1);
        keptFrom = end + 1;
      }
      start = end + 1;
    }
    if (removed === 0) return { text, removed };
    if (keptFrom <= text.length) out += (stretches > 0 ? '\n' : '') + text.slice(keptFrom);
    return { text: out.replace(/\n{3,}/g, '\n\n').trim(), removed };
  }
}

/**
 * The distinct lines of one document, as ranges of its text: an open-addressing table keyed by the line's hash
 * pair, a match confirmed by comparing the characters (so distinct lines are never merged), without a string per
 * line. Reused from document to document; grows for a document with many lines.
 */
const LINE_SET_SLOTS = 64;

class LineSet {
  private keys = new Int32Array(LINE_SET_SLOTS); // [slot] h1 of the line, where used
  private seconds = new Int32Array(LINE_SET_SLOTS); // [slot] h2
  private starts = new Int32Array(LINE_SET_SLOTS).fill(-1); // [slot] start of the line in the text, -1 for an empty slot
  private ends = new Int32Array(LINE_SET_SLOTS);
  private size = 0;

  clear(): void {
    if (this.starts.length > 16 * LINE_SET_SLOTS) {
      // Grown for a document with many lines: back to the usual size rather than cleared at this size each time.
      this.keys = new Int32Array(LINE_SET_SLOTS);
      this.seconds = new Int32Array(LINE_SET_SLOTS);
      this.starts = new Int32Array(LINE_SET_SLOTS).fill(-1);
      this.ends = new Int32Array(LINE_SET_SLOTS);
    } else if (this.size > 0) this.starts.fill(-1);
    this.size = 0;
  }

  /** Adds text.slice(start, end) (hashed h1, h2); false when the document already had that line. */
  addIfNew(text: string, start: number, end: number, h1: number, h2: number): boolean {
    if ((this.size + 1) * 2 > this.starts.length) this.grow();
    const mask = this.starts.length - 1;
    let i = h1 & mask;
    for (let s = this.starts[i]!; s !== -1; i = (i + 1) & mask, s = this.starts[i]!) {
      if (this.keys[i] === (h1 | 0) && this.seconds[i] === (h2 | 0) && sameRange(text, s, this.ends[i]!, start, end)) return false;
    }
    this.keys[i] = h1;
    this.seconds[i] = h2;
    this.starts[i] = start;
    this.ends[i] = end;
    this.size++;
    return true;
  }

  private grow(): void {
    const { keys, seconds, starts, ends } = this;
    const size = starts.length * 2;
    this.keys = new Int32Array(size);
    this.seconds = new Int32Array(size);
    this.starts = new Int32Array(size).fill(-1);
    this.ends = new Int32Array(size);
    this.size = 0;
    const mask = size - 1;
    for (let j = 0; j < starts.length; j++) {
      if (starts[j] === -1) continue;
      let i = keys[j]! & mask;
      while (this.starts[i] !== -1) i = (i + 1) & mask;
      this.keys[i] = keys[j]!;
      this.seconds[i] = seconds[j]!;
      this.starts[i] = starts[j]!;
      this.ends[i] = ends[j]!;
      this.size++;
    }
  }
}

/** Whether text.slice(a, aEnd) === text.slice(b, bEnd). */
function sameRange(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let k = 0; k < aEnd - a; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}
