// The step navigator: every step listed in order, the current one marked with aria-current and
// reachable by Tab, arrow keys/Home/End moving focus, and finished steps announced as done.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import StepNav from './StepNav.svelte';

afterEach(() => cleanup());

function links() {
  return screen.getAllByRole('link');
}

describe('StepNav', () => {
  it('lists the six steps then Experiments, marking only the current one', () => {
    render(StepNav, { props: { current: 'strategy' } });
    const names = links().map((link) => link.querySelector('.title')?.textContent);
    expect(names).toEqual(['Corpus', 'Base model', 'Strategy', 'Train', 'Evaluate', 'Export', 'Experiments']);
    const current = links().filter((link) => link.hasAttribute('aria-current'));
    expect(current).toHaveLength(1);
    expect(current[0]?.getAttribute('aria-current')).toBe('step');
    expect(current[0]?.getAttribute('href')).toBe('#/strategy');
    expect(current[0]?.getAttribute('tabindex')).toBe('0');
    expect(links().filter((link) => link.getAttribute('tabindex') === '0')).toHaveLength(1);
  });

  it('moves focus with the arrow keys, Home and End, wrapping at the ends', async () => {
    render(StepNav, { props: { current: 'corpus' } });
    const all = links();
    (all[0] as HTMLElement).focus();
    await fireEvent.keyDown(all[0] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(all[1]);
    await fireEvent.keyDown(all[1] as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(all[6]);
    await fireEvent.keyDown(all[6] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(all[0]);
    await fireEvent.keyDown(all[0] as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(all[6]);
    await fireEvent.keyDown(all[6] as HTMLElement, { key: 'Home' });
    expect(document.activeElement).toBe(all[0]);
  });

  it('marks finished steps with a check and says so to screen readers', () => {
    render(StepNav, { props: { current: 'strategy', done: new Set(['corpus'] as const) } });
    const corpus = links()[0] as HTMLElement;
    expect(corpus.textContent).toContain('✓');
    expect(corpus.textContent).toContain('(done)');
    expect((links()[1] as HTMLElement).textContent).not.toContain('(done)');
  });
});
