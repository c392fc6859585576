// Tokens for name detection: capitalised words found by character codes, their lexicon flag bits, and the small
// look-around helpers (label before a colon, role word before a name, eponym after a word) that names.ts uses.
import { type Lexicon } from './lexicon';
import { isDigit } from './context';
import { DIVISION_WORDS, EPONYM_HEADS, HOLIDAY_HEADS, NAME_LABELS, NEVER_NAMES, STREET_HEADS, STREET_SUFFIXES, TITLES, US_STATES } from './domain-terms';

export interface Tok {
  start: number;
  end: number; // excludes a possessive 's
  f: number; // FLAG bits from the lexicon, -1 until looked up
  initial: boolean; // "J" or "J." (end excludes the dot)
  allCaps: boolean;
  sentenceStart: boolean;
}

export const FIRST = 1;
export const SUR = 2;
export const COMMON = 4;
export const DOMAIN = 8;
export const NEVER = 16;
export const TITLE = 32;
export const STATE = 64;
/** A city of one word ("naperville"), or a whole place name of several words ("boca raton", "st. louis"). */
export const PLACE = 128;
/** The first word of a place name of several words ("boca" of "boca raton"): the whole name is worth looking up. */
export const PLACE_START = 256;
/** A smaller town of one word ("moab"): a place only with a preposition before it. */
export const TOWN = 512;
/** A word that may open a holiday's name ("christmas", "new" of "New Year's"): names.ts tries HOLIDAY_RE there. */
export const HOLIDAY = 1024;
/** A word for "street" that opens a street's name ("heol", "rua"): names.ts tries a house number around it. */
export const STREET = 2048;
/** A street type that ends a street's name ("road", "avenue"): names.ts reads the name before it. */
export const STREET_END = 4096;
/** A word for a district, a county, a parish ("county", "township"): names.ts reads the place's name with it. */
export const DIVISION = 8192;
export const NAMEISH = FIRST | SUR;

// The first letter of a capitalised word, Latin-1 and the Latin Extended blocks included ("Côte", "Müller", "Łukasz",
// "Đặng"); the rest is read by character codes. The Extended blocks mix capitals and small letters: those are
// skipped in code.
const CAP_START_RE = /[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ]/g;
const LABELS: ReadonlySet<string> = new Set(NAME_LABELS);
const ROLES: ReadonlySet<string> = new Set([
  'witness', 'claimant', 'decedent', 'patient', 'client', 'wife', 'husband', 'spouse', 'partner', 'son', 'daughter',
  'mother', 'father', 'brother', 'sister', 'grandson', 'granddaughter', 'niece', 'nephew', 'friend', 'neighbor',
  'caregiver', 'guardian', 'aide', 'nurse', 'nanny', 'babysitter', 'roommate', 'landlord', 'landlady', 'tenant',
  'neighbour', 'coworker', 'co-worker', 'supervisor', 'manager', 'teacher', 'pastor', 'rabbi', 'imam', 'sponsor',
  // Nursing and therapy credentials written before the name ("night RN Adaeze Nwosu", "CNA Maria Lopez").
  'rn', 'lpn', 'cna', 'np', 'slp',
  'widow', 'widower', 'children', 'grandchildren', 'stepchildren', 'kids', 'siblings', 'heirs',
  'insured', 'claimant', 'policyholder',
  // Officers, examiners and other people named by their role in a report ("the deposition officer Ravinder Gill").
  'officer', 'adjuster', 'interpreter', 'mediator', 'examiner', 'physio', 'physiotherapist', 'paramedic', 'caseworker',
  'counsellor', 'counselor', 'advocate', 'investigator', 'custodian', 'chaplain', 'carer', 'driver', 'passenger',
]);
// Character classes of every UTF-16 code unit, looked up rather than compared: optimized code compiled while the text
// held only ASCII carries no feedback for the Latin-1 comparisons, and the first "É" would throw away every
// function that inlined them (the hash, the flag lookups, the name rules) and compile them all again.
const LETTER = 1; // A–Z, a–z, the letters of Latin-1 and the Latin Extended blocks
const UPPER = 2; // their capitals
const NAME_CHAR = 4; // letters, ' ’ -
const CHAR_CLASS = new Uint8Array(65536);
// Each code unit's lower-case form (itself for all but capitals): the lexicon is lower case.
const FOLD = new Uint16Array(65536);
for (let c = 0; c < 65536; c++) FOLD[c] = c;
/** Latin-1's letters and Latin Extended-A and -B (Polish, Czech, Turkish, Romanian…) and Extended Additional (Vietnamese). */
const LATIN_RANGES: ReadonlyArray<readonly [number, number]> = [[0x41, 0x5a], [0x61, 0x7a], [0xc0, 0x24f], [0x1e00, 0x1eff]];
for (const [from, to] of LATIN_RANGES) {
  for (let c = from; c <= to; c++) {
    if (c === 215 || c === 247) continue; // × ÷
    const ch = String.fromCharCode(c);
    const lower = ch.toLowerCase();
    if (/\p{Lu}/u.test(ch)) {
      CHAR_CLASS[c] = LETTER | UPPER | NAME_CHAR;
      if (lower.length === 1) FOLD[c] = lower.charCodeAt(0);
    } else if (/\p{L}/u.test(ch)) {
      CHAR_CLASS[c] = LETTER | NAME_CHAR;
    }
  }
}
// Turkish capital I with a dot ("İzmir", "İstanbul") folds to "i": its lower case is two code units (i and a combining dot).
FOLD[0x130] = 0x69;
CHAR_CLASS[39] = NAME_CHAR;
CHAR_CLASS[8217] = NAME_CHAR;
CHAR_CLASS[45] = NAME_CHAR;

/** Folds a capital (A–Z, Latin-1, Latin Extended) to lower case (the lexicon is lower case). */
export function fold(c: number): number {
  return FOLD[c]!;
}

const RECENT_MASK = 4095; // FlagTable's cache of recent answers: 4,096 slots (48 KB)

/**
 * Lexicon flags keyed by lower-case word, looked up straight from the text (case-folded, no substring, no
 * allocation): an open-addressing table keyed by two independent 32-bit hashes of the folded word, the flags in
 * the same slot — one memory access per probe, where comparing against stored strings cost three (the table is
 * too large for the cache). Two different words share both hashes with probability ≈ 2⁻⁶⁴ per lookup.
 */
export class FlagTable {
  private readonly table: Int32Array; // [slot][h1, h2, flags + 1 (0 = empty)]
  private readonly mask: number;
  private readonly recent = new Int32Array((RECENT_MASK + 1) * 3); // [slot][h1, h2, flags + 1 (0 = empty)]

  /**
   * `capacity`: how many words will be inserted (at least the entries). `shared`: an existing table's memory
   * (FlagTable.share), used as it is: a worker thread reads the table another thread built.
   */
  constructor(entries: ReadonlyMap<string, number>, capacity = entries.size, shared?: SharedArrayBuffer) {
    this.table = shared ? new Int32Array(shared) : FlagTable.allocate(capacity);
    this.mask = this.table.length / 3 - 1;
    for (const [word, bits] of entries) this.insert(word, bits);
  }

  /**
   * A table over the memory of another table (FlagTable.share: another thread's, or a copy of one), not copied; not to
   * be added to. Throws when the memory cannot be a table: not a power of two of whole slots.
   */
  static fromShared(memory: SharedArrayBuffer): FlagTable {
    const slots = memory.byteLength / (3 * Int32Array.BYTES_PER_ELEMENT);
    if (!Number.isInteger(slots) || slots < 1 || (slots & (slots - 1)) !== 0) {
      throw new Error(`Not a name table: ${memory.byteLength} bytes are not a power of two of ${3 * Int32Array.BYTES_PER_ELEMENT}-byte slots.`);
    }
    return new FlagTable(new Map(), 0, memory);
  }

  /** The table's memory, to hand to worker threads (FlagTable.fromShared). */
  share(): SharedArrayBuffer {
    return this.table.buffer as SharedArrayBuffer;
  }

  /**
   * The table of several word lists, each with its flag bits (a word in several lists gets all their bits): the
   * same table as `new FlagTable(map)` over the merged map, built without the map.
   */
  static fromLists(lists: ReadonlyArray<readonly [ReadonlySet<string> | readonly string[], number]>): FlagTable {
    let upper = 0; // words counted once per list: at least the distinct words
    for (const [words] of lists) upper += 'size' in words ? words.size : words.length;
    const table = new FlagTable(new Map(), upper);
    for (const [words, bits] of lists) for (const word of words) table.insert(word, bits);
    return table;
  }

  /** Room for `count` words at a load of at most 1/2 (a power of two of slots), in memory that can be shared. */
  private static allocate(count: number): Int32Array {
    let size = 1;
    while (size < count * 2) size <<= 1;
    return new Int32Array(new SharedArrayBuffer(size * 3 * Int32Array.BYTES_PER_ELEMENT));
  }

  /** Adds `bits` to the flags of `word` (inserting it if new). */
  private insert(word: string, bits: number): void {
    // A word with a capital can never equal folded text: it stays out, as it never matched before.
    let h1 = 0x811c9dc5;
    let h2 = 0x2f6b8d1d ^ word.length;
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      if (fold(c) !== c) return;
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    const table = this.table;
    let slot = h1 & this.mask;
    for (;;) {
      const at = slot * 3;
      const flags = table[at + 2]!;
      if (flags === 0) {
        table[at] = h1;
        table[at + 1] = h2;
        table[at + 2] = bits + 1;
        return;
      }
      if (table[at] === h1 && table[at + 1] === h2) {
        table[at + 2] = ((flags - 1) | bits) + 1;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** Flags of text[start, end) compared case-insensitively; 0 when the word is in no list. */
  get(text: string, start: number, end: number): number {
    let h1 = 0x811c9dc5;
    let h2 = 0x2f6b8d1d ^ (end - start);
    for (let k = start; k < end; k++) {
      const c = fold(text.charCodeAt(k));
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    // Most words repeat within a text and across texts: a small direct-mapped cache of recent answers, keyed by the
    // same two hashes, saves the probe into the large table (a cache miss each).
    const recent = this.recent;
    const at0 = ((h1 ^ (h2 >>> 11)) & RECENT_MASK) * 3;
    if (recent[at0] === h1 && recent[at0 + 1] === h2 && recent[at0 + 2] !== 0) return recent[at0 + 2]! - 1;
    const table = this.table;
    let slot = h1 & this.mask;
    let result = 0;
    for (;;) {
      const at = slot * 3;
      const flags = table[at + 2]!;
      if (flags === 0) break;
      if (table[at] === h1 && table[at + 1] === h2) {
        result = flags - 1;
        break;
      }
      slot = (slot + 1) & this.mask;
    }
    recent[at0] = h1;
    recent[at0 + 1] = h2;
    recent[at0 + 2] = result + 1;
    return result;
  }

  /** Flags of a word (case-folded as the lists are); a word with accents no list holds is looked up without them. */
  getWord(word: string): number {
    const f = this.get(word, 0, word.length);
    return f === 0 ? this.getWithoutAccents(word, 0, word.length) : f;
  }

  /** Flags of text[start, end) without its accents ("Étienne" as "Etienne"); 0 for a word with none. */
  getWithoutAccents(text: string, start: number, end: number): number {
    if (!hasLetterBeyondAscii(text, start, end)) return 0;
    const word = stripAccents(text.slice(start, end));
    return this.get(word, 0, word.length);
  }
}

/** Whether text[start, end) has a letter beyond ASCII. */
function hasLetterBeyondAscii(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (text.charCodeAt(k) >= 0xc0) return true;
  return false;
}

/**
 * The word without its accents ("Étienne" → "Etienne", "José" → "Jose"), the same length when every accented letter
 * decomposes to one base letter and marks (else the word as it is): the name lists spell most names without them.
 */
export function stripAccents(word: string): string {
  const stripped = word.normalize('NFD').replace(/\p{M}/gu, '');
  return stripped.length === word.length ? stripped : word;
}

/**
 * COMMON for a word no list knows that is an inflection of an ordinary word ("Modifications", "Assurances",
 * "Indemnified", "Contributor" from "contribute"): capitalised defined terms in contracts are not names. Stems
 * shorter than six letters are not tried ("Banks", "Brooks", "Fields" stay unknown, as surnames often are).
 */
export function inflectionFlags(table: FlagTable, text: string, start: number, end: number): number {
  if (end - start < 7) return 0;
  const last = text.charCodeAt(end - 1) | 0x20; // only words ending in s, d, r or g have a suffix tried below
  if (last !== 115 && last !== 100 && last !== 114 && last !== 103) return 0;
  const w = text.slice(start, end).toLowerCase();
  if (w.endsWith('ies') || w.endsWith('ied')) {
    if (isOrdinaryStem(table, w, 3, 'y')) return COMMON;
  } else if (w.endsWith('es') || w.endsWith('ed')) {
    if (isOrdinaryStem(table, w, 2, '') || isOrdinaryStem(table, w, 1, '')) return COMMON;
  } else if (w.endsWith('s') && !w.endsWith('ss')) {
    if (isOrdinaryStem(table, w, 1, '')) return COMMON;
  }
  if (w.endsWith('ors')) {
    if (isOrdinaryStem(table, w, 3, 'e')) return COMMON;
  } else if (w.endsWith('or')) {
    if (isOrdinaryStem(table, w, 2, 'e')) return COMMON;
  }
  if (w.endsWith('ing') && (isOrdinaryStem(table, w, 3, '') || isOrdinaryStem(table, w, 3, 'e'))) return COMMON;
  return 0;
}

/** Whether `w` less its last `cut` letters, plus `add`, is an ordinary word and no name (stems under six letters: no). */
function isOrdinaryStem(table: FlagTable, w: string, cut: number, add: string): boolean {
  if (w.length - cut + add.length < 6) return false;
  const f = table.getWord(w.slice(0, w.length - cut) + add);
  return (f & COMMON) !== 0 && (f & NAMEISH) === 0;
}

/** FNV-1a of text[start, end) case-folded as the lexicon is (A–Z and Latin-1 capitals). */
export function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ fold(text.charCodeAt(k)), 0x01000193);
  return h >>> 0;
}

/** The first words of the place names of several words. */
function placeStarts(places: readonly string[]): string[] {
  const starts: string[] = [];
  for (const place of places) {
    const space = place.indexOf(' ');
    if (space > 0) starts.push(place.slice(0, space));
  }
  return starts;
}

const flagCache = new WeakMap<Lexicon, FlagTable>();
export function flagsFor(lex: Lexicon): FlagTable {
  let table = flagCache.get(lex);
  if (table) return table;
  table = FlagTable.fromLists([
    [lex.firstNames, FIRST],
    [lex.surnames, SUR],
    [lex.common, COMMON],
    [lex.domain, DOMAIN],
    [NEVER_NAMES, NEVER],
    [TITLES, TITLE],
    [US_STATES, STATE],
    [lex.places, PLACE],
    [lex.towns.filter((t) => !t.includes(' ')), TOWN],
    [lex.towns.filter((t) => t.includes(' ')), PLACE],
    [placeStarts(lex.places), PLACE_START],
    [placeStarts(lex.towns), PLACE_START],
    [HOLIDAY_HEADS, HOLIDAY],
    [STREET_HEADS, STREET],
    [STREET_SUFFIXES, STREET_END],
    [DIVISION_WORDS, DIVISION],
  ]);
  flagCache.set(lex, table);
  return table;
}

/** A–Z, a–z and the Latin-1 letters (NaN, past either end of a text: no). */
export function isLetter(c: number): boolean {
  return (CHAR_CLASS[c]! & LETTER) !== 0;
}

export function isUpper(c: number): boolean {
  return (CHAR_CLASS[c]! & UPPER) !== 0;
}

export function isNameChar(c: number): boolean {
  return (CHAR_CLASS[c]! & NAME_CHAR) !== 0;
}

/** Capitalised words, scanned by character codes (no match objects); flags are looked up lazily. */
export function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  const n = text.length;
  CAP_START_RE.lastIndex = 0;
  while (CAP_START_RE.test(text)) {
    const start = CAP_START_RE.lastIndex - 1;
    if (!isUpper(text.charCodeAt(start))) continue; // a small letter of the Latin Extended blocks
    const prevCode = start > 0 ? text.charCodeAt(start - 1) : 32;
    let end = start + 1;
    while (end < n && isNameChar(text.charCodeAt(end))) end++;
    CAP_START_RE.lastIndex = end;
    if ((prevCode >= 48 && prevCode <= 57) || prevCode === 95 || isLetter(prevCode)) continue; // "3B", "x_Y", "McD"
    let c = text.charCodeAt(end - 1);
    while (end > start + 1 && (c === 45 || c === 39 || c === 8217)) c = text.charCodeAt(--end - 1);
    if (end - start > 2 && (c === 115 || c === 83)) {
      const q = text.charCodeAt(end - 2);
      if (q === 39 || q === 8217) end -= 2; // possessive 's
    }
    let p = start - 1;
    let pc = 10;
    while (p >= 0) {
      pc = text.charCodeAt(p);
      if (pc !== 32 && pc !== 9 && pc !== 34 && pc !== 40) break;
      p--;
    }
    if (p < 0) pc = 10;
    // . ! ? : ; newline, bullets and dashes start a sentence.
    const sentenceStart = pc === 46 || pc === 33 || pc === 63 || pc === 58 || pc === 59 || pc === 10 || pc === 13 || pc === 8226 || pc === 42 || pc === 45 || pc === 8211 || pc === 62;
    let allCaps = end - start > 1;
    for (let k = start + 1; allCaps && k < end; k++) {
      const ch = text.charCodeAt(k);
      if (isLetter(ch) && !isUpper(ch)) allCaps = false;
    }
    toks.push({ start, end, f: -1, initial: end - start === 1, allCaps, sentenceStart });
  }
  return toks;
}

/**
 * Whether the one to three words before a colon are a name label ("Patient Name:", "Attending:", "Subject (visitor):"), in
 * any case.
 */
export function isLabelBefore(text: string, colon: number): boolean {
  let e = colon;
  while (e > 0 && text.charCodeAt(e - 1) === 32) e--;
  // A remark in parentheses between the label and its colon: "Subject (visitor):", "Witness (ED):".
  if (text.charCodeAt(e - 1) === 41) {
    const open = text.lastIndexOf('(', e - 1);
    if (open === -1 || e - open > 24) return false;
    e = open;
    while (e > 0 && text.charCodeAt(e - 1) === 32) e--;
  }
  // A number after the label: "Debtor 1:", "Child 2:", "Witness #3:".
  if (isDigit(text.charCodeAt(e - 1))) {
    let d = e - 1;
    while (d > 0 && e - d < 3 && isDigit(text.charCodeAt(d - 1))) d--;
    if (text.charCodeAt(d - 1) === 35) d--;
    if (text.charCodeAt(d - 1) === 32) e = d - 1;
  } else if (isUpper(text.charCodeAt(e - 1)) && text.charCodeAt(e - 2) === 32 && isLetter(text.charCodeAt(e - 3))) {
    e -= 2; // A letter after it: "Guarantor A:", "Borrower B:".
  }
  let s = e;
  let words = 0;
  while (s > 0 && words < 3) {
    const c = text.charCodeAt(s - 1);
    if (isLetter(c)) s--;
    else if (c === 32 && s - 1 > 0 && isLetter(text.charCodeAt(s - 2)) && e - s < 28) {
      // Try the shorter label first: "Attending: …" and also "Emergency contact: …"
      if (isLabel(text, s, e)) return true;
      s--;
      words++;
    } else break;
  }
  return e - s <= 28 && isLabel(text, s, e);
}

let labels: FlagTable | undefined;
/** Whether text[s, e) (letters and spaces), lower-cased, is a label: looked up case-folded without a slice first. */
function isLabel(text: string, s: number, e: number): boolean {
  labels ??= new FlagTable(new Map([...LABELS].map((w) => [w, 1])));
  return labels.get(text, s, e) !== 0 && LABELS.has(text.slice(s, e).toLowerCase());
}

// Relatives: the word before a name that a name list holds even when it is an ordinary word ("sister Summer").
const RELATIVES: ReadonlySet<string> = new Set([
  'wife', 'husband', 'spouse', 'son', 'daughter', 'mother', 'father', 'brother', 'sister', 'grandson', 'granddaughter',
  'grandmother', 'grandfather', 'niece', 'nephew', 'aunt', 'uncle', 'cousin', 'stepson', 'stepdaughter', 'fiancé',
  'fiancée', 'fiance', 'fiancee', 'boyfriend', 'girlfriend', 'mom', 'dad', 'sons', 'daughters', 'children', 'child',
  'auntie', 'aunty', 'grandma', 'grandpa', 'tita', 'tito', 'kuya', 'lola', 'lolo', 'habaryar', 'abuela', 'abuelo', 'tía',
  'tío', 'bubbe', 'zayde', 'mama', 'papa', 'nonna', 'nonno', 'nana', 'oma', 'opa', 'granny', 'mum', 'mummy', 'amma', 'appa',
]);

/** Whether text[start, end) is a word for a relative ("Nonna", "Mama"): alone it names no one. */
export function isRelativeWord(text: string, start: number, end: number): boolean {
  return (roleTable().get(text, start, end) & RELATIVE) !== 0;
}

/**
 * Whether the word right before `start` (one space between, or ", " with `comma`) names a relative: "my son Will",
 * "Wife Rose Young", "The daughter, Ancy,".
 */
export function isRelativeBefore(text: string, start: number, comma = false): boolean {
  let e = start - 1;
  if (e < 2 || text.charCodeAt(e) !== 32) return false;
  if (comma) {
    if (text.charCodeAt(e - 1) !== 44) return false;
    e--;
  }
  // "Daughter-in-law Summer Page": the relative before "-in-law".
  if (e >= 8 && (text.charCodeAt(e - 1) | 32) === 119 && text.slice(e - 7, e).toLowerCase() === '-in-law') e -= 7;
  let s = e;
  while (s > 0 && e - s <= 13 && isLetter(text.charCodeAt(s - 1))) s--;
  // Looked up straight from the text, case-folded (no slice), as the roles are.
  return e - s >= 3 && e - s <= 13 && (roleTable().get(text, s, e) & RELATIVE) !== 0;
}

// A marriage's or an engagement's word before the person it joins: "married to Precious", "divorced from Tom Ng".
const SPOUSE_BEFORE_RE = /\b(?:married|engaged|wed) to $|\bdivorced from $/;

/**
 * Whether "married to", "engaged to", "wed to" or "divorced from" stands right before `start` (not "separated from":
 * lands and islands are too).
 */
export function isSpouseBefore(text: string, start: number): boolean {
  // " to " or "om " ("from") before it, by character codes first: most words have neither.
  const c = text.charCodeAt(start - 2);
  const b = text.charCodeAt(start - 3);
  if (!((c === 111 && b === 116 && text.charCodeAt(start - 4) === 32) || (c === 109 && b === 111))) return false;
  return SPOUSE_BEFORE_RE.test(text.slice(Math.max(0, start - 16), start));
}

/**
 * Whether a person's "name is" (or "name was") stands right before `start`: "his name is", "the nurse's name is",
 * "nurse name is", not "the drug name is". What follows is a name even where it is an ordinary word ("Summer",
 * "Rich").
 */
export function isNamedBefore(text: string, start: number): boolean {
  let e = start - 1;
  if (e < 8 || text.charCodeAt(e) !== 32) return false;
  let s = e;
  while (s > 0 && e - s < 4 && isLetter(text.charCodeAt(s - 1))) s--;
  if ((roleTable().get(text, s, e) & VERB) === 0 || text.charCodeAt(s - 1) !== 32) return false;
  e = s - 1;
  if (e < 5 || text.slice(e - 4, e).toLowerCase() !== 'name' || text.charCodeAt(e - 5) !== 32) return false;
  // Whose name: a possessive ("his", "the nurse's") or a role ("nurse name is").
  e -= 5;
  s = e;
  while (s > 0 && e - s <= 13 && isLetter(text.charCodeAt(s - 1))) s--;
  const c = text.charCodeAt(e - 1);
  if ((c | 32) === 115 && (text.charCodeAt(e - 2) === 39 || text.charCodeAt(e - 2) === 8217)) return true;
  return POSSESSIVES.has(text.slice(s, e).toLowerCase()) || (roleTable().get(text, s, e) & ROLE) !== 0;
}
const POSSESSIVES: ReadonlySet<string> = new Set(['his', 'her', 'my', 'their', 'your', 'our']);

/** Whether a role word ("wife", "client,", "counsel is") stands right before `start`. */
export function isRoleBefore(text: string, start: number): boolean {
  let e = start - 1;
  if (e < 0 || text.charCodeAt(e) !== 32) return false; // (no read before the text: optimized code would be dropped)
  if (text.charCodeAt(e - 1) === 44) e--;
  let s = e;
  while (s > 0 && isLetter(text.charCodeAt(s - 1))) s--;
  if (e - s < 2 || e - s > 14) return false;
  // Looked up straight from the text, case-folded (no slice): the same words as the lower-cased sets.
  const roles = roleTable();
  const f = roles.get(text, s, e);
  if ((f & ROLE) !== 0) return true;
  if ((f & VERB) !== 0) {
    const e2 = s - 1;
    let s2 = e2;
    while (s2 > 0 && isLetter(text.charCodeAt(s2 - 1))) s2--;
    return (roles.get(text, s2, e2) & COUNSEL) !== 0;
  }
  return (text.charCodeAt(e - 1) | 0x20) === 115 && (roles.get(text, s, e - 1) & ROLE) !== 0; // plural: "clients"
}

const ROLE = 1;
const VERB = 2; // "counsel is", "attorney was"
const COUNSEL = 4; // the words before such a verb
const RELATIVE = 8; // RELATIVES
let roles: FlagTable | undefined;
function roleTable(): FlagTable {
  if (roles === undefined) {
    const flags = new Map<string, number>();
    const add = (w: string, f: number) => flags.set(w, (flags.get(w) ?? 0) | f);
    for (const w of ROLES) add(w, ROLE);
    for (const w of RELATIVES) add(w, RELATIVE);
    add('counsel', ROLE | COUNSEL);
    add('attorney', COUNSEL);
    add('name', COUNSEL); // "her nurse's name is Summer"
    add('is', VERB);
    add('was', VERB);
    roles = new FlagTable(flags);
  }
  return roles;
}
// Heads that are also family names: "Mr Gareth Law" is no eponym's law (isEponym).
const SURNAME_HEADS: ReadonlySet<string> = new Set(['law', 'rule', 'body', 'cell', 'node', 'hearing']);
let eponyms: FlagTable | undefined;

/**
 * Whether the words after `end` make the token an eponym: "Parkinson's disease", "Hodgkin lymphoma", "Glasgow Coma
 * Scale". Reads at most three following words (capitalised ones may sit in between), by character codes.
 */
export function isEponym(text: string, end: number): boolean {
  let p = end;
  const c0 = text.charCodeAt(p);
  const possessive = c0 === 39 || c0 === 8217;
  if (possessive) {
    p++;
    if (text.charCodeAt(p) === 115) p++;
  }
  for (let words = 0; words < 3; words++) {
    const sep = text.charCodeAt(p);
    if (sep !== 32 && sep !== 45) return false;
    const ws = ++p;
    while (p < text.length && isLetter(text.charCodeAt(p))) p++;
    if (p === ws) return false;
    const first = text.charCodeAt(ws);
    if (p - ws >= 3 && (eponyms ??= new FlagTable(new Map([...EPONYM_HEADS].map((w) => [w, 1])))).get(text, ws, p) !== 0) {
      // A family name that is also a head ("Mr Gareth Law", "Dr Ann Rule") is no eponym's head without "'s" before it.
      if (!(words === 0 && !possessive && isUpper(first) && SURNAME_HEADS.has(text.slice(ws, p).toLowerCase()))) return true;
    }
    if (!isUpper(first)) return false;
    const q = text.charCodeAt(p);
    if (q === 39 || q === 8217) {
      p++;
      if (text.charCodeAt(p) === 115) p++;
    }
  }
  return false;
}

export function lowerBound(toks: readonly Tok[], pos: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((toks[mid] as Tok).start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
