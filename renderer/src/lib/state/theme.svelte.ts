// Light, dark, or follow the system. The choice is stored on this machine and applied as
// `data-theme` on <html>; the colours themselves live in styles/tokens.css.
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'domain-studio.theme';
const CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

function stored(): ThemeChoice {
  try {
    const value = globalThis.localStorage?.getItem(KEY);
    return CHOICES.includes(value as ThemeChoice) ? (value as ThemeChoice) : 'system';
  } catch {
    return 'system';
  }
}

export class ThemeState {
  choice = $state<ThemeChoice>(stored());

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      globalThis.localStorage?.setItem(KEY, choice);
    } catch {
      // Storage can be unavailable (private mode); the choice still holds for this window.
    }
    this.apply();
  }

  /** Cycles system → light → dark → system (the header's one button). */
  next(): void {
    this.set(CHOICES[(CHOICES.indexOf(this.choice) + 1) % CHOICES.length] as ThemeChoice);
  }

  apply(): void {
    const root = globalThis.document?.documentElement;
    if (!root) return;
    if (this.choice === 'system') delete root.dataset.theme;
    else root.dataset.theme = this.choice;
  }
}

export const theme = new ThemeState();
