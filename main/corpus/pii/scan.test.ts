// The scanner as a user meets it: realistic hand-written notes, redaction, allow-lists, offsets.
import { describe, expect, it } from 'vitest';
import { redact } from './redact';
import { createScanner, resolveOverlaps, scanPii, sharedNameTable, sortByStartThenLongest } from './scan';
import { type Finding } from './types';
import { syntheticText } from '../synthetic';

const NOTE_1 = `CARDIOLOGY CONSULT NOTE
Date of service: 11/02/2023
Patient: Whitfield, Eleanor R.   MRN: 4471209   DOB: 06/19/1931
Referring physician: Dr. Anand Raghunathan

Mrs. Whitfield is a 92-year-old woman with atrial fibrillation on Eliquis, Hodgkin lymphoma in remission, and
Parkinson's disease, admitted after a fall at home on October 30th. She lives alone at 18 Chestnut Hill Rd, Apt 2,
Brookline, MA 02445; her nephew Thomas Greaves (cell 617-555-0142) checks on her daily.
Echo: EF 55%. Na 137, K 4.4. Continue Lasix 20 mg daily; hold Keflex. Foley catheter removed on 11/1.
Follow up with Dr. Raghunathan in 2 weeks. Records faxed to (617) 555-0177.`;
const NOTE_1_IDS = [
  '11/02/2023', 'Whitfield, Eleanor R', '4471209', '06/19/1931', 'Anand Raghunathan', 'Whitfield', '92',
  'October 30th', '18 Chestnut Hill Rd, Apt 2', 'Brookline', '02445', 'Thomas Greaves', '617-555-0142', '11/1',
  'Raghunathan', '(617) 555-0177',
];
const NOTE_1_TERMS = ['atrial fibrillation', 'Eliquis', 'Hodgkin lymphoma', "Parkinson's disease", 'Lasix', 'Keflex', 'Foley catheter'];

const NOTE_2 = `From: Priya Natarajan <pnatarajan@harborlaw-example.com>
Sent: Tuesday, March 14, 2023 4:12 PM
Subject: Delgado v. Keystone Freight, Case No. 2022-CV-0417

Team — our client Luis Delgado (SSN 219-09-9999, Driver's License: S530-4412-9921) was rear-ended on
January 9, 2022 by a Keystone truck, VIN 1FTFW1ET5DFC10312. Opposing counsel is Margaret O'Neill
(phone 312.555.0199). Under Celotex Corp. v. Catrett, 477 U.S. 317 (1986), summary judgment is premature;
res judicata does not apply. His medical bills went to Member ID: QHP449210377. The Miranda warning issue is moot.
He can be reached at www.delgado-family.net or 203-555-0111. Call me — Priya`;
const NOTE_2_IDS = [
  'Priya Natarajan', 'pnatarajan@harborlaw-example.com', 'March 14, 2023', 'Delgado', 'Keystone Freight', '2022-CV-0417',
  'Luis Delgado', '219-09-9999', 'S530-4412-9921', 'January 9, 2022', '1FTFW1ET5DFC10312', "Margaret O'Neill",
  '312.555.0199', 'QHP449210377', 'www.delgado-family.net', '203-555-0111',
];
const NOTE_2_TERMS = ['Celotex Corp. v. Catrett', 'summary judgment', 'res judicata', 'Miranda warning'];

/** The identifiers (listed in text order) that findings cover less than half of. */
function missed(text: string, findings: Finding[], ids: readonly string[]): string[] {
  const out: string[] = [];
  let from = 0;
  for (const id of ids) {
    const start = text.indexOf(id, from);
    if (start < 0) throw new Error(`test note lacks ${id} after offset ${from}`);
    from = start + id.length;
    let covered = 0;
    for (const f of findings) covered += Math.max(0, Math.min(f.end, start + id.length) - Math.max(f.start, start));
    if (covered * 2 < id.length) out.push(id);
  }
  return out;
}

describe('scanPii on hand-written notes', () => {
  for (const [name, text, ids, terms] of [
    ['clinical consult', NOTE_1, NOTE_1_IDS, NOTE_1_TERMS],
    ['legal e-mail', NOTE_2, NOTE_2_IDS, NOTE_2_TERMS],
  ] as const) {
    it(`finds the identifiers in a ${name} and leaves its domain terms alone`, () => {
      const findings = scanPii(text);
      expect(missed(text, findings, ids)).toEqual([]);
      const hitTerms = terms.filter((t) => findings.some((f) => f.start < text.indexOf(t) + t.length && f.end > text.indexOf(t)));
      expect(hitTerms).toEqual([]);
      for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    });
  }

  it('redacts with typed placeholders', () => {
    const text = 'Seen by Dr. Okafor on 3/14/2022; call (617) 555-0134 or email j.roe@example.org.';
    expect(redact(text, scanPii(text))).toBe('Seen by Dr. [NAME] on [DATE]; call [PHONE] or email [EMAIL].');
  });

  it('redacts unsorted and overlapping findings without losing or duplicating text', () => {
    const text = 'Call Jane Roe at 555-0134 today';
    const f = (type: Finding['type'], start: number, end: number): Finding => ({ type, start, end, text: text.slice(start, end), confidence: 1 });
    expect(redact(text, [f('PHONE', 17, 25), f('NAME', 5, 13), f('NAME', 10, 13)])).toBe('Call [NAME] at [PHONE] today');
    expect(redact(text, [])).toBe(text);
  });

  it('drops allow-listed strings, for any type or for one type only', () => {
    const text = 'Dr. Bell reviewed the chart with Ms. Lyrica Stone.';
    expect(scanPii(text).map((f) => f.text)).toEqual(['Bell', 'Lyrica Stone']);
    expect(scanPii(text, { allow: ['bell'] }).map((f) => f.text)).toEqual(['Lyrica Stone']);
    expect(scanPii(text, { allow: [{ type: 'DATE', text: 'Bell' }] }).map((f) => f.text)).toEqual(['Bell', 'Lyrica Stone']);
    expect(scanPii(text, { allow: [{ type: 'NAME', text: 'LYRICA  STONE' }] }).map((f) => f.text)).toEqual(['Bell']);
  });

  it('returns sorted, non-overlapping findings on empty and odd input', () => {
    expect(scanPii('')).toEqual([]);
    expect(scanPii('\u0000\u0001 ☃ 🙂 ¿Qué?')).toEqual([]);
    const findings = scanPii(NOTE_1 + '\n' + NOTE_2);
    for (let i = 1; i < findings.length; i++) expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
  });

  it('stays fast on adversarial input (no regex backtracking blow-up)', () => {
    const n = 100_000;
    for (const text of ['A'.repeat(n), 'Smith v. '.repeat(n / 9), 'Name: '.repeat(n / 6), 'Boston, MA '.repeat(n / 11), '1-'.repeat(n / 2), 'a:'.repeat(n / 2), 'Of The And '.repeat(n / 11), 'x'.repeat(n) + '@' + 'y'.repeat(n)]) {
      const started = performance.now();
      scanPii(text);
      expect(performance.now() - started, text.slice(0, 12)).toBeLessThan(3000);
    }
    // A megabyte of one line of mailboxes, and of list entries with a remark never closed: each read once.
    for (const text of ['Jane Doe <a@b.org> '.repeat(50_000), 'Tou Lee (, Ann Roe (, '.repeat(45_000)]) {
      const started = performance.now();
      scanPii(text);
      expect(performance.now() - started, text.slice(0, 12)).toBeLessThan(3000);
    }
  });

  it("reads a professional's register and number right after their name, not a credential or a year", () => {
    const licences = (text: string) => scanPii(text).filter((f) => f.type === 'LICENSE').map((f) => f.text);
    expect(licences('Dr Smith, MCNZ 12345. Dr Okoro, MDCN/R/12345. Dr Khan, PMDC 12345-P. Dra. Souza, CRM-SP 123456. Dr Tan, SMC M12345A.')).toEqual([
      '12345', '12345', '12345-P', '123456', 'M12345A',
    ]);
    expect(licences('Jane Roe, MBBS 2019. Dr Lim, FRCS 1998. John Doe, NYC 2024 marathon. Mary Major, CEO 2020.')).toEqual([]);
  });

  it('merges same-type overlaps and lets the more confident type win', () => {
    const f = (type: Finding['type'], start: number, end: number, confidence: number): Finding => ({ type, start, end, text: '', confidence });
    const out = resolveOverlaps([f('NAME', 0, 5, 0.6), f('NAME', 3, 9, 0.9), f('DATE', 8, 12, 0.95), f('GEO', 20, 25, 0.7)]);
    expect(out.map((x) => [x.type, x.start, x.end])).toEqual([
      ['NAME', 0, 8],
      ['DATE', 8, 12],
      ['GEO', 20, 25],
    ]);
  });

  it('finds in a batch exactly what it finds in each text alone', () => {
    // Notes, memos and captions (a precedent's span in one text must not hide a name in the next), the same text
    // twice (as one string and as a copy), texts with and without digits, and the empty text.
    const texts = [
      NOTE_1, NOTE_2, '', 'Seen by Siobhan. No digits here at all.', NOTE_2, `${NOTE_1} `.trimEnd(),
      ...syntheticText({ seed: 31, bytes: 40_000 }),
      'Under Celotex Corp. v. Catrett, 477 U.S. 317 (1986), judgment was entered.', 'Catrett called Celotex Corp. at 617-555-0142.',
    ];
    const allow = ['Whitfield', { type: 'PHONE' as const, text: '617-555-0142' }];
    const scanner = createScanner();
    for (const opts of [{}, { allow }]) {
      const alone = texts.map((t) => scanner.scan(t, opts));
      expect(scanner.scanBatch(texts, opts)).toEqual(alone);
      expect(scanner.scanBatch(texts.slice(3, 9), opts)).toEqual(alone.slice(3, 9));
      expect(alone.flat().length).toBeGreaterThan(400);
    }
    expect(scanner.scanBatch([])).toEqual([]);
  });

  it('finds the same identifiers with a name table shared from another thread as with its own', () => {
    const names = sharedNameTable();
    expect(names).toBeInstanceOf(SharedArrayBuffer);
    const shared = createScanner({ names });
    const text = `${NOTE_1}\nOur client, Jo Roe, of Dayton, retained counsel. Allegra 10 mg. Seen by Siobhan.`;
    const found = shared.scan(text);
    expect(found).toEqual(scanPii(text));
    expect(found.map((f) => f.text)).toEqual(expect.arrayContaining(['Thomas Greaves', 'Dayton', 'Siobhan']));
    expect(found.map((f) => f.text)).not.toContain('Allegra'); // a domain word, looked up in the shared table
  });

  it('sorts findings as a stable sort by start, then longest first, does', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (const n of [0, 1, 2, 31, 32, 33, 64, 65, 100, 257]) {
      for (let round = 0; round < 5; round++) {
        // Few distinct positions: many ties, which must keep their order.
        const findings: Finding[] = Array.from({ length: n }, (_, k) => {
          const start = rand(12);
          return { type: 'NAME', start, end: start + 1 + rand(3), text: String(k), confidence: 0.5 };
        });
        const expected = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
        sortByStartThenLongest(findings);
        expect(findings.map((f) => f.text)).toEqual(expected.map((f) => f.text));
      }
    }
  });
});
