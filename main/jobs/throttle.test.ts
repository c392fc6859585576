// The progress throttle: first value at once, then at most one per interval, the latest never lost.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottle } from './throttle';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createThrottle', () => {
  it('emits the first value at once and the latest one when the interval ends', () => {
    const seen: number[] = [];
    const throttle = createThrottle(100, (v: number) => seen.push(v), () => Date.now());
    for (let i = 1; i <= 50; i += 1) throttle.push(i);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(100);
    expect(seen).toEqual([1, 50]);
  });

  it('keeps to one value per interval under a steady stream', () => {
    const seen: number[] = [];
    const throttle = createThrottle(100, (v: number) => seen.push(v), () => Date.now());
    for (let ms = 0; ms < 1000; ms += 5) {
      throttle.push(ms);
      vi.advanceTimersByTime(5);
    }
    throttle.flush();
    expect(seen.length).toBeLessThanOrEqual(11);
    expect(seen.at(-1)).toBe(995);
  });

  it('flush emits the pending value now; cancel drops it', () => {
    const seen: string[] = [];
    const throttle = createThrottle(100, (v: string) => seen.push(v), () => Date.now());
    throttle.push('a');
    throttle.push('b');
    throttle.flush();
    throttle.push('c');
    throttle.cancel();
    vi.advanceTimersByTime(500);
    expect(seen).toEqual(['a', 'b']);
  });
});
