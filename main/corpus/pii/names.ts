// Person names from capitalised tokens, hash-set lookups and context:
//   titles ("Dr. Okafor", "Mrs. Jane Q. Public"), labels ("Patient: Roe, Jane", "Attending: R. Osei"),
//   known given name + name-like words ("Maria Kowalczyk"), lone unambiguous names mid-sentence, and every later
//   mention of a surname already found in the same text. Eponyms ("Parkinson's disease", "Hodgkin lymphoma",
//   "Foley catheter") and domain words on their own (drug names such as "Allegra") are never names.
import { type Emit } from './types';
import { type Lexicon } from './lexicon';
import { EPONYM_HEADS, NAME_LABELS, NEVER_NAMES, TITLES } from './domain-terms';

interface Tok {
  start: number;
  end: number; // excludes a possessive 's
  lower: string;
  initial: boolean; // "J" or "J." (end excludes the dot)
  allCaps: boolean;
  sentenceStart: boolean;
}

const CAP_RE = /(?<![A-Za-z0-9'’-])[A-Z][A-Za-z'’-]*/g;
const LABEL_RE = new RegExp(
  `(?<![A-Za-z])(?:${[...NAME_LABELS].sort((a, b) => b.length - a.length).map((l) => l.replace(/ /g, '\\s')).join('|')})\\s?:[ \\t]*`,
  'gi',
);
const ROLE_RE = /\b(?:[Pp]laintiff|[Dd]efendant|[Pp]etitioner|[Rr]espondent|[Ww]itness|[Cc]laimant|[Dd]ecedent|[Pp]atient)s?\s(?=[A-Z])/g;

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  CAP_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CAP_RE.exec(text)) !== null) {
    let word = m[0].replace(/[-'’]+$/, '');
    if (/['’]s$/.test(word)) word = word.slice(0, -2);
    const start = m.index;
    let p = start - 1;
    while (p >= 0 && (text[p] === ' ' || text[p] === '\t' || text[p] === '"' || text[p] === '(')) p--;
    const prev = p < 0 ? '\n' : (text[p] as string);
    const sentenceStart = '.!?:;\n\r•*-–>'.includes(prev);
    toks.push({
      start,
      end: start + word.length,
      lower: word.toLowerCase(),
      initial: word.length === 1,
      allCaps: word.length > 1 && word === word.toUpperCase(),
      sentenceStart,
    });
  }
  return toks;
}

export class NameDetector {
  constructor(private readonly lex: Lexicon) {}

  private nameish(t: Tok): boolean {
    return this.lex.firstNames.has(t.lower) || this.lex.surnames.has(t.lower);
  }
  /** A name word that is no ordinary or domain word: "Kowalczyk", "Okafor", "Siobhan". */
  private strong(t: Tok): boolean {
    return this.nameish(t) && !this.lex.common.has(t.lower) && !this.lex.domain.has(t.lower) && !NEVER_NAMES.has(t.lower);
  }
  /** Could be part of a name: a name word, or a word no list knows. */
  private weak(t: Tok): boolean {
    if (NEVER_NAMES.has(t.lower) || t.lower.length < 2) return false;
    if (this.nameish(t)) return true;
    return !this.lex.common.has(t.lower) && !this.lex.domain.has(t.lower) && /^[a-z'’-]+$/.test(t.lower);
  }
  private isTitle(t: Tok): boolean {
    return TITLES.has(t.lower);
  }

  detect(text: string, emit: Emit): void {
    const toks = tokenize(text);
    const found = new Set<string>(); // surnames and given names already confirmed in this text
    const emitted = new Uint8Array(toks.length);
    const eponym = (t: Tok) => isEponym(text, t.end);
    // Adjacent: only a space between (or "J. " after an initial).
    const adjacent = (a: Tok, b: Tok) => {
      const gap = text.slice(a.end, b.start);
      return gap === ' ' || (a.initial && (gap === '. ' || gap === '.'));
    };
    const take = (from: number, to: number, confidence: number) => {
      const first = toks[from] as Tok;
      const last = toks[to] as Tok;
      emit('NAME', first.start, last.end, confidence);
      for (let k = from; k <= to; k++) {
        emitted[k] = 1;
        const t = toks[k] as Tok;
        if (!t.initial && !this.lex.domain.has(t.lower) && !this.lex.common.has(t.lower)) found.add(t.lower);
      }
    };
    // Extends a name from token i over adjacent name-like tokens (at most `max` in all).
    const extend = (i: number, max: number, accept: (t: Tok) => boolean) => {
      let j = i;
      while (j + 1 < toks.length && j - i + 1 < max && adjacent(toks[j] as Tok, toks[j + 1] as Tok) && accept(toks[j + 1] as Tok)) j++;
      while (j > i && (toks[j] as Tok).initial) j--;
      return j;
    };
    const nameWord = (t: Tok) => t.initial || (this.weak(t) && !eponym(t)) || (this.lex.domain.has(t.lower) && !eponym(t) && !NEVER_NAMES.has(t.lower));

    // Labels and roles: "Patient: Roe, Jane M.", "Plaintiff Jane Roe".
    for (const re of [LABEL_RE, ROLE_RE]) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const at = m.index + m[0].length;
        const i = lowerBound(toks, at);
        const t = toks[i];
        if (!t || t.start !== at || this.isTitle(t) || !(t.initial || this.weak(t) || t.allCaps) || NEVER_NAMES.has(t.lower)) continue;
        let j = extend(i, 4, (u) => nameWord(u) || (u.allCaps && !NEVER_NAMES.has(u.lower)));
        // "Roe, Jane" (surname first).
        const next = toks[j + 1];
        if (next && text.slice((toks[j] as Tok).end, next.start) === ', ' && this.nameish(next) && !NEVER_NAMES.has(next.lower)) {
          j = extend(j + 1, 3, nameWord);
          // Keep a trailing middle initial of "Roe, Jane M." inside the name.
          const initial = toks[j + 1];
          if (initial?.initial && adjacent(toks[j] as Tok, initial)) j++;
        }
        take(i, j, 0.9);
      }
    }

    for (let i = 0; i < toks.length; i++) {
      if (emitted[i]) continue;
      const t = toks[i] as Tok;
      // Title + name: "Dr. Okafor", "Mr. J. Smith".
      if (this.isTitle(t)) {
        const n = toks[i + 1];
        if (!n) continue;
        const gap = text.slice(t.end, n.start);
        if ((gap === '. ' || gap === ' ') && !NEVER_NAMES.has(n.lower) && (nameWord(n) || n.allCaps)) {
          const j = extend(i + 1, 3, nameWord);
          if (!(toks[j] as Tok).initial) {
            take(i + 1, j, 0.95);
            i = j;
          }
        }
        continue;
      }
      if (t.initial || t.allCaps || eponym(t)) continue;
      // Given name + name-like words: "Maria Kowalczyk", "James T. Whitfield".
      if (this.lex.firstNames.has(t.lower) && !NEVER_NAMES.has(t.lower)) {
        const j = extend(i, 4, (u) => nameWord(u) && !u.allCaps);
        if (j > i) {
          let strongCount = this.strong(t) ? 1 : 0;
          for (let k = i + 1; k <= j; k++) if (this.strong(toks[k] as Tok) || !this.nameish(toks[k] as Tok)) strongCount++;
          const allDomainOrCommon = toks.slice(i, j + 1).every((u) => u.initial || this.lex.common.has(u.lower) || this.lex.domain.has(u.lower));
          if (strongCount > 0 && !(allDomainOrCommon && t.sentenceStart)) {
            take(i, j, 0.85);
            i = j;
            continue;
          }
        }
      }
      // A lone unambiguous name mid-sentence: "asked Siobhan to call".
      if (!t.sentenceStart && this.strong(t) && !this.isNextCap(toks, i, text)) {
        emit('NAME', t.start, t.end, this.lex.firstNames.has(t.lower) ? 0.65 : 0.55);
        emitted[i] = 1;
      }
    }
    // Later mentions of a name already found: "Mr. Kowalczyk … Kowalczyk reports".
    if (found.size === 0) return;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as Tok;
      if (!emitted[i] && found.has(t.lower) && !eponym(t)) emit('NAME', t.start, t.end, 0.8);
    }
  }

  private isNextCap(toks: Tok[], i: number, text: string): boolean {
    const n = toks[i + 1];
    return n !== undefined && text.slice((toks[i] as Tok).end, n.start) === ' ';
  }
}

/** Whether the words after `end` make the token an eponym: "Parkinson's disease", "Hodgkin lymphoma". */
function isEponym(text: string, end: number): boolean {
  const m = /^(?:['’]s?)?(?:[- ][A-Z][a-z]+(?:['’]s?)?){0,2}[ -]([A-Za-z]+)/.exec(text.slice(end, end + 48));
  return m !== null && EPONYM_HEADS.has((m[1] as string).toLowerCase());
}

function lowerBound(toks: Tok[], pos: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((toks[mid] as Tok).start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
