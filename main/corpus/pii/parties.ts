// Party names in legal captions: "JANE ROE, Plaintiff, v. ACME HOLDINGS LLC, Defendant.", "Roe v. Acme Corp.",
// "In re Estate of Whitfield". A "v." whose right side is followed by a reporter citation ("Ashcroft v. Iqbal,
// 556 U.S. 662 (2009)") is a published precedent: public legal authority, not a party to the user's matter.
import { type Emit, type Pass, type PassEnv } from './types';
import { eachMatch, isAsciiLetter, isCapital, isSpaceChar } from './context';
import { isEponym } from './name-tokens';

// A court's or a tribunal's name, as the heading above a caption gives it.
const COURT_HEADING_RE = /\b(?:COURT|Court|TRIBUNAL|Tribunal|MAGISTRATES?|Magistrates?)\b/;
const VS_RE = /v(?:\.?\s|s\.? |ersus )/g; // preceded by whitespace, checked in code; "v" without its stop only in capitals
const PARTY_WORD = "(?:[A-Z][A-Za-z0-9'’&.-]*|&|of|the|and|de|del|la|van|von|der|da|dos|for|on|behalf|et al\\.)";
const LEFT_RE = new RegExp(`(?:${PARTY_WORD}(?:,? |,?\\n[ \\t]*|$))*$`);
const RIGHT_RE = new RegExp(`^[A-Z][A-Za-z0-9'’&.-]*(?:,? ${PARTY_WORD})*`);
const ROLE = '(?:Plaintiffs?|Petitioners?|Appellants?|Appellees?|Respondents?|Defendants?|Claimants?|Movants?|Counter-?(?:claimants?|defendants?)|PLAINTIFFS?|PETITIONERS?|APPELLANTS?|APPELLEES?|RESPONDENTS?|DEFENDANTS?|CLAIMANTS?|MOVANTS?)';
const ROLE_TAIL_RE = new RegExp(`,?\\s${ROLE}.*$`);
const TRAILING_ROLE_RE = new RegExp(`[\\s,]*(?:(?:an?|the) [^,\\n]{1,50},\\s*)?(?:${ROLE}[\\s,.]*)?(?:(?:an?|the) [^,\\n]{1,50},\\s*)?$`);
const ROLE_AT_END_RE = new RegExp(`${ROLE}$`);
const LEADING_NOISE_RE = /^(?:(?:In|See|See also|Cf\.|But|Also|Under|As in|And|Compare|Following|Per|Citing|Accord|E\.g\.,?|The)\s+)+/;
const REPORTER_RE = /^,?\s*(?:\d{1,4}\s+[A-Z][A-Za-z0-9.\s]{0,24}?\s\d{1,5}|\d{4}\s+(?:WL|U\.S\. Dist\. LEXIS|LEXIS)\s+\d+)/;
const IN_RE_RE = /(?:In re|Matter of|Estate of)\s+(?=[A-Z])/g; // literal-led; the name is read after it
const IN_RE_NAME_RE = /^(?:[A-Z][A-Za-z'’.-]*)(?:\s(?:[A-Z][A-Za-z'’.-]*|of|the)){0,5}/;
// "Plaintiff Ada Mires", "Defendant Harborview Medical Supply Corp." in the body of a pleading.
// Found by literal search ("laintiff "), first letter and the name after it checked in code.
// The same literal also opens a caption's role line ("        Plaintiff,", "Defendants.", "Plaintiff-Appellant,"), read
// by roleLine (one regex for both: each costs ~3 ms per MB of text).
// (In capitals too, as cause titles write the role after the party: "ADEWALE OKONKWO ......... CLAIMANT".)
const ROLE_RE = /(?:laintiff|efendant|etitioner|espondent|ppellant|ppellee|laimant|LAINTIFF|EFENDANT|ETITIONER|ESPONDENT|PPELLANT|PPELLEE|LAIMANT)S?s?(?: (?=[A-Z])|[A-Za-z -]{0,30}[,.;:]?[ \t]*(?=\r?\n|$)|(?=\)))/g;
const ROLE_NAME_RE = /^[A-Z][A-Za-z0-9'’&.-]*(?:,? (?:[A-Z][A-Za-z0-9'’&.-]*|&|of|the|and)){0,6}/;
const ROLE_FIRST_LETTER = /[PpDdRrAaCc]/;
const TAIL_WORDS_RE = /(?:,?\s(?:of|the|and|for|on|behalf|&))+$|[,.]$/;

function isPartyChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ||
    c === 39 || c === 8217 || c === 38 || c === 46 || c === 45 || c === 44 || c === 32 || c === 10 || c === 9
  );
}

/**
 * How many characters TRAILING_ROLE_RE takes off the end of `left` (", an individual,\n\tPlaintiff,\n"), without
 * running it (it tries every start) where it can take only the separators: a match that takes more ends in a comma
 * and whitespace (", an individual, ") or in a role word and [\s,.] ("Plaintiff, ").
 */
export function trailingRoleLength(left: string): number {
  let k = left.length; // start of the trailing [\s,.] run
  while (k > 0 && (isSpaceChar(left.charCodeAt(k - 1)) || left.charCodeAt(k - 1) === 44 || left.charCodeAt(k - 1) === 46)) k--;
  let last = left.length; // after the last character that is not whitespace
  while (last > 0 && isSpaceChar(left.charCodeAt(last - 1))) last--;
  if ((last > 0 && left.charCodeAt(last - 1) === 44) || ROLE_AT_END_RE.test(left.slice(Math.max(0, k - 24), k))) {
    return TRAILING_ROLE_RE.exec(left)?.[0].length ?? 0;
  }
  // Only separators: the trailing run of whitespace and commas.
  let p = left.length;
  while (p > 0 && (isSpaceChar(left.charCodeAt(p - 1)) || left.charCodeAt(p - 1) === 44)) p--;
  return left.length - p;
}

/** TRAILING_ROLE_RE itself (tests compare trailingRoleLength with it). */
export function trailingRoleLengthByRegex(left: string): number {
  return TRAILING_ROLE_RE.exec(left)?.[0].length ?? 0;
}

function trimParty(text: string, start: number, end: number): [number, number] {
  let s = text.slice(start, end);
  const lead = LEADING_NOISE_RE.exec(s);
  if (lead) {
    start += lead[0].length;
    s = s.slice(lead[0].length);
  }
  for (;;) {
    const tail = TAIL_WORDS_RE.exec(s);
    if (!tail || tail[0].length === 0) break;
    // Keep the dot of an abbreviation such as "Inc." or "Corp."
    if (tail[0] === '.' && /(?:Inc|Corp|Co|Ltd|Jr|Sr|Bros|L\.L\.C|P\.C|N\.A|al)\.$/.test(s)) break;
    s = s.slice(0, tail.index);
  }
  return [start, start + s.length];
}

// A case cited as authority rather than the user's own matter: a signal before it ("under Terry v. Ohio", "see", "cf.",
// "overruled in"), or the decision's year after it ("Loper Bright Enterprises v. Raimondo (2024)").
const CITATION_SIGNAL_RE = /\b(?:under|see(?: also)?|cf\.|citing|following|applying|overruled(?: in| by)?|overruling|abrogated by|held in|per|accord|compare|distinguishing|as in|e\.g\.,?|relying on)\s+$/i;
const DECISION_YEAR_RE = /^,?\s*\((?:1[89]|20)\d{2}\)/;
// A government as a party ("State", "the People", "United States", "Maryland", "Commonwealth of Virginia", "His Majesty
// the King", as Canadian and British criminal captions name the Crown): no person.
// (A county or a city stays a party: "City of Fresno" names a place smaller than a state.)
const GOVERNMENT_RE = /^(?:(?:The )?(?:State|People|Commonwealth|Government|Crown|Republic|Kingdom)(?: of(?: the)?(?: State of)? [A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)?|United States(?: of America)?|U\.S\.A?\.?|R\.|Regina|Rex|(?:The )?(?:Queen|King)|(?:His|Her) Majesty(?: the (?:King|Queen))?(?: in (?:right|the right) of [A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)?)$/i;
// A sentence ends inside the right side ("… v. Bruch. Your reference"): after a word ending in "." that is no abbreviation.
const SENTENCE_END_IN_PARTY_RE = /\b(?!(?:Inc|Corp|Co|Ltd|Jr|Sr|Bros|Assn|Ass'n|Dept|Dist|Cnty|Univ|Bd|Comm'n|Nat'l|Int'l)\.)[A-Z][a-z]+\.(?= [A-Z])/;

/**
 * Whether a side of a "v." is a government, a state or a country, or a heading of ordinary words ("PETITION FOR
 * PROTECTION ORDER"): never a party's name to redact.
 */
function isGovernment(name: string, env: PassEnv): boolean {
  return GOVERNMENT_RE.test(name) || env.isNeverName(name) || isOrdinaryHeading(name, env);
}

/**
 * Whether `line` is a document's heading: it names a kind of filing ("PETITION FOR PROTECTION ORDER", "Motion to
 * Dismiss"), and every word of it is an ordinary word no name list holds. (A company named with ordinary words,
 * "Keystone Freight", is still a party.)
 */
function isOrdinaryHeading(line: string, env: PassEnv): boolean {
  return FILING_RE.test(line) && line.split(/[\s,]+/).every((w) => w.length === 0 || (env.isCommon(w) && !env.isNameWord(w)));
}
const FILING_RE = /\b(?:petition|motion|order|complaint|notice|summons|affidavit|declaration|application|answer|reply|brief|judgment|judgement|decree|stipulation|subpoena|warrant|response|request)s?\b/i;

// A word in lower case just before "v.", on the same line (and not the "al." of "et al.").
const LOWER_WORD_BEFORE_RE = /(?:^|[^A-Za-z.])(?!al\.)[a-z]+[ \t]+$/;

function captions(text: string, emit: Emit, env: PassEnv): void {
  let precedentEnd = -1; // the end of the last precedent cited: a list of them shares its signal
  eachMatch(VS_RE, text, (vm) => {
    const at = vm.index;
    const literal = vm[0];
    const ws = text.charCodeAt(at - 1);
    if (at < 2 || (ws !== 32 && ws !== 10 && ws !== 9 && ws !== 13)) return;
    const m = { index: at - 1 };
    let rightStart = at + literal.length;
    while (rightStart < text.length && /\s/.test(text[rightStart] as string)) rightStart++;
    // "v" without its stop, as Commonwealth courts write it, only between parties in capitals, as captions are ("THE
    // STATE v RAM BAHADUR THAPA"): in running text it is mostly a precedent's ("Hadley v Baxendale", "Polkey v A E Dayton
    // Services Ltd [1987] UKHL 8"), whose citations the precedent test does not all know.
    if (literal.length === 2 && !(isCapital(text.charCodeAt(at - 2)) && (isCapital(text.charCodeAt(at - 3)) || !isAsciiLetter(text.charCodeAt(at - 3))) &&
      isCapital(text.charCodeAt(rightStart)) && isCapital(text.charCodeAt(rightStart + 1)))) return;
    const right = RIGHT_RE.exec(text.slice(rightStart, rightStart + 160));
    if (!right) return;
    let rightEnd = rightStart + right[0].length;
    // Strip ", Defendant." and descriptors from the right side.
    const rightText = text
      .slice(rightStart, rightEnd)
      .replace(ROLE_TAIL_RE, '')
      .replace(/,\s(?:Case|Civil|Criminal|Docket|Index|No\.?|Cause|File|Matter|Appeal)(?![A-Za-z]).*$/, '');
    const sentenceEnd = SENTENCE_END_IN_PARTY_RE.exec(rightText);
    rightEnd = rightStart + (sentenceEnd ? sentenceEnd.index + sentenceEnd[0].length : rightText.length);
    let precedent = REPORTER_RE.test(text.slice(rightEnd, rightEnd + 40)) || DECISION_YEAR_RE.test(text.slice(rightEnd, rightEnd + 10));
    const windowStart = Math.max(0, m.index - 200);
    let leftWindow = text.slice(windowStart, m.index);
    leftWindow = leftWindow.slice(0, leftWindow.length - trailingRoleLength(leftWindow));
    // A party list holds only letters, digits, ' ’ & . - , and spaces/tabs/newlines: no match starts at or before the
    // last other character, so the regex (which tries every start) reads only what follows it.
    let from = leftWindow.length;
    while (from > 0 && isPartyChar(leftWindow.charCodeAt(from - 1))) from--;
    const left = LEFT_RE.exec(from === 0 ? leftWindow : leftWindow.slice(from));
    if (left) left.index += from;
    let leftFound = false;
    if (left && left[0].trim().length > 1) {
      const trimmed = trimParty(text, windowStart + left.index, windowStart + left.index + left[0].trimEnd().length);
      let s = trimmed[0];
      const e = trimmed[1];
      // Not from inside a word ("un|der Terry": "der" is a particle the party words allow).
      if (s > 0 && isAsciiLetter(text.charCodeAt(s - 1))) {
        const space = text.indexOf(' ', s);
        s = space === -1 || space >= e ? e : space + 1;
      }
      // Not from the sentence before ("… in State v. Hunter. PEOPLE OF … v. WEBB").
      for (let end = SENTENCE_END_IN_PARTY_RE.exec(text.slice(s, e)); end !== null; end = SENTENCE_END_IN_PARTY_RE.exec(text.slice(s, e))) {
        s += end.index + end[0].length + 1;
      }
      // After a precedent just cited, the next is another of the list ("Terry v. Ohio and Rodriguez v. United States").
      if (precedentEnd > s && precedentEnd < e) {
        const rest = /^(?:,|;| and| or)?\s+/.exec(text.slice(precedentEnd, e));
        s = precedentEnd + (rest?.[0].length ?? 0);
        precedent = true;
      }
      if (CITATION_SIGNAL_RE.test(text.slice(Math.max(0, s - 24), s)) || (precedentEnd >= 0 && /^(?:,|;| and| or)?\s*$/.test(text.slice(precedentEnd, s)))) precedent = true;
      // A court's heading on a line above is no part of the party ("IN THE DISTRICT COURT OF KATHMANDU\nTHE STATE").
      const lineBreak = text.lastIndexOf('\n', e - 1);
      if (lineBreak > s && COURT_HEADING_RE.test(text.slice(s, lineBreak))) {
        s = lineBreak + 1;
        while (s < e && isSpaceChar(text.charCodeAt(s))) s++;
      }
      if (e - s > 1 && /[A-Z]/.test(text[s] ?? '')) {
        leftFound = true;
        if (precedent) env.suppress(s, e);
        else if (!isGovernment(text.slice(s, e), env)) emit('PARTY', s, e, 0.9);
      }
    }
    const [s, e] = trimParty(text, rightStart, rightEnd);
    if (e - s > 1) {
      if (precedent) {
        env.suppress(s, e);
        precedentEnd = e;
      } else if (!isGovernment(text.slice(s, e), env) && !isEponym(text, e) && (leftFound || ((literal.charCodeAt(1) === 46 || literal.length === 2) && !LOWER_WORD_BEFORE_RE.test(text.slice(Math.max(0, at - 24), at))))) {
        // (Not an eponym's name, "stroke versus Bell's palsy"; after "versus" or "vs" only with a party on the left;
        // after "v." or a "v" between capitals with none, not where a word in lower case comes before it: "tries to
        // borrow v. However, …"; "R v ADEBAYO" has one.)
        emit('PARTY', s, e, 0.9);
      }
    }
  });
}

// A party before its role on the same line, as Indian, Kenyan and Nigerian cause titles write it: "Sunil Verma ...
// Petitioner", "M/s Sharma Traders … Respondent", "Wanjiru Kamau (Plaintiff) and Otieno Odhiambo (Defendant)", "BETWEEN:
// CHIEF ADEWALE OKONKWO ......... CLAIMANT AND ZENITH BANK PLC ......... DEFENDANT". The
// name opens its line or follows "and", a comma or a colon.
const PARTY_BEFORE_ROLE_RE = /(?:^|\n|\band |\bAND |, |: )[ \t]*((?:[A-Z][A-Za-z0-9'’&./-]*)(?:,? (?:[A-Z][A-Za-z0-9'’&./-]*|&|of|the|and|de|van|von))*)(?: ?\.{2,} ?| ?… ?| \()$/;

function namesAfterRoles(text: string, emit: Emit, env: PassEnv): void {
  eachMatch(ROLE_RE, text, (rm) => {
    const at = rm.index;
    const literal = rm[0];
    if (at < 1 || !ROLE_FIRST_LETTER.test(text[at - 1] as string)) return;
    const lead = text.slice(Math.max(0, at - 121), at - 1);
    const before = lead.endsWith('(') || lead.endsWith('.') || lead.endsWith('. ') || lead.endsWith('…') || lead.endsWith('… ') ? PARTY_BEFORE_ROLE_RE.exec(lead) : null;
    if (before !== null) {
      const party = before[1] as string;
      const start = at - 1 - lead.length + before.index + before[0].indexOf(party);
      if (party.length >= 3 && isPartyLine(party) && !PUBLIC_PARTY_RE.test(party) && !isOrdinaryHeading(party, env)) emit('PARTY', start, start + party.length, 0.9);
    }
    // A role in capitals follows its party (read above); no party follows it ("… CLAIMANT AND ZENITH BANK PLC").
    if (literal.charCodeAt(0) < 97) return;
    if (literal.charCodeAt(literal.length - 1) !== 32) {
      roleLine(text, at - 1, emit, env);
      return;
    }
    if (at > 1 && /[A-Za-z]/.test(text[at - 2] as string)) return;
    const start = at + literal.length;
    const name = ROLE_NAME_RE.exec(text.slice(start, start + 160))?.[0];
    if (!name) return;
    // Stop before the verb phrase: keep capitalised words (and joiners between them) only.
    const words = /^(?:[A-Z][A-Za-z0-9'’&.-]*)(?:,? (?:(?:of|the|and|&|de|van|von) )*[A-Z][A-Za-z0-9'’&.-]*)*/.exec(name);
    // A numbered party ("Respondent No. 2", "respondent Nos. 2 and 3") is named elsewhere.
    if (!words || /^No[s.]/.test(words[0])) return;
    const [s, e] = trimParty(text, start, start + words[0].length);
    if (e > s + 1) emit('PARTY', s, e, 0.9);
  });
}

function namesAfterInRe(text: string, emit: Emit): void {
  eachMatch(IN_RE_RE, text, (m) => {
    if (m.index > 0 && /[A-Za-z]/.test(text[m.index - 1] as string)) return;
    const start = m.index + m[0].length;
    const name = IN_RE_NAME_RE.exec(text.slice(start, start + 120))?.[0];
    if (!name) return;
    const [s, e] = trimParty(text, start, start + name.length);
    // A published decision cited by its reporter is a precedent, no party of this matter ("Matter of Acosta, 19 I&N
    // Dec. 211 (BIA 1985)", "In re Gault, 387 U.S. 1").
    if (e > s && !REPORTER_RE.test(text.slice(e, e + 40).replace(/&/g, 'and'))) emit('PARTY', s, e, 0.8);
  });
}

// What ends the party's name on its line: a descriptor after a comma (", individually and on behalf of …", ", a Delaware
// limited liability company"), a semicolon, or the line's trailing comma.
const DESCRIPTOR_RE = /,\s+(?:an?|the|individually|both|each|as|in|on|by|for|through|inclusive|et al)\b.*$|;.*$|[,\s]+$/;
// Public parties, no person's identifier: "PEOPLE OF THE STATE OF ILLINOIS", "UNITED STATES OF AMERICA".
const PUBLIC_PARTY_RE = /^(?:THE\s+)?(?:PEOPLE\s+OF|STATE\s+OF|UNITED\s+STATES|COMMONWEALTH\s+OF|DOES\b|IN\s+THE\s+MATTER|IN\s+RE\b)|COURT|DISTRICT/i;

/**
 * A caption's role line, its role word at `roleStart` ("        Plaintiff,", "Defendants.", "Plaintiff-Appellant,"): the
 * party is the line above it, however the two sides are joined ("v.", "-against-", "vs", a case number on the "v." line).
 */
function roleLine(text: string, roleStart: number, emit: Emit, env: PassEnv): void {
  // Only blanks before the role word on its line.
  let ls = roleStart;
  while (ls > 0 && (text.charCodeAt(ls - 1) === 32 || text.charCodeAt(ls - 1) === 9)) ls--;
  if (ls > 0 && text.charCodeAt(ls - 1) !== 10) return;
  // The line above (blank lines between skipped, two at most).
  let le = ls - 1;
  for (let blank = 0; le > 0 && blank < 3; blank++) {
    while (le > 0 && (text.charCodeAt(le - 1) === 13 || text.charCodeAt(le - 1) === 32 || text.charCodeAt(le - 1) === 9)) le--;
    if (le > 0 && text.charCodeAt(le - 1) === 10) le--;
    else break;
  }
  if (le <= 0) return;
  let start = text.lastIndexOf('\n', le - 1) + 1;
  while (start < le && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  const line = text.slice(start, le);
  const party = line.replace(DESCRIPTOR_RE, '');
  if (party.length < 3 || party.length > 150 || !/^[A-Z]/.test(party) || PUBLIC_PARTY_RE.test(party) || !isPartyLine(party)) return;
  // A heading of ordinary words above the role line is no party ("PETITION FOR PROTECTION ORDER").
  if (isOrdinaryHeading(party, env)) return;
  emit('PARTY', start, start + party.length, 0.9);
}

/** Whether a caption line's text is a party's name: words of party characters, every word capitalised or a joiner. */
function isPartyLine(party: string): boolean {
  for (let k = 0; k < party.length; k++) if (!isPartyChar(party.charCodeAt(k))) return false;
  return party.split(/[\s,]+/).every((w) => w.length === 0 || /^[A-Z0-9&]/.test(w) || /^(?:and|of|the|de|del|la|van|von|der|da|dos|for|et|al\.)$/.test(w));
}

// A contract's or a pleading's company party, named by what it is: "Cascade Dental Partners, P.C., an Oregon professional
// corporation", "Halvorsen Data Systems Inc., a Washington corporation". Anchored on the kind of company (a literal, rare
// outside legal text), ", a …" and the company read backwards from it.
const COMPANY_KIND_RE = /(?:orporation|ompany|artnership|ssociation|ooperative)\b/g; // the first letter checked in code
const DESCRIBED_BEFORE_RE =
  /, an? (?:[A-Z][A-Za-z]+ ){0,3}(?:(?:professional|limited liability|nonprofit|non-profit|public benefit|benefit|general|limited|stock|business|mutual) )?$/;
const COMPANY_BEFORE_RE = /(?:^|[\s("“])((?:[A-Z][A-Za-z0-9'’&.-]*)(?:,? (?:[A-Z][A-Za-z0-9'’&.-]*|&|of|and|the))*)$/;
// A party labelled by its role in a contract or a tribunal's heading ("CLIENT: …", "Respondent: …"): a company only
// (names.ts reads persons after labels), known by its legal form at the end. Read at each colon.
const ROLE_LABELS: ReadonlySet<string> = new Set([
  'client', 'provider', 'landlord', 'tenant', 'licensor', 'licensee', 'seller', 'buyer', 'employer', 'contractor', 'vendor',
  'customer', 'respondent', 'claimant', 'applicant',
  // A pleading's and a charge's or a lease's other parties ("Defendant: Kowloon Motor Bus Company (1933) Limited",
  // "Adverse party: Lee & Partners Limited", "Chargee: KCB Bank Kenya Limited").
  'defendant', 'plaintiff', 'petitioner', 'appellant', 'appellee', 'party', 'counterparty', 'insurer', 'chargee', 'chargor',
  'mortgagee', 'mortgagor', 'lender', 'borrower', 'guarantor', 'purchaser', 'lessor', 'lessee', 'proprietor', 'creditor',
  'debtor', 'supplier',
]);
// (A year in parentheses among the words: "Kowloon Motor Bus Company (1933) Limited".)
const COMPANY_AFTER_RE = /^[A-Z][A-Za-z0-9'’&.-]*(?:,? (?:[A-Z][A-Za-z0-9'’&.-]*|&|of|and|the|\(\d{4}\))){0,7}/;
/** A company's legal form ending a name ("… Inc.", "…, LLC"): parties.ts and name-forms.ts read companies by it. */
export const LEGAL_FORM_RE = /(?:^|,? )(?:Inc|LLC|L\.L\.C|P\.C|PC|PLLC|LLP|L\.L\.P|LP|L\.P|Ltd|Limited|Corp|Corporation|Co|Company|GmbH|AG|N\.A|S\.A|plc|PLC)\.?$/;

function companyParties(text: string, emit: Emit, env: PassEnv): void {
  let found: string[] | undefined;
  eachMatch(COMPANY_KIND_RE, text, (km) => {
    const first = text.charCodeAt(km.index - 1) | 32;
    if (first !== 99 && first !== 112 && first !== 97) return; // c, p, a
    const described = DESCRIBED_BEFORE_RE.exec(text.slice(Math.max(0, km.index - 80), km.index - 1));
    if (!described) return;
    const at = km.index - 1 - described[0].length; // where ", a …" opens
    const company = COMPANY_BEFORE_RE.exec(text.slice(Math.max(0, at - 120), at))?.[1];
    if (!company || company.replace(LEGAL_FORM_RE, '').length < 2) return; // "Yahoo! Inc.": not the legal form alone
    // "the Company, a Delaware corporation": a defined term, not a name; a name has its legal form or a word no
    // dictionary holds.
    if (!LEGAL_FORM_RE.test(company) && company.split(/[\s,]+/).every((w) => env.isCommon(w.replace(/[.,]+$/, '')))) return;
    emit('PARTY', at - company.length, at, 0.9);
    (found ??= []).push(company);
  });
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    let w = colon;
    if ((text.charCodeAt(w - 1) | 32) === 115) w--; // "Clients:"
    let ws = w;
    while (ws > 0 && isAsciiLetter(text.charCodeAt(ws - 1))) ws--;
    if (w - ws < 5 || w - ws > 12 || !ROLE_LABELS.has(text.slice(ws, w).toLowerCase())) continue;
    let start = colon + 1;
    while (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9) start++;
    let company = COMPANY_AFTER_RE.exec(text.slice(start, start + 120))?.[0];
    if (!company) continue;
    const form = LEGAL_FORM_RE.exec(company);
    if (!form || form.index < 2) continue;
    company = company.slice(0, form.index + form[0].length);
    emit('PARTY', start, start + company.length, 0.9);
    (found ??= []).push(company);
  }
  // Every other mention of a company found above ("CLIENT: Cascade Dental Partners, P.C." at the signatures).
  if (found) {
    for (const company of new Set(found)) {
      for (let at = text.indexOf(company); at !== -1; at = text.indexOf(company, at + company.length)) emit('PARTY', at, at + company.length, 0.85);
    }
  }
}

/** The party passes, in the order the scanner runs them. */
export const PARTY_PASSES: readonly Pass[] = [captions, namesAfterRoles, namesAfterInRe, companyParties];
