// Person names from capitalised tokens, hash-set lookups and context:
//   titles ("Dr. Okafor", "Mrs. Jane Q. Public"), labels ("Patient: Roe, Jane", "Attending: R. Osei"),
//   known given name + name-like words ("Maria Kowalczyk"), lone unambiguous names mid-sentence, and every later
//   mention of a surname already found in the same text. Eponyms ("Parkinson's disease", "Hodgkin lymphoma",
//   "Foley catheter") and domain words on their own (drug names such as "Allegra") are never names.
import { type Emit } from './types';
import { ORG_WORDS } from './domain-terms';
import {
  COMMON, DOMAIN, FIRST, type FlagTable, LABELS, NAMEISH, NEVER, STATE, TITLE, type Tok, hashRange, inflectionFlags, isEponym, isRoleBefore,
  labelBefore, lowerBound, tokenize,
} from './name-tokens';

// Anchored on the sign-off's last word ("…submitted,\n"), the whole phrase checked in code.
const SIGNOFF_RE = /(?:submitted|Sincerely|regards|Regards|truly|yours|Signed),?(?:[ \t]*\r?\n){1,3}[ \t]*(?=[A-Z])/g;
// Transcript and affidavit headings: "DEPOSITION OF JANE ROE", "Declaration of Jane Roe".
// Anchored on the literal " of " (the engine skips ahead on a literal), the heading word checked in code.
const OF_HEADING_RE = / (?:OF|of) (?=[A-Z])/g;
const OF_HEADING_WORD_RE = /(?:DEPOSITION|TESTIMONY|AFFIDAVIT|DECLARATION|STATEMENT|Deposition|Testimony|Affidavit|Declaration)$/;
const SIGNOFF_PHRASE_RE = /(?:Respectfully submitted|Sincerely|Best regards|Kind regards|Regards|Very truly yours|Yours truly|Signed)$/;
const PLACE_PREPOSITION = /\b(?:in|of|at|near|from|to|into|outside)\s$/;

// English function words that other Latin-script languages do not use as words: 10-40% of the words of English
// notes and prose, 0-3% of German, French or Dutch text. The name lists and the ordinary-word list are English, so
// in another language "a capitalised word no list knows" is every noun ("Daten Schutzgegenstand", "Logiciel
// Modifié") and is no evidence of a name there.
const ENGLISH_WORDS: ReadonlySet<string> = new Set([
  'the', 'and', 'of', 'to', 'with', 'for', 'that', 'this', 'by', 'from', 'were', 'been', 'which', 'have', 'had', 'was',
  'his', 'her', 'they', 'their', 'would', 'should', 'there', 'these', 'those', 'are', 'is', 'not', 'at', 'be', 'has',
  'will', 'it', 'who', 'we', 'you', 'our', 'any', 'such', 'shall', 'may', 'upon', 'under', 'she', 'he', 'patient',
]);
const LANGUAGE_SAMPLE = 2000;
// ENGLISH_WORDS in an open-addressing table keyed by the FNV-1a hash of the word, each slot checked against the word
// itself: looked up straight from the text while it is read (no slice, no string hashing).
const EN_SLOTS = 255; // mask
const EN_WORD: Array<string | undefined> = new Array<string | undefined>(EN_SLOTS + 1);
const EN_HASH = new Int32Array(EN_SLOTS + 1);
for (const w of ENGLISH_WORDS) {
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), 0x01000193);
  let slot = h & EN_SLOTS;
  while (EN_WORD[slot] !== undefined) slot = (slot + 1) & EN_SLOTS;
  EN_WORD[slot] = w;
  EN_HASH[slot] = h;
}

function isEnglishWord(text: string, start: number, end: number, h: number): boolean {
  for (let slot = h & EN_SLOTS; ; slot = (slot + 1) & EN_SLOTS) {
    const w = EN_WORD[slot];
    if (w === undefined) return false;
    if (EN_HASH[slot] === h && w.length === end - start) {
      let k = 0;
      while (k < w.length && w.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === w.length) return true;
    }
  }
}

/**
 * False only for a text of at least 60 words (in its first LANGUAGE_SAMPLE characters) of which under 5% are
 * lower-case English function words. Reads character codes; only short lower-case words are looked up.
 */
export function looksEnglish(text: string): boolean {
  const n = Math.min(text.length, LANGUAGE_SAMPLE);
  let words = 0;
  let hits = 0;
  let start = -1;
  let lower = true;
  let h = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    const small = c >= 97 && c <= 122;
    if (small || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f)) {
      if (start < 0) {
        start = i;
        lower = true;
        h = 0x811c9dc5 | 0;
      }
      if (!small) lower = false;
      else h = Math.imul(h ^ c, 0x01000193);
    } else if (start >= 0) {
      words++;
      if (lower && i - start <= 7 && isEnglishWord(text, start, i, h)) {
        hits++;
        // Settled already when even the most words the rest could hold would not bring the share under 5%.
        if (hits >= (words + (n - i) / 2 + 1) * 0.05) return true;
      }
      start = -1;
    }
  }
  return words < 60 || hits >= words * 0.05;
}

let scratchEmitted = new Uint8Array(1024);
let scratchEponym = new Int8Array(1024);

export class NameDetector {
  /** `flags`: the lexicon's flag table (flagsFor, or a table shared by another thread). */
  constructor(private readonly flags: FlagTable) {}

  detect(text: string, emit: Emit): void {
    const toks = tokenize(text);
    const flags = this.flags;
    // Lexicon flags of a token, looked up on first use: most capitalised words never need them.
    const F = (t: Tok): number => {
      if (t.f < 0) {
        t.f = flags.get(text, t.start, t.end);
        if (t.f === 0) t.f = inflectionFlags(flags, text, t.start, t.end);
      }
      return t.f;
    };
    let englishCache = -1;
    /** Whether words no list knows may count as evidence of a name (see ENGLISH_WORDS). */
    const unknownIsEvidence = () => {
      if (englishCache < 0) englishCache = looksEnglish(text) ? 1 : 0;
      return englishCache === 1;
    };
    if (toks.length === 0) return;
    const found = new Set<string>(); // names confirmed by strong context in this text
    const foundHashes = new Set<number>(); // their case-folded hashes: most tokens are ruled out without a slice
    // Per-token scratch reused across texts (zeroed over this text's tokens; never read past them).
    if (scratchEmitted.length < toks.length) {
      scratchEmitted = new Uint8Array(toks.length * 2);
      scratchEponym = new Int8Array(toks.length * 2);
    }
    const emitted = scratchEmitted;
    const eponymCache = scratchEponym; // 0 unknown, 1 yes, 2 no
    emitted.fill(0, 0, toks.length);
    eponymCache.fill(0, 0, toks.length);
    const eponym = (k: number) => {
      if (eponymCache[k] === 0) eponymCache[k] = isEponym(text, (toks[k] as Tok).end) ? 1 : 2;
      return eponymCache[k] === 1;
    };
    const nameish = (t: Tok) => (F(t) & NAMEISH) !== 0;
    /** A name word that is no ordinary or domain word: "Kowalczyk", "Okafor", "Siobhan". */
    const strong = (t: Tok) => (F(t) & NAMEISH) !== 0 && (F(t) & (COMMON | DOMAIN | NEVER)) === 0;
    /** Could be part of a name: a name word, or a word no list knows. */
    const weak = (t: Tok) => (F(t) & NEVER) === 0 && t.end - t.start >= 2 && ((F(t) & NAMEISH) !== 0 || (F(t) & (COMMON | DOMAIN)) === 0);
    const isTitle = (t: Tok) => (F(t) & TITLE) !== 0;
    const never = (t: Tok) => (F(t) & NEVER) !== 0;
    // Adjacent: only a space between (or "J. " after an initial).
    const adjacent = (a: Tok, b: Tok) => {
      const gap = b.start - a.end;
      if (gap === 1) return text.charCodeAt(a.end) === 32;
      return a.initial && text.charCodeAt(a.end) === 46 && (gap === 1 || (gap === 2 && text.charCodeAt(a.end + 1) === 32));
    };
    const take = (from: number, to: number, confidence: number) => {
      emit('NAME', (toks[from] as Tok).start, (toks[to] as Tok).end, confidence);
      for (let k = from; k <= to; k++) {
        emitted[k] = 1;
        const t = toks[k] as Tok;
        if (confidence >= 0.85 && !t.initial && !t.allCaps && t.end - t.start >= 3 && (F(t) & (COMMON | DOMAIN | NEVER | TITLE)) === 0) {
          found.add(text.slice(t.start, t.end).toLowerCase());
          foundHashes.add(hashRange(text, t.start, t.end));
        }
      }
    };
    // Extends a name from token i over adjacent name-like tokens (at most `max` in all).
    const extend = (i: number, max: number, accept: (k: number) => boolean) => {
      let j = i;
      while (j + 1 < toks.length && j - i + 1 < max && adjacent(toks[j] as Tok, toks[j + 1] as Tok) && accept(j + 1)) j++;
      while (j > i && (toks[j] as Tok).initial) j--;
      return j;
    };
    const nameWord = (k: number) => {
      const t = toks[k] as Tok;
      if (isTitle(t)) return false;
      if (t.initial) return true;
      if (weak(t)) return !eponym(k);
      return (F(t) & DOMAIN) !== 0 && nameish(t) && !never(t) && !eponym(k);
    };
    /** Name after a label, role or sign-off starting at token i ("Roe, Jane M.", "JANE ROE"). */
    const labelled = (i: number, role: boolean) => {
      const t = toks[i] as Tok;
      if (isTitle(t) || never(t) || (t.end - t.start < 2 && !t.initial)) return;
      if (role && (t.allCaps || (F(t) & DOMAIN) !== 0 || !weak(t))) return;
      // After a label an ordinary word is a name only when more of the name follows: "Lillie, Gwendolin",
      // "Kimberley Madonna" — not "Defendant: To survive …".
      const next0 = toks[i + 1];
      const more = text.charCodeAt(t.end) === 44 || (next0 !== undefined && adjacent(t, next0));
      if (!t.initial && !weak(t) && !more) return;
      let j = extend(i, 4, (k) => {
        const u = toks[k] as Tok;
        return nameWord(k) || (u.allCaps && !never(u)) || (!role && !never(u) && !isTitle(u) && !eponym(k) && (F(u) & DOMAIN) === 0);
      });
      const next = toks[j + 1];
      const last = toks[j] as Tok;
      if (!role && next && next.start === last.end + 2 && text.charCodeAt(last.end) === 44 && text.charCodeAt(last.end + 1) === 32 && weak(next) && !isTitle(next)) {
        j = extend(j + 1, 3, nameWord); // "Roe, Jane" (surname first)
        const initial = toks[j + 1];
        if (initial?.initial && adjacent(toks[j] as Tok, initial)) j++; // keep "M." of "Roe, Jane M."
      }
      take(i, j, 0.9);
    };

    // Labels: "Patient: …", "Attending: …" — anchored on the colon, the label read backwards.
    for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
      let at = colon + 1;
      while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
      const i = lowerBound(toks, at);
      if (toks[i]?.start !== at || emitted[i]) continue;
      if (LABELS.has(labelBefore(text, colon))) labelled(i, false);
    }
    SIGNOFF_RE.lastIndex = 0;
    let sm: RegExpExecArray | null;
    while ((sm = SIGNOFF_RE.exec(text)) !== null) {
      const wordEnd = sm.index + (/^[A-Za-z]+/.exec(sm[0])?.[0].length ?? 0);
      if (!SIGNOFF_PHRASE_RE.test(text.slice(Math.max(0, wordEnd - 24), wordEnd))) continue;
      const i = lowerBound(toks, sm.index + sm[0].length);
      if (toks[i]?.start === sm.index + sm[0].length && !emitted[i]) labelled(i, false);
    }
    OF_HEADING_RE.lastIndex = 0;
    while ((sm = OF_HEADING_RE.exec(text)) !== null) {
      if (!OF_HEADING_WORD_RE.test(text.slice(Math.max(0, sm.index - 12), sm.index))) continue;
      const i = lowerBound(toks, sm.index + sm[0].length);
      if (toks[i]?.start === sm.index + sm[0].length && !emitted[i]) labelled(i, false);
    }

    for (let i = 0; i < toks.length; i++) {
      if (emitted[i]) continue;
      const t = toks[i] as Tok;
      const n = toks[i + 1];
      const gap = n ? n.start - t.end : 0;
      const gapOk = n !== undefined && ((gap === 1 && text.charCodeAt(t.end) === 32) || (gap === 2 && text.charCodeAt(t.end) === 46 && text.charCodeAt(t.end + 1) === 32));
      // Title + name: "Dr. Okafor", "Mr. J. Smith".
      if (gapOk && t.end - t.start <= 10 && isTitle(t)) {
        // After a title even an ordinary or domain word is a surname: "Dr. Emmi Cash", "Ms. Pink", "Dr. Foley".
        const afterTitle = (k: number) => {
          const u = toks[k] as Tok;
          return nameWord(k) || (!never(u) && !u.allCaps && !isTitle(u) && !eponym(k));
        };
        if (n && (afterTitle(i + 1) || (n.allCaps && !never(n)))) {
          const j = extend(i + 1, 3, afterTitle);
          if (!(toks[j] as Tok).initial) {
            take(i + 1, j, 0.95);
            i = j;
          }
        }
        continue;
      }
      if (t.initial || t.allCaps) continue;
      // A capitalised word opening a sentence and followed by a lower-case word is never evidence on its own.
      if (t.sentenceStart && !gapOk) continue;
      // Roles: "his wife Maria Kowalczyk", "our client, Jo Roe", "counsel is Delcine Adam".
      if (weak(t) && (F(t) & DOMAIN) === 0 && isRoleBefore(text, t.start)) {
        labelled(i, true);
        if (emitted[i]) {
          while (i + 1 < toks.length && emitted[i + 1]) i++;
          continue;
        }
      }
      if (eponym(i)) continue;
      // Given name + name-like words: "Maria Kowalczyk", "James T. Whitfield".
      if ((F(t) & FIRST) !== 0 && !never(t)) {
        const j = extend(i, 4, (k) => nameWord(k) && !(toks[k] as Tok).allCaps);
        if (j > i) {
          // Evidence beyond the given name: a dictionary name that is no ordinary word, or (mid-sentence, or after
          // an unambiguous given name) a capitalised word no list knows, such as a rare surname.
          let evidence = strong(t) ? 1 : 0;
          const unknownCounts = strong(t) || !t.sentenceStart;
          let allOrdinary = true;
          for (let k = i; k <= j; k++) {
            const u = toks[k] as Tok;
            if (!u.initial && (F(u) & (COMMON | DOMAIN)) === 0) allOrdinary = false;
            if (k === i) continue;
            if (strong(u) || (unknownCounts && !u.initial && !nameish(u) && weak(u) && u.end - u.start >= 3 && unknownIsEvidence())) evidence++;
          }
          if (evidence > 0 && !(allOrdinary && t.sentenceStart) && !this.isOrgNext(toks, j, text)) {
            take(i, j, 0.85);
            i = j;
            continue;
          }
        }
      }
      // Two or three name-like words standing alone mid-sentence ("counsel met Delcine Adam"): either one is an
      // unambiguous dictionary name or none is in any list. Not part of a longer capitalised phrase ("GNU Affero
      // General Public License"), not all places.
      if (weak(t) && !this.isPrevCap(toks, i, text)) {
        const j = extend(i, 3, (k) => {
          const u = toks[k] as Tok;
          return !u.allCaps && !u.initial && weak(u) && !eponym(k);
        });
        let anyStrong = false;
        let allUnknown = true;
        let allPlaces = true;
        for (let k = i; k <= j; k++) {
          const u = toks[k] as Tok;
          if (strong(u)) anyStrong = true;
          if ((F(u) & (NAMEISH | COMMON)) !== 0) allUnknown = false;
          if ((F(u) & STATE) === 0) allPlaces = false;
        }
        // At a sentence start capitals say nothing: only words no list knows, standing as a phrase of their own
        // ("A. Leonid Linson."), count there.
        const standsAlone = /^[.,;:!?)\r\n]|^$/.test(text.slice((toks[j] as Tok).end, (toks[j] as Tok).end + 1));
        const unknownOk = allUnknown && unknownIsEvidence();
        const evidenceOk = t.sentenceStart ? unknownOk && standsAlone : anyStrong || unknownOk;
        if (j > i && evidenceOk && !allPlaces && !this.isNextCap(toks, j, text)) {
          take(i, j, 0.7);
          i = j;
          continue;
        }
      }
      // A lone unambiguous given name mid-sentence: "asked Siobhan to call". (A lone surname is too often a firm,
      // product or place — "Creative Commons", "Berkeley" — unless a title or an earlier full mention vouches for it.)
      if (
        !t.sentenceStart && strong(t) && (F(t) & FIRST) !== 0 && (F(t) & STATE) === 0 && !this.isNextCap(toks, i, text) && unknownIsEvidence() &&
        !this.isPrevCap(toks, i, text) && !PLACE_PREPOSITION.test(text.slice(Math.max(0, t.start - 8), t.start))
      ) {
        emit('NAME', t.start, t.end, 0.65);
        emitted[i] = 1;
      }
    }
    // Later mentions of a name already found: "Mr. Kowalczyk … Kowalczyk reports".
    if (found.size === 0) return;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as Tok;
      if (!emitted[i] && foundHashes.has(hashRange(text, t.start, t.end)) && found.has(text.slice(t.start, t.end).toLowerCase()) && !eponym(i)) {
        emit('NAME', t.start, t.end, 0.8);
      }
    }
  }

  /** Whether the capitalised word right after token j names an organisation or place ("… National Laboratory"). */
  private isOrgNext(toks: Tok[], j: number, text: string): boolean {
    if (!this.isNextCap(toks, j, text)) return false;
    const n = toks[j + 1] as Tok;
    return ORG_WORDS.has(text.slice(n.start, n.end).toLowerCase());
  }

  private isPrevCap(toks: Tok[], i: number, text: string): boolean {
    const p = toks[i - 1];
    const t = toks[i] as Tok;
    return p !== undefined && t.start - p.end <= 2 && (text.charCodeAt(t.start - 1) === 32 || text.charCodeAt(t.start - 1) === 45);
  }

  private isNextCap(toks: Tok[], i: number, text: string): boolean {
    const n = toks[i + 1];
    const t = toks[i] as Tok;
    return n !== undefined && n.start === t.end + 1 && text.charCodeAt(t.end) === 32;
  }
}
