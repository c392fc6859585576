// Structured identifiers found by a few compiled regex passes plus validity checks: emails, URLs, IP addresses,
// phone and fax numbers, SSNs, card-like account numbers, VINs, case/docket numbers, ages over 89, and every id
// announced by a label ("MRN:", "Member ID", "Acct #", "Lic. No.", "VIN", "Serial No.", "Case No.").
import { type Emit, type Pass, type PassEnv, type PiiType } from './types';
import { type DigitPass, type DigitRuns, type LeadTest, type RunTest, NEVER_AT_RUN, before, codeAt, digitRuns, eachMatch, hasDigit, eachMatchAtDigitRuns, eachMatchNearDigits, isAsciiLetter, isDigit, isWordChar, opensLine, wordBoundaryBefore, isCapital } from './context';
import { ibanValid, isIpv4, isIpv6, isNanpNumber, isValidSsn, luhnValid, vinValid } from './validators';
import { isLicenceName } from './licence-names';
import { isLetter } from './name-tokens';

// Health insurers whose name a member's number may follow at once ("Aetna W284417093", "MassHealth 100418827365").
const INSURER =
  '(?:Aetna|Cigna|Humana|UnitedHealthcare|UHC|Anthem|Kaiser(?: Permanente)?|Blue ?Cross(?: Blue ?Shield)?|Blue ?Shield|BCBS|MassHealth|TRICARE|Tricare|Molina|WellCare|Ambetter|Highmark|Regence|Premera|CareFirst|EmblemHealth|Fidelis|CareSource|Bupa)';
const LABELS: ReadonlyArray<readonly [string, PiiType]> = [
  ['MRN|MR ?#|Medical Record(?: Number| No\\.?| #)?|Med\\.? Rec\\.?(?: No\\.?| #)?|Chart(?: No\\.?| Number| #|(?=\\s{1,3}[A-Z]{2,5}-?\\d{4,}(?![\\d-]))|(?=:\\s{0,3}[A-Z]?\\d{5,}(?![\\d-])))|Patient(?: ID| No\\.?| Number| #)|Pt\\.? ID|Hospital(?: No\\.?| Number| #)|Hosp\\.?(?: No\\.?| #)|Unit(?: No\\.?| Number)|Accession(?: No\\.?| Number| #)?|Specimen(?: ID| No\\.?| Number| #|(?=\\s{1,3}[A-Z]{1,3}\\d{2}-\\d{4,}(?![\\d-])))|Requisition(?: No\\.?| Number| #)?|UR(?: No\\.?| Number)|Biopsy(?: No\\.?| #)|NHS(?: No\\.?| Number)|Lab(?: ID| No\\.?| #)|ID(?=\\s?[:#]| (?!card\\b)[A-Z0-9])|UHID|CHI(?: No\\.?| Number)?|URN|IP No\\.?|OP No\\.?|Dossier(?: n[o°º]\\.?)?|N[o°º] de dossier|HRN|NHI(?: No\\.?| Number| #)?', 'MRN'],
  ['Member(?: ID| No\\.?| Number| #)|(?:Cart[ãa]o )?(?:SUS|CNS)(?: [Cc]ard)?(?=\\s{0,3}:?\\s{0,3}\\d{3} ?\\d{4} ?\\d{4} ?\\d{4}(?!\\d))|IHI(?: No\\.?| Number)?(?=\\s{0,3}[:#]?\\s{0,3}8003)|Group(?=\\s{0,3}[:#]?\\s{0,3}[A-Z0-9-]*\\d{5})|GMS(?: [Cc]ard)?(?: No\\.?| Number| #)?|Medical Card(?: No\\.?| Number| #)?|Subscriber(?: ID| No\\.?| #)|Policy(?: No\\.?| Number| #| ID)|Group(?: No\\.?| Number| #)|Health Plan(?: ID| No\\.?| Number| #)|Insurance(?: ID| No\\.?| Number| #)|Plan ID|Beneficiary(?: ID| No\\.?| Number)|Medicaid(?: ID| No\\.?| Number| #)|(?:Medicaid|Medicare)(?=\\s{0,3}[:#]?\\s{0,3}(?:[A-Z0-9-]*\\d{5}|\\d{4} \\d{5}))|Medicare(?: [Cc]ard)?(?: ID| No\\.?| Number| #)|(?:Medicare|Medicaid|NHIF|NHIS|[Ii]nsurance) [Cc]ard|NHIF(?: No\\.?| Number| #)?|NHIS(?: No\\.?| Number| #)?|(?:Subscriber|Member)(?=\\s{1,3}[A-Z]{1,4}\\d{6,}(?![\\d-]))|Tarjeta [Ss]anitaria(?: [Ii]ndividual)?|Carte [Vv]itale|PhilHealth(?: No\\.?| ID| Number| PIN)?|ESIC(?: IP)?(?: No\\.?| Number| #)?|Ayushman Bharat(?: [Cc]ard| ID)?(?: No\\.?| Number| #)?|ABHA(?: No\\.?| Number| ID| Address)?|BPJS(?: Kesehatan)?(?: No\\.?)?|MBI|HICN|OHIP(?: No\\.?| Number| #)?|Medi-Cal(?: CIN| ID| No\\.?)?|CIN|Insured(?: No\\.?| ID| Number)|RAMQ|NAM|PHN|DVA(?: (?:Gold|White|Orange))?(?: Card)?(?: No\\.?| Number| #)?|Health Card(?: No\\.?| Number| #)?|Medical Aid(?: No\\.?| Number| #)?|EHIC(?: No\\.?)?|VHI|SIP|NHF|' + INSURER + '(?=\\s{1,3}[A-Z]{0,4}\\d{6,})', 'HEALTH_PLAN'],
  ['Acct\\.?(?: ?No\\.?| ?#| Number)?|A\\/[Cc](?: No\\.?)?|Policy(?=\\s{1,3}[A-Z]{0,4}-?\\d[\\d-]{6,}\\d(?![\\d-]))|(?:billing |bank |checking |savings |escrow )?[Aa]ccount(?: [Nn]os?\\.?| Numbers?| #| ID)?|Billing(?: No\\.?| Number| #| ID)|Invoice(?: No\\.?| Number| #)|Routing(?: No\\.?| Number| #)|IBAN|Card(?: No\\.?| Number| #)|Claim(?: [Nn]os?\\.?| Numbers?| #)|Job(?: No\\.?| Number| #)|Encounter(?: No\\.?| Number| #| ID)?|CSN|Escrow(?: No\\.?| Number| #)|(?:Checking|Savings|Brokerage|Escrow)(?=\\s{1,3}#?\\d[\\d-]{5,}\\d(?!\\d|[,.]\\d))|Bank(?=\\s{1,3}\\d{8,17}(?![\\d-]))|Sort [Cc]ode|BSB(?: No\\.?)?|(?:Visa|Mastercard|MasterCard|Amex|AmEx)(?= ending)', 'ACCOUNT'],
  ["Lic(?:ense|ence)?\\.?(?: ?No\\.?| Number| ?#|(?! ?[Pp]late))|GPhC(?: No\\.?| Number| Reg(?:istration)?\\.?(?: No\\.?)?)?|(?:CRM|COREN|CRO|CRF|OAB)[-/ ]?[A-Z]{2}(?: n[º°o]\\.?)?(?= ?\\d)|Driver(?:'?s)? Lic(?:ense|ence)?s?(?: No\\.?| Number| #)?|DL(?: ?#| No\\.?)?|GMC(?: No\\.?| Number)?|CLIA(?: No\\.?| #)?|SBN|CSR(?: No\\.?| #)|Provider(?: No\\.?| Number| #| ID)|DEA(?: No\\.?| Number| #)?|NPI(?: No\\.?| Number| #)?|Certificate(?: No\\.?| Number| #)|Certification(?: No\\.?| Number| #|(?=\\s{0,3}[:#]?\\s{0,3}[A-Z]{1,5}-[A-Z0-9-]*\\d))|Cert\\.?(?: No\\.?| #)|Bar(?: No\\.?| Number| #)|BBO(?: No\\.?| Number| #)?|Registration(?: No\\.?| Number| #)|Reg\\.? No\\.?|Passport(?: No\\.?| Number| #|(?=[,:]?(?:[ \\t]{1,12}|\\s{1,3})(?:[A-Z][a-z]+ )?(?:[A-Z]{0,3}\\d{6,9}|(?=[A-Z0-9]*\\d[A-Z0-9]*\\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,9})(?![A-Za-z0-9])))|IMC(?: No\\.?| #)?|Commission(?: No\\.?| Number| #|(?=\\s{1,3}#?\\d{6,}(?!\\d|[,.]\\d)))|CCHI(?: No\\.?| #)?|DRE(?: No\\.?| #| Lic\\.?)?|EOIR ID|CCR(?: No\\.?| #)|CSR(?= \\d)|SANC|HPCSA|AHPRA|NMC(?: PIN)?|NMBI(?: PIN| No\\.?| Number)?|HCPC(?: [Rr]eg(?:istration)?\\.?(?: No\\.?)?)?|CDL(?: No\\.?| #)?|PIN(?=\\s{0,3}:?\\s{0,3}\\d{2}[A-Z]\\d{4}[A-Z](?![A-Za-z0-9]))|Permit(?: No\\.?| Number| #)?(?=\\s{0,3}[:#]?\\s{0,3}[A-Z]{0,4}-?\\d{4,})|Registration(?=\\s{1,3}[A-Z]{2,4}\\d{5,}(?![A-Za-z0-9]))|MCR(?: No\\.?)?|ARDC(?: No\\.?)?|AME|MARN|LSK|Regn\\.?|Colegiad[oa]|Reg\\.(?=\\s?[A-Z]{2,}-\\d)|Accreditation(?: No\\.?| #|(?=\\s{1,3}[A-Z]{2,}-\\d))|Certificate(?=\\s{1,3}[A-Z]{1,4}(?:-[A-Z0-9]{1,4})*-\\d{4,}(?![\\d-]))", 'LICENSE'],
  // National identity numbers other than the SSN (which is found by its shape): "Aadhaar: 4417 9920 3318", "PPSN
  // 6843917TA", "SIN 046 454 286", "NI No. QQ123456C", "Tazkira No. 1400-0105-44172".
  ['Aadhaar(?: No\\.?| Number)?|NRIC|FIN(?= ?:? ?[A-Z]\\d{7}[A-Z])|PPSN|PPS(?: No\\.?| Number)|SIN|Social Insurance(?: No\\.?| Number)|National Insurance(?: No\\.?| Number)|NI(?: No\\.?| Number)|NINO|Tazkira(?: No\\.?| Number)?|Ghana Card(?: No\\.?| Number)?|CURP|National ID(?: No\\.?| Number)?|(?:SA|RSA|South African) ID(?: No\\.?| Number)?|HKID(?: No\\.?)?|EIN|ITIN|TIN(?= ?:? ?\\d{2}-\\d{7})|SSN|Social Security(?: No\\.?| Number| #)|DNI|NIE|CPF|RG|CNIC|PESEL|BSN|KRA PIN|Emirates ID|Steuer-ID|Citizenship Cert(?:ificate|\\.)?|Citizenship(?: No\\.?| Number| ID)|Omang(?: No\\.?| Number)?|CPR(?:-nr\\.?| No\\.?| Number)?(?=\\s{0,3}:?\\s{0,3}[0-3]\\d[01]\\d{3}-?\\d{4}(?![\\d-]))|TRN(?=\\s{0,3}:?\\s{0,3}\\d{3}-?\\d{3}-?\\d{3}(?![\\d-]))|(?:National |ID )[Cc]ard(?: No\\.?| Number| #)?|(?:National )?Identity(?: [Cc]ard)?(?: No\\.?| Number| #)|Tax File(?: No\\.?| Number)|TFN|NIN(?=\\s{0,3}:?\\s{0,3}\\d{11}(?!\\d))|Codice [Ff]iscale|Personnummer', 'SSN'],
  // A plate's labels in other languages and a car's "reg", before a plate of a shape they write: Kenya's ("KCA 123A"),
  // Germany's ("F-AB 1234"), Brazil's Mercosur plate ("ABC1D23"), Britain's ("AB12 CDE").
  ['(?:Kennzeichen|Placa|Immatriculation|Reg(?:istration)?)(?=\\s{0,3}[:#.]?\\s{0,3}(?:K[A-Z]{2} ?\\d{3}[A-Z]|[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} ?\\d{1,4}[EH]?|[A-Z]{3}\\d[A-Z]\\d{2}|[A-Z]{2}\\d{2} ?[A-Z]{3})(?![A-Za-z0-9]))|VIN|Vehicle(?: ID| Identification Number)|Licen[cs]e Plate(?: No\\.?| #)?|Plate(?: No\\.?| Number| #)?|Tag(?: No\\.?| #|(?=\\s{0,3}[:#]?\\s{0,3}(?:[A-Z]{2,4}[ -]?\\d{3,4}|\\d{1,4}[ -]?[A-Z]{2,4}|(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\\d)[A-Z0-9]{2,4}-[A-Z0-9]{2,4})(?![A-Za-z0-9-])))', 'VEHICLE'],
  ['Serial(?: Nos?\\.?| Numbers?| #)?|S\\/N|SN|Device(?: ID| Serial(?: No\\.?)?| No\\.?)|UDI|Lot(?: No\\.?| Number| #)?|Model\\/Serial|IMEI|MAC Address|Implant(?: ID| Serial)|Service Tag|Microchip(?: No\\.?| Number| #| ID)?', 'DEVICE'],
  ['Case(?: No\\.?| Number| #|(?=\\s?:)|(?= \\(No\\.)|(?= [A-Z]{1,3}\\d{2}-\\d{4,}(?![\\d-])))|Docket(?: No\\.?| Number| #)?|Civil Action(?: No\\.?| Number)|Criminal(?: No\\.?| Case No\\.?| Action No\\.?)|Occurrence(?: No\\.?| Number| #|(?=\\s{0,3}[:#]?\\s{0,3}\\d{6}))|Incident(?: No\\.?| Number| #)|Crime(?: No\\.?| Number| Ref\\.?| Reference)|Index(?: No\\.?| Number)|Cause(?: No\\.?| Number)|File(?: No\\.?| Number)|Matter(?: No\\.?| Number|(?=\\s{1,3}[A-Z]{2,}-[A-Z0-9-]*\\d))|Appeal(?: No\\.?)|Alien(?: Registration)?(?: No\\.?| Number| #)|A-Number|A ?#(?=\\s?(?:A ?)?\\d{3}[ -]?\\d{3}[ -]?\\d{3}(?!\\d))|Receipt(?: No\\.?| Number| #)|EEOC(?: Charge)?(?: No\\.?| #)?|(?:Tribunal|Coroner[\\x27\\u2019]s|Police|Court|Ombudsman|Claim|File|Matter|Complaint|PULSE|Garda) [Rr]ef(?:erence)?\\.?(?: No\\.?)?(?=\\s{0,3}:?\\s{0,3}(?:[A-Z]{1,6}(?:[/-][A-Z0-9]{1,8})*[/-]\\d{2,}[/-]\\d{2,}|\\d{6,}(?![\\d/-])))', 'CASE_NUMBER'],
];

const LABEL_TYPES: PiiType[] = LABELS.map(([, t]) => t);
// One pass for every label: group i+1 is label i, the last group the value (letters and digits, a digit required); an
// account's last four digits after "ending (in)" are the value ("acct ending 8830").
const LABELLED = new RegExp(
  `\\b(?:${LABELS.map(([src]) => `(${src})`).join('|')})(?:(?<=#)|(?![A-Za-z]))\\s{0,3}(?:[:#.]|,(?= (?:number|no\\.?) | (?=[A-Z0-9-]*\\d[A-Z0-9-]*\\d[A-Z0-9-]*\\d[A-Z0-9-]*\\d)[A-Z0-9-]{6,}[,.;)]))?\\s{0,3}(?:\\((?=[A-Za-z0-9-]{4,}\\)))?(?:\\(?No\\.?\\s?|Numbers?\\s?|#\\s?|N\\.?[º°]\\.?\\s?|Nr\\.?\\s?)?[:]?(?:[ \\t]{4,12}|\\s{0,3})(?:(?:is|was|are)\\s{1,3}(?=[A-Z]{0,4}-?\\d)|ending(?: in)? (?=\\d{4}(?!\\d)))?` +
    `((?:\\(\\d{2}\\))?(?:[A-Z] (?=\\d{3}))?[A-Za-z0-9][A-Za-z0-9\\-\\/.:()]{1,40}(?: (?=[A-Z0-9]{3})[A-Z0-9-]*\\d[A-Z0-9-]*(?![a-z])){0,4})`,
  'yi', // tried only where a label word opens (labelOpening)
);

// The letters a label opens with, lower-cased, up to the first character that is no ASCII letter ("MR #",
// "Driver's"), or the letters that follow at once in the same label ("AcctNo", "License No" as "LicenseNo",
// "Drivers"); and "S" of "S/N" before its "/", "A" of "A-Number" and "A#" before its "-N" or "#". Under /i without /u only ASCII letters match ASCII letters, so a match
// of LABELLED opens only at a word boundary before a run of ASCII letters that is one of these words.
const LABEL_HEADS = [
  'mrn', 'mr', 'medical', 'med', 'chart', 'patient', 'pt', 'hospital', 'unit', 'accession', 'specimen', 'requisition', 'ur',
  'biopsy', 'nhs', 'lab', 'id', 'job', 'uhid', 'ip', 'op', 'ohip', 'reg', 'imc', 'commission', 'eoir', 'service',
  'aadhaar', 'ppsn', 'pps', 'sin', 'social', 'national', 'ni', 'nino', 'tazkira', 'ssn', 'medi', 'cin', 'insured', 'gmc', 'clia', 'sbn', 'csr', 'provider',
  'member', 'subscriber', 'policy', 'group', 'health', 'insurance', 'plan', 'beneficiary', 'medicaid', 'medicare', 'mbi', 'hicn',
  'acct', 'acctno', 'billing', 'bank', 'checking', 'savings', 'escrow', 'account', 'invoice', 'routing', 'iban', 'card', 'claim',
  'lic', 'license', 'licence', 'licno', 'licenseno', 'licenceno', 'driver', 'drivers', 'dl', 'dea', 'npi', 'certificate', 'cert',
  'bar', 'bbo', 'registration', 'passport', 'gms', 'alien', 'receipt', 'occurrence', 'incident', 'crime', 'hosp', 'microchip', 'ccr', 'ghana', 'curp',
  'vin', 'vehicle', 'plate', 'tag',
  'serial', 'sn', 'device', 'udi', 'lot', 'model', 'imei', 'mac', 'implant',
  'case', 'docket', 'civil', 'criminal', 'index', 'cause', 'file', 'matter', 'appeal',
  'encounter', 'csn', 'sanc', 'hpcsa', 'ahpra', 'nmc', 'nmbi', 'hcpc', 'mcr', 'dossier', 'ramq', 'nam', 'nric', 'fin', 'hrn', 'ardc',
  'sus', 'cns', 'cartão', 'cartao', 'kennzeichen', 'placa', 'immatriculation', 'omang', 'cpr', 'gphc', 'crm', 'coren', 'cro', 'crf', 'oab', 'nhi', 'ihi', 'phn', 'vhi', 'sip', 'nhf', 'ehic', 'nhif', 'esic', 'ayushman', 'abha', 'nhis', 'tarjeta', 'carte', 'philhealth', 'bpjs', 'ame', 'marn', 'lsk', 'regn', 'accreditation', 'colegiada', 'colegiado', 'dni', 'nie',
  'cpf', 'rg', 'cnic', 'pesel', 'bsn', 'kra', 'emirates', 'steuer', 'citizenship', 'trn', 'eeoc', 'cdl', 'pin', 'permit', 'identity',
  'tax', 'tfn', 'nin', 'codice', 'personnummer', 'chi', 'urn',
  'certification', 'dva', 'sa', 'rsa', 'south',
  'brokerage', 'cchi', 'dre', 'hkid', 'ein', 'itin', 'tin', 'sort', 'bsb', 'visa', 'mastercard', 'amex',
  'aetna', 'cigna', 'humana', 'unitedhealthcare', 'uhc', 'anthem', 'kaiser', 'blue', 'bluecross', 'blueshield', 'bcbs',
  'masshealth', 'tricare', 'molina', 'wellcare', 'ambetter', 'highmark', 'regence', 'premera', 'carefirst', 'emblemhealth',
  'fidelis', 'caresource', 'bupa',
];

/** A regex source for exactly these (lower-case) words, as a trie: one branch per first letter, and so on down. */
function trieSource(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  let ends = false; // the empty word is one of them
  for (const w of words) {
    if (w === '') ends = true;
    else byFirst.set(w[0] as string, [...(byFirst.get(w[0] as string) ?? []), w.slice(1)]);
  }
  const branches = [...byFirst].sort(([a], [b]) => (a < b ? -1 : 1)).map(([first, rest]) => first + trieSource(rest));
  if (branches.length === 0) return '';
  return branches.length === 1 && !ends ? (branches[0] as string) : `(?:${branches.join('|')})${ends ? '?' : ''}`;
}

// One label head as a whole word: where LABELLED can open. Its alternatives branch letter by letter, which the regex
// engine tries far faster than LABELLED's eighty labels at every word.
// The heads of a reference's labels ("Our ref", "Tribunal ref"): labels LABELLED reads only with "ref" after them, so
// numberedIds still reads "Federal Way Municipal Court No. FWM-4Z0318" (it leaves LABEL_HEADS to the labelled pass).
const REF_LABEL_HEADS = ['tribunal', 'coroner', 'police', 'court', 'ombudsman', 'claim', 'file', 'matter', 'complaint', 'pulse', 'garda'];
const LABEL_HEAD_RE = new RegExp(`\\b(?:${trieSource([...new Set([...LABEL_HEADS, ...REF_LABEL_HEADS])])}|s(?=\\/)|a(?=-n| ?#|\\/c))(?![A-Za-z])`, 'gi');

/** The next position ≥ `from` of `s` where LABELLED can match, or -1. */
function labelOpening(s: string, from: number): number {
  LABEL_HEAD_RE.lastIndex = from;
  const m = LABEL_HEAD_RE.exec(s);
  return m === null ? -1 : m.index;
}

/** LABELLED's matches the plain way (tried at every position of the text near digits), for tests. */
export function labelledMatchesByRegex(text: string): string[] {
  const out: string[] = [];
  eachMatchNearDigits(new RegExp(LABELLED.source, 'gi'), text, 48, (m) => out.push(`${m.index}:${m[0]}`));
  return out;
}

/** LABELLED's matches as labelled() finds them. */
export function labelledMatches(text: string): string[] {
  const out: string[] = [];
  eachMatchNearDigits(LABELLED, text, 48, (m) => out.push(`${m.index}:${m[0]}`), labelOpening);
  return out;
}

/**
 * Whether a labelled value has an identifier's shape rather than words' ("Licence from 3dfx", "License as libpng-1",
 * "License February 2002", "Copyright 1994-2021", "licence CeCILL1", "(LGPL)1"): no lower-case word before a space, nor
 * a month's name or a title's word; no capital after a small letter or two capitals before one ("CeCILL", "OGLv2") in
 * a word; no ")" that no "(" opened. A capitalised word before the number is a value's part ("License: Texas 12345678",
 * "Claim #: Auto-4417-2231").
 */
function isIdShaped(value: string): boolean {
  if (/^(?:[a-z]+|January|February|March|April|May|June|July|August|September|October|November|December|Copyright|The|This|Version) /.test(value)) return false;
  if (/[a-z][A-Z]|[A-Z]{2}[a-z]/.test(value)) return false;
  const close = value.indexOf(')');
  return close === -1 || value.lastIndexOf('(', close) !== -1;
}

function labelled(text: string, emit: Emit, env: PassEnv): void {
  // Values hold a digit, so only the text around digits needs the (case-insensitive, many-branched) label regex.
  eachMatchNearDigits(LABELLED, text, 48, (m) => {
    if (m.index > 0 && /[\w\-/.]/.test(text[m.index - 1] as string)) return; // "9985-SN" is no label
    let value = m[LABELS.length + 1] ?? '';
    if (/^[A-Za-z]+:/.test(value)) return; // the next label ("SSN: …"), not a value
    // A sentence's end or a colon and a space end the value ("card: 7AC4-WN2-RT55. 1EG4TE5MK73 too").
    const stop = value.search(/[.:] /);
    if (stop > 0) value = value.slice(0, stop);
    value = value.replace(/[.:\-/]+$/, '');
    // A closing parenthesis the value did not open ("(HKID Y418207(1))").
    while (value.endsWith(')') && value.split(')').length > value.split('(').length) value = value.slice(0, -1).replace(/[.:\-/]+$/, '');
    const valueStart = m.index + m[0].length - (m[LABELS.length + 1] ?? '').length; // in the whole text
    // A court's number with its year, as Kenyan, Indian and Nigerian courts write it ("Civil Appeal No. 45 of 2022"; a
    // letter before it as Kenya's e-filed cases have: "ELC Case No. E123 of 2024").
    if (/^[A-Z]?\d{1,5}$/.test(value)) value += OF_YEAR_AFTER_RE.exec(text.slice(valueStart + value.length, valueStart + value.length + 9))?.[0] ?? '';
    if (value.length < 3 || !/\d/.test(value)) return;
    // A date after the label ("TELEPHONE ENCOUNTER 3/4/21"); a bank's sort code has the shape of one ("12-34-56").
    if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(value) && !/^sort/i.test(m[0])) return;
    if (/^(?:\d{1,2}(?:\.\d{1,2})+|[Vv]\.?\d{1,2}(?:\.\d{1,3})*)$/.test(value)) return; // a section's or a version's number ("this License: 1.1", "Licence v2.0")
    // A record's book and page ("Docket 11804, page 402"): by character codes first (", p" or " p").
    const valueEnd = valueStart + value.length;
    const after = text.charCodeAt(valueEnd) === 44 ? valueEnd + 1 : valueEnd;
    if (text.charCodeAt(after) === 32 && (text.charCodeAt(after + 1) | 32) === 112 && /^ (?:page|pg\.?)s? \d/i.test(text.slice(after, after + 9))) return;
    let type: PiiType | undefined;
    let label = '';
    for (let i = 0; i < LABELS.length; i++) {
      if (m[i + 1] !== undefined) {
        type = LABEL_TYPES[i];
        label = m[i + 1] as string;
      }
    }
    if (!type) return;
    // A licence's name after "License:" is no number, and no person's or place's either ("License: GPL-2+", "Licence:
    // Apache-2.0", "Spencer-86"; one word and a number that no list holds: "OpenLDAP-2.8", "public-domain-1").
    const shaped = isIdShaped(value);
    if (type === 'LICENSE' && (isLicenceName(value) || ((!shaped || /[a-z]{4}/.test(value)) && !value.includes(' ')))) {
      env.suppress(valueStart, valueStart + value.length);
      return;
    }
    if (!shaped) return;
    // No blank line between a label and its value: "The FreeType Project LICENSE\n\n2006-Jan-27" is a title and a date.
    if (/\n[ \t]*\n/.test(text.slice(m.index, valueStart))) return;
    // A short label that is also a word or another abbreviation counts in capitals only, before four digits or more
    // ("SIP: 18304421", not "a sip 100" or "check NIE q6h").
    if (CAPITALS_ONLY.has(label.toLowerCase()) && (label !== label.toUpperCase() || digitCount(value, 0, value.length) < 4)) return;
    // A bare "ID" after an insurance plan's name is the member's ("UCare Medicare Supplement, ID UC20931144").
    if (type === 'MRN' && label.toLowerCase() === 'id') {
      if (PLAN_BEFORE_RE.test(text.slice(Math.max(0, m.index - 48), m.index))) type = 'HEALTH_PLAN';
      // Else typed by the words before it, as an id after a label no list holds ("tax ID", "panel ID", "Employee ID").
      else if (isAsciiLetter(codeAt(text, m.index - 2))) type = typeByLabelWords(text, m.index - 1) ?? type;
    }
    // A bare "ID:" in capitals only ("Hospice ID: HSP-004981"); "$Id: db4-upgrade.xsl 8905" is a file's revision line.
    if (label.length === 2 && label !== 'ID' && label.toLowerCase() === 'id') return;
    // "ID" without a colon or "#" ("(Medicaid), ID YRH774018293") only before an id's shape: letters and digits, or seven
    // digits or more; not a state's code before a ZIP code ("Boise, ID 83702") or a count ("ID 12 patients").
    if (label === 'ID' && text.charCodeAt(m.index + 2) === 32 && !/[:#]/.test(m[0]) && !(/[A-Za-z]/.test(value) ? /\d/.test(value) : value.length >= 7)) return;
    emit(type, valueStart, valueEnd, 0.95);
    // More values of the same shape listed after it ("Claim nos.: 24-0318-774102, 24-0402-775918", "IOE0927718402
    // (I-131); IOE0927718401").
    let end = valueEnd;
    if (!mayListMore(text, end)) return;
    const shape = shapeOf(value);
    for (let more = LISTED_AFTER_RE.exec(text.slice(end, end + 80)); more !== null; more = LISTED_AFTER_RE.exec(text.slice(end, end + 80))) {
      const next = more[1] as string;
      if (shapeOf(next) !== shape) break;
      const at = end + more[0].length - next.length;
      emit(type, at, at + next.length, 0.9);
      end = at + next.length;
    }
  }, labelOpening);
}

const OF_YEAR_AFTER_RE = /^ (?:of|OF) (?:19|20)\d{2}(?!\d)/;

// Labels of two to four letters that are also words or other abbreviations: Spanish, Brazilian and Jamaican identity
// and tax numbers (DNI, NIE, CPF, RG, TRN), Valencian and Jamaican health cards (SIP, NHF), Irish insurance (VHI),
// professional registers (AME, MARN, LSK).
const CAPITALS_ONLY: ReadonlySet<string> = new Set(['sip', 'nie', 'rg', 'nhf', 'trn', 'ame', 'marn', 'lsk', 'cpf', 'dni', 'vhi', 'bsn', 'ehic', 'cnic', 'chi', 'urn']);

// The words of a health plan ending just before an "ID" label (on its line).
const PLAN_BEFORE_RE = /\b(?:Medicare|Medicaid|[Ii]nsurance|[Ii]nsurer|[Pp]lan|[Ss]upplement(?:al)?|[Cc]overage|HMO|PPO|EPO|[Pp]ayer|[Pp]ayor|[Pp]rimary|[Ss]econdary)\b[^\n]{0,24}[,:]? $/;

// A list's next value after a labelled one: a parenthesis maybe, a comma, semicolon, "and" or "or", the value.
const LISTED_AFTER_RE = /^(?: \([^)\n]{1,20}\))?(?:,|;| and| or| &) ?([A-Za-z0-9][A-Za-z0-9\-/]{2,40})(?![A-Za-z0-9])/;

/** Whether LISTED_AFTER_RE may match at `at`, by character codes: ",", ";", or a space before "(", "a", "o", "&". */
function mayListMore(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 44 || c === 59) return true;
  const d = text.charCodeAt(at + 1);
  return c === 32 && (d === 40 || d === 97 || d === 111 || d === 38);
}

/** A value's shape: each digit as 9, each letter as A ("IOE0927718402" → "AAA9999999999"). */
function shapeOf(value: string): string {
  return value.replace(/\d/g, '9').replace(/[A-Za-z]/g, 'A');
}

const URL_RE = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'\][{}|\\^`]+/gi;
// The top-level domains a bare host name ends with: generic ones, and a country's behind the second-level domains most
// countries use ("clinicportal.co.uk", "health.gov.au", "example.com.br", "hospital.org.in").
const TLD_RE = /\.(?:(?:co|com|org|net|ac|gov|nhs|edu|or|ne|go|gob|gouv|nic)\.[a-z]{2}|com|org|net|edu|gov|io|us|info|biz|health|law)(?![A-Za-z0-9])/g;

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
    while (start > 0 && isHostChar(text.charCodeAt(start - 1))) start--;
    if (start === m.index || text[start - 1] === '@' || text[start - 1] === '/') return;
    const host = text.slice(start, m.index);
    if (!/[a-z]/.test(host) || host.startsWith('.') || host.length < 2) return;
    let end = m.index + m[0].length;
    if (text[end] === '/') while (end < text.length && !/[\s<>"']/.test(text[end] as string)) end++;
    if (text.slice(end, end + 1) === '@') return;
    emit('URL', start, trimUrlEnd(text, start, end), 0.9);
  });
}

/** [A-Za-z0-9.-] */
function isHostChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === 46 || c === 45;
}

/** [A-Za-z0-9._%+-] */
function isEmailLocalChar(c: number): boolean {
  return isHostChar(c) || c === 95 || c === 37 || c === 43;
}

// An address written to escape harvesters: "jane [at] example [dot] com", "jane(at)example.org", "<jane.doe at
// example.co.uk>" (a plain " at " only between angle brackets, as mailing lists and copyright files write it).
// (A dot written out: in brackets, in parentheses, in braces or between spaces; in the local part only in lower-case
// brackets.)
const LOCAL_DOT = '(?:\\[dot\\]|\\(dot\\)|\\{dot\\})';
const HOST_DOT = '(?:\\[dot\\]|\\(dot\\)|\\{dot\\}|\\[DOT\\]|\\(DOT\\)| dot | DOT |\\.)';
const OBFUSCATED_EMAIL_RE = new RegExp(
  `(?<![\\w.%+-])[A-Za-z0-9._%+-]+(?: ?${LOCAL_DOT} ?[A-Za-z0-9._%+-]+)* ?(?:\\[at\\]|\\(at\\)|\\{at\\}|\\[AT\\]|\\(AT\\)) ?[A-Za-z0-9-]+(?: ?${HOST_DOT} ?[A-Za-z0-9-]+)*(?: ?${HOST_DOT} ?[A-Za-z]{2,})(?![\\w-])` +
    '|<([A-Za-z0-9._%+-]+ (?:at|AT) [A-Za-z0-9-]+(?:(?:\\.| dot | DOT )[A-Za-z0-9-]+)*(?:\\.| dot | DOT )[A-Za-z]{2,})>',
  'g',
);

// What such an address needs somewhere in the text: "[at]", "(at)", "{at}", or "<" with " at " after a word. Few texts
// hold either, and only those are read with OBFUSCATED_EMAIL_RE (which would be tried at every word).
const AT_MARK_RE = /[([{](?:at|AT)[)\]}]|<[A-Za-z0-9._%+-]+ (?:at|AT) /;

// The handles of India's UPI payment addresses after the "@" (no dot: no e-mail address): a bank's or an app's.
const UPI_HANDLES: ReadonlySet<string> = new Set([
  'okaxis', 'okhdfcbank', 'okicici', 'oksbi', 'ybl', 'ibl', 'axl', 'paytm', 'pthdfc', 'ptsbi', 'ptaxis', 'ptyes', 'upi', 'apl',
  'yapl', 'icici', 'sbi', 'hdfcbank', 'axisbank', 'kotak', 'barodampay', 'aubank', 'idfcbank', 'idfcfirst', 'yesbank', 'fbl',
  'federal', 'indus', 'jupiteraxis', 'freecharge', 'airtel', 'jio', 'postbank', 'waicici', 'wahdfcbank', 'waaxis', 'wasbi',
]);

function emails(text: string, emit: Emit): void {
  if (AT_MARK_RE.test(text)) {
    eachMatch(OBFUSCATED_EMAIL_RE, text, (m) => {
      const start = m[1] === undefined ? m.index : m.index + 1;
      emit('EMAIL', start, start + (m[1] ?? m[0]).length, 0.95);
    });
  }
  let at = text.indexOf('@');
  while (at !== -1) {
    let s = at;
    while (s > 0 && isEmailLocalChar(text.charCodeAt(s - 1))) s--;
    let e = at + 1;
    while (e < text.length && isHostChar(text.charCodeAt(e))) e++;
    while (e > at + 1 && text[e - 1] === '.') e--;
    const domain = text.slice(at + 1, e);
    if (s < at && /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)) emit('EMAIL', s, e, 0.98);
    else if (s < at && UPI_HANDLES.has(domain.toLowerCase())) emit('ACCOUNT', s, e, 0.9); // a UPI address, "ravi.kumar@okaxis"
    at = text.indexOf('@', Math.max(e, at + 1));
  }
}

const IPV4_RE = /\b(?:\d{1,3}\.){3}\d{1,3}\b/y;
const IPV4_RUN: RunTest = (text, s, e) => e - s <= 3 && codeAt(text, e) === 46 && isDigit(codeAt(text, e + 1)) && wordBoundaryBefore(text, s);

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * The end of an IPv6 anchor opening at the ":" at `i` — ":" up to four hex digits ":" (what /:[0-9A-Fa-f]{0,4}:/
 * matches there) — or -1. Read by character codes: most colons ("MRN: …") fail at once.
 */
export function ipv6AnchorEnd(text: string, i: number): number {
  let k = i + 1;
  while (k - i <= 5 && isHex(text.charCodeAt(k))) k++;
  return k - i - 1 <= 4 && text.charCodeAt(k) === 58 ? k + 1 : -1;
}

function isHexOrColon(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

const SECTION_WORD = '(?:sections?|sec\\.|§§?|clauses?|articles?|art\\.|paragraphs?|paras?\\.?|items?|rules?|chapters?|parts?|annex|schedules?|appendix)';
// "section 2.1.1.1", and the next of a list: "clauses 2.1.1.1 and 2.1.1.2", "sections 2.1.1.1, 2.1.1.4 to 2.1.1.9".
const SECTION_WORD_RE = new RegExp(`${SECTION_WORD}\\s?(?:[\\d.]+(?:,\\s?[\\d.]+)*(?:,\\s?|,?\\s(?:and|or|to|through)\\s))?$`);

/**
 * Whether a dotted quad of small numbers is a section number, not an address: after a word that cites one ("section
 * 2.1.1.1", "§ 4.2.1.3", "clauses 2.1.1.1 and 2.1.1.2"), or opening a line as a heading does ("2.1.1.1 Definitions").
 */
function isSectionNumber(text: string, start: number, end: number, quad: string): boolean {
  if (!quad.split('.').every((part) => part.length <= 2)) return false;
  if (SECTION_WORD_RE.test(before(text, start, 48))) return true;
  // A heading's number: section numbers never hold a 0 ("2.1.1.1"), addresses mostly do ("10.0.0.1").
  if (quad.split('.').includes('0')) return false;
  return opensLine(text, start) && /^\.?[ \t]+[A-Z]/.test(text.slice(end, end + 4));
}

const MAC_RE = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}$/;

function ips(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(IPV4_RE, text, (m) => {
    const end = m.index + m[0].length;
    if (text[m.index - 1] === '.' || (text[end] === '.' && isDigit(text.charCodeAt(end + 1)))) return;
    if (!isIpv4(m[0])) return;
    if (/(?:version|ver\.?|v):?\s?$|version (?:to|of|is|from) $/.test(before(text, m.index, 12))) return; // "standards version to 3.9.8.0", "Version: 2.1.8.7"
    if (isSectionNumber(text, m.index, end, m[0])) return;
    emit('IP', m.index, end, 0.95);
  }, IPV4_RUN);
  // IPv6 addresses, anchored on ":hex:" and expanded both ways; the next anchor is looked for after the expansion.
  for (let i = text.indexOf(':'); i !== -1; ) {
    const anchorEnd = ipv6AnchorEnd(text, i);
    if (anchorEnd === -1) {
      i = text.indexOf(':', i + 1);
      continue;
    }
    let s = i;
    while (s > 0 && isHexOrColon(text.charCodeAt(s - 1))) s--;
    let e = anchorEnd;
    while (e < text.length && (isHexOrColon(text.charCodeAt(e)) || text.charCodeAt(e) === 46)) e++;
    while (e > s && text[e - 1] === '.') e--;
    i = text.indexOf(':', e);
    // Inside a word, or a path ending in "::" before a name ("f64::powi", "std::net"), not an address.
    if ((s > 0 && isWordChar(text.charCodeAt(s - 1))) || (text.charCodeAt(e - 1) === 58 && isAsciiLetter(codeAt(text, e)))) continue;
    const candidate = text.slice(s, e);
    if (isIpv6(candidate)) emit('IP', s, e, 0.95);
    else if (MAC_RE.test(candidate)) emit('DEVICE', s, e, 0.9); // a network card's MAC address: the device's own

  }
}

// Both tried at runs of digits only (eachMatchAtDigitRuns): a phone opens with "+", "(" or a digit that no word
// character precedes.
const PHONE_RE =
  /(?<![\w+.\-/])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?:,? ?(?:x|ext\.?|extension) ?\d{1,5})?(?![\w\-/])/y;
// Opening with a digit: three digits, a separator and a digit ("617-555…"), or the country code "1" alone before a
// separator or "(" ("1-617…", "1 (617)…", "1(617)…") or before three digits, a separator and a digit ("1617-555…").
const PHONE_RUN: RunTest = (text, s, e) => {
  const length = e - s;
  const after = codeAt(text, e);
  if (length === 3 || (length === 4 && codeAt(text, s) === 49)) {
    if (!isPhoneSeparator(after) || !isDigit(codeAt(text, e + 1))) return false;
  } else if (length !== 1 || codeAt(text, s) !== 49 || (!isPhoneSeparator(after) && after !== 40)) return false;
  return wordBoundaryBefore(text, s);
};
const PLUS_OR_PAREN: LeadTest = (text, at) => (codeAt(text, at - 1) === 43 || codeAt(text, at - 1) === 40 ? at - 1 : -1);
// International: "+" and the country's code, the trunk's "(0)" maybe, as British and European letters write it ("+44 (0)20
// 7946 0958"), then groups of digits (up to eight: "+977-1-4412345").
const INTL_PHONE_RE = /\+(?:[2-9]\d{0,2})(?: ?\(0\) ?|[ .-])\d{1,5}(?:[ .-]\d{2,8}){1,4}(?![\w-])/y;
const PLUS: LeadTest = (text, at) => (codeAt(text, at - 1) === 43 ? at - 1 : -1);
const BARE_DIGITS_RE = /\b\d{9,10}\b/y; // unformatted phone (10) or SSN (9) digits, kept only with a context word
const BARE_DIGITS_RUN: RunTest = (text, s, e) =>
  (e - s === 9 || e - s === 10) && !isWordChar(codeAt(text, e)) && wordBoundaryBefore(text, s);
const PHONE_CONTEXT = /(?:phone|ph|tel|telephone|cell|mobile|pager|call|contact|fax|number|#)\W{0,4}$/;

/**
 * FAX when "fax" (any case) ends within the 14 characters before the number. Read by character codes: only F, A and X
 * lower-case to f, a and x, so this is what searching the lower-cased 14 characters found.
 */
function phoneType(text: string, start: number): 'PHONE' | 'FAX' {
  for (let k = Math.max(0, start - 14); k + 3 <= start; k++) {
    if ((text.charCodeAt(k) | 32) === 102 && (text.charCodeAt(k + 1) | 32) === 97 && (text.charCodeAt(k + 2) | 32) === 120) return 'FAX';
  }
  return 'PHONE';
}

const PHONE_DIGITS = new Uint8Array(16); // scratch: the digits of one phone

/**
 * Whether the PHONE_RE match text[start, end) is a NANP number written with one separator style ("617.555.0134"),
 * unless the area code is in parentheses: "252.227-7015" is a regulation number, not a phone. Read by character codes.
 */
export function isNanpPhone(text: string, start: number, end: number): boolean {
  // The extension ("x204", ", ext. 12") opens with the match's first letter: no other part of it holds one.
  let core = start;
  while (core < end && !isAsciiLetter(text.charCodeAt(core))) core++;
  // The separators between digits ("\d[ .-]\d", leftmost first, not overlapping) after a leading "+1 " or "1-".
  let k = start;
  if (text.charCodeAt(k) === 43) k++;
  if (text.charCodeAt(k) === 49) {
    k++;
    if (isPhoneSeparator(text.charCodeAt(k))) k++;
  } else k = start;
  let separator = -1;
  let mixed = false;
  while (k + 2 < core) {
    const sep = text.charCodeAt(k + 1);
    if (isDigit(text.charCodeAt(k)) && isPhoneSeparator(sep) && isDigit(text.charCodeAt(k + 2))) {
      if (separator === -1) separator = sep;
      else if (sep !== separator) mixed = true;
      k += 3;
    } else k++;
  }
  if (mixed) {
    let paren = start;
    while (paren < end && text.charCodeAt(paren) !== 40) paren++;
    if (paren === end) return false;
  }
  let count = 0;
  for (let p = start; p < core; p++) {
    const c = text.charCodeAt(p);
    if (isDigit(c)) {
      if (count < PHONE_DIGITS.length) PHONE_DIGITS[count] = c - 48;
      count++;
    }
  }
  let at = 0;
  if (count === 11 && PHONE_DIGITS[0] === 1) {
    at = 1;
    count = 10;
  }
  // NANP (isNanpNumber): area code and exchange start with 2–9, no N11 area code.
  return count === 10 && PHONE_DIGITS[at]! >= 2 && PHONE_DIGITS[at + 3]! >= 2 && !(PHONE_DIGITS[at + 1] === 1 && PHONE_DIGITS[at + 2] === 1);
}

function isPhoneSeparator(c: number): boolean {
  return c === 32 || c === 46 || c === 45;
}

// A number in another country's format, right after a word saying it is one: "Telefon 030 1234567", "Tel.: +49 30
// 1234567", "Mobil: 0171 234 5678", "phone 020 7946 0958", "phone: 555-123-4567" (not a valid NANP number), "Fone: (11)
// 98765-4321", "Celular: (21) 99876-5432", "WhatsApp 0712 345678".
const PHONE_WORD_RE =
  /(?:phone|ph|tel|telephone|telefon|t[ée]l[ée]phone|t[ée]l|tel[ée]fono|telefone|(?<![A-Za-z])(?:fone|cel)|celular|m[óo]vil|whatsapp|cell|mobile|mobil|mob|handy|portable|pager|call|callback|call back|fax|telefax|contacted on|reached on|hp)\W{0,4}$/; // "HP" (handphone, Singapore and Malaysia)
const CONTEXT_PHONE_RE = /(?:\+\d{1,3}[ .-]?)?(?:\(0?\d{1,5}\)[ ./-]?|\d{1,5}[ ./-]?)\d{2,8}(?:[ ./-]\d{2,8}){0,3}(?![\w\-/])/y;

// The last letters of PHONE_WORD_RE's words (lower-cased codes): most words before a number end in another letter.
const PHONE_WORD_LAST_LETTERS: ReadonlySet<number> = new Set([...'ehlnobyrkxp'].map((c) => c.charCodeAt(0)));

/** Whether a phone word ends just before `at` (a letter within the 6 characters before it, then PHONE_WORD_RE). */
function phoneWordBefore(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && at - k <= 6 && !isAsciiLetter(text.charCodeAt(k)) && text.charCodeAt(k) < 128) k--;
  if (k < 0 || at - k > 6) return false;
  const last = text.charCodeAt(k);
  if (isAsciiLetter(last) && !PHONE_WORD_LAST_LETTERS.has(last | 32)) return false;
  return PHONE_WORD_RE.test(before(text, at, 24));
}
const CONTEXT_PHONE_RUN: RunTest = (text, s, e) => wordBoundaryBefore(text, s) && digitsAhead(text, s, 7, e) && phoneWordBefore(text, s);

/**
 * Whether the 20 characters from `at` on hold at least `n` digits (a phone's worth): most numbers do not. `digitsTo`:
 * where the run of digits at `at` ends, when the caller knows (the run is not read again).
 */
function digitsAhead(text: string, at: number, n: number, digitsTo = at): boolean {
  let count = Math.min(digitsTo, at + 20) - at;
  if (count >= n) return true;
  for (let k = at + count; k < at + 20 && k < text.length; k++) if (isDigit(text.charCodeAt(k)) && ++count >= n) return true;
  return false;
}
const PLUS_OR_PAREN_AFTER_WORD: LeadTest = (text, at, end) => {
  const lead = PLUS_OR_PAREN(text, at, end);
  return lead >= 0 && digitsAhead(text, lead, 7) && phoneWordBefore(text, lead) ? lead : -1;
};

// A national number with its trunk "0", written as one in parentheses, where no phone word is needed: "(095) 552 1847",
// "(087 555 1394)" after a person's name, or first in them ("(0491 570 159, eleni@…)"). The groups of three or four
// digits and the parentheses are the phone's shape; an invoice's or a case's number is not written so.
const TRUNK_PHONE_RE = /(?:\(0\d{1,4}\) \d{3,4}[ -]\d{3,4}|(?<=\()0\d{1,4} \d{3,4} \d{3,4}(?=[),;]))(?!\d)/y;
const OPEN_PAREN_ZERO: RunTest = (text, s) => codeAt(text, s - 1) === 40 && codeAt(text, s) === 48;
const PAREN_ZERO_BEFORE: LeadTest = (text, at) => (OPEN_PAREN_ZERO(text, at, at) ? at - 1 : -1);

// A national number with its trunk prefix "0", written in groups ("072 555 0194", "0491 570 118", "02 9555 0124",
// "021 555 0190", "06 12 34 56 78", "020 7946 0321"): nine to eleven digits, the first group two to five digits, the
// others two to four (one of six: "07700 900461"). A shape no dose, date or count has, so found without a phone word.
const SPACED_TRUNK_PHONE_RE = /(?<![\w+.\-/(])0\d{1,4}(?: \d{2,4}| \d{6}){1,4}(?![\w\-/.,]\d)(?![\w\-/])/y;
const SPACED_TRUNK_RUN: RunTest = (text, s, e) =>
  codeAt(text, s) === 48 && e - s >= 2 && e - s <= 5 && codeAt(text, e) === 32 && isDigit(codeAt(text, e + 1)) &&
  wordBoundaryBefore(text, s) && !isPhoneJoiner(codeAt(text, s - 1));

// An Indian mobile number written 5 + 5 ("94221 30518", "98450 12345"): ten digits opening with 6–9, a shape no date,
// dose or other id has.
const INDIAN_MOBILE_RE = /(?<![\w+.\-/(])[6-9]\d{4} \d{5}(?![\w\-/]|[.,]\d)/y;
const INDIAN_MOBILE_RUN: RunTest = (text, s, e) => {
  const first = codeAt(text, s);
  return e - s === 5 && first >= 54 && first <= 57 && codeAt(text, e) === 32 && !isDigit(codeAt(text, e + 6)) && isDigit(codeAt(text, e + 5)) && wordBoundaryBefore(text, s);
};

/** "+", ".", "-", "/" or "(": a character that makes a run of digits part of something longer. */
function isPhoneJoiner(c: number): boolean {
  return c === 43 || c === 46 || c === 45 || c === 47 || c === 40;
}

/** How many digits text[start, end) holds. */
function digitCount(text: string, start: number, end: number): number {
  let digits = 0;
  for (let k = start; k < end; k++) if (isDigit(text.charCodeAt(k))) digits++;
  return digits;
}

function phones(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(PHONE_RE, text, (m) => {
    const end = m.index + m[0].length;
    if (isNanpPhone(text, m.index, end)) emit(phoneType(text, m.index), m.index, end, 0.92);
  }, PHONE_RUN, PLUS_OR_PAREN);
  eachMatchAtDigitRuns(INTL_PHONE_RE, text, (m) => {
    const digits = digitCount(text, m.index, m.index + m[0].length);
    if (digits >= 9 && digits <= 15) emit(phoneType(text, m.index), m.index, m.index + m[0].length, 0.85);
  }, NEVER_AT_RUN, PLUS);
  eachMatchAtDigitRuns(CONTEXT_PHONE_RE, text, (m) => {
    const digits = digitCount(text, m.index, m.index + m[0].length);
    if (digits >= 7 && digits <= 15) emit(phoneType(text, m.index), m.index, m.index + m[0].length, 0.8);
  }, CONTEXT_PHONE_RUN, PLUS_OR_PAREN_AFTER_WORD);
  eachMatchAtDigitRuns(TRUNK_PHONE_RE, text, (m) => {
    const digits = digitCount(text, m.index, m.index + m[0].length);
    if (digits >= 9 && digits <= 11) emit(phoneType(text, m.index), m.index, m.index + m[0].length, 0.75);
  }, OPEN_PAREN_ZERO, PAREN_ZERO_BEFORE);
  eachMatchAtDigitRuns(SPACED_TRUNK_PHONE_RE, text, (m) => {
    const digits = digitCount(text, m.index, m.index + m[0].length);
    if (digits >= 9 && digits <= 11) emit(phoneType(text, m.index), m.index, m.index + m[0].length, 0.75);
  }, SPACED_TRUNK_RUN);
  // (Above a labelled record number's confidence: "the applicant's number 94221 30518" is the phone's.)
  eachMatchAtDigitRuns(INDIAN_MOBILE_RE, text, (m) => emit(phoneType(text, m.index), m.index, m.index + 11, 0.9), INDIAN_MOBILE_RUN);
  eachMatchAtDigitRuns(BARE_DIGITS_RE, text, (m) => {
    const context = before(text, m.index, 24);
    if (m[0].length === 10 && isNanpNumber(m[0]) && PHONE_CONTEXT.test(context.slice(-16))) {
      emit(phoneType(text, m.index), m.index, m.index + 10, 0.85);
    } else if (m[0].length === 9 && SSN_CONTEXT.test(context) && isValidSsn(m[0].slice(0, 3), m[0].slice(3, 5), m[0].slice(5))) {
      emit('SSN', m.index, m.index + 9, 0.95);
    }
  }, BARE_DIGITS_RUN);
}

const SSN_RE = /\b(\d{3})([- ])(\d{2})\2(\d{4})\b/y;
// Three digits, "-" or " ", two digits and the same separator again.
const SSN_RUN: RunTest = (text, s, e) =>
  e - s === 3 && isDashOrSpace(codeAt(text, e)) && isDigit(codeAt(text, e + 1)) && isDigit(codeAt(text, e + 2)) &&
  codeAt(text, e + 3) === codeAt(text, e) && wordBoundaryBefore(text, s);

function isDashOrSpace(c: number): boolean {
  return c === 45 || c === 32;
}
const SSN_CONTEXT = /(?:ssn|social security(?: number| no\.?| #)?|ss#|soc\. sec\.?(?: no\.?)?)\W{0,4}$/;

// "XXX-XX-4471", "***-**-4471": the last four digits of an SSN, the rest masked, still identify a person.
const MASKED_SSN_RE = /(?<![\w*])(?:XXX|xxx|\*\*\*)-(?:XX|xx|\*\*)-(\d{4})(?!\d)/g;

// Identity and registration numbers whose shape alone says what they are, labelled or not: a British National Insurance
// number (two letters of the allowed prefixes, six digits, in pairs maybe, A–D: "AB 12 34 56 C"), an Italian codice
// fiscale (six letters, the birth date and place in letters and digits, a check letter: "RSSMRA85T10A562S") and an
// Australian health practitioner's registration (a profession's three letters and ten digits: "MED0001234567").
// Tried (sticky) where capitals open a word just before a run of digits, or two capitals and a space do.
const SHAPED_ID_RE = /(?:((?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z](?:\d{6}| \d{2} \d{2} \d{2} )[A-D])|([A-Z]{6}[\dLMNP-V]{2}[ABCDEHLMPRST][\dLMNP-V]{2}[A-Z][\dLMNP-V]{3}[A-Z])|((?:MED|NMW|PHA|DEN|PSY|PHY|OCC|OPT|CMR|CHI|OST|POD|MRP|ATS|PAR)\d{10}))(?![A-Za-z0-9])/y;

/** The SHAPED_ID_RE ids of `text`, read at each run of digits (most runs have no capital just before them). */
function shapedIds(text: string, emit: Emit): void {
  const runs = digitRuns(text);
  let lastEnd = -1;
  for (let r = 0; r < runs.starts.length; r++) {
    const run = runs.starts[r] as number;
    if (run < lastEnd) continue;
    let from = run;
    if (isCapital(text.charCodeAt(run - 1))) while (from > 0 && run - from < 7 && isCapital(text.charCodeAt(from - 1))) from--;
    else if (text.charCodeAt(run - 1) === 32 && isCapital(text.charCodeAt(run - 2)) && isCapital(text.charCodeAt(run - 3))) from = run - 3;
    else continue;
    if (from > 0 && isWordChar(text.charCodeAt(from - 1))) continue;
    SHAPED_ID_RE.lastIndex = from;
    const m = SHAPED_ID_RE.exec(text);
    if (m === null) continue;
    emit(m[3] !== undefined ? 'LICENSE' : 'SSN', from, from + m[0].length, 0.9);
    lastEnd = from + m[0].length;
  }
}

function ssns(text: string, emit: Emit): void {
  eachMatch(MASKED_SSN_RE, text, (m) => emit('SSN', m.index + m[0].length - 4, m.index + m[0].length, 0.9));
  shapedIds(text, emit);
  eachMatchAtDigitRuns(SSN_RE, text, (m) => {
    if (!isValidSsn(m[1] ?? '', m[3] ?? '', m[4] ?? '')) return;
    const context = SSN_CONTEXT.test(before(text, m.index, 24));
    if (m[2] === ' ' && !context && text[m.index - 1] === '-') return;
    emit('SSN', m.index, m.index + m[0].length, context ? 0.98 : m[2] === '-' ? 0.9 : 0.75);
  }, SSN_RUN);
}

const CARD_RE = /\b(?:\d{4}[ -]){3}\d{1,7}\b|\b\d{4}[ -]\d{6}[ -]\d{5}\b|\b[3-6]\d{12,18}\b/y;
// Four digits and a separator, or 13–19 digits opening with 3–6.
const CARD_RUN: RunTest = (text, s, e) =>
  (e - s === 4 ? isDashOrSpace(codeAt(text, e)) : e - s >= 13 && e - s <= 19 && codeAt(text, s) >= 51 && codeAt(text, s) <= 54) &&
  wordBoundaryBefore(text, s);
// Unlabelled VINs: anchored on the five-digit serial that ends North American VINs, then checked as a whole. The
// serial is the last five digits of a run of at least five that no letter follows (what /\d{5}(?![A-Za-z0-9])/g
// finds: one match per such run, at its end).
const VIN_BODY_RE = /^[A-HJ-NPR-Z0-9]{12}$/;

// An IBAN, labelled or not, spaced in fours or not ("IE29 AIBK 9311 5212 3456 78", "DE89370400440532013000"): the country's
// two letters and two check digits, then 11–30 letters and digits, valid by ISO 13616's check (ibanValid). Tried at the
// check digits, a run of two digits or more after two capitals (most runs have none before them).
const IBAN_RE = /[A-Z]{2}\d{2}(?:(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?|[A-Z0-9]{11,30})(?![A-Za-z0-9])/y;
// The last four digits of a card after a mask ("****1234", "xxxx-xxxx-xxxx-4417", "•••• 1234").
// (Opening where a mask opens: tried inside a long run of x it would read the run again from every character.)
const MASKED_CARD_RE = /(?<![*xX•])(?:\*{2,}|[xX•]{4})(?:[ -]?(?:\*{4}|[xX•]{4}))*[ -]?(\d{4})(?!\d)/g;

function accountsAndVehicles(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(CARD_RE, text, (m) => {
    if (luhnValid(m[0])) emit('ACCOUNT', m.index, m.index + m[0].length, 0.85);
  }, CARD_RUN);
  const runs = digitRuns(text);
  for (let r = 0; r < runs.starts.length; r++) {
    const at = (runs.starts[r] as number) - 2;
    if ((runs.ends[r] as number) - at < 4 || !isCapital(codeAt(text, at)) || !isCapital(codeAt(text, at + 1)) || isWordChar(codeAt(text, at - 1))) continue;
    IBAN_RE.lastIndex = at;
    const m = IBAN_RE.exec(text);
    if (m !== null && ibanValid(m[0])) emit('ACCOUNT', at, at + m[0].length, 0.95);
  }
  if (text.indexOf('**') !== -1 || text.indexOf('xxxx') !== -1 || text.indexOf('XXXX') !== -1 || text.indexOf('••••') !== -1) {
    eachMatch(MASKED_CARD_RE, text, (m) => emit('ACCOUNT', m.index + m[0].length - 4, m.index + m[0].length, 0.85));
  }
  vins(text, emit);
  platesAndPans(text, emit);
}

/** British and Indian number plates and Indian PANs, read at each run of two digits (British) or four (Indian). */
function platesAndPans(text: string, emit: Emit): void {
  const runs = digitRuns(text);
  for (let r = 0; r < runs.starts.length; r++) {
    const s = runs.starts[r] as number;
    const e = runs.ends[r] as number;
    if (e - s === 2) ukPlate(text, s, e, emit);
    else if (e - s === 4) indianPlateOrPan(text, s, e, emit);
  }
}

// A British number plate ("CY19 KXL": two letters, the two digits of the year, three letters) after a word about a
// vehicle.
const UK_PLATE_CONTEXT_RE = /\b(?:reg|registration|plate|vrm|veh|vehicle|car|van|index)\.?(?: no\.?| number)?:?\s*$/i;

/** The British plate around the run of two digits text[s, e), if it is one. */
function ukPlate(text: string, s: number, e: number, emit: Emit): void {
  if (!isCapital(codeAt(text, s - 1)) || !isCapital(codeAt(text, s - 2)) || isWordChar(codeAt(text, s - 3))) return;
  let p = e;
  if (codeAt(text, p) === 32) p++;
  if (!isCapital(codeAt(text, p)) || !isCapital(codeAt(text, p + 1)) || !isCapital(codeAt(text, p + 2)) || isWordChar(codeAt(text, p + 3))) return;
  if (UK_PLATE_CONTEXT_RE.test(text.slice(Math.max(0, s - 32), s - 2))) emit('VEHICLE', s - 2, p + 3, 0.85);
}

// An Indian registration mark: a state's code, the district's one or two digits, one to three series letters, four
// digits, with the same separator throughout ("MH-20-BQ-4471", "KA 05 MX 2231", "DL3CAB1234").
const INDIAN_PLATE_RE =
  /(?<![A-Za-z0-9-])(?:AN|AP|AR|AS|BR|CH|CG|DD|DL|DN|GA|GJ|HR|HP|JK|JH|KA|KL|LA|LD|MP|MH|MN|ML|MZ|NL|OD|OR|PY|PB|RJ|SK|TN|TS|TR|UP|UK|UA|WB)([- ]?)\d{1,2}\1[A-Z]{1,3}\1$/;
// An Indian PAN (the income-tax number): five letters, the fourth the holder's kind (P a person, C a company…), four
// digits, a letter ("ABKPS4417K").
const PAN_RE = /(?<![A-Za-z0-9])[A-Z]{3}[ABCFGHJLPT][A-Z]$/;

/** The Indian plate or PAN around the run of four digits text[s, e), if it is one. */
function indianPlateOrPan(text: string, s: number, e: number, emit: Emit): void {
  const pan = isCapital(codeAt(text, e));
  if (isAsciiLetter(codeAt(text, pan ? e + 1 : e)) || isDigit(codeAt(text, e + 1))) return;
  const c = codeAt(text, s - 1);
  const lead = isCapital(c) ? s - 1 : (c === 45 || c === 32) && isCapital(codeAt(text, s - 2)) ? s - 2 : -1;
  if (lead < 0) return;
  const head = text.slice(Math.max(0, lead - 11), s);
  if (pan) {
    if (lead === s - 1 && PAN_RE.test(head)) emit('SSN', s - 5, e + 1, 0.85);
    return;
  }
  const plate = INDIAN_PLATE_RE.exec(head);
  if (plate !== null && (plate[1] === '' ? lead === s - 1 : c === codeAt(plate[1] as string, 0))) emit('VEHICLE', s - plate[0].length, e, 0.85);
}

// Apart from the card pass: a VIN candidate is rare, and the first one reached the optimized pass with code it had
// never run (so without type feedback), which threw that code away and compiled it again.
function vins(text: string, emit: Emit): void {
  const runs = digitRuns(text);
  for (let r = 0; r < runs.starts.length; r++) {
    const end = runs.ends[r] as number;
    const tail = end - 5;
    if (tail < (runs.starts[r] as number) || isAsciiLetter(codeAt(text, end))) continue;
    const start = tail - 12;
    if (start < 0 || (start > 0 && isWordChar(text.charCodeAt(start - 1)))) continue;
    if (!VIN_BODY_RE.test(text.slice(start, tail))) continue;
    const vin = text.slice(start, end);
    if (/[A-Z]/.test(vin) && vinValid(vin)) emit('VEHICLE', start, start + 17, 0.9);
  }
}

// Anchored on the literal middle ("-cv-", "-2021-") and checked backwards: far cheaper than a leading class. Both
// are tried only at the "-" before a run of digits (eachMatchAtDigitRuns with a LeadTest).
const FEDERAL_CASE_RE = /-(?:cv|cr|mc|mj|bk|ap|md|po|sw|civ|crim)-\d{3,6}(?:-[A-Z]{2,4}){0,3}\b/iy;
// "-cv-" before the run: the "-" before two to four letters and a "-".
const DASH_CODE_DASH: LeadTest = (text, at, end) => {
  if (codeAt(text, at - 1) !== 45 || end - at < 3 || end - at > 6) return -1;
  let p = at - 2;
  while (p >= at - 6 && isAsciiLetter(codeAt(text, p))) p--;
  const letters = at - 2 - p;
  return letters >= 2 && letters <= 4 && codeAt(text, p) === 45 ? p : -1;
};
// "-" before two digits or four ("-21-", "-2021-").
const DASH: LeadTest = (text, at, end) => (codeAt(text, at - 1) === 45 && (end - at === 2 || end - at === 4) ? at - 1 : -1);
const FEDERAL_HEAD_RE = /(?:^|[^\w:])(\d{1,2}:\d{2})$/;
const YEAR_CASE_RE = /\b(?:19|20)\d{2}-?[A-Z]{1,4}-\d{3,8}\b/y;
// "19xx" or "20xx", then "-" or a capital.
const YEAR_CASE_RUN: RunTest = (text, s, e) => {
  if (e - s !== 4) return false;
  const c = codeAt(text, e);
  const h = codeAt(text, s) * 256 + codeAt(text, s + 1);
  return (h === 0x3139 || h === 0x3230) && (c === 45 || (c >= 65 && c <= 90)) && wordBoundaryBefore(text, s);
};
const LETTER_CASE_RE = /-(?:19|20)?\d{2}-\d{3,8}\b/y;
const LETTER_HEAD_RE = /(?:^|[^\w-])([A-Z]{2,4})$/;
const PUBLIC_REGISTRY_RE = /^(?:CVE|CAN|CWE|GHSL|GHSA)$/;

// A USCIS receipt number: the service centre's three letters and ten digits ("LIN2290418816", "IOE0927718402").
const USCIS_RECEIPT_RE = /(?<![A-Za-z0-9])(?:EAC|WAC|LIN|SRC|NBC|MSC|IOE|YSC|ZLA|ZNK|ZSF|ZHN|ZMI|ZNY|ZDC|ZPH)\d{10}(?!\d)/y;
const THREE_CAPITALS_BEFORE: LeadTest = (text, at, end) =>
  end - at === 10 && isCapital(codeAt(text, at - 1)) && isCapital(codeAt(text, at - 2)) && isCapital(codeAt(text, at - 3)) ? at - 3 : -1;

// A Medicare Beneficiary Identifier by its shape, labelled or not ("7AC4-WN2-RT55", "1EG4TE5MK73"): a digit 1–9, then
// letters (no S, L, O, I, B, Z) and digits in CMS's fixed pattern, maybe with dashes after the fourth and seventh.
const MBI_RE = /\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}\b/y;
const MBI_RUN: RunTest = (text, s, e) => {
  const c = codeAt(text, e);
  return e - s === 1 && c >= 65 && c <= 90 && wordBoundaryBefore(text, s);
};

function medicareIds(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(MBI_RE, text, (m) => emit('HEALTH_PLAN', m.index, m.index + m[0].length, 0.85), MBI_RUN);
}

function caseNumbers(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(FEDERAL_CASE_RE, text, (m) => {
    const head = FEDERAL_HEAD_RE.exec(text.slice(Math.max(0, m.index - 6), m.index));
    if (head) emit('CASE_NUMBER', m.index - (head[1] as string).length, m.index + m[0].length, 0.95);
  }, NEVER_AT_RUN, DASH_CODE_DASH);
  eachMatchAtDigitRuns(YEAR_CASE_RE, text, (m) => emit('CASE_NUMBER', m.index, m.index + m[0].length, 0.8), YEAR_CASE_RUN);
  eachMatchAtDigitRuns(USCIS_RECEIPT_RE, text, (m) => emit('CASE_NUMBER', m.index, m.index + m[0].length, 0.9), NEVER_AT_RUN, THREE_CAPITALS_BEFORE);
  eachMatchAtDigitRuns(LETTER_CASE_RE, text, (m) => {
    const head = LETTER_HEAD_RE.exec(text.slice(Math.max(0, m.index - 5), m.index));
    // (A software vulnerability's public id is no case: "CVE-2018-10372", "GHSL-2021-045".)
    if (head && !PUBLIC_REGISTRY_RE.test(head[1] as string)) emit('CASE_NUMBER', m.index - (head[1] as string).length, m.index + m[0].length, 0.8);
  }, NEVER_AT_RUN, DASH);
}

// "95 years old", "95yo", "91 years of age": opens with the number, so tried at runs of two or three digits only.
// Also a note's "93M, urosepsis", "91F with": the age and the sex letter, written together; the years in Spanish,
// Portuguese, German, French, Italian, Dutch and Scandinavian ("93 años", "91-jährige", "98 ans", "92 år"); and "her
// 100th birthday".
const AGE_NUMBER_FIRST_RE = /\b(\d{2,3})(?:[MF](?=[,;:/)]| (?:with|w\/|s\/p|h\/o|presents|admitted|pmhx|hx|who)\b)| ?(?:-? ?(?:[Yy]ears?|[Yy]rs?|[Yy])[ -]?(?:[Oo]ld|o\b)|(?:[Yy]ears?|[Yy]rs?) of age\b|(?:[Yy]ears?|[Yy]rs?)(?: young\b| and \d{1,2} months?\b|,? (?=(?:female|male|woman|man|F|M)\b))|(?:yo|YO|y\/o|Y\/O|y\.o\.)(?![A-Za-z]))| ?-?(?:años|anos|Jahre|jährige?[rns]?|ans|anni|jaar|år)(?![A-Za-z])|(?:st|nd|rd|th) birthday\b)/y;
// After the number: " ", "-" and " ", each maybe, then "y" or "Y" (every English form of the unit opens with it), "a",
// "j" or "å" (the other languages'); or an ordinal's ending.
const AGE_NUMBER_RUN: RunTest = (text, s, e) => {
  if ((e - s !== 2 && e - s !== 3) || !wordBoundaryBefore(text, s)) return false;
  let p = e;
  const c = codeAt(text, p);
  if (c === 77 || c === 70 || c === 115 || c === 110 || c === 114 || c === 116) return true; // "93M", "91F", "100th"
  if (codeAt(text, p) === 32) p++;
  if (codeAt(text, p) === 45) p++;
  if (codeAt(text, p) === 32) p++;
  const unit = codeAt(text, p) | 32;
  // "años", "anos", "ans", "anni": an "a" and then "n" or "ñ" (most words after a number open otherwise: "at", "and").
  return unit === 121 || unit === 106 || unit === 0xe5 || (unit === 97 && (codeAt(text, p + 1) === 110 || codeAt(text, p + 1) === 241));
};
// "Age: 95", "aged 95", "age of 95", "age 95y": tried only at the word before a run of digits (AGE_BEFORE), as short as
// the number-first form.
const AGE_WORD_FIRST_RE = /(?:[Aa]ge[ds]?|AGE)(?:\s?:?\s?| of )(\d{2,3})(?:\b|(?=y(?![A-Za-z])))/y;
// Where "age", "aged" or "ages" ends at most three characters (\s?:?\s?) before the run at `at`.
const AGE_BEFORE: LeadTest = (text, at, end) => {
  if (end - at !== 2 && end - at !== 3) return -1;
  if (at >= 7 && codeAt(text, at - 1) === 32 && (codeAt(text, at - 2) | 32) === 102 && text.slice(at - 7, at).toLowerCase() === 'age of ') return at - 7; // "at the age of 93"
  let p = at;
  while (p > at - 3 && p > 0 && !isAsciiLetter(codeAt(text, p - 1))) p--;
  const last = codeAt(text, p - 1) | 32;
  if (last === 100 || last === 115) p--; // d, s
  return p >= 3 && (codeAt(text, p - 1) | 32) === 101 && (codeAt(text, p - 2) | 32) === 103 && (codeAt(text, p - 3) | 32) === 97 ? p - 3 : -1;
};

// An age over 89 in words: "ninety-six years old", "a ninety-three-year-old", "is ninety seven", "her ninety-eighth
// birthday", "a hundred and one". Read at each "inety" and "hundred": most texts have neither.
const UNIT_WORD = 'one|two|three|four|five|six|seven|eight|nine';
const ORDINAL_WORD = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth';
const AGE_IN_WORDS_RE = new RegExp(
  `\\b(?:[Nn]inety(?:[- ](?:${UNIT_WORD}))?|(?:[Aa]|[Oo]ne) hundred(?: and (?:${UNIT_WORD}|ten))?)(?=[- ](?:years?|yrs?)[- ]old\\b| years? of age\\b|[.,;!?)"”]| (?:and|but) |$| (?:in|on|this|next|last)\\b)` +
    `|\\b(?:[Nn]inety[- ](?:${ORDINAL_WORD})|[Nn]inetieth|(?:[Aa]|[Oo]ne) hundredth)(?= birthday\\b)`,
  'y',
);
// Before an age in words standing alone ("she is ninety-six.", 'she is "ninety-five"', "sharp at ninety-two, but"), a
// word saying it is an age; or a person's name and a comma, the age an aside ("her sister Vasiliki Andreou, ninety-one,").
const AGE_VERB_BEFORE_RE = /\b(?:is|was|turned|turns|turning|aged|age|now|at|she's|he's|i'm|being)\s["“]?$/i;
const AGE_ASIDE_BEFORE_RE = /\b[A-Z][a-z'’]+, $/;
const AGE_BECOMES_BEFORE_RE = /\b(?:turned|turns|turning|turn|will be|'ll be)\s$/i;
// A second age said against the first: "ninety-five, not ninety-four", "ninety-one or ninety-two".
const AGE_AGAINST_RE = /^(?:,? not |,? or )/;

/** Whether text[start, end) is an age written in words (AGE_IN_WORDS_RE). */
export function isAgeInWords(text: string, start: number, end: number): boolean {
  if (AGE_WORDS_WHOLE_RE.test(text.slice(start, end))) return true;
  AGE_IN_WORDS_RE.lastIndex = start;
  const m = AGE_IN_WORDS_RE.exec(text);
  return m !== null && start + m[0].length === end;
}

// Where an age in words may be: "(n)inety", "hundred", a person's "(n)ineties" (one regex over the text, cheaper than
// several searches; its alternatives open with "i" or "h" only: one opening with "e" was tried at every "e").
const AGE_WORD_CUE_RE = /inet(?:y|ie)|hundred/g;
// Words that say an age over 89 alone ("a nonagenarian with falls", "a centenarian resident"), ending at "enarian".
const AGE_NOUN_HEAD = '(?:[Nn]onag|(?:[Ss]uper)?[Cc]ent)';
const AGE_NOUN_BEFORE_RE = new RegExp(`(?<![A-Za-z])${AGE_NOUN_HEAD}$`);
// A person's nineties ("in her late nineties", "in his 90s"; not a decade, "the 90s"), ending at the cue.
const NINETIES_BEFORE_RE = /\bin (?:her|his|their) ((?:(?:early|mid|late)[- ])?)$/;
// Those ages as written whole (isAgeInWords: they hold no digit).
const AGE_WORDS_WHOLE_RE = new RegExp(`^(?:(?:early|mid|late)[- ])?(?:[Nn]ineties|90['’]?s)$|^${AGE_NOUN_HEAD}enarians?$`);

/** Emits text[start, end), "nineties" or "90s", as an age when a person's ("in her late nineties", "in his 90s"). */
function nineties(text: string, start: number, end: number, emit: Emit): void {
  const lead = NINETIES_BEFORE_RE.exec(text.slice(Math.max(0, start - 24), start));
  if (lead !== null && !isLetter(text.charCodeAt(end)) && !isDigit(text.charCodeAt(start - 1))) emit('AGE_OVER_89', start - (lead[1] as string).length, end, 0.85);
}

/** The ages said by a noun ("nonagenarian", "centenarians") or by a person's "90s", found by literal searches. */
function agesByNounOrDecade(text: string, emit: Emit): void {
  for (let at = text.indexOf('enarian'); at !== -1; at = text.indexOf('enarian', at + 7)) {
    const head = AGE_NOUN_BEFORE_RE.exec(text.slice(Math.max(0, at - 9), at));
    if (head === null) continue;
    let end = at + 7;
    if (text.charCodeAt(end) === 115) end++;
    if (!isLetter(text.charCodeAt(end))) emit('AGE_OVER_89', at - head[0].length, end, 0.85);
  }
  for (let at = text.indexOf('90', 1); at !== -1; at = text.indexOf('90', at + 2)) {
    const c = text.charCodeAt(at + 2);
    if (c === 115) nineties(text, at, at + 3, emit); // "90s"
    else if ((c === 39 || c === 8217) && text.charCodeAt(at + 3) === 115) nineties(text, at, at + 4, emit); // "90's"
  }
}

function agesInWords(text: string, emit: Emit): void {
  AGE_WORD_CUE_RE.lastIndex = 0;
  let against = -1; // where a second age said against the last one found starts
  for (let cue = AGE_WORD_CUE_RE.exec(text); cue !== null; cue = AGE_WORD_CUE_RE.exec(text)) {
    const at = cue.index;
    if (cue[0] === 'inetie') {
      // "nineties": a person's
      if (text.charCodeAt(at + 6) === 115) nineties(text, at - 1, at + 7, emit);
      continue;
    }
    const start = cue[0] === 'inety' ? at - 1 : /[Aa] $|[Oo]ne $/.exec(text.slice(Math.max(0, at - 4), at)) ? at - (text[at - 2] === 'e' ? 4 : 2) : -1;
    if (start < 0) continue;
    AGE_IN_WORDS_RE.lastIndex = start;
    const m = AGE_IN_WORDS_RE.exec(text);
    if (m === null) continue;
    const end = start + m[0].length;
    const said = /^[- ](?:years?|yrs?)[- ](?:old|of age)|^ birthday/.test(text.slice(end, end + 14));
    if (!said && start !== against) {
      const lead = text.slice(Math.max(0, start - 16), start);
      // Before a time ("turns ninety-two in July", "will be ninety next week") only after a verb of becoming.
      if (text.charCodeAt(end) === 32 && /^ (?:in|on|this|next|last)\b/.test(text.slice(end, end + 6))) {
        if (!AGE_BECOMES_BEFORE_RE.test(lead)) continue;
      } else if (!AGE_VERB_BEFORE_RE.test(lead) && !(AGE_ASIDE_BEFORE_RE.test(lead) && /^[,)]/.test(text.slice(end, end + 1)))) continue;
    }
    emit('AGE_OVER_89', start, end, 0.85);
    AGE_WORD_CUE_RE.lastIndex = end;
    const next = AGE_AGAINST_RE.exec(text.slice(end, end + 6));
    against = next === null ? -1 : end + next[0].length;
  }
}

function ages(text: string, emit: Emit, env: PassEnv): void {
  agesInWords(text, emit);
  agesByNounOrDecade(text, emit);
  const onAge = (m: RegExpExecArray): void => {
    if (m.index > 0 && /[A-Za-z]/.test(text[m.index - 1] as string)) return; // "page 95" is no age
    // Nor the decimals or the thousands of a number ("574.90M", "1,095 yrs").
    if ((codeAt(text, m.index - 1) === 46 || codeAt(text, m.index - 1) === 44) && isDigit(codeAt(text, m.index - 2))) return;
    const value = Number(m[1]);
    if (value < 90 || value > 125) return;
    const start = m.index + m[0].indexOf(m[1] as string);
    emit('AGE_OVER_89', start, start + (m[1] as string).length, 0.9);
  };
  eachMatchAtDigitRuns(AGE_NUMBER_FIRST_RE, text, onAge, AGE_NUMBER_RUN);
  eachMatchAtDigitRuns(AGE_WORD_FIRST_RE, text, onAge, NEVER_AT_RUN, AGE_BEFORE);
  // After a person's name and a comma, closing the aside: "(roommate, Mrs. Bertha Kowalczyk, 101)", "Mrs. Sophia
  // Kallas, 95, lives nearby", "his mother, Yamamoto Chiyo, 101 (百一歳)", "Zilda Nascimento ("Dona Zilda"), 96 — …".
  // The name has a title, or is two words no list holds as ordinary ("Pine Street, 101 —" is an address).
  const runs = digitRuns(text);
  for (let r = 0; r < runs.starts.length; r++) {
    const at = runs.starts[r] as number;
    const end = runs.ends[r] as number;
    if (end - at < 2 || end - at > 3 || codeAt(text, at - 1) !== 32 || codeAt(text, at - 2) !== 44 || !closesAside(text, end)) continue;
    const value = Number(text.slice(at, end));
    if (value < 90 || value > 119) continue;
    const lead = text.slice(Math.max(0, at - 48), at - 2);
    const named = TITLED_NAME_BEFORE_RE.test(lead) || KIN_BEFORE_AGE_RE.test(lead) || SEX_BEFORE_AGE_RE.test(lead);
    const two = named ? null : TWO_NAME_WORDS_BEFORE_RE.exec(lead);
    if (named || (two !== null && !env.isCommon(two[1] as string) && !env.isCommon(two[2] as string) && !env.isNeverName(two[1] as string) && !env.isNeverName(two[2] as string))) {
      emit('AGE_OVER_89', at, end, 0.8);
    }
  }
  agesInAsides(text, runs, emit);
  agesAfterVerbs(text, runs, emit);
}

// What stands before an age in parentheses or after a form's label with more than AGE_WORD_FIRST_RE reads: "(now 96)",
// "(aged 93)", "(M, 95)", "(F, 91)"; "Age (years): 92", "Age/Sex: 94/F".
const AGE_ASIDE_OPEN_RE = /\((?:now|aged?|age) $|\((?:[MF]|[Mm]ale|[Ff]emale), $/;
const AGE_FORM_LABEL_RE = /\b(?:[Aa]ge|AGE) \((?:years|yrs|y)\): ?$|\b(?:[Aa]ge|AGE)\/(?:[Ss]ex|SEX|[Gg]ender): ?$|\b(?:[Aa]ge|AGE) (?:at|AT) (?:death|DEATH|admission|ADMISSION|onset|ONSET|diagnosis|DIAGNOSIS|referral|REFERRAL): ?$/;

/**
 * Ages over 89 in an aside or after a form's label: "(93)" after a titled name or a relative ("Mrs Okafor (93)", "her
 * father (96)"), "(now 96)", "(M, 95)", "Age (years): 92", "Age/Sex: 94/F".
 */
function agesInAsides(text: string, runs: DigitRuns, emit: Emit): void {
  for (let r = 0; r < runs.starts.length; r++) {
    const at = runs.starts[r] as number;
    const end = runs.ends[r] as number;
    // No leading zero (an area code's: "Dr. Byrne (095) 552 1847"), no number after it.
    if (end - at < 2 || end - at > 3 || codeAt(text, at) === 48 || (codeAt(text, end + 1) === 32 && isDigit(codeAt(text, end + 2)))) continue;
    const before = codeAt(text, at - 1);
    if (before !== 40 && before !== 32) continue; // "(" or " "
    // 90–99 or 100–119, by its first digits (most runs are neither).
    const d = codeAt(text, at);
    if (end - at === 2 ? d !== 57 : d !== 49 || codeAt(text, at + 1) > 49) continue;
    const after = codeAt(text, end);
    const lead = text.slice(Math.max(0, at - 48), at);
    let age = false;
    if (before === 40 && after === 41) {
      const named = lead.slice(0, -1).trimEnd();
      age = TITLED_NAME_BEFORE_RE.test(named) || KIN_BEFORE_AGE_RE.test(named);
    } else if (before === 32) {
      if (after === 41) age = AGE_ASIDE_OPEN_RE.test(lead);
      // After a form's label, the value closes its field ("92", "94/F").
      if (!age && (after !== after || after === 10 || after === 32 || after === 44 || after === 59 || after === 46 || after === 47)) {
        age = AGE_FORM_LABEL_RE.test(lead);
      }
    }
    if (age) emit('AGE_OVER_89', at, end, 0.85);
  }
}

// A number said to be someone's age by the words before it: "turned 95 today", "who is 91,", "she is now 93", "died at
// 96.", "her sister (97)". Not a measurement after it ("turned 90 degrees", "is now 93%", "now 92/60").
const AGE_VERB_BEFORE_NUMBER_RE = /(?:\b(?:turned|turns|turning)|\bwho(?:'s| is| was)|\b(?:is|was|she's|he's|she is|he is) now|\b(?:died|passed away|passed) at|\b(?:sister|brother|mother|father|husband|wife|aunt|uncle|mum|mom|dad|grandmother|grandfather|roommate|neighbou?r) \()\s?$/i;
// "she was", "he is" before a number that closes the clause, says years or a time of life ("she was 94.", "he is 91
// years", "he was 92 at death", "she was 95 when she died"): an age.
const PRONOUN_IS_RE = /\b(?:[Ss]he|[Hh]e|[Gg]randma|[Gg]randpa|[Gg]randmother|[Gg]randfather|[Nn]ana|[Gg]ran|[Gg]ranny|[Mm]um|[Mm]om|[Dd]ad|[Ll]ola|[Ll]olo|[Bb]ubbe|[Zz]ayde) (?:was|is) $/;
const AGE_CLOSES_RE = /^(?:[.,;)]|\r?\n|$| (?:years?|yrs?)\b| at (?:(?:his |her |the )?death|the time|diagnosis|admission|onset)\b| when (?:he|she) died| now\b| this year\b| today\b)/;
// A name, a comma and "is" or "was": "Giuseppina Rossi, is 96 and well".
const NAME_COMMA_IS_RE = /\b[A-Z][a-z'’-]+, (?:is|was) $/;
// A date of birth and "(" before an age: "DOB: 02/11/1933 (", "born 1933-10-09 (".
const BIRTH_DATE_BEFORE_RE = /(?:\bDOB|\bD\.O\.B\.?|[Dd]ate of [Bb]irth|\b[Bb]orn)[:\s]{1,3}(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}) \($/;
// The age's end after it: ")", or "y", "yo", "yrs", "years" and ")".
const AGE_AFTER_BIRTH_DATE_RE = /^(?: ?(?:y|yo|yrs?|years?))?\)/;
const MEASURE_AFTER_RE = /^(?:\s?(?:%|°|degrees?\b|mm|mg|kg|lbs?\b|bpm|cm|ml|min|sec|units?\b|points?\b|percent)|[/.:,]\d)/i;

function agesAfterVerbs(text: string, runs: DigitRuns, emit: Emit): void {
  for (let r = 0; r < runs.starts.length; r++) {
    const at = runs.starts[r] as number;
    const end = runs.ends[r] as number;
    if (end - at < 2 || end - at > 3 || (codeAt(text, at - 1) !== 32 && codeAt(text, at - 1) !== 40)) continue;
    const first = codeAt(text, at);
    if (first !== 57 && (first !== 49 || end - at !== 3)) continue; // 90–99, 100–199 (checked below)
    const value = Number(text.slice(at, end));
    if (value < 90 || value > 119 || MEASURE_AFTER_RE.test(text.slice(end, end + 9))) continue;
    const lead = text.slice(Math.max(0, at - 16), at);
    if (AGE_VERB_BEFORE_NUMBER_RE.test(lead) || NAME_COMMA_IS_RE.test(lead)) emit('AGE_OVER_89', at, end, 0.8);
    else if (PRONOUN_IS_RE.test(lead) && AGE_CLOSES_RE.test(text.slice(end, end + 20))) emit('AGE_OVER_89', at, end, 0.8); // she was 94.
    else if (codeAt(text, at - 1) === 40 && AGE_AFTER_BIRTH_DATE_RE.test(text.slice(end, end + 6)) && BIRTH_DATE_BEFORE_RE.test(text.slice(Math.max(0, at - 30), at))) {
      emit('AGE_OVER_89', at, end, 0.85); // "DOB: 02/11/1933 (91 y)", "DOB 23/06/1932 (92)"
    }
  }
}

/** Whether an aside's age ends at `end`: ")", ",", ";", or a space and "(", "—" or "–". */
function closesAside(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === 41 || c === 44 || c === 59) return true;
  const d = text.charCodeAt(end + 1);
  return c === 32 && (d === 40 || d === 0x2014 || d === 0x2013);
}

// A relative just before an age's comma: "paternal grandmother, 93, in Kayseri", "His father, 91, is bed-bound".
const KIN_BEFORE_AGE_RE = /\b(?:[Gg]reat-)?(?:[Gg]rand)?(?:[Mm]other|[Ff]ather|[Mm]a|[Pp]a|[Mm]um|[Mm]om|[Dd]ad|[Aa]unt|[Uu]ncle|[Ss]ister|[Bb]rother|[Hh]usband|[Ww]ife|[Ww]idow|[Ww]idower|[Nn]eighbou?r|[Rr]oommate)$|\b(?:[Nn]ana|[Nn]an|[Gg]ran|[Gg]ranny|[Ll]ola|[Ll]olo|[Bb]ubbe|[Zz]ayde|[Aa]buel[ao]|[Nn]onn[ao]|[Oo]ma|[Oo]pa|[Gg]ogo|[Bb]ibi|[Dd]adi|[Nn]ani)$/;
// Two capitalised words just before an age's comma, a nickname in quotes and parentheses maybe ("Zilda Nascimento
// ("Dona Zilda")").
const TWO_NAME_WORDS_BEFORE_RE = /(?:^|[^A-Za-z'’-])([A-Z][a-z'’-]+) ([A-Z][a-z'’-]+)(?: \(["“][^"”\n]{1,24}["”]\))?$/;
// A person's sex just before an age and its comma, as notes open ("F, 96, from home", "Male, 91, fall").
const SEX_BEFORE_AGE_RE = /(?:^|[\s(:;])(?:F|M|Female|Male|female|male)$/;
// A title and a name just before an age in an aside ("Mrs. Bertha Kowalczyk", "Mr. O'Neil").
const TITLED_NAME_BEFORE_RE = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Mdm|Madam)\.? (?:[A-Z][A-Za-z'’-]+ ){0,2}[A-Z][A-Za-z'’-]+$/;

// An id announced by a label no list holds, the label's words and "no.", "number", "#" or "ID" before it ("Folder no.:
// UMD-0031847", "TIER.Net no.: 5512-0093-0871", "Resident no. BG-0417", "Police case no. (Pueblo PD): 25-011873",
// "FIR No. 0147 of 2024"): HIPAA's "any other unique identifying number". Read backwards from each run of digits; typed
// by the label's words (a record's key when none says more). Not a room, a page, a form, a product or a code system's
// number ("Room no. 23", "Form No. 1040", "NDC No. 0002-7510-01").
const LABEL_WORDS_RE = /(?:^|[^A-Za-z0-9.])((?:[A-Za-z][A-Za-z.&'’/-]*[ \t]){0,2}[A-Za-z][A-Za-z.&'’/-]*)[ \t]?$/;
// A value that is a date: day and month (either order), the year maybe ("3/4", "12.11.2024").
const DATE_SHAPE_RE = /^\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?$/;
const NUMBERED_VALUE_RE = /^[A-Za-z0-9](?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9]))*(?: (?:of|OF) (?:19|20)\d{2}(?!\d))?/;
// The words of a payment before its "Ref" or "Reference" (and the mark after it): "UPI Ref", "Transaction Reference".
const PAYMENT_REF_BEFORE_RE = /(?<![A-Za-z])(?:transaction|payment|upi|txn|remittance|wire|transfer|m-?pesa|paypal|bank)[ \t]+(?:ref|reference)\.?[ \t]?$/i;
const NOT_ID_LABELS: ReadonlySet<string> = new Set([
  'tel', 'telephone', 'phone', 'fax', 'mobile', 'cell', 'contact', 'room', 'rm', 'bed', 'ward', 'page', 'floor', 'exhibit', 'ex',
  'item', 'section', 'sec', 'paragraph', 'para', 'form', 'part', 'model', 'version', 'table', 'figure', 'fig', 'step',
  'grade', 'level', 'size', 'flight', 'gate', 'seat', 'platform', 'route', 'line', 'question', 'vol', 'volume', 'chapter',
  'rule', 'article', 'art', 'schedule', 'annex', 'appendix', 'box', 'house', 'plot', 'door', 'flat', 'shop', 'qtr', 'gat',
  'survey', 'block', 'batch', 'bus', 'kit', 'site', 'randomization', 'randomisation', 'protocol', 'study', 'dose', 'cycle',
  'week', 'day', 'visit', 'tooth', 'channel', 'ext', 'extension', 'pin', 'sku', 'ndc', 'cpt', 'icd', 'hcpcs', 'drg',
  'loinc', 'cas', 'un', 'iso', 'catalogue', 'catalog', 'cat', 'ref', 'reference', 'product', 'order', 'po', 'ticket',
  'tracking', 'confirmation', 'lane', 'unit', 'apt', 'suite', 'building', 'bldg', 'street', 'road', 'rd', 'st', 'no',
  // A software project's bug, issue or pull request ("bug #875780", "closes: Bug#711599", "See #971027", "PR #2231").
  'bug', 'bugs', 'issue', 'issues', 'closes', 'see', 'pr',
  // The same in German, Dutch, Spanish, French and Italian, before "Nr.", "-nummer", "n.º" ("Telefonnummer", "n.º de
  // habitación", "numéro de téléphone").
  'telefon', 'telefoon', 'teléfono', 'téléphone', 'telefono', 'handy', 'mobil', 'zimmer', 'kamer', 'habitación', 'chambre',
  'stanza', 'haus', 'huis', 'seite', 'página', 'artikel', 'artículo', 'articolo', 'bestell', 'auftrags', 'pedido', 'commande',
  'ordine', 'sendungs', 'chargen', 'modell', 'versions', 'piso', 'planta', 'étage', 'puerta', 'porte', 'calle', 'rue', 'strasse',
  'straße', 'seiten', 'kapitel', 'capítulo', 'chapitre', 'abschnitt',
]);
const NUMBERED_TYPES: ReadonlyArray<readonly [RegExp, PiiType]> = [
  // German, Spanish, French and Italian words too ("Kontonummer", "n.º de cuenta", "numéro de compte").
  [/claim|account|acct|bill|invoice|policy|loan|contract|ledger|membership|transaction|payment|remittance|\btxn\b|\bupi\b|konto|kunden|rechnung|cuenta|compte|factur|fattura/, 'ACCOUNT'],
  // A person's national or tax number in another country's words ("tax ID 47138290462", "Emirates ID 784-…", "RG no.").
  [/\btax\b|taxpayer|national|identi(?:ty|té|dad|tà)|citizen|emirates|steuer|sozialversicherung|^person$|fiscal|c[ée]dula|s[ée]curit[ée] sociale|seguridad social|\b(?:cpf|rg|dni|nie|nif|nin|cnic|pesel|bsn|kra)\b/, 'SSN'],
  [/insur|health ?card|medical aid|versicher|krankenkasse|afiliaci|assurance|mutuelle|tarjeta sanitaria|\b(?:vhi|nhf|nhif|nhis|ehic)\b/, 'HEALTH_PLAN'],
  // A professional's register ("NJ Attorney ID", "court interpreter no.", "Transcriptionist ID", "registry no.").
  // A hospital's or a clinic's number is a patient's record's ("Hospital reg. no.", "case note no.", as British notes say).
  [/case ?notes?|hospital|\bhosp\b|clinic\b|patient|\b(?:opd|ipd)\b|outpatient|inpatient/, 'MRN'],
  [/licen|permit|commission|certif|credential|registration|accreditation|passport|reg\b|regn\b|panel|examiner|colegiad|approbation|arzt|ärzt|hrerschein|kammer|notary|council|\bbar\b|\b(?:ame|marn|lsk)\b|(?:attorney|interpreter|transcriptionist|registry)$/, 'LICENSE'],
  [/case|matter|estate|referral|fir\b|file|docket|complaint|suit|petition|appeal|application|crime|incident|warrant|report|charge\b|eeoc|inquiry|enquiry|court$|^information$|akten|verfahren|expediente|procedimiento|affaire/, 'CASE_NUMBER'],
  // Indian courts' case registers: regular criminal and civil cases, summary criminal cases, writ petitions, original
  // suits, sessions trials, criminal applications ("R.C.C. No. 412/2024", "W.P. No. 1187 of 2023", "Cri. Appln.").
  [/\b(?:r\.?c\.?[cs]|s\.?c\.?c|w\.?p|o\.?s|s\.?t|cri?l?|cri\. appln)\b/, 'CASE_NUMBER'],
  [/serial|serien|lot\b|device|asset|imei|implant/, 'DEVICE'],
  [/vehicle|plate|registration mark|chassis|kennzeichen|immatriculation|tractor|truck|lorry|trailer|motorcycle|scooter|\bcar\b|\bvan\b/, 'VEHICLE'],
];

// The words that mark a number after its label, lower-cased: English, German, Dutch and Scandinavian ("Nr."), Spanish,
// Portuguese, French and Italian ("Núm.", "número", "numéro", "numero").
const MARK_WORDS: ReadonlySet<string> = new Set(['no', 'nos', 'number', 'nr', 'nro', 'núm', 'num', 'número', 'numéro', 'numero', 'nummer']);

// Words for a register's entry that mark a number as a "no." does ("SLMC registration 12345", "enrolment MAH/1234/2015",
// "MDCN folio MDCN/R/12345"): a professional's registration unless the words before say whose. Not "reg" alone: it is
// also a regulation ("Ont. Reg. 258/98") and "regular", and it added false positives wherever it was tried.
const REGISTRATION_MARKS: ReadonlySet<string> = new Set(['regn', 'registration', 'enrolment', 'enrollment', 'folio']);
// A register's body before a "reg" on its line ("Nursing Council of Jamaica", "Medical Board", "Pharmaceutical Society"):
// then "reg" is its registration.
const REGISTER_BODY_BEFORE_RE = /\b(?:Council|Board|College|Society|Registry|Chamber)\b[^\n]{0,40}[ \t]$/;

/** Where the registration mark (REGISTRATION_MARKS) that ends at `p` starts (a stop or a colon after it maybe), or -1. */
function registrationMarkStart(text: string, p: number): number {
  const e = text.charCodeAt(p - 1) === 46 ? p - 1 : p;
  const last = text.charCodeAt(e - 1) | 32;
  // "reg" alone after the register's body on its line ("Nursing Council of Jamaica reg. 12345").
  if (last === 103 && e >= 4 && (text.charCodeAt(e - 3) | 32) === 114 && !isLetter(text.charCodeAt(e - 4)) && text.slice(e - 3, e).toLowerCase() === 'reg') {
    return REGISTER_BODY_BEFORE_RE.test(text.slice(Math.max(0, e - 52), e - 3)) ? e - 3 : -1;
  }
  if (last !== 110 && last !== 116 && last !== 111) return -1; // each ends in "n", "t" or "o"
  for (const length of [4, 5, 9, 10, 12]) {
    const s = e - length;
    const c = text.charCodeAt(s) | 32;
    if (s < 1 || (c !== 114 && c !== 101 && c !== 102) || isLetter(text.charCodeAt(s - 1))) continue;
    if (REGISTRATION_MARKS.has(text.slice(s, e).toLowerCase())) return s;
  }
  return -1;
}

/**
 * Where the mark that ends at `p` starts, by character codes, or -1: "#", "ID" (in capitals), or a word of its own (no
 * letter before it) of MARK_WORDS in any case, a stop after it maybe ("No.", "Nr.", "Núm."), "nº", "n°" or "n.º"; or
 * "nummer" ending a compound ("Fallnummer", "BSN-nummer": the mark starts at "nummer").
 */
function numberMarkStart(text: string, p: number): number {
  const c = text.charCodeAt(p - 1);
  if (c === 35) return p - 1; // #
  if (c === 68) return text.charCodeAt(p - 2) === 73 && !isLetter(text.charCodeAt(p - 3)) ? p - 2 : -1; // ID
  const e = c === 46 ? p - 1 : p; // no., nos., Nr.
  const last = text.charCodeAt(e - 1);
  if (last === 0xba || last === 0xb0) {
    // nº, n°, n.º
    const n = text.charCodeAt(e - 2) === 46 ? e - 3 : e - 2;
    return (text.charCodeAt(n) | 32) === 110 && !isLetter(text.charCodeAt(n - 1)) ? n : -1;
  }
  // Every mark word ends in "o", "s", "r" or "m" and opens with "n" two, three or six letters before its end: most runs
  // are left here, after a word that ends otherwise.
  const end = last | 32;
  if (end !== 111 && end !== 115 && end !== 114 && end !== 109) return -1;
  for (const length of [2, 3, 6]) {
    const s = e - length;
    if (s < 0 || (text.charCodeAt(s) | 32) !== 110) continue;
    const mark = text.slice(s, e).toLowerCase();
    if (!MARK_WORDS.has(mark)) continue;
    if (!isLetter(text.charCodeAt(s - 1))) return s;
    // "nummer" ending a compound ("Fallnummer"): a record's, an account's, an identity's… (COMPOUND_ID_RE).
    if (mark !== 'nummer') return -1;
    let w = s;
    while (w > 0 && s - w < 34 && isLetter(text.charCodeAt(w - 1))) w--;
    return COMPOUND_ID_RE.test(text.slice(w, e).toLowerCase()) ? s : -1;
  }
  return -1;
}

// The first parts of German and Dutch compounds with "-nummer" that number a person's record, case, insurance, account,
// identity, licence or device ("Patientennummer", "Fallnummer", "Versichertennummer", "Steuernummer", "Kontonummer",
// "Ausweisnummer", "Seriennummer", "BSN-nummer"); not a telephone's, a parcel's or a product's.
const COMPOUND_ID_RE = /^(?:patient|fall|versicher|kranken|steuer|sozial|ausweis|pass|personal|person|identifikation|konto|kunden|mitglied|akten|dossier|befund|rechnung|auftrag|aufnahme|arzt|lanr|betriebsst|fahrgestell|führerschein|lizenz|zulassung|register|registratie|burger|bsn|geräte|serien|implantat|labor|proben|einsende)/;

// Where a text holds a number's mark that may stand before its label's words (MARK_FIRST_RE).
const MARK_FIRST_ANY_RE = /[º°]|[Nn]úm|[Nn]uméro|NÚM|NUMÉRO/g;

/** Whether `text` may hold such a mark: one of its rarer characters (a search for one character is the quickest). */
function mayHoldMarkFirst(text: string): boolean {
  if (text.indexOf('º') >= 0 || text.indexOf('°') >= 0 || text.indexOf('ú') >= 0 || text.indexOf('Ú') >= 0) return true;
  return (text.indexOf('é') >= 0 && text.includes('umér')) || (text.indexOf('É') >= 0 && text.includes('UMÉR'));
}
// A number's mark before its label's words, as Spanish, Portuguese, French and Italian write them ("N.º de historia:
// 00789123", "numéro de dossier : 2023-000451", "N° patient 0098123"): the label's words are group 1.
const MARK_FIRST_RE = /(?:^|[^\p{L}\p{N}])(?:[Nn]\.?[º°]|[Nn]úm\.?|[Nn]úmero|[Nn]uméro|NÚMERO|NUMÉRO)[ \t]{1,2}(?:(?:de la|de|del|du|des|di|da|do)[ \t]|d['’])?((?:\p{L}[\p{L}'’-]*[ \t]){0,2}\p{L}[\p{L}'’-]*)[ \t]?$/u;

/** The word that ends at `end` (letters, ".", "&", "'", "/", "-"; one space or tab skipped before `end`), or ''. */
function wordBefore(text: string, end: number): string {
  if (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9) end--;
  let s = end;
  while (s > 0 && end - s < 24) {
    const c = text.charCodeAt(s - 1);
    if (!(isAsciiLetter(c) || c === 46 || c === 38 || c === 39 || c === 47 || c === 45)) break;
    s--;
  }
  return text.slice(s, end);
}

const LABEL_HEAD_SET: ReadonlySet<string> = new Set(LABEL_HEADS);

/**
 * The type the label's words that end at `end` (up to three, on its line; else `fallback`, the label's last word) say
 * an id is (NUMBERED_TYPES), if any.
 */
function typeByLabelWords(text: string, end: number, fallback = ''): PiiType | undefined {
  return typeOfLabelWords((LABEL_WORDS_RE.exec(text.slice(Math.max(0, end - 40), end))?.[1] ?? fallback).toLowerCase());
}

/** The type a label's words (lower-cased) say an id is (NUMBERED_TYPES), if any. */
function typeOfLabelWords(words: string): PiiType | undefined {
  for (const [re, t] of NUMBERED_TYPES) if (re.test(words)) return t;
  return undefined;
}

function numberedIds(text: string, emit: Emit): void {
  const runs = digitRuns(text);
  // Where marks that may open a label stand ("N.º", "numéro"), in order, and the first one not yet left behind.
  let marks: number[] | undefined;
  let nextMark = 0;
  let lastEnd = -1;
  for (let r = 0; r < runs.starts.length; r++) {
    const run = runs.starts[r] as number;
    if (run < lastEnd) continue;
    // The value's start: letters, digits, "-" and "/" before the run ("UMD-0031847", "ETH-UMD-24/0317").
    let start = run;
    while (start > 0 && start > run - 16) {
      const c = text.charCodeAt(start - 1);
      if (!(isAsciiLetter(c) || isDigit(c) || c === 45 || c === 47)) break;
      start--;
    }
    // Back over spaces, a colon, a remark in parentheses ("(Pueblo PD)"), to the mark.
    let p = start;
    while (p > 0 && start - p < 3 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 9)) p--;
    if (text.charCodeAt(p - 1) === 58) p--;
    while (p > 0 && text.charCodeAt(p - 1) === 32) p--;
    const remark = text.charCodeAt(p - 1) === 41;
    if (remark) {
      const open = text.lastIndexOf('(', p - 1);
      if (open === -1 || p - open > 28) continue;
      p = open;
      while (p > 0 && text.charCodeAt(p - 1) === 32) p--;
    }
    let markStart = numberMarkStart(text, p); // most runs are left here
    let registration = markStart < 0 ? registrationMarkStart(text, p) : -1;
    // "Ont. Reg. 258/98", "O. Reg. 123/04": a regulation's number after a jurisdiction's abbreviation, no register's.
    if (registration >= 0 && text.charCodeAt(registration - 1) === 32 && text.charCodeAt(registration - 2) === 46) registration = -1;
    if (registration >= 0) markStart = registration;
    // Else the mark before the label's words ("N.º de historia: 00789123"), in a text that holds such a mark.
    let labelWords: string | undefined;
    if (markStart < 0) {
      if (marks === undefined) {
        marks = [];
        if (!mayHoldMarkFirst(text)) continue;
        MARK_FIRST_ANY_RE.lastIndex = 0;
        for (let m = MARK_FIRST_ANY_RE.exec(text); m !== null; m = MARK_FIRST_ANY_RE.exec(text)) marks.push(m.index);
      }
      while (nextMark < marks.length && (marks[nextMark] as number) < p - 48) nextMark++;
      if (nextMark === marks.length || (marks[nextMark] as number) >= p) continue;
      labelWords = MARK_FIRST_RE.exec(text.slice(Math.max(0, p - 48), p))?.[1]?.toLowerCase();
      if (labelWords === undefined) continue;
      markStart = p - labelWords.length;
    }
    // The label's last word: none (a bare "No."), one that says it is no id's ("Room", "Form"), or one the labelled
    // pass reads ("MRN #", "Medicare ID"; not with a remark between: "Police case no. (Pueblo PD): 25-011873").
    const word = labelWords?.slice(labelWords.search(/\S+$/)) ?? wordBefore(text, markStart).replace(/[.-]+$/, '').toLowerCase();
    // "Dossiernummer", "BSN-nummer", "Patienten-Nr.": a compound, no label the labelled pass reads.
    const joined = text.charCodeAt(markStart - 1);
    const compound = (text.charCodeAt(markStart) | 32) === 110 && (isLetter(joined) || joined === 45);
    // A payment's reference is an account's number ("UPI Ref No. 412345678901", "Transaction reference no."): no
    // letter's own reference ("Our ref", "ref" among NOT_ID_LABELS).
    const paymentRef = (word === 'ref' || word === 'reference') && PAYMENT_REF_BEFORE_RE.test(text.slice(Math.max(0, markStart - 32), markStart));
    if ((NOT_ID_LABELS.has(word) && !paymentRef) || (!remark && labelWords === undefined && !compound && LABEL_HEAD_SET.has(word))) continue;
    const value = NUMBERED_VALUE_RE.exec(text.slice(start, start + 48))?.[0];
    if (value === undefined) continue;
    const ofYear = / (?:of|OF) \d{4}$/.test(value);
    const digits = digitCount(value, 0, value.length);
    const letters = /[A-Za-z]/.test(ofYear ? value.slice(0, -8) : value);
    if (value.length < 4 || (!letters && digits < 5 && !ofYear)) continue;
    if (DATE_SHAPE_RE.test(value) || /^\d+\.\d+$/.test(value)) continue; // a date, a decimal
    // "ID" without a colon or "#" only before an id's shape, as labelled() reads it ("Interpreter ID 40418" is a count's).
    if (labelWords === undefined && text.charCodeAt(markStart) === 73 && !/[:#]/.test(text.slice(p, start)) && !letters && digits < 7) continue;
    let type: PiiType = 'MRN';
    if (labelWords !== undefined) type = typeOfLabelWords(labelWords) ?? 'MRN';
    else if (registration >= 0) type = (word === '' ? undefined : typeByLabelWords(text, markStart, word)) ?? 'LICENSE';
    else if (word === '' || text.charCodeAt(markStart - 1) === 10) {
      // "No. 23CECG04417" alone, as after a case's name: a docket's shape (letters or a dash with five digits or more).
      if (!/^[Nn]o\./.test(text.slice(markStart, p)) || digits < 5 || !(letters || value.includes('-'))) continue;
      type = 'CASE_NUMBER';
    } else {
      type = typeByLabelWords(text, markStart, word) ?? 'MRN';
    }
    emit(paymentRef ? 'ACCOUNT' : type, start, start + value.length, 0.85);
    lastEnd = start + value.length;
  }
}

// Ids in the columns of a table whose header names them ("| Name | Role | Employee ID |", "Component   REF   LOT   SN"):
// pipes or runs of two spaces or more part the cells; a column is read in the rows below the header (up to a blank
// line or a row of another shape) when its header is an id's label, the cell's value one token with a digit.
const LABEL_CELL_RE = new RegExp(`^(?:${LABELS.map(([src]) => `(${src})`).join('|')})\\.?$`, 'i');
const GENERIC_ID_CELL_RE = /^((?:[A-Za-z][A-Za-z.'’/-]*[ ]){0,2}[A-Za-z][A-Za-z.'’/-]*)[ ]?(?:ID|Id|No\.?|NO\.?|Number|NUMBER|#)$/;
const CELL_SPLIT_RE = /[ \t]*\|[ \t]*|[ \t]{2,}|\t/;
// A word every id's label in a header holds, in any case ("Employee ID", "LOT", "SN", "Claim No.", "MRN").
const HEADER_WORD_RE = /\b(?:id|no|nos|number|mrn|lot|sn|s\/n|serial|acct|account|claim|policy|member|case|docket|vin|plate|npi|licen[cs]e|passport|reg|registration|imei|udi|device|group|subscriber|medicare|medicaid|ssn|nhs|chi|hrn|ur|encounter|csn)\b|#/i;
const CELL_VALUE_RE = /^[A-Za-z0-9][A-Za-z0-9\-/.]*[A-Za-z0-9]$/;

/** The id type a table's header cell names, or undefined. */
function headerCellType(cell: string): PiiType | undefined {
  if (cell.length > 28) return undefined;
  if (cell === 'ID') return 'MRN';
  const m = LABEL_CELL_RE.exec(cell);
  if (m !== null) {
    for (let i = 0; i < LABELS.length; i++) if (m[i + 1] !== undefined) return LABEL_TYPES[i];
  }
  const words = GENERIC_ID_CELL_RE.exec(cell)?.[1]?.toLowerCase();
  if (words === undefined || NOT_ID_LABELS.has(words.slice(words.lastIndexOf(' ') + 1).replace(/\.+$/, ''))) return undefined;
  for (const [re, t] of NUMBERED_TYPES) if (re.test(words)) return t;
  return 'MRN';
}

/** A table line's cells with their offsets in the text (leading and trailing pipes dropped). */
function cellsOf(text: string, start: number, end: number): Array<[string, number]> {
  const line = text.slice(start, end);
  const out: Array<[string, number]> = [];
  let at = 0;
  for (const part of line.split(CELL_SPLIT_RE)) {
    const k = line.indexOf(part, at);
    at = k + part.length;
    if (part.trim() !== '') out.push([part.trim(), start + k + (part.length - part.trimStart().length)]);
  }
  return out;
}

function tableColumns(text: string, emit: Emit): void {
  // Found from the values: a run of digits in a cell that opens after a pipe, a tab or two spaces; its row read once,
  // against the header found above it (the nearest line without a digit, rows and rules between).
  const runs = digitRuns(text);
  const headers = new Map<number, Array<PiiType | undefined> | null>(); // by the header line's start
  let rowDone = -1;
  for (let r = 0; r < runs.starts.length; r++) {
    const run = runs.starts[r] as number;
    if (run < rowDone) continue;
    let cell = run;
    while (cell > 0 && run - cell < 20 && isCellChar(text.charCodeAt(cell - 1))) cell--;
    const c1 = text.charCodeAt(cell - 1);
    if (!(c1 === 124 || c1 === 9 || (c1 === 32 && (text.charCodeAt(cell - 2) === 32 || text.charCodeAt(cell - 2) === 124)))) continue;
    const rowStart = text.lastIndexOf('\n', run) + 1;
    let rowEnd = text.indexOf('\n', run);
    if (rowEnd === -1) rowEnd = text.length;
    rowDone = rowEnd;
    const headerStart = headerAbove(text, rowStart);
    if (headerStart < 0) continue;
    let types = headers.get(headerStart);
    if (types === undefined) {
      types = headerTypes(text, headerStart);
      headers.set(headerStart, types);
    }
    if (types === null) continue;
    const cells = cellsOf(text, rowStart, rowEnd);
    if (cells.length !== types.length) continue;
    for (let k = 0; k < cells.length; k++) {
      const type = types[k];
      const [value, offset] = cells[k] as [string, number];
      if (type === undefined || !/\d/.test(value) || value.length < 3 || !CELL_VALUE_RE.test(value)) continue;
      if (DATE_SHAPE_RE.test(value)) continue; // a date
      emit(type, offset, offset + value.length, 0.85);
    }
  }
}

/** A letter, a digit, "-", "/" or "." (inside a cell's value). */
function isCellChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === 45 || c === 47 || c === 46;
}

/**
 * The start of the table's header above the row at `rowStart`: the nearest line above without a digit (rules of dashes
 * and other rows between), or -1 at a blank line, the text's start or after 60 lines.
 */
function headerAbove(text: string, rowStart: number): number {
  let end = rowStart - 1;
  for (let n = 0; n < 60 && end > 0; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line.trim() === '') return -1;
    if (!hasDigit(text, start, end) && !/^[\s|:+=-]+$/.test(line)) return start;
    end = start - 1;
  }
  return -1;
}

/** The id type of each cell of the header line at `start` (undefined for the others), or null when none is an id's. */
function headerTypes(text: string, start: number): Array<PiiType | undefined> | null {
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  if (end - start > 240 || !HEADER_WORD_RE.test(text.slice(start, end))) return null;
  const header = cellsOf(text, start, end);
  if (header.length < 2) return null;
  const types = header.map(([cell]) => headerCellType(cell));
  return types.every((t) => t === undefined) ? null : types;
}


/** The passes tried at runs of digits, for the test that holds each to its regex with flag g. */
export const DIGIT_PASSES: Readonly<Record<string, DigitPass>> = {
  ipv4: { re: IPV4_RE, accept: IPV4_RUN },
  phone: { re: PHONE_RE, accept: PHONE_RUN, lead: PLUS_OR_PAREN },
  intl_phone: { re: INTL_PHONE_RE, accept: NEVER_AT_RUN, lead: PLUS },
  trunk_phone: { re: TRUNK_PHONE_RE, accept: OPEN_PAREN_ZERO, lead: PAREN_ZERO_BEFORE },
  spaced_trunk_phone: { re: SPACED_TRUNK_PHONE_RE, accept: SPACED_TRUNK_RUN },
  indian_mobile: { re: INDIAN_MOBILE_RE, accept: INDIAN_MOBILE_RUN },
  bare_digits: { re: BARE_DIGITS_RE, accept: BARE_DIGITS_RUN },
  ssn: { re: SSN_RE, accept: SSN_RUN },
  card: { re: CARD_RE, accept: CARD_RUN },
  federal_case: { re: FEDERAL_CASE_RE, accept: NEVER_AT_RUN, lead: DASH_CODE_DASH },
  year_case: { re: YEAR_CASE_RE, accept: YEAR_CASE_RUN },
  letter_case: { re: LETTER_CASE_RE, accept: NEVER_AT_RUN, lead: DASH },
  uscis_receipt: { re: USCIS_RECEIPT_RE, accept: NEVER_AT_RUN, lead: THREE_CAPITALS_BEFORE },
  mbi: { re: MBI_RE, accept: MBI_RUN },
  age_number_first: { re: AGE_NUMBER_FIRST_RE, accept: AGE_NUMBER_RUN },
  age_word_first: { re: AGE_WORD_FIRST_RE, accept: NEVER_AT_RUN, lead: AGE_BEFORE },
};

/** The structured detectors' passes, in the order the scanner runs them. */
export const STRUCTURED_PASSES: readonly Pass[] = [labelled, urls, emails, ips, phones, ssns, accountsAndVehicles, caseNumbers, medicareIds, ages, numberedIds, tableColumns];

