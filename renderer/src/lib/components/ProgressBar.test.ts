// The progress bar's accessible value: a percentage when known, "In progress" when not.
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ProgressBar from './ProgressBar.svelte';

afterEach(() => cleanup());

describe('ProgressBar', () => {
  it('reports a clamped percentage and fills to it', () => {
    render(ProgressBar, { props: { value: 0.426, label: 'Import progress' } });
    const bar = screen.getByRole('progressbar', { name: 'Import progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('43');
    expect(bar.getAttribute('aria-valuetext')).toBe('43%');
    expect((bar.firstElementChild as HTMLElement).style.width).toBe('42.6%');
    cleanup();
    render(ProgressBar, { props: { value: 3, label: 'Over' } });
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  });

  it('is indeterminate when the total is unknown', () => {
    render(ProgressBar, { props: { value: null, label: 'Hashing' } });
    const bar = screen.getByRole('progressbar');
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar.getAttribute('aria-valuetext')).toBe('In progress');
  });
});
