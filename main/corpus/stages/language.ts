// Language of a document with eld (n-gram detector). Reads one window of the text (past the header
// lines that letters and notes open with) so that a long document costs the same as a short one. An allow-list drops documents confidently detected
// as another language; an unreliable guess (short or abbreviation-heavy text) never drops a document.
// The n-gram model (≈ 200 MB of memory per thread once loaded) is loaded only when a text is not clearly
// English: `loadLanguageModel()` must have resolved before `detectLanguage` meets such a text.
import type { eld as Eld } from 'eld/medium';

let model: typeof Eld | null = null;

/** Loads the n-gram model (once per thread). */
export async function loadLanguageModel(): Promise<void> {
  model ??= (await import('eld/medium')).eld;
}

/** Whether `detectLanguage(text)` would need the n-gram model (the text is not clearly English). */
export function needsLanguageModel(text: string): boolean {
  return model === null && !clearlyEnglish(languageWindow(text));
}

const WINDOW = 600;

export interface LanguageGuess {
  /** ISO 639-1 code, or 'und' when nothing could be detected. */
  language: string;
  reliable: boolean;
}

/** The window of `text` the detector reads. */
export function languageWindow(text: string): string {
  if (text.length <= WINDOW) return text;
  const start = Math.min(Math.floor(text.length / 4), text.length - WINDOW);
  const from = text.lastIndexOf(' ', start) + 1; // start on a word boundary
  return text.slice(from, from + WINDOW);
}

// English function words that are not common words of other languages written in Latin script: they
// make up 10-40% of the words of English notes and prose (median 17% in the synthetic clinical and
// legal notes, where names and abbreviations dilute them) and 0-3% of German, French and Dutch texts
// (measured on the SPDX licence translations). At FAST_EN_SHARE of at least FAST_EN_MIN_WORDS words the
// text is English without asking the n-gram model (~0.3 ms a call, the costliest step of the import
// after the PII scan); otherwise eld decides.
const ENGLISH_FUNCTION_WORDS = new Set([
  'the', 'and', 'of', 'to', 'with', 'for', 'that', 'this', 'by', 'from', 'were', 'been', 'which', 'have', 'had', 'was',
  'his', 'her', 'they', 'their', 'would', 'should', 'there', 'these', 'those', 'are', 'is', 'not', 'at', 'be', 'has',
  'will', 'or', 'an', 'it', 'on', 'who', 'we', 'you', 'our', 'any', 'such', 'shall', 'may', 'upon', 'under',
]);
const FAST_EN_SHARE = 0.12;
const FAST_EN_MIN_WORDS = 25;

const LONGEST_FUNCTION_WORD = Math.max(...[...ENGLISH_FUNCTION_WORDS].map((w) => w.length));

function isLatinLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}

/** Words are runs of Latin letters; only the short ones are lower-cased and looked up (no regex, few slices). */
export function clearlyEnglish(sampleText: string): boolean {
  let words = 0;
  let hits = 0;
  const n = sampleText.length;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    if (i < n && isLatinLetter(sampleText.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words++;
      if (i - start <= LONGEST_FUNCTION_WORD && ENGLISH_FUNCTION_WORDS.has(sampleText.slice(start, i).toLowerCase())) hits++;
      start = -1;
    }
  }
  return words >= FAST_EN_MIN_WORDS && hits / words >= FAST_EN_SHARE;
}

export function detectLanguage(text: string): LanguageGuess {
  const window = languageWindow(text);
  if (clearlyEnglish(window)) return { language: 'en', reliable: true };
  if (model === null) throw new Error('The language model is not loaded: await loadLanguageModel() first.');
  const result = model.detect(window);
  if (!result.language) return { language: 'und', reliable: false };
  return { language: result.language, reliable: result.isReliable() };
}

/** True when the allow-list (empty = everything allowed) rejects this guess. */
export function rejectedByLanguage(guess: LanguageGuess, allowed: readonly string[]): boolean {
  return allowed.length > 0 && guess.reliable && !allowed.includes(guess.language);
}
