// Structured identifiers found by a few compiled regex passes plus validity checks: emails, URLs, IP addresses,
// phone and fax numbers, SSNs, card-like account numbers, VINs, case/docket numbers, ages over 89, and every id
// announced by a label ("MRN:", "Member ID", "Acct #", "Lic. No.", "VIN", "Serial No.", "Case No.").
import { type Emit, type PiiType } from './types';
import { before, eachMatch, eachMatchAtDigitRuns, eachMatchInDigitWindows, eachMatchNearDigits, isDigit, isWordChar } from './context';
import { isIpv4, isIpv6, isNanpNumber, isValidSsn, luhnValid, vinValid } from './validators';

const LABELS: ReadonlyArray<readonly [string, PiiType]> = [
  ['MRN|MR ?#|Medical Record(?: Number| No\\.?| #)?|Med\\.? Rec\\.?(?: No\\.?| #)?|Chart(?: No\\.?| Number| #)|Patient ID|Pt\\.? ID|Hospital(?: No\\.?| Number| #)|Unit(?: No\\.?| Number)|Accession(?: No\\.?| Number| #)?', 'MRN'],
  ['Member(?: ID| No\\.?| Number| #)|Subscriber(?: ID| No\\.?| #)|Policy(?: No\\.?| Number| #| ID)|Group(?: No\\.?| Number| #)|Health Plan(?: ID| No\\.?| Number| #)|Insurance(?: ID| No\\.?| Number| #)|Plan ID|Beneficiary(?: ID| No\\.?| Number)|Medicaid(?: ID| No\\.?| Number| #)|Medicare(?: ID| No\\.?| Number| #)|MBI|HICN', 'HEALTH_PLAN'],
  ['Acct\\.?(?: ?No\\.?| ?#| Number)?|(?:billing |bank |checking |savings |escrow )?[Aa]ccount(?: No\\.?| Number| #| ID)?|Billing(?: No\\.?| Number| #| ID)|Invoice(?: No\\.?| Number| #)|Routing(?: No\\.?| Number| #)|IBAN|Card(?: No\\.?| Number| #)|Claim(?: No\\.?| Number| #)', 'ACCOUNT'],
  ["Lic(?:ense|ence)?\\.?(?: ?No\\.?| Number| ?#)|Driver'?s Lic(?:ense|ence)?(?: No\\.?| Number| #)?|DL ?#|DEA(?: No\\.?| Number| #)?|NPI(?: No\\.?| Number| #)?|Certificate(?: No\\.?| Number| #)|Cert\\.?(?: No\\.?| #)|Bar(?: No\\.?| Number| #)|BBO(?: No\\.?| Number| #)?|Registration(?: No\\.?| Number| #)|Passport(?: No\\.?| Number| #)", 'LICENSE'],
  ['VIN|Vehicle(?: ID| Identification Number)|Licen[cs]e Plate(?: No\\.?| #)?|Plate(?: No\\.?| Number| #)|Tag(?: No\\.?| #)', 'VEHICLE'],
  ['Serial(?: No\\.?| Number| #)?|S\\/N|SN|Device(?: ID| Serial(?: No\\.?)?| No\\.?)|UDI|Lot(?: No\\.?| Number| #)|Model\\/Serial|IMEI|MAC Address|Implant(?: ID| Serial)', 'DEVICE'],
  ['Case(?: No\\.?| Number| #)|Docket(?: No\\.?| Number| #)?|Civil Action(?: No\\.?| Number)|Criminal(?: No\\.?| Case No\\.?)|Index(?: No\\.?| Number)|Cause(?: No\\.?| Number)|File(?: No\\.?| Number)|Matter(?: No\\.?| Number)|Appeal(?: No\\.?)', 'CASE_NUMBER'],
];

const LABEL_TYPES: PiiType[] = LABELS.map(([, t]) => t);
// One pass for every label: group i+1 is label i, the last group the value (letters and digits, a digit required).
const LABELLED = new RegExp(
  `\\b(?:${LABELS.map(([src]) => `(${src})`).join('|')})(?![A-Za-z])\\s{0,3}[:#.]?\\s{0,3}(?:No\\.?\\s?|Number\\s?|#\\s?)?[:]?\\s{0,3}` +
    `((?:\\(\\d{2}\\))?[A-Za-z0-9][A-Za-z0-9\\-\\/.:()]{1,40}(?: (?=[A-Z0-9]{3})[A-Z0-9]*\\d[A-Z0-9]*(?![a-z])){0,4})`,
  'gi',
);

function labelled(text: string, emit: Emit): void {
  // Values hold a digit, so only the text around digits needs the (case-insensitive, many-branched) label regex.
  eachMatchNearDigits(LABELLED, text, 48, (m) => {
    if (m.index > 0 && /[\w\-/.]/.test(text[m.index - 1] as string)) return; // "9985-SN" is no label
    let value = m[LABELS.length + 1] ?? '';
    if (/^[A-Za-z]+:/.test(value)) return; // the next label ("SSN: …"), not a value
    value = value.replace(/[.:\-/]+$/, '');
    while (value.endsWith(')') && !value.includes('(')) value = value.slice(0, -1).replace(/[.:\-/]+$/, '');
    if (value.length < 3 || !/\d/.test(value)) return;
    let type: PiiType | undefined;
    for (let i = 0; i < LABELS.length; i++) if (m[i + 1] !== undefined) type = LABEL_TYPES[i];
    if (!type) return;
    const start = m.index + m[0].length - (m[LABELS.length + 1] ?? '').length; // value offset in the whole text
    emit(type, start, start + value.length, 0.95);
  });
}

const URL_RE = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'\][{}|\\^`]+/gi;
const TLD_RE = /\.(?:com|org|net|edu|gov|io|us|info|biz|health|law)(?![A-Za-z0-9])/g;

function trimUrlEnd(text: string, start: number, end: number): number {
  while (end > start && '.,;:!?\'")'.includes(text[end - 1] as string)) {
    if (text[end - 1] === ')' && text.slice(start, end).includes('(')) break;
    end--;
  }
  return end;
}

function urls(text: string, emit: Emit): void {
  eachMatch(URL_RE, text, (m) => emit('URL', m.index, trimUrlEnd(text, m.index, m.index + m[0].length), 0.97));
  // Bare host names ("portal.example-health.org/records"): anchored on the top-level domain, expanded both ways.
  eachMatch(TLD_RE, text, (m) => {
    let start = m.index;
    while (start > 0 && /[A-Za-z0-9.-]/.test(text[start - 1] as string)) start--;
    if (start === m.index || text[start - 1] === '@' || text[start - 1] === '/') return;
    const host = text.slice(start, m.index);
    if (!/[a-z]/.test(host) || host.startsWith('.') || host.length < 2) return;
    let end = m.index + m[0].length;
    if (text[end] === '/') while (end < text.length && !/[\s<>"']/.test(text[end] as string)) end++;
    if (text.slice(end, end + 1) === '@') return;
    emit('URL', start, trimUrlEnd(text, start, end), 0.9);
  });
}

function emails(text: string, emit: Emit): void {
  let at = text.indexOf('@');
  while (at !== -1) {
    let s = at;
    while (s > 0 && /[A-Za-z0-9._%+-]/.test(text[s - 1] as string)) s--;
    let e = at + 1;
    while (e < text.length && /[A-Za-z0-9.-]/.test(text[e] as string)) e++;
    while (e > at + 1 && text[e - 1] === '.') e--;
    const domain = text.slice(at + 1, e);
    if (s < at && /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)) emit('EMAIL', s, e, 0.98);
    at = text.indexOf('@', Math.max(e, at + 1));
  }
}

const IPV4_RE = /\b(?:\d{1,3}\.){3}\d{1,3}\b/y;
const IPV6_ANCHOR = /:[0-9A-Fa-f]{0,4}:/g;

function isHexOrColon(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function ips(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(IPV4_RE, text, (m) => {
    const end = m.index + m[0].length;
    if (text[m.index - 1] === '.' || (text[end] === '.' && isDigit(text.charCodeAt(end + 1)))) return;
    if (!isIpv4(m[0])) return;
    if (/(?:version|ver\.?|v)\s?$/.test(before(text, m.index, 9))) return;
    emit('IP', m.index, end, 0.95);
  });
  eachMatch(IPV6_ANCHOR, text, (m) => {
    let s = m.index;
    while (s > 0 && isHexOrColon(text.charCodeAt(s - 1))) s--;
    let e = m.index + m[0].length;
    while (e < text.length && (isHexOrColon(text.charCodeAt(e)) || text.charCodeAt(e) === 46)) e++;
    while (e > s && text[e - 1] === '.') e--;
    IPV6_ANCHOR.lastIndex = e;
    if (s > 0 && isWordChar(text.charCodeAt(s - 1))) return;
    const candidate = text.slice(s, e);
    if (isIpv6(candidate)) emit('IP', s, e, 0.95);
  });
}

const PHONE_RE =
  /(?<![\w+.\-/])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?:,? ?(?:x|ext\.?|extension) ?\d{1,5})?(?![\w\-/])/g;
const INTL_PHONE_RE = /\+(?:[2-9]\d{0,2})[ .-]\d{1,4}(?:[ .-]\d{2,5}){1,4}(?![\w-])/g;
const BARE_DIGITS_RE = /\b\d{9,10}\b/y; // unformatted phone (10) or SSN (9) digits, kept only with a context word
const PHONE_CONTEXT = /(?:phone|ph|tel|telephone|cell|mobile|pager|call|contact|fax|number|#)\W{0,4}$/;

function phoneType(text: string, start: number): 'PHONE' | 'FAX' {
  return before(text, start, 14).includes('fax') ? 'FAX' : 'PHONE';
}

function phones(text: string, emit: Emit): void {
  eachMatchInDigitWindows(PHONE_RE, text, (m) => {
    // One separator style throughout ("617.555.0134"), unless the area code is in parentheses: "252.227-7015" is a
    // regulation number, not a phone.
    const separators = m[0].replace(/^\+?1[ .-]?/, '').replace(/(?:x|ext\.?|extension) ?\d+$/i, '').match(/\d[ .-]\d/g) ?? [];
    if (!m[0].includes('(') && new Set(separators.map((x) => x[1])).size > 1) return;
    let digits = m[0].replace(/(?:x|ext\.?|extension) ?\d+$/i, '').replace(/\D/g, '');
    if (digits.length === 11 && digits[0] === '1') digits = digits.slice(1);
    if (digits.length !== 10 || !isNanpNumber(digits)) return;
    emit(phoneType(text, m.index), m.index, m.index + m[0].length, 0.92);
  });
  eachMatchInDigitWindows(INTL_PHONE_RE, text, (m) => {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 9 && digits.length <= 15) emit(phoneType(text, m.index), m.index, m.index + m[0].length, 0.85);
  });
  eachMatchAtDigitRuns(BARE_DIGITS_RE, text, (m) => {
    const context = before(text, m.index, 24);
    if (m[0].length === 10 && isNanpNumber(m[0]) && PHONE_CONTEXT.test(context.slice(-16))) {
      emit(phoneType(text, m.index), m.index, m.index + 10, 0.85);
    } else if (m[0].length === 9 && SSN_CONTEXT.test(context) && isValidSsn(m[0].slice(0, 3), m[0].slice(3, 5), m[0].slice(5))) {
      emit('SSN', m.index, m.index + 9, 0.95);
    }
  });
}

const SSN_RE = /\b(\d{3})([- ])(\d{2})\2(\d{4})\b/y;
const SSN_CONTEXT = /(?:ssn|social security(?: number| no\.?| #)?|ss#|soc\. sec\.?(?: no\.?)?)\W{0,4}$/;

function ssns(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(SSN_RE, text, (m) => {
    if (!isValidSsn(m[1] ?? '', m[3] ?? '', m[4] ?? '')) return;
    const context = SSN_CONTEXT.test(before(text, m.index, 24));
    if (m[2] === ' ' && !context && text[m.index - 1] === '-') return;
    emit('SSN', m.index, m.index + m[0].length, context ? 0.98 : m[2] === '-' ? 0.9 : 0.75);
  });
}

const CARD_RE = /\b(?:\d{4}[ -]){3}\d{1,7}\b|\b\d{4}[ -]\d{6}[ -]\d{5}\b|\b[3-6]\d{12,18}\b/y;
// Unlabelled VINs: anchored on the five-digit serial that ends North American VINs, then checked as a whole.
const VIN_TAIL_RE = /\d{5}(?![A-Za-z0-9])/g;
const VIN_BODY_RE = /^[A-HJ-NPR-Z0-9]{12}$/;

function accountsAndVehicles(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(CARD_RE, text, (m) => {
    if (luhnValid(m[0])) emit('ACCOUNT', m.index, m.index + m[0].length, 0.85);
  });
  eachMatchInDigitWindows(VIN_TAIL_RE, text, (m) => {
    const start = m.index - 12;
    if (start < 0 || (start > 0 && isWordChar(text.charCodeAt(start - 1)))) return;
    if (!VIN_BODY_RE.test(text.slice(start, m.index))) return;
    const vin = text.slice(start, m.index + 5);
    if (/[A-Z]/.test(vin) && vinValid(vin)) emit('VEHICLE', start, start + 17, 0.9);
  });
}

// Anchored on the literal middle ("-cv-", "-2021-") and checked backwards: far cheaper than a leading class.
const FEDERAL_CASE_RE = /-(?:cv|cr|mc|mj|bk|ap|md|po|sw|civ|crim)-\d{3,6}(?:-[A-Z]{2,4}){0,3}\b/gi;
const FEDERAL_HEAD_RE = /(?:^|[^\w:])(\d{1,2}:\d{2})$/;
const YEAR_CASE_RE = /\b(?:19|20)\d{2}-?[A-Z]{1,4}-\d{3,8}\b/y;
const LETTER_CASE_RE = /-(?:19|20)?\d{2}-\d{3,8}\b/g;
const LETTER_HEAD_RE = /(?:^|[^\w-])([A-Z]{2,4})$/;

function caseNumbers(text: string, emit: Emit): void {
  eachMatchInDigitWindows(FEDERAL_CASE_RE, text, (m) => {
    const head = FEDERAL_HEAD_RE.exec(text.slice(Math.max(0, m.index - 6), m.index));
    if (head) emit('CASE_NUMBER', m.index - (head[1] as string).length, m.index + m[0].length, 0.95);
  });
  eachMatchAtDigitRuns(YEAR_CASE_RE, text, (m) => emit('CASE_NUMBER', m.index, m.index + m[0].length, 0.8));
  eachMatchInDigitWindows(LETTER_CASE_RE, text, (m) => {
    const head = LETTER_HEAD_RE.exec(text.slice(Math.max(0, m.index - 5), m.index));
    if (head) emit('CASE_NUMBER', m.index - (head[1] as string).length, m.index + m[0].length, 0.8);
  });
}

const AGE_RES = [
  /\b(\d{2,3}) ?(?:-? ?(?:[Yy]ears?|[Yy]rs?|[Yy])[ -]?(?:[Oo]ld|o\b)|(?:yo|YO|y\/o|Y\/O|y\.o\.)(?![A-Za-z]))/g,
  /(?:[Aa]ge[ds]?|AGE)\s?:?\s?(\d{2,3})\b/g,
];

function ages(text: string, emit: Emit): void {
  for (const re of AGE_RES) {
    eachMatchInDigitWindows(re, text, (m) => {
      if (m.index > 0 && /[A-Za-z]/.test(text[m.index - 1] as string)) return; // "page 95" is no age
      const value = Number(m[1]);
      if (value < 90 || value > 125) return;
      const start = m.index + m[0].indexOf(m[1] as string);
      emit('AGE_OVER_89', start, start + (m[1] as string).length, 0.9);
    });
  }
}

/** Every structured detector, in one call. */
export function detectStructured(text: string, emit: Emit): void {
  labelled(text, emit);
  urls(text, emit);
  emails(text, emit);
  ips(text, emit);
  phones(text, emit);
  ssns(text, emit);
  accountsAndVehicles(text, emit);
  caseNumbers(text, emit);
  ages(text, emit);
}

