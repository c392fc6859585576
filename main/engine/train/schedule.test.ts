// Learning-rate schedule: warmup, cosine and linear decay to the floor, and validation of the config.
import { describe, expect, test } from 'vitest';
import { lrAt, scheduleProblems, type ScheduleConfig } from './schedule';

const base: ScheduleConfig = { peakLr: 1e-3, warmupSteps: 10, totalSteps: 110, decay: 'cosine', minLrRatio: 0.1 };

describe('lrAt', () => {
  test('warmup rises linearly and reaches the peak on the last warmup step', () => {
    expect(lrAt(0, base)).toBeCloseTo(1e-4, 12);
    expect(lrAt(4, base)).toBeCloseTo(5e-4, 12);
    expect(lrAt(9, base)).toBeCloseTo(1e-3, 12);
    for (let s = 1; s < 10; s++) expect(lrAt(s, base)).toBeGreaterThan(lrAt(s - 1, base));
  });

  test('cosine decays monotonically to the floor, halfway at the midpoint, and stays there', () => {
    const floor = 1e-4;
    expect(lrAt(59, base)).toBeCloseTo(floor + (1e-3 - floor) / 2, 12); // progress 50/100
    expect(lrAt(109, base)).toBeCloseTo(floor, 12);
    expect(lrAt(500, base)).toBeCloseTo(floor, 12);
    for (let s = 11; s < 110; s++) expect(lrAt(s, base)).toBeLessThan(lrAt(s - 1, base));
  });

  test('linear decay is a straight line to the floor; constant stays at the peak', () => {
    const linear = { ...base, decay: 'linear' as const, minLrRatio: 0 };
    expect(lrAt(34, linear)).toBeCloseTo(1e-3 * 0.75, 12); // progress 25/100
    expect(lrAt(109, linear)).toBe(0);
    const constant = { ...base, decay: 'constant' as const };
    expect(lrAt(100, constant)).toBe(1e-3);
  });

  test('no warmup starts at the peak (minus one step of decay)', () => {
    const cfg = { ...base, warmupSteps: 0, totalSteps: 1000 };
    expect(lrAt(0, cfg)).toBeLessThan(1e-3);
    expect(lrAt(0, cfg)).toBeGreaterThan(0.9999e-3);
  });

  test('invalid configs and steps are reported', () => {
    expect(scheduleProblems(base)).toEqual([]);
    expect(scheduleProblems({ ...base, peakLr: 0 }).join()).toMatch(/peak learning rate/);
    expect(scheduleProblems({ ...base, peakLr: -1e-3 }).join()).toMatch(/positive/);
    expect(scheduleProblems({ ...base, warmupSteps: 200 }).join()).toMatch(/exceed/);
    expect(scheduleProblems({ ...base, minLrRatio: 2 }).join()).toMatch(/ratio/);
    expect(scheduleProblems({ ...base, totalSteps: 0 }).join()).toMatch(/total steps/);
    expect(() => lrAt(-1, base)).toThrow(RangeError);
  });
});
