// Task metrics against values computed by hand (and, for the entity case, seqeval's documented example).
import { describe, expect, test } from 'vitest';
import { accuracy, classificationReport, entitiesOf, entityReport, macroF1 } from './metrics';

describe('sequence classification', () => {
  test('accuracy, macro-F1 and the majority baseline', () => {
    const gold = ['a', 'a', 'b', 'c'];
    const pred = ['a', 'b', 'b', 'a'];
    // a: P 1/2 R 1/2 F 1/2; b: P 1/2 R 1 F 2/3; c: F 0 → macro (1/2 + 2/3 + 0) / 3
    expect(accuracy(gold, pred)).toBe(0.5);
    expect(macroF1(gold, pred)).toBeCloseTo((0.5 + 2 / 3) / 3, 12);
    const r = classificationReport(gold, pred);
    expect(r.per_label.b).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
    // Always "a": accuracy 1/2; F1(a) = 2/3, b and c 0.
    expect(r.majority_baseline).toEqual({ label: 'a', accuracy: 0.5, macro_f1: 2 / 9 });
  });

  test('perfect answers score 1 and mismatched lengths are refused', () => {
    expect(classificationReport(['x', 'y'], ['x', 'y'])).toMatchObject({ accuracy: 1, macro_f1: 1 });
    expect(() => accuracy(['x'], [])).toThrow(/1 gold against 0 predicted/);
  });
});

describe('entity-level F1 (BIO)', () => {
  test("seqeval's example: one of two entities right → P = R = F1 = 0.5, token accuracy 0.8", () => {
    const gold = [['O', 'O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'O'], ['B-PER', 'I-PER', 'O']];
    const pred = [['O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'I-MISC', 'O'], ['B-PER', 'I-PER', 'O']];
    const r = entityReport(gold, pred);
    expect(r).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, token_accuracy: 0.8 });
    expect(r.per_type.PER).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(r.per_type.MISC).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.majority_baseline).toEqual({ label: 'O', token_accuracy: 0.5, f1: 0 });
  });

  test('spans: a type change or a stray I- opens a new entity; a wrong end is a miss', () => {
    expect(entitiesOf(['B-LOC', 'I-LOC', 'I-PER', 'O', 'I-ORG'])).toEqual([
      { type: 'LOC', start: 0, end: 2 }, { type: 'PER', start: 2, end: 3 }, { type: 'ORG', start: 4, end: 5 },
    ]);
    const r = entityReport([['B-LOC', 'I-LOC', 'O']], [['B-LOC', 'O', 'O']]);
    expect(r).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(() => entitiesOf(['X'])).toThrow(/not O, B-TYPE or I-TYPE/);
  });
});
