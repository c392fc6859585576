// The corpus and base model the user chose for the next steps. Kept in the window's local storage
// under the workspace path, so a reload (or the next launch on the same workspace) keeps the choice.
const PREFIX = 'domain-studio:selection:';

interface Stored {
  corpus: string | null;
  model: string | null;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: the choice lasts as long as the page
  }
}

export class SelectionState {
  /** Name of the chosen corpus. */
  corpus = $state<string | null>(null);
  /** Name of the chosen base model. */
  model = $state<string | null>(null);
  #key: string | null = null;

  /** Reads the choice stored for this workspace (call once the workspace is known). */
  bind(workspace: string): void {
    const key = PREFIX + workspace;
    if (this.#key === key) return;
    this.#key = key;
    const raw = storage()?.getItem(key);
    let stored: Partial<Stored> = {};
    try {
      stored = raw ? (JSON.parse(raw) as Partial<Stored>) : {};
    } catch {
      stored = {};
    }
    this.corpus = typeof stored.corpus === 'string' ? stored.corpus : null;
    this.model = typeof stored.model === 'string' ? stored.model : null;
  }

  chooseCorpus(name: string | null): void {
    this.corpus = name;
    this.#save();
  }

  chooseModel(name: string | null): void {
    this.model = name;
    this.#save();
  }

  /** Forgets a choice that no longer exists (the list no longer has it), or picks the only item. */
  reconcile(kind: 'corpus' | 'model', names: readonly string[]): void {
    const current = this[kind];
    const next = current !== null && names.includes(current) ? current : names.length === 1 ? (names[0] ?? null) : null;
    if (next === current) return;
    if (kind === 'corpus') this.chooseCorpus(next);
    else this.chooseModel(next);
  }

  reset(): void {
    this.#key = null;
    this.corpus = null;
    this.model = null;
  }

  #save(): void {
    if (!this.#key) return;
    const value: Stored = { corpus: this.corpus, model: this.model };
    try {
      storage()?.setItem(this.#key, JSON.stringify(value));
    } catch {
      // full or disabled storage: keep the in-memory choice
    }
  }
}

export const selection = new SelectionState();
