// The merge loop shared by the WordPiece and byte-level BPE trainers: words (symbol-id sequences with
// a count) are merged pair by pair until the vocabulary is full. Pair counts and the words holding each
// pair are kept incrementally, so one merge costs the words it touches plus one scan of the live pairs.
// The scan picks the best pair by a score — plain frequency (BPE) or the WordPiece likelihood score
// count(ab) / (count(a) · count(b)) — with ties broken by count, then by the smaller symbol ids, so the
// result is the same on every run.

export type MergeScore = 'frequency' | 'wordpiece';

export interface MergeInput {
  /** Unique words as symbol ids, each with how often it occurs. */
  words: Int32Array[];
  counts: number[];
  /** The strings of the initial symbols (ids 0..n-1). */
  symbols: string[];
  /** Stop when this many symbols exist (initial + merged). */
  targetSymbols: number;
  /** A pair is merged only if it occurs at least this often. */
  minFrequency: number;
  score: MergeScore;
  /** The string of the merged symbol (e.g. WordPiece drops the second part's "##"). */
  join(a: string, b: string): string;
}

export interface MergeResult {
  /** Every symbol: the initial ones, then one per merge, in merge order. */
  symbols: string[];
  /** The merges in order, as pairs of symbol strings. */
  merges: [string, string][];
}

const SHIFT = 0x100000; // 2^20 symbols at most; a pair key a·2^20 + b stays an exact double

export function learnMerges(input: MergeInput): MergeResult {
  const symbols = [...input.symbols];
  const merges: [string, string][] = [];
  const byString = new Map<string, number>(symbols.map((s, i) => [s, i]));
  const { words, counts } = input;
  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>();
  let unitCount = new Float64Array(Math.max(16, symbols.length * 2));

  const addWord = (w: number, sign: 1 | -1): void => {
    const word = words[w]!;
    const c = counts[w]! * sign;
    for (let i = 0; i < word.length; i++) {
      const symbol = word[i]!;
      unitCount[symbol] = unitCount[symbol]! + c;
      if (i + 1 === word.length) break;
      const key = word[i]! * SHIFT + word[i + 1]!;
      const next = (pairCount.get(key) ?? 0) + c;
      if (next <= 0) pairCount.delete(key);
      else pairCount.set(key, next);
      if (heap !== null && next > 0) heap.push(next, key);
      if (sign > 0) {
        let set = pairWords.get(key);
        if (set === undefined) pairWords.set(key, (set = new Set()));
        set.add(w);
      }
    }
  };
  // Frequency: a lazy max-heap of (count, key) entries; stale entries are skipped when popped.
  const heap = input.score === 'frequency' ? new PairHeap() : null;
  for (let w = 0; w < words.length; w++) addWord(w, 1);

  while (symbols.length < input.targetSymbols) {
    let bestKey = -1;
    let bestScore = -Infinity;
    let bestCount = 0;
    if (heap !== null) {
      for (;;) {
        const top = heap.pop();
        if (top === null) break;
        if (pairCount.get(top.key) !== top.count) continue;
        if (top.count >= input.minFrequency) bestKey = top.key;
        break;
      }
    }
    if (heap === null) for (const [key, count] of pairCount) {
      if (count < input.minFrequency) continue;
      let score = count;
      if (input.score === 'wordpiece') {
        const a = Math.floor(key / SHIFT);
        score = count / (unitCount[a]! * unitCount[key - a * SHIFT]!);
      }
      if (score > bestScore || (score === bestScore && (count > bestCount || (count === bestCount && key < bestKey)))) {
        bestKey = key;
        bestScore = score;
        bestCount = count;
      }
    }
    if (bestKey < 0) break; // nothing frequent enough is left
    const a = Math.floor(bestKey / SHIFT);
    const b = bestKey - a * SHIFT;
    const merged = input.join(symbols[a]!, symbols[b]!);
    let id = byString.get(merged);
    if (id === undefined) {
      id = symbols.length;
      symbols.push(merged);
      byString.set(merged, id);
      if (id >= unitCount.length) {
        const grown = new Float64Array(unitCount.length * 2);
        grown.set(unitCount);
        unitCount = grown;
      }
    }
    merges.push([symbols[a]!, symbols[b]!]);
    const touched = [...(pairWords.get(bestKey) ?? [])].sort((x, y) => x - y);
    pairWords.delete(bestKey);
    for (const w of touched) {
      const word = words[w]!;
      let has = false;
      for (let i = 0; i + 1 < word.length; i++) if (word[i] === a && word[i + 1] === b) has = true;
      if (!has) continue;
      addWord(w, -1);
      const out: number[] = [];
      for (let i = 0; i < word.length; i++) {
        if (i + 1 < word.length && word[i] === a && word[i + 1] === b) {
          out.push(id);
          i++;
        } else out.push(word[i]!);
      }
      words[w] = Int32Array.from(out);
      addWord(w, 1);
    }
    pairCount.delete(bestKey);
  }
  return { symbols, merges };
}

/** Max-heap of (count, key): larger count first, then smaller key. */
class PairHeap {
  private counts: number[] = [];
  private keys: number[] = [];

  private before(i: number, j: number): boolean {
    const ci = this.counts[i]!;
    const cj = this.counts[j]!;
    return ci > cj || (ci === cj && this.keys[i]! < this.keys[j]!);
  }

  private swap(i: number, j: number): void {
    [this.counts[i], this.counts[j]] = [this.counts[j]!, this.counts[i]!];
    [this.keys[i], this.keys[j]] = [this.keys[j]!, this.keys[i]!];
  }

  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.counts.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { count: number; key: number } | null {
    const n = this.counts.length;
    if (n === 0) return null;
    const top = { count: this.counts[0]!, key: this.keys[0]! };
    const lastCount = this.counts.pop()!;
    const lastKey = this.keys.pop()!;
    if (n > 1) {
      this.counts[0] = lastCount;
      this.keys[0] = lastKey;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < n - 1 && this.before(l, m)) m = l;
        if (r < n - 1 && this.before(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}
