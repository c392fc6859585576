// Task metrics of a fine-tuned classifier, computed from gold and predicted labels: accuracy and macro-F1
// for sequence classification, entity-level precision/recall/F1 for token classification (BIO tags,
// scored as seqeval's default mode: an entity is a maximal B-X I-X… span, a stray I-X opens one, and it
// counts as correct only when type, start and end all match), and the majority-class baseline beside
// each, so a number can be read against "always answer the most common label".

export interface ClassificationReport {
  readonly examples: number;
  readonly accuracy: number;
  /** Unweighted mean of the per-label F1 over every label seen in gold or predictions. */
  readonly macro_f1: number;
  readonly per_label: Readonly<Record<string, { precision: number; recall: number; f1: number; support: number }>>;
  readonly majority_baseline: { readonly label: string; readonly accuracy: number; readonly macro_f1: number };
}

export interface EntityReport {
  readonly sentences: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Token accuracy over all tags (O included), as seqeval's accuracy_score. */
  readonly token_accuracy: number;
  readonly per_type: Readonly<Record<string, { precision: number; recall: number; f1: number; support: number }>>;
  /** Tagging every token "O": no entities found, F1 0; its token accuracy is the share of O tags. */
  readonly majority_baseline: { readonly label: 'O'; readonly token_accuracy: number; readonly f1: number };
}

const f1Of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

function lengthsMatch(gold: readonly unknown[], predicted: readonly unknown[], what: string): void {
  if (gold.length !== predicted.length) throw new RangeError(`${what}: ${gold.length} gold against ${predicted.length} predicted`);
}

export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  lengthsMatch(gold, predicted, 'accuracy');
  return ratio(gold.reduce((n, g, i) => n + (g === predicted[i] ? 1 : 0), 0), gold.length);
}

function perLabel(gold: readonly string[], predicted: readonly string[]): Record<string, { precision: number; recall: number; f1: number; support: number }> {
  const labels = [...new Set([...gold, ...predicted])].sort();
  const out: Record<string, { precision: number; recall: number; f1: number; support: number }> = {};
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === label && g === label) tp += 1;
      else if (p === label) fp += 1;
      else if (g === label) fn += 1;
    });
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    out[label] = { precision, recall, f1: f1Of(precision, recall), support: tp + fn };
  }
  return out;
}

export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  lengthsMatch(gold, predicted, 'macro-F1');
  const scores = Object.values(perLabel(gold, predicted));
  return ratio(scores.reduce((s, x) => s + x.f1, 0), scores.length);
}

/** The most frequent gold label (ties: the alphabetically first). */
export function majorityLabel(gold: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const g of gold) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
}

export function classificationReport(gold: readonly string[], predicted: readonly string[]): ClassificationReport {
  lengthsMatch(gold, predicted, 'classification');
  const majority = majorityLabel(gold);
  const constant = gold.map(() => majority);
  // The baseline's macro-F1 averages over the gold labels (a constant answer never predicts the others).
  const baseline = perLabel(gold, constant);
  return {
    examples: gold.length,
    accuracy: accuracy(gold, predicted),
    macro_f1: macroF1(gold, predicted),
    per_label: perLabel(gold, predicted),
    majority_baseline: { label: majority, accuracy: accuracy(gold, constant), macro_f1: ratio(Object.values(baseline).reduce((s, x) => s + x.f1, 0), Object.keys(baseline).length) },
  };
}

export interface Entity {
  readonly type: string;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/** Entities of one BIO tag sequence (seqeval default mode; also accepts IOB1-style stray I- tags). */
export function entitiesOf(tags: readonly string[]): Entity[] {
  const out: Entity[] = [];
  let current: { type: string; start: number } | null = null;
  const close = (end: number) => {
    if (current) out.push({ type: current.type, start: current.start, end });
    current = null;
  };
  tags.forEach((tag, i) => {
    const m = /^([BIES])-(.+)$/.exec(tag);
    if (tag === 'O' || m === null) {
      if (tag !== 'O') throw new RangeError(`Tag ${JSON.stringify(tag)} at position ${i} is not O, B-TYPE or I-TYPE`);
      close(i);
      return;
    }
    const [, prefix, type] = m as unknown as [string, string, string];
    const c = current as { type: string; start: number } | null;
    if (prefix === 'B' || prefix === 'S' || c === null || c.type !== type) {
      close(i);
      current = { type, start: i };
    }
    if (prefix === 'S' || prefix === 'E') close(i + 1);
  });
  close(tags.length);
  return out;
}

export function entityReport(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): EntityReport {
  lengthsMatch(gold, predicted, 'entity F1 (sentences)');
  const tp = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const predCount = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let tokens = 0;
  let tokenHits = 0;
  let oTags = 0;
  gold.forEach((g, s) => {
    const p = predicted[s] as readonly string[];
    lengthsMatch(g, p, `entity F1 (sentence ${s + 1} tags)`);
    tokens += g.length;
    g.forEach((tag, i) => {
      if (tag === p[i]) tokenHits += 1;
      if (tag === 'O') oTags += 1;
    });
    const ge = entitiesOf(g);
    const pe = entitiesOf(p);
    const key = (e: Entity) => `${e.type}\u0000${e.start}\u0000${e.end}`;
    const goldKeys = new Set(ge.map(key));
    for (const e of ge) bump(goldCount, e.type);
    for (const e of pe) {
      bump(predCount, e.type);
      if (goldKeys.has(key(e))) bump(tp, e.type);
    }
  });
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const precision = ratio(sum(tp), sum(predCount));
  const recall = ratio(sum(tp), sum(goldCount));
  const per_type: Record<string, { precision: number; recall: number; f1: number; support: number }> = {};
  for (const type of [...new Set([...goldCount.keys(), ...predCount.keys()])].sort()) {
    const p = ratio(tp.get(type) ?? 0, predCount.get(type) ?? 0);
    const r = ratio(tp.get(type) ?? 0, goldCount.get(type) ?? 0);
    per_type[type] = { precision: p, recall: r, f1: f1Of(p, r), support: goldCount.get(type) ?? 0 };
  }
  return {
    sentences: gold.length,
    precision,
    recall,
    f1: f1Of(precision, recall),
    token_accuracy: ratio(tokenHits, tokens),
    per_type,
    majority_baseline: { label: 'O', token_accuracy: ratio(oTags, tokens), f1: 0 },
  };
}
