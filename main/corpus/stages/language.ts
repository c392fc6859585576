// Language of a document with eld (n-gram detector). Reads one window of the text (past the header
// lines that letters and notes open with) so that a long document costs the same as a short one. An allow-list drops documents confidently detected
// as another language; an unreliable guess (short or abbreviation-heavy text) never drops a document.
import { eld } from 'eld/medium';

const WINDOW = 1200;

export interface LanguageGuess {
  /** ISO 639-1 code, or 'und' when nothing could be detected. */
  language: string;
  reliable: boolean;
}

function sample(text: string): string {
  if (text.length <= WINDOW) return text;
  const start = Math.min(Math.floor(text.length / 4), text.length - WINDOW);
  const from = text.lastIndexOf(' ', start) + 1; // start on a word boundary
  return text.slice(from, from + WINDOW);
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
