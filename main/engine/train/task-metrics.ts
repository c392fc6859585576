// Classification metrics the task trainer reports: accuracy, macro-F1 over the labels, the class balance
// of a split, and the majority-class baseline the trained model must beat. Plain TypeScript.

export interface ClassificationScores {
  readonly accuracy: number;
  /** Mean of the per-label F1 over labels that occur in the gold or the predictions. */
  readonly macro_f1: number;
  readonly per_label_f1: Readonly<Record<string, number>>;
  readonly count: number;
}

/** Scores of predicted label ids against gold ones (pairs with gold < 0 are ignored). */
export function classificationScores(gold: readonly number[], predicted: readonly number[], labels: readonly string[]): ClassificationScores {
  if (gold.length !== predicted.length) throw new RangeError(`${gold.length} gold labels but ${predicted.length} predictions`);
  const tp = new Array<number>(labels.length).fill(0);
  const fp = new Array<number>(labels.length).fill(0);
  const fn = new Array<number>(labels.length).fill(0);
  let correct = 0;
  let count = 0;
  gold.forEach((g, i) => {
    if (g < 0) return;
    const p = predicted[i] as number;
    count++;
    if (p === g) {
      correct++;
      tp[g] = (tp[g] as number) + 1;
    } else {
      fn[g] = (fn[g] as number) + 1;
      if (p >= 0 && p < labels.length) fp[p] = (fp[p] as number) + 1;
    }
  });
  const perLabel: Record<string, number> = {};
  let sum = 0;
  let present = 0;
  labels.forEach((name, k) => {
    const t = tp[k] as number;
    const support = t + (fn[k] as number) + (fp[k] as number);
    if (support === 0) return;
    const f1 = (2 * t) / (2 * t + (fp[k] as number) + (fn[k] as number));
    perLabel[name] = f1;
    sum += f1;
    present++;
  });
  return { accuracy: count === 0 ? 0 : correct / count, macro_f1: present === 0 ? 0 : sum / present, per_label_f1: perLabel, count };
}

/** How many examples (or tokens) carry each label. */
export function classBalance(labelIds: Iterable<number>, labels: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(labels.map((l) => [l, 0]));
  for (const id of labelIds) {
    if (id < 0) continue;
    const name = labels[id];
    if (name === undefined) throw new RangeError(`label id ${id} is outside the ${labels.length} labels`);
    counts[name] = (counts[name] as number) + 1;
  }
  return counts;
}

/** The scores of always predicting the most frequent training label. */
export function majorityBaseline(trainLabels: readonly number[], validationLabels: readonly number[], labels: readonly string[]): ClassificationScores & { readonly label: string } {
  const counts = new Array<number>(labels.length).fill(0);
  for (const l of trainLabels) if (l >= 0) counts[l] = (counts[l] as number) + 1;
  const majority = counts.indexOf(Math.max(...counts));
  const scores = classificationScores(validationLabels, validationLabels.map(() => majority), labels);
  return { ...scores, label: labels[majority] as string };
}

/** Word-level tags to token-level labels: the first piece of each word carries its tag, the rest -100. */
export function alignTags(piecesPerWord: readonly number[], tags: readonly number[]): number[] {
  if (piecesPerWord.length !== tags.length) throw new RangeError(`${tags.length} tags for ${piecesPerWord.length} words`);
  const out: number[] = [];
  piecesPerWord.forEach((n, w) => {
    for (let k = 0; k < n; k++) out.push(k === 0 ? (tags[w] as number) : -100);
  });
  return out;
}
