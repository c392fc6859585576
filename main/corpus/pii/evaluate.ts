// Scores findings against ground-truth spans: per-type and overall recall and precision.
// A planted identifier counts as found when findings of a compatible type cover at least half of its characters;
// a finding counts as correct when at least half of its characters lie inside truth spans of a compatible type.
// Compatible: the same type, or NAME/PARTY (a party in a caption is a person or company name), or PHONE/FAX.
import { PII_TYPES, STRUCTURED_TYPES, type Finding, type PiiType } from './types';

export interface TruthSpanLike {
  type: PiiType;
  start: number;
  end: number;
}

export interface TypeScore {
  truth: number;
  found: number;
  predicted: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface Evaluation {
  byType: Record<PiiType, TypeScore>;
  overall: TypeScore;
  structured: TypeScore;
  /** Names and parties together; addresses. */
  names: TypeScore;
  addresses: TypeScore;
  /** Missed identifiers and wrong findings, for reading (first 50 of each). */
  misses: Array<{ type: PiiType; text: string }>;
  falsePositives: Array<{ type: PiiType; text: string }>;
}

const GROUP: Partial<Record<PiiType, string>> = { NAME: 'person', PARTY: 'person', PHONE: 'phone', FAX: 'phone' };
export function compatible(a: PiiType, b: PiiType): boolean {
  return a === b || (GROUP[a] !== undefined && GROUP[a] === GROUP[b]);
}

function overlap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
}

function emptyScore(): TypeScore {
  return { truth: 0, found: 0, predicted: 0, correct: 0, recall: 1, precision: 1 };
}

function finish(s: TypeScore): TypeScore {
  s.recall = s.truth === 0 ? 1 : s.found / s.truth;
  s.precision = s.predicted === 0 ? 1 : s.correct / s.predicted;
  return s;
}

export interface EvalDocument {
  text: string;
  truth: readonly TruthSpanLike[];
  findings: readonly Finding[];
}

export function evaluate(docs: readonly EvalDocument[]): Evaluation {
  const byType = Object.fromEntries(PII_TYPES.map((t) => [t, emptyScore()])) as Record<PiiType, TypeScore>;
  const misses: Evaluation['misses'] = [];
  const falsePositives: Evaluation['falsePositives'] = [];
  for (const doc of docs) {
    for (const t of doc.truth) {
      const score = byType[t.type];
      score.truth++;
      let covered = 0;
      for (const f of doc.findings) if (compatible(f.type, t.type)) covered += overlap(t.start, t.end, f.start, f.end);
      if (covered * 2 >= t.end - t.start) score.found++;
      else if (misses.length < 50) misses.push({ type: t.type, text: doc.text.slice(t.start, t.end) });
    }
    for (const f of doc.findings) {
      const score = byType[f.type];
      score.predicted++;
      let inside = 0;
      for (const t of doc.truth) if (compatible(f.type, t.type)) inside += overlap(t.start, t.end, f.start, f.end);
      if (inside * 2 >= f.end - f.start) score.correct++;
      else if (falsePositives.length < 50) falsePositives.push({ type: f.type, text: f.text });
    }
  }
  const sum = (pick: (t: PiiType) => boolean): TypeScore => {
    const s = emptyScore();
    for (const t of PII_TYPES) {
      if (!pick(t)) continue;
      const x = byType[t];
      s.truth += x.truth;
      s.found += x.found;
      s.predicted += x.predicted;
      s.correct += x.correct;
    }
    return finish(s);
  };
  for (const t of PII_TYPES) finish(byType[t]);
  return {
    byType,
    overall: sum(() => true),
    structured: sum((t) => STRUCTURED_TYPES.has(t)),
    names: sum((t) => t === 'NAME' || t === 'PARTY'),
    addresses: sum((t) => t === 'ADDRESS'),
    misses,
    falsePositives,
  };
}
