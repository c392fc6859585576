// The chosen corpus and model: kept per workspace across reloads, dropped when the item is gone.
import { beforeEach, describe, expect, it } from 'vitest';
import { SelectionState } from './selection.svelte';

beforeEach(() => localStorage.clear());

describe('selection', () => {
  it('remembers the choice per workspace', () => {
    const first = new SelectionState();
    first.bind('/ws/a');
    first.chooseCorpus('notes');
    first.chooseModel('bert');
    const again = new SelectionState();
    again.bind('/ws/a');
    expect([again.corpus, again.model]).toEqual(['notes', 'bert']);
    const other = new SelectionState();
    other.bind('/ws/b');
    expect([other.corpus, other.model]).toEqual([null, null]);
  });

  it('forgets a choice that no longer exists and picks the only item', () => {
    const s = new SelectionState();
    s.bind('/ws');
    s.chooseCorpus('gone');
    s.reconcile('corpus', ['a', 'b']);
    expect(s.corpus).toBeNull();
    s.reconcile('corpus', ['only']);
    expect(s.corpus).toBe('only');
    s.chooseCorpus('b');
    s.reconcile('corpus', ['a', 'b']);
    expect(s.corpus).toBe('b');
  });

  it('survives damaged storage', () => {
    localStorage.setItem('domain-studio:selection:/ws', '{not json');
    const s = new SelectionState();
    s.bind('/ws');
    expect(s.corpus).toBeNull();
  });
});
