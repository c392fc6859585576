// Language of a document with eld (n-gram detector). Reads one window of the text (past the header
// lines that letters and notes open with) so that a long document costs the same as a short one. An allow-list drops documents confidently detected
// as another language; an unreliable guess (short or abbreviation-heavy text) never drops a document.
// The n-gram model (≈ 50 MB of memory per thread once loaded) is loaded only when a text is not clearly
// English: `loadLanguageModel()` must have resolved before `detectLanguage` meets such a text.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { eld as Eld } from 'eld/medium';
import { resourcesDir } from '../../platform/resources';
import { CodeUnits } from '../code-units';

type Detector = typeof Eld;

let model: Detector | null = null;
let loading: Promise<Detector> | null = null;

/** Loads the n-gram model (once per thread). */
export async function loadLanguageModel(): Promise<void> {
  loading ??= loadModelCopy().then(async (copy) => copy ?? (await import('eld/medium')).eld);
  model ??= await loading;
}

// eld's own entry (eld/medium) holds the model as a 2 MB object literal: V8 takes ≈ 0.5 s of CPU and ≈ 180 MB of
// memory to compile it, in every thread that loads it. The same data as JSON (MODEL_COPY, written by
// scripts/make-resources.ts) loads in ≈ 0.15 s to ≈ 50 MB, and is handed to the detector eld's entries build
// (createEld + loadData, internal to eld 2.x, not exported). The copy is used only while it provably is eld's model:
// made from the installed eld version, whose n-gram module still has the size it had then; otherwise (an upgrade, a
// missing file, a reorganised package) the model loads from eld/medium as before — slower, never different.
export const MODEL_COPY = join('language', 'eld-medium.json');
/** Inside eld's package: the detector factory and the module the copy is made from. */
export const ELD_DETECTOR_MODULE = join('src', 'languageDetector.js');
export const ELD_NGRAMS_MODULE = join('src', 'ngrams', 'medium.js');

/** MODEL_COPY's shape. */
export interface ModelCopy {
  /** Version of the eld package the data was copied from. */
  eld: string;
  /** Size in bytes of ELD_NGRAMS_MODULE in that package. */
  moduleBytes: number;
  /** eld's `ngramsData` of the medium model: { type, languages, isSubset, ngrams }. */
  ngramsData: { type: string; languages: Record<string, string>; ngrams: Record<string, Record<string, number>> };
}

/**
 * The folder of the installed eld package, or null. Found by Node's own search path for packages: eld's "exports"
 * lets nothing but its entries be resolved (and those only by `import`).
 */
export function eldPackageDir(): string | null {
  for (const dir of createRequire(import.meta.url).resolve.paths('eld') ?? []) {
    const candidate = join(dir, 'eld');
    try {
      if (statSync(join(candidate, 'package.json')).isFile()) return candidate;
    } catch {
      // not in this folder: the next one up
    }
  }
  return null;
}

/** The detector built from the JSON copy of the model, or null when the copy is missing or not the installed eld's. */
export async function loadModelCopy(file: string | null = modelCopyFile()): Promise<Detector | null> {
  const eldDir = eldPackageDir();
  if (file === null || eldDir === null) return null;
  try {
    const { version } = JSON.parse(readFileSync(join(eldDir, 'package.json'), 'utf8')) as { version?: string };
    const copy = JSON.parse(readFileSync(file, 'utf8')) as ModelCopy;
    if (copy.eld !== version || copy.moduleBytes !== statSync(join(eldDir, ELD_NGRAMS_MODULE)).size) return null;
    if (typeof copy.ngramsData?.type !== 'string' || typeof copy.ngramsData.ngrams !== 'object') return null;
    const { createEld } = (await import(pathToFileURL(join(eldDir, ELD_DETECTOR_MODULE)).href)) as {
      createEld: () => { instance: Detector; loadData: (data: ModelCopy['ngramsData']) => string };
    };
    const { instance, loadData } = createEld();
    return loadData(copy.ngramsData) === copy.ngramsData.type ? instance : null;
  } catch {
    return null;
  }
}

function modelCopyFile(): string | null {
  const resources = resourcesDir();
  return resources === null ? null : join(resources, MODEL_COPY);
}

/** Whether `detectLanguage(text)` would need the n-gram model (the text is not clearly English). */
export function needsLanguageModel(text: string): boolean {
  return model === null && !windowIsEnglish(text);
}

// Callers ask needsLanguageModel and then detectLanguage of the same texts (a batch of them, or one after the
// other): the answer for the last few texts is kept, recognized by the text itself (its length first: comparing
// two strings costs a call, comparing two numbers nothing). The search starts where the next text is expected —
// the one just asked about, or the one after the last found — so it usually ends at once.
const REMEMBERED = 64;
const rememberedTexts: string[] = new Array<string>(REMEMBERED).fill('');
const rememberedLengths = new Int32Array(REMEMBERED).fill(-1); // -1: a slot not yet used
const rememberedEnglish = new Uint8Array(REMEMBERED);
let rememberNext = 0; // the slot the next answer goes to
let lookFrom = 0; // the slot the next search starts at

/** clearlyEnglish(languageWindow(text)), remembered for the last few texts. */
function windowIsEnglish(text: string): boolean {
  const length = text.length;
  for (let k = 0; k < REMEMBERED; k++) {
    const slot = (lookFrom + k) % REMEMBERED;
    if (rememberedLengths[slot] === length && rememberedTexts[slot] === text) {
      lookFrom = (slot + 1) % REMEMBERED;
      return rememberedEnglish[slot] === 1;
    }
  }
  const english = clearlyEnglish(languageWindow(text));
  rememberedTexts[rememberNext] = text;
  rememberedLengths[rememberNext] = length;
  rememberedEnglish[rememberNext] = english ? 1 : 0;
  lookFrom = rememberNext;
  rememberNext = (rememberNext + 1) % REMEMBERED;
  return english;
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

/**
 * A short word of ASCII letters as a number: its lower-case letters a–z as digits 1–26 in base 32 (30 bits for six
 * letters, one number per word of any length up to that). A word with a letter beyond ASCII is never a function
 * word: no letter of U+00C0–U+024F has an ASCII lower case.
 */
function packWord(word: string): number {
  let key = 0;
  for (let k = 0; k < word.length; k++) key = key * 32 + ((word.charCodeAt(k) | 0x20) - 96);
  return key;
}
/** The function words' packWord keys, in an open-addressing table of 256 (0: empty; no key is 0): no Set call per word. */
const FUNCTION_WORD_TABLE = new Int32Array(256);
const tableSlot = (key: number) => Math.imul(key, 0x9e3779b1) >>> 24;
for (const word of ENGLISH_FUNCTION_WORDS) {
  let i = tableSlot(packWord(word));
  while (FUNCTION_WORD_TABLE[i] !== 0) i = (i + 1) & 255;
  FUNCTION_WORD_TABLE[i] = packWord(word);
}

function isFunctionWordKey(key: number): boolean {
  for (let i = tableSlot(key); FUNCTION_WORD_TABLE[i] !== 0; i = (i + 1) & 255) if (FUNCTION_WORD_TABLE[i] === key) return true;
  return false;
}

function isLatinLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}

/** The code units of the text being read (see code-units.ts). */
const UNITS = new CodeUnits(1024);

/** Words are runs of Latin letters; the short ones of ASCII letters are looked up as numbers (packWord), no strings made. */
export function clearlyEnglish(sampleText: string): boolean {
  let words = 0;
  let hits = 0;
  const n = sampleText.length;
  let length = 0; // of the current word, 0 between words
  let key = 0; // packWord of the current word's first LONGEST_FUNCTION_WORD letters
  let ascii = true; // …and whether they are ASCII
  const units = UNITS.of(sampleText);
  for (let i = 0; i <= n; i++) {
    const c = i < n ? units[i]! : 0;
    if (isLatinLetter(c)) {
      if (length < LONGEST_FUNCTION_WORD) {
        if (c < 0x80) key = key * 32 + ((c | 0x20) - 96);
        else ascii = false;
      }
      length++;
    } else if (length > 0) {
      words++;
      if (ascii && length <= LONGEST_FUNCTION_WORD && isFunctionWordKey(key)) hits++;
      length = 0;
      key = 0;
      ascii = true;
    }
  }
  return words >= FAST_EN_MIN_WORDS && hits / words >= FAST_EN_SHARE;
}

export function detectLanguage(text: string): LanguageGuess {
  if (windowIsEnglish(text)) return { language: 'en', reliable: true };
  const window = languageWindow(text);
  if (model === null) throw new Error('The language model is not loaded: await loadLanguageModel() first.');
  const result = model.detect(window);
  if (!result.language) return { language: 'und', reliable: false };
  return { language: result.language, reliable: result.isReliable() };
}

/** True when the allow-list (empty = everything allowed) rejects this guess. */
export function rejectedByLanguage(guess: LanguageGuess, allowed: readonly string[]): boolean {
  return allowed.length > 0 && guess.reliable && !allowed.includes(guess.language);
}
