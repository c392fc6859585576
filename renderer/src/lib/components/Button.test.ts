// Button: a real <button> that reports clicks, is disabled while busy, and becomes a link with href.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Button from './Button.svelte';

afterEach(() => cleanup());

const text = (value: string) => createRawSnippet(() => ({ render: () => `<span>${value}</span>` }));

describe('Button', () => {
  it('calls onclick when pressed', async () => {
    const onclick = vi.fn();
    render(Button, { props: { onclick, children: text('Check workspace') } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check workspace' }));
    expect(onclick).toHaveBeenCalledTimes(1);
  });

  it('is disabled and marked busy while busy, so a second press does nothing', async () => {
    const onclick = vi.fn();
    render(Button, { props: { onclick, busy: true, children: text('Checking…') } });
    const button = screen.getByRole('button', { name: 'Checking…' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    await fireEvent.click(button);
    expect(onclick).not.toHaveBeenCalled();
  });

  it('renders a link when given href', () => {
    render(Button, { props: { href: '#/train', children: text('Go to step 4: Train') } });
    expect(screen.getByRole('link', { name: 'Go to step 4: Train' }).getAttribute('href')).toBe('#/train');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
