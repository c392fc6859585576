// Hash routes: known pages, an optional item after them, and a safe default for anything else.
import { describe, expect, it } from 'vitest';
import { detailFromHash, routeFromHash } from './router.svelte';

describe('routeFromHash', () => {
  it('reads the page from the hash and falls back to the first step', () => {
    expect(routeFromHash('#/train')).toBe('train');
    expect(routeFromHash('#/base-model')).toBe('base-model');
    expect(routeFromHash('#/experiments/12')).toBe('experiments');
    expect(routeFromHash('')).toBe('corpus');
    expect(routeFromHash('#/admin')).toBe('corpus');
    expect(routeFromHash('#/constructor')).toBe('corpus');
  });

  it('reads the item after a known page, decoded', () => {
    expect(detailFromHash('#/experiments/12')).toBe('12');
    expect(detailFromHash('#/corpus/discharge%202024')).toBe('discharge 2024');
    expect(detailFromHash('#/experiments')).toBeNull();
    expect(detailFromHash('#/nowhere/12')).toBeNull();
    expect(detailFromHash('#/corpus/%E0%A4%A')).toBeNull();
  });
});
