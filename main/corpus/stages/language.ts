// Language of a document with eld (n-gram detector). Samples up to three windows of the text so that
// a long document costs the same as a short one. An allow-list drops documents confidently detected
// as another language; an unreliable guess (short or abbreviation-heavy text) never drops a document.
import { eld } from 'eld/medium';

const WINDOW = 1000;

export interface LanguageGuess {
  /** ISO 639-1 code, or 'und' when nothing could be detected. */
  language: string;
  reliable: boolean;
}

function sample(text: string): string {
  if (text.length <= 3 * WINDOW) return text;
  const mid = Math.floor(text.length / 2);
  return `${text.slice(0, WINDOW)}\n${text.slice(mid, mid + WINDOW)}\n${text.slice(-WINDOW)}`;
}

export function detectLanguage(text: string): LanguageGuess {
  const result = eld.detect(sample(text));
  if (!result.language) return { language: 'und', reliable: false };
  return { language: result.language, reliable: result.isReliable() };
}

/** True when the allow-list (empty = everything allowed) rejects this guess. */
export function rejectedByLanguage(guess: LanguageGuess, allowed: readonly string[]): boolean {
  return allowed.length > 0 && guess.reliable && !allowed.includes(guess.language);
}
