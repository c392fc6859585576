// Names written in forms the word-by-word name detector (names.ts) does not read: a name followed by a professional
// credential ("Ifeoma Chukwu, MD", "J. Patel, RN", "A. Kowalski (MD)") and a list entry or a reference line that
// gives the surname first ("1. Jackson, Levi - bed 3", "RE: Anderson, Kristoffer", "Greenberg, Harold | MRN …"), the
// display name of a mailbox ("Jane Doe <jane@example.org>"), and others. Each is found by a literal search (the
// credential, the comma, the "<") and checked in code.
import { eachMatch } from './context';
import { LEGAL_FORM_RE } from './parties';
import { type Emit, type Pass, type PassEnv } from './types';

// A name word: capitalised, letters (Latin-1 and Latin Extended-A included), inner apostrophes and hyphens.
const WORD = "[A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ][A-Za-zÀ-ÖØ-öø-ÿĀ-ɏḀ-ỿ'’]*(?:-[A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ][A-Za-zÀ-ÖØ-öø-ÿĀ-ɏḀ-ỿ'’]*)?";
const INITIAL = '[A-Z]\\.';
/** Credentials written after a name. MD, DO and PA are also US states: see credentialed(). */
const CREDENTIAL =
  '(?:M\\.D\\.|MD|DO|D\\.O\\.|RN|LPN|NP|PA-C|PA|PharmD|PhD|DDS|DMD|MBBS|MBChB|FRCPC?|FRCS|FACP|FACS|CNM|CRNA|APRN|FNP(?:-C)?|DNP|MSW|LCSW|LICSW|MT\\(ASCP\\)|RPh|Esq\\.?|J\\.D\\.|JD|LL\\.B\\.|LLB|LL\\.M\\.|CPA|MPH|BSN|MSN|DPT|RDN?|LDN?|CCHT|OTR(?:\\/L)?|RRT|RPSGT|CNA|LVN|LMFT|LPC|LCPC|PsyD|IBCLC|CDCES|Notary Public|(?:[A-Z][a-z]+ )?Bar (?:No|#)|' +
  // The signer's role in a signature line ("Nirali D. Mehta, Buyer, 5/9/2024", "Bogusław Zieliński, Seller").
  '(?:Buyer|Seller|Purchaser|Tenant|Landlord|Lessee|Lessor|Borrower|Co-Borrower|Guarantor|Grantor|Grantee|Petitioner|Applicant|Witness)(?=[,.;)]|[ \\t]*\\r?\\n|[ \\t]+\\d|$)|' +
  // A role written after a name where a credential stands: "Eilidh Johnstone, Occupational Therapist", "Tali Rosenfeld,
  // counsellor".
  // Therapists' abbreviations and a few roles only where the credential closes ("Jarrah (OT)", "Tama (physio)"; not
  // "PT Sans, PT Serif", "(pharmacist Annelie du Plessis)", "(interpreter-mediated)").
  '(?:OT|PT|SLP|CCC-SLP|[Pp]hysio|[Ii]nterpreter|[Cc]haplain|[Pp]harmacist)(?=[),;]|\\.(?:\\s|$)|[ \\t]*\\r?\\n|$)|' +
  '[Oo]ccupational [Tt]herapist|[Pp]hysiotherapist|[Pp]hysical [Tt]herapist|[Ss]ocial [Ww]orker|[Dd]ietitian|[Cc]ounsell?or|[Cc]ase [Mm]anager|[Cc]linical [Pp]sychologist|[Mm]idwife|[Hh]ealth [Vv]isitor|[Ss]peech and [Ll]anguage [Tt]herapist|[Cc]omplaints [Oo]fficer)';
// ", MD" or " (MD)" after up to four name words or initials; the name is read backwards from the credential. The
// regex opens with the comma or the parenthesis (rarer than a space: the engine skips to them).
const CREDENTIAL_RE = new RegExp(`(?:, |\\()${CREDENTIAL}(?![A-Za-z])`, 'g');
const NAME_BEFORE_RE = new RegExp(`(?:^|[^A-Za-zÀ-ÿ.'’-])((?:(?:${INITIAL}|${WORD})\\s){0,3}${WORD})$`);
const STATE_CREDENTIALS = new Set(['MD', 'DO', 'PA', 'PT']); // and Portugal's code ("Lisbon, PT")
const CREDENTIAL_ONLY_RE = new RegExp(`^${CREDENTIAL}$`);

/** Whether `word` is a credential written after a name ("MD", "MBBS", "LCSW", "PharmD"; CREDENTIAL). */
export function isCredential(word: string): boolean {
  return CREDENTIAL_ONLY_RE.test(word);
}

function credentialed(text: string, emit: Emit, env: PassEnv): void {
  eachMatch(CREDENTIAL_RE, text, (m) => {
    const at = m[0].startsWith('(') ? m.index - 1 : m.index; // " (MD)": the space before the parenthesis
    if (at < m.index && text.charCodeAt(at) !== 32) return;
    const before = NAME_BEFORE_RE.exec(text.slice(Math.max(0, at - 80), at));
    const name = before?.[1];
    if (!name) return;
    const words = name.split(/\s+/);
    const credential = m[0].replace(/^[,\s(]+/, '');
    // "Baltimore, MD 21201", "Internal Medicine, MD": a place or ordinary words, not a person.
    if (STATE_CREDENTIALS.has(credential) && (words.length < 2 || /^\s\d{5}/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6)))) return;
    const named = words.filter((w) => !/^[A-Z]\.$/.test(w));
    // "Frances Ebuka-Lloyd, MD, PhD": the second credential's "name" is the first credential.
    // (Ordinary words only, unless an initial opens the name and the family name is in the name lists: "D. King, RN".)
    const initialled = named.length < words.length && named.every((w) => env.isNameWord(w));
    // (One or more ordinary words that the name lists hold too are a name before a credential: "Precious (RN)", "Ana, RN".)
    // ("Silver Spring, MD." is a town's.)
    if (named.length === 0 || CREDENTIAL_ONLY_RE.test(words.at(-1)!) || (named.every((w) => env.isCommon(w)) && !initialled && (!named.every((w) => env.isNameWord(w)) || env.isPlaceBesidePostcode(name)))) return;
    // An abbreviation after its words is no credential ("Prothrombin Time (PT)", "Occupational Therapy (OT)").
    if (named.length > 1 && named.map((w) => w[0]).join('') === credential.replace(/[^A-Z]/g, '')) return;
    if (LEGAL_FORM_RE.test(name)) return; // a company signing ("Acme Holdings LLC, Buyer")
    emit('NAME', at - name.length, at, 0.85);
  });
}

// "Jackson, Levi", "Anderson, Kristoffer", "Pierce, Arthur W": a surname, a comma and a given name, opening a line
// (after a list number or bullet) or after "RE:" / "re: pt".
const SURNAME_FIRST_RE = new RegExp(
  `[ \\t]*(?:\\d{1,3}[.)][ \\t]+|[-*•][ \\t]+|(?:BED|Bed|ROOM|Room|RM|Rm) \\d{1,4}[A-Z]?[ \\t]+[—–-][ \\t]+)?(?:(?:RE|Re|re):?[ \\t]+(?:pt\\.?[ \\t]+)?)?(${WORD}), (${WORD})(?: [A-Z]\\.?(?![A-Za-z]))?`,
  'yd',
);
const LOWER_RE = /[a-zß-öø-ÿ]/;
const BED_RE = /^(?:BED|Bed|ROOM|Room|RM|Rm) \d{1,4}[A-Z]?[ \t]+[—–-][ \t]+/;
const BED_IN_MATCH_RE = /^[ \t]*(?:BED|Bed|ROOM|Room|RM|Rm) \d/;

/** Whether a code unit may be part of a name word (what WORD matches, roughly). */
function isNameUnit(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 39 || c === 45 || c === 8217 || (c >= 0xc0 && c <= 0x17e && c !== 0xd7 && c !== 0xf7);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Whether SURNAME_FIRST_RE could match at `at`, read by character codes: blanks, a list number or bullet, "re:" and
 * "pt" maybe, then a capitalised word followed at once by ", ". Most lines fail at their first word.
 */
function mayOpenSurnameFirst(text: string, at: number): boolean {
  let p = at;
  while (isBlank(text.charCodeAt(p))) p++;
  let c = text.charCodeAt(p);
  if (c >= 48 && c <= 57) {
    const digits = p;
    while (p - digits < 3 && text.charCodeAt(p) >= 48 && text.charCodeAt(p) <= 57) p++;
    if (text.charCodeAt(p) !== 46 && text.charCodeAt(p) !== 41) return false;
    p++;
    while (isBlank(text.charCodeAt(p))) p++;
  } else if (c === 45 || c === 42 || c === 0x2022) {
    p++;
    while (isBlank(text.charCodeAt(p))) p++;
  } else {
    const bed = BED_RE.exec(text.slice(p, p + 24)); // "BED 4 — ", a census line's bed
    if (bed) p += bed[0].length;
  }
  if ((text.charCodeAt(p) | 32) === 114 && (text.charCodeAt(p + 1) | 32) === 101 && !isNameUnit(text.charCodeAt(p + 2))) {
    p += 2;
    if (text.charCodeAt(p) === 58) p++;
    while (isBlank(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) === 112 && text.charCodeAt(p + 1) === 116 && !isNameUnit(text.charCodeAt(p + 2))) {
      p += 2;
      if (text.charCodeAt(p) === 46) p++;
      while (isBlank(text.charCodeAt(p))) p++;
    }
  }
  c = text.charCodeAt(p);
  if (!((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x17e))) return false;
  while (isNameUnit(text.charCodeAt(p))) p++;
  return text.charCodeAt(p) === 44 && text.charCodeAt(p + 1) === 32;
}

function surnameFirstAt(text: string, at: number, emit: Emit, env: PassEnv): number {
  if (!mayOpenSurnameFirst(text, at)) return at;
  SURNAME_FIRST_RE.lastIndex = at;
  const m = SURNAME_FIRST_RE.exec(text);
  if (m === null) return at;
  const surname = m[1]!;
  const given = m[2]!;
  const end = m.index + m[0].length;
  // Written as names are (not "CLOE"), the surname no place or ordinary word unless a name list has it: not
  // "California, Lawrence", "Thanks, John".
  // In capitals ("AHMADI, LEILA" on a census) only a given name and a family name that are no ordinary words.
  const capitals = !LOWER_RE.test(surname) && !LOWER_RE.test(given);
  // After a census line's bed ("BED 9 — KING, SUMMER", "BED 12 — Kowalczyk, Zbigniew") the pair is the patient's name
  // even when its words are ordinary ones or no list holds them.
  if (BED_IN_MATCH_RE.test(m[0])) {
    if (!env.isNeverName(surname) && !env.isNeverName(given)) emit('NAME', m.indices![1]![0], end, 0.85);
    return end;
  }
  if (capitals ? !env.isNameWord(surname) || env.isCommon(surname) : !LOWER_RE.test(surname) || !LOWER_RE.test(given)) return end;
  if (!env.isGiven(given)) return end;
  if (env.isNeverName(surname) || (env.isCommon(surname) && !env.isNameWord(surname))) return end;
  // A sign-off's adverb no list holds: "Respectfully, Ann Lee", "Cordially, Jo".
  if (surname.endsWith('ly') && !env.isNameWord(surname)) return end;
  emit('NAME', m.indices![1]![0], end, 0.85);
  return end;
}

function surnameFirst(text: string, emit: Emit, env: PassEnv): void {
  for (let line = 0; line < text.length; ) {
    surnameFirstAt(text, line, emit, env);
    const next = text.indexOf('\n', line);
    if (next === -1) break;
    line = next + 1;
  }
  // "re:" inside a line, found from its ": " (far rarer than "re"); at a line's start it was tried above.
  let from = 0;
  for (let colon = text.indexOf(': '); colon !== -1; colon = text.indexOf(': ', colon + 2)) {
    const at = colon - 2;
    if (at < from || (text.charCodeAt(at) | 32) !== 114 || (text.charCodeAt(at + 1) | 32) !== 101 || isNameUnit(text.charCodeAt(at - 1))) continue;
    let p = at - 1;
    while (p >= 0 && isBlank(text.charCodeAt(p))) p--;
    if (p >= 0 && text.charCodeAt(p) !== 10) from = surnameFirstAt(text, at, emit, env);
  }
}

// 'William "Bill" Whitlock Jr.', 'Patricia "Patty" Vanderhoek-Lutz', 'Alexandros ("Alex") Karamanlis': a given name (or
// a word no list knows), a nickname in quotes and the surname, found from the quoted nickname (literal-led: the quote),
// the given name read backwards.
const NICKNAME_RE = new RegExp(`\\(?["“]([A-Z][a-z]{1,15})["”]\\)? (${WORD})(?: (?:Jr|Sr|II|III|IV)\\.?(?![A-Za-z]))?`, 'g');
const GIVEN_BEFORE_RE = new RegExp(`(?:^|[^A-Za-zÀ-ÿ'’-])(${WORD})(?: ${INITIAL})? $`);

function nicknamed(text: string, emit: Emit, env: PassEnv): void {
  eachMatch(NICKNAME_RE, text, (m) => {
    const sliceStart = Math.max(0, m.index - 40);
    const before = GIVEN_BEFORE_RE.exec(text.slice(sliceStart, m.index));
    if (!before || !LOWER_RE.test(m[2]!) || env.isNeverName(m[2]!)) return;
    if (!env.isGiven(before[1]!) && (env.isCommon(before[1]!) || env.isNeverName(before[1]!))) return;
    emit('NAME', sliceStart + before.index + before[0].indexOf(before[1]!), m.index + m[0].length, 0.9);
  });
}

// A person introducing themselves in a declaration or an affidavit ("I, Mohammad Nasir Haidari, declare as follows"),
// and a person named with their residence ("Daquan Pettiford, residing at 9 Lakeshore Drive"): anchored on "I, " and on
// the residence verb (literals), the name read after or before them.
// Tried at each "I, " (found by indexOf), sticky.
const DECLARANT_RE = new RegExp(`I, ((?:(?:${INITIAL}|${WORD}) ){0,4}${WORD}), (?:do (?:hereby )?|hereby |being (?:first )?duly sworn,? )?(?:declare|certify|state|swear|affirm|depose|make)`, 'y');
// Found by the verb without its first letters (a literal), ", " and "who is" read back from it.
const RESIDES_RE = /(?:esiding|esides|omiciled) (?:at|in)\b/g;
const RESIDES_BEFORE_RE = /, (?:(?:who is )?(?:currently )?r|who r|d)$/; // the verb's first letter ends it

// A person who named themself ("a representative, who identified herself as "Crystal,"", "he introduced himself as
// Bao Tran", "a man who called himself Rocky"): the verb and the pronoun read back from each "self".
const SELF_VERB_BEFORE_RE = /\b(?:identified|identifies|identifying|introduced|introduces|introducing|called|calls|calling|named|names|announced)\s(?:him|her|them|your|my)$/;
const SELF_NAME_AFTER_RE = new RegExp(`^(?:ves)?(?: as)? ["“']?((?:${WORD})(?: (?:${INITIAL}|${WORD})){0,2})`);

// A nickname in quotes after "known as", "goes by" ("known at work as "Kasia"", "goes by "Bao""): found from " as "" and
// " by "" (literal-led), the verb read back in code.
const QUOTED_AS_RE = / (?:as|by) ["“]([A-Z][A-Za-z'’-]{1,15})["”]/g;
// (Not "referred to as" or "called": a contract's defined terms, '(hereinafter referred to as "Respondent")'.)
const KNOWN_BEFORE_RE = /\b(?:known|goes|go|went|nicknamed|answers)(?: [a-z]+){0,2}$/;

function introduced(text: string, emit: Emit, env: PassEnv): void {
  eachMatch(QUOTED_AS_RE, text, (m) => {
    if (!KNOWN_BEFORE_RE.test(text.slice(Math.max(0, m.index - 28), m.index))) return;
    const name = m[1] as string;
    // An ordinary word only where the name lists hold it ("Rocky", not "Ecstasy" or "Phase").
    if (env.isNeverName(name) || (env.isCommon(name) && !env.isNameWord(name))) return;
    const start = m.index + m[0].length - 1 - name.length;
    emit('NAME', start, start + name.length, 0.9);
  });
  for (let at = text.indexOf('self', 4); at !== -1; at = text.indexOf('self', at + 4)) {
    if (!SELF_VERB_BEFORE_RE.test(text.slice(Math.max(0, at - 18), at))) continue;
    const m = SELF_NAME_AFTER_RE.exec(text.slice(at + 4, at + 72));
    if (m === null) continue;
    const name = m[1] as string;
    const first = name.split(' ')[0] as string;
    if (env.isNeverName(first)) continue;
    const start = at + 4 + m[0].length - name.length;
    emit('NAME', start, start + name.length, 0.9);
  }
  for (let at = text.indexOf('I, '); at !== -1; at = text.indexOf('I, ', at + 3)) {
    if (at > 0 && isNameUnit(text.charCodeAt(at - 1))) continue;
    DECLARANT_RE.lastIndex = at;
    const m = DECLARANT_RE.exec(text);
    if (m === null) continue;
    const name = m[1] as string;
    if (name.split(' ').every((w) => env.isCommon(w))) continue;
    emit('NAME', at + 3, at + 3 + name.length, 0.9);
  }
  eachMatch(RESIDES_RE, text, (rm) => {
    const lead = RESIDES_BEFORE_RE.exec(text.slice(Math.max(0, rm.index - 22), rm.index));
    if (lead === null) return;
    const at = rm.index - lead[0].length; // where ", residing" opens
    const before = NAME_BEFORE_RE.exec(text.slice(Math.max(0, at - 80), at));
    const name = before?.[1];
    if (!name) return;
    const words = name.split(/\s+/).filter((w) => !/^[A-Z]\.$/.test(w));
    // "The Trustee, residing at": ordinary words, not a person; a name has a word no dictionary holds or a name word.
    if (words.length === 0 || words.every((w) => env.isCommon(w) && !env.isNameWord(w)) || words.some((w) => env.isNeverName(w))) return;
    emit('NAME', at - name.length, at, 0.85);
  });
}

// A person named with how they are related to the patient or the client, in parentheses after the name: "Hope O'Brien
// (daughter), 087 555 2916", "Donncha Ó Briain (son, Dorchester)", "Mele Sio (NOK)". The relation is evidence enough
// that even ordinary words are a name ("Rose Young (wife)"); found from each " (" by a literal search.
const RELATION_IN_PARENS_RE = /^ \((?:daughter|son|wife|husband|spouse|partner|mother|father|mum|mom|dad|sister|brother|niece|nephew|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|friend|neighbou?r|carer|caregiver|guardian|daughter-in-law|son-in-law|NOK|next of kin|POA|HCP|proxy|fianc[ée]e?)(?=[),;])/i;

function relatedInParentheses(text: string, emit: Emit, env: PassEnv): void {
  for (let at = text.indexOf(' (', 1); at !== -1; at = text.indexOf(' (', at + 2)) {
    if (!RELATION_IN_PARENS_RE.test(text.slice(at, at + 20))) continue;
    const before = NAME_BEFORE_RE.exec(text.slice(Math.max(0, at - 60), at));
    const name = before?.[1];
    if (!name) continue;
    // The name's words, a title's aside ("Mrs Kim (wife)": the title is no part of it).
    let words = name.split(/\s+/);
    while (words.length > 1 && env.isNeverName((words[0] as string).replace(/\.$/, ''))) words = words.slice(1);
    if (words.some((w) => env.isNeverName(w.replace(/\.$/, ''))) || /['’]s$/.test(words.at(-1) as string)) continue;
    const kept = words.join(' ');
    emit('NAME', at - kept.length, at, 0.9);
  }
}

// A Japanese honorific after a name ("Yamamoto-san", "Keiko-san", "Tanaka-sensei"): the name before it. Found from
// each "-s" (a literal search: a regex over the whole text costs ten times more).
const HONORIFIC_RE = /-(?:san|sama|sensei)(?![A-Za-z0-9'’-])/y;
// The family name a woman was born with, after "née", "(nee" or "geb." ("Wong Mei-ling (née Cheng)"). Found from
// "ée ", "(nee " and "geb": rarer in text than "née"'s first letters.
// Each literal, and how far before it the mark opens.
const BIRTH_MARKS: ReadonlyArray<readonly [string, number]> = [['ée ', 1], ['(nee ', -1], ['geb', 0]];
const BIRTH_NAME_RE = new RegExp(`(?:née|nee|geb\\.|geborene) (${WORD}(?: ${WORD})?)`, 'y');

function honorificsAndBirthNames(text: string, emit: Emit, env: PassEnv): void {
  for (let at = text.indexOf('-s'); at !== -1; at = text.indexOf('-s', at + 2)) {
    HONORIFIC_RE.lastIndex = at;
    if (!HONORIFIC_RE.test(text)) continue;
    let s = at;
    while (s > 0 && isNameUnit(text.charCodeAt(s - 1)) && text.charCodeAt(s - 1) !== 45) s--;
    const word = text.slice(s, at);
    if (word.length < 2 || !/^[A-Z][a-z]+$/.test(word) || env.isCommon(word) || env.isNeverName(word)) continue;
    emit('NAME', s, at, 0.9); // sure enough for a domain word ("Kawasaki-san")
  }
  for (const [literal, back] of BIRTH_MARKS) {
    for (let hit = text.indexOf(literal); hit !== -1; hit = text.indexOf(literal, hit + literal.length)) {
      const at = hit - back; // where "née", "nee" or "geb" opens
      if (at < 0 || (at > 0 && isNameUnit(text.charCodeAt(at - 1)))) continue;
      BIRTH_NAME_RE.lastIndex = at;
      const m = BIRTH_NAME_RE.exec(text);
      const name = m?.[1];
      if (m === null || name === undefined || name.split(' ').every((w) => env.isCommon(w) && !env.isNameWord(w))) continue;
      emit('NAME', at + m[0].length - name.length, at + m[0].length, 0.9);
    }
  }
}

// The display name of a mailbox, as e-mail headers, signatures and contact lines write it before the address in angle
// brackets: "Jane Q. Doe <jane@example.org>", "Ardo van Rangelooij <ardo@…>", "Tomohiro KUBOTA <…>", '"Doe, Jane" <…>'.
// Up to five words on the address's line, particles and initials among them; read back from each "<" that opens an
// address (a literal search).
const PARTICLE = '(?:van|von|de|der|den|da|das|del|della|di|dos|du|la|le|bin|ibn|al|el|ten|ter)';
const MAILBOX_NAME_RE = new RegExp(`(?:^|[^A-Za-zÀ-ÖØ-öø-ÿĀ-ɏḀ-ỿ0-9.'’-])((?:(?:${INITIAL}|${WORD}|${PARTICLE}) ){0,4}${WORD})[ \\t]*$`);
const QUOTED_MAILBOX_NAME_RE = /["“]([^"“”\n<>@]{2,60})["”][ \t]*$/;
const NAME_PART_RE = new RegExp(`^(?:${INITIAL}|${PARTICLE})$`);

/** The end of the e-mail address in angle brackets opening at `at` ("<", no space, an "@", ">"), or -1. */
function angleAddressEnd(text: string, at: number): number {
  let atSign = false;
  for (let k = at + 1; k < text.length && k - at <= 100; k++) {
    const c = text.charCodeAt(k);
    if (c === 62) return atSign && k > at + 3 ? k + 1 : -1;
    if (c === 64) atSign = true;
    else if (c <= 32 || c === 60) return -1;
  }
  return -1;
}

function mailboxNames(text: string, emit: Emit, env: PassEnv): void {
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    if (angleAddressEnd(text, at) === -1) continue;
    // The name's part of the line: at most 80 characters back (read no further: a long line of addresses stays linear).
    let lineStart = at;
    while (lineStart > 0 && at - lineStart < 80 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
    const before = text.slice(lineStart, at);
    const quoted = QUOTED_MAILBOX_NAME_RE.exec(before);
    const m = quoted ?? MAILBOX_NAME_RE.exec(before);
    const name = m?.[1]?.trim();
    if (m === null || name === undefined) continue;
    // The name's words without a title before them ("Dr. Jane Doe"), initials and particles: a lone word only a given
    // name ("Julian <…>"); no ordinary word the name lists lack ("APT Development Team", "Debian Japanese List"), but
    // for one after a given name; no company ("OpenWorks LLP").
    let words = name.split(/[\s,]+/).filter((w) => w.length > 0);
    while (words.length > 1 && env.isNeverName((words[0] as string).replace(/\.$/, ''))) words = words.slice(1);
    const named = words.filter((w) => !NAME_PART_RE.test(w));
    if (named.length === 0 || (named.length === 1 && !env.isGiven(named[0] as string)) || LEGAL_FORM_RE.test(name)) continue;
    // After a given name one ordinary word may be the family name ("Joe Perches", "Tollef Fog Heen").
    const ordinary = named.filter((w) => env.isCommon(w) && !env.isNameWord(w)).length;
    if (named.some((w) => env.isNeverName(w)) || ordinary > (named.length > 1 && env.isGiven(named[0] as string) ? 1 : 0)) continue;
    const start = lineStart + m.index + m[0].indexOf(name);
    const first = text.indexOf(words[0] as string, start);
    emit('NAME', first, start + name.length, 0.9);
  }
}

// A signature block: a line of a name alone above a line that opens with the signer's job title ("Aakanksha Agrawal⏎
// Associate Attorney", "Tom Bell⏎Senior Counsel, Acme LLP", "Kelly Marsh⏎Charge Nurse"). Found from the title line.
const JOB_TITLE_LINE_RE =
  /\n[ \t]*(?:(?:Senior|Assistant|Associate|Staff|Chief|Deputy|Attending|Managing|Supervising|Principal|Lead|Head|Clinical|Medical|Registered|General|Legal|Charge|Consultant|Trial|Paralegal|Case|Social|Program|Practice|Office|Nurse|District|County|City|Public|Immigration|Family|Patient|Care) )*(?:Attorneys?|Counsel|Lawyer|Solicitor|Barrister|Advocate|Paralegal|Partner|Associate|Attorney-at-Law|Nurse|Physician|Surgeon|Doctor|Resident|Fellow|Registrar|Director|Manager|Coordinator|Specialist|Therapist|Pharmacist|Worker|Navigator|Chaplain|Officer|Clerk|Secretary|Administrator|Investigator|Midwife|Practitioner|Psychologist|Psychiatrist|Dietitian|Paramedic|Technician|Interpreter|Advisor|Adviser|Consultant|Representative)\b(?!:)/g;
const NAME_LINE_RE = new RegExp(`^[ \\t]*(${WORD}(?: (?:${INITIAL}|${WORD})){1,2})[ \\t]*$`);

function signatureBlocks(text: string, emit: Emit, env: PassEnv): void {
  eachMatch(JOB_TITLE_LINE_RE, text, (m) => {
    const lineEnd = m.index;
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    if (lineEnd - lineStart > 60) return;
    const line = NAME_LINE_RE.exec(text.slice(lineStart, lineEnd));
    const name = line?.[1];
    if (name === undefined) return;
    // Words of a name: none an ordinary word the name lists lack, a title, a state or a company's ("Acme LLP").
    const words = name.split(' ').filter((w) => !/^[A-Z]\.$/.test(w));
    if (LEGAL_FORM_RE.test(name) || words.some((w) => env.isNeverName(w) || (env.isCommon(w) && !env.isNameWord(w)))) return;
    const start = lineStart + line!.index + line![0].indexOf(name);
    emit('NAME', start, start + name.length, 0.85);
  });
}

export const NAME_FORM_PASSES: readonly Pass[] = [credentialed, surnameFirst, nicknamed, introduced, relatedInParentheses, honorificsAndBirthNames, mailboxNames, signatureBlocks];
