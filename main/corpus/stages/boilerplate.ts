// Boilerplate lines: letterheads, footers and disclaimers that repeat across many documents.
// Pass 1 counts, for each distinct line of each document, in how many documents it occurs — in a
// count-min sketch (fixed memory whatever the corpus size; counts can only be over-estimated, and
// four hash rows make a wrong removal vanishingly rare). Pass 2 removes the lines whose count
// reaches the threshold.
import { hashString } from './hash';

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

/** What a worker thread needs to strip boilerplate: the counters (shared memory, not copied) and the document count. */
export interface SharedBoilerplate {
  options: BoilerplateOptions;
  counts: SharedArrayBuffer;
  docs: number;
}

export class BoilerplateDetector {
  private readonly counts: Uint16Array; // [ROWS, 2^WIDTH_BITS] saturating counters, in shared memory
  private docs = 0;
  constructor(
    private readonly options: BoilerplateOptions = DEFAULT_BOILERPLATE,
    shared?: SharedBoilerplate,
  ) {
    this.counts = new Uint16Array(shared?.counts ?? new SharedArrayBuffer((ROWS << WIDTH_BITS) * 2));
    this.docs = shared?.docs ?? 0;
  }

  /** The state to hand to worker threads (after pass 1). */
  share(): SharedBoilerplate {
    return { options: this.options, counts: this.counts.buffer as SharedArrayBuffer, docs: this.docs };
  }

  static fromShared(shared: SharedBoilerplate): BoilerplateDetector {
    return new BoilerplateDetector(shared.options, shared);
  }

  private candidate(line: string): boolean {
    const n = line.length;
    return n >= this.options.minLineChars && n <= this.options.maxLineChars;
  }

  private estimate(line: string): number {
    const h1 = hashString(line);
    const h2 = hashString(line, 0x9747b28c) | 1;
    let min = 0xffff;
    for (let r = 0; r < ROWS; r++) {
      const v = this.counts[(r << WIDTH_BITS) | ((h1 + Math.imul(r, h2)) & MASK)]!;
      if (v < min) min = v;
    }
    return min;
  }

  /** Pass 1: records one document (each distinct line counted once). */
  add(text: string): void {
    this.docs++;
    const seen = new Set<string>();
    for (const line of text.split('\n')) {
      if (!this.candidate(line) || seen.has(line)) continue;
      seen.add(line);
      const h1 = hashString(line);
      const h2 = hashString(line, 0x9747b28c) | 1;
      for (let r = 0; r < ROWS; r++) {
        const i = (r << WIDTH_BITS) | ((h1 + Math.imul(r, h2)) & MASK);
        if (this.counts[i]! < 0xffff) this.counts[i]!++;
      }
    }
  }

  get threshold(): number {
    return Math.max(this.options.minDocuments, Math.ceil(this.options.minFraction * this.docs));
  }

  /** Pass 2: the text without its boilerplate lines, and how many lines were removed. */
  strip(text: string): { text: string; removed: number } {
    const threshold = this.threshold;
    if (this.docs < threshold) return { text, removed: 0 };
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
