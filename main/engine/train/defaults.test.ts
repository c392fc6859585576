// The defaults a user gets: a time budget becomes a whole number of steps (so the schedule decays within
// it), warm-up is a small share of the run, and small models get the larger learning rates.
import { describe, expect, test } from 'vitest';
import { peakLrFor, SMALL_MODEL_PARAMETERS, stepsForBudget, TRAIN_DEFAULTS, warmupStepsFor } from './defaults';

describe('training defaults', () => {
  test('stepsForBudget fits the budget, at least one step, at most the cap; bad paces are refused', () => {
    expect(stepsForBudget(1000, 300_000)).toBe(300);
    expect(stepsForBudget(1500, 1000)).toBe(1);
    expect(stepsForBudget(1, 300_000, 200)).toBe(200);
    expect(() => stepsForBudget(0, 1000)).toThrow(RangeError);
    expect(() => stepsForBudget(Number.NaN, 1000)).toThrow(RangeError);
  });
  test('warm-up is about 6% of the steps, at least 1 when there is more than one step', () => {
    expect(warmupStepsFor(1)).toBe(0);
    expect(warmupStepsFor(5)).toBe(1);
    expect(warmupStepsFor(1000)).toBe(60);
  });
  test('small models get larger learning rates than large ones, LoRA larger than full', () => {
    expect(peakLrFor('cpt-full', 1_000_000)).toBe(TRAIN_DEFAULTS.smallModelPeakLr['cpt-full']);
    expect(peakLrFor('cpt-full', 110_000_000)).toBe(1e-4);
    expect(peakLrFor('cpt-lora', SMALL_MODEL_PARAMETERS + 1)).toBe(1e-3);
    for (const size of [1e6, 1e8]) expect(peakLrFor('cpt-lora', size)).toBeGreaterThan(peakLrFor('cpt-full', size));
  });
});
