// The findings file gives back every finding exactly as the store takes it: type, offsets and confidence as
// found, its text cut from the scanned text, and contextOf's context (line breaks, quotes, exotic spaces,
// surrogates, control characters) — also for findings the compact form cannot hold, across read blocks.
import { mkdtempSync, rmSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanPii } from '../pii';
import type { PiiFinding } from '../types';
import { ByteWriter } from './binary-file';
import { contextOf, countFindings, FindingBlocks, readFindingsFile } from './findings-file';
import type { FindingRecord } from './options';

const dir = mkdtempSync(join(tmpdir(), 'studio-findings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS = [
  'Patient: Jane Roe\nDOB: 03/14/1961\nMRN: 448812\n\nSeen by Dr. Okafor on 3/14/2020.',
  'Call John Smith at 555-123-4567 or "jsmith@example.com" \\ path\tC:\\x  two  spaces\u00a0nbsp\u2028ls\u3000ideo.',
  'Emoji 😀 next to Dr. Okafor,\r\nthen \u0007bell before Maria Kowalczyk met 10.0.0.1 on January 5, 2021.',
  `${'x'.repeat(30)} Dr. Okafor ${'y'.repeat(30)}`,
  'Dr. Okafor',
  'SSN:\n123-45-6789\n\tZIP 02139  \u000bvt Mr.\nJohn Smith\f',
  'Lone \ud800 surrogate beside Dr. Okafor, seen on 03/14/2020.',
];

interface Doc {
  doc: number;
  text: string;
  findings: PiiFinding[];
}

/** Writes the documents' blocks, a few documents per batch, as pass 2 appends them. */
function writeFile(name: string, docs: readonly Doc[]): string {
  const path = join(dir, name);
  const out = new ByteWriter(path);
  const blocks = new FindingBlocks();
  for (let k = 0; k < docs.length; k++) {
    const d = docs[k]!;
    blocks.add(d.doc, d.findings, d.text);
    if (k % 3 === 2 || k === docs.length - 1) for (const b of blocks.take()) out.bytes(b);
  }
  out.close();
  return path;
}

const expected = (docs: readonly Doc[]): FindingRecord[] =>
  docs.flatMap((d) =>
    d.findings.map((f) => ({ doc: d.doc, type: f.type, start: f.start, end: f.end, text: f.text, context: contextOf(d.text, f.start, f.end), confidence: f.confidence })),
  );

/** Same keys in the same order, each value Object.is-equal. */
function expectSame(actual: readonly FindingRecord[], wanted: readonly FindingRecord[]): void {
  expect(actual).toHaveLength(wanted.length);
  for (let k = 0; k < wanted.length; k++) {
    expect(Object.keys(actual[k]!)).toEqual(Object.keys(wanted[k]!));
    for (const [key, value] of Object.entries(wanted[k]!)) expect(Object.is((actual[k] as unknown as Record<string, unknown>)[key], value), key).toBe(true);
  }
}

/** contextOf's definition: forty characters each side, every run of \s made one space, '…' where the text goes on. */
function reference(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 40);
  const to = Math.min(text.length, end + 40);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

describe('contextOf', () => {
  it('is the definition, for every white space \\s matches and at every position', () => {
    const spaces = '\t\n\v\f\r \u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
    const texts = [...TEXTS, `a${spaces}b c\u0085d\u200be  f ${spaces.split('').join('x')}`, ' lead', 'trail ', '   '];
    let n = 0;
    for (const text of texts) {
      for (let start = 0; start <= text.length; start += 3) {
        for (const end of [start, start + 1, start + 7]) {
          if (end > text.length) continue;
          expect(contextOf(text, start, end), `${start}-${end}`).toBe(reference(text, start, end));
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(200);
    expect(contextOf('ab  cd', 1.5, 2)).toBe(reference('ab  cd', 1.5, 2));
  });

  it('keeps forty characters each side, folds white space and marks cut ends', () => {
    const text = `${'a'.repeat(50)} Jane\n\tRoe ${'b'.repeat(50)}`;
    expect(contextOf(text, 51, 60)).toBe(`…${'a'.repeat(39)} Jane Roe ${'b'.repeat(39)}…`);
    expect(contextOf('Dr. Okafor', 4, 10)).toBe('Dr. Okafor');
  });
});

describe('findings file', () => {
  it("gives back the scanner's findings with their text and context", () => {
    const docs = TEXTS.map((text, k) => ({ doc: k * 7, text, findings: scanPii(text) })).filter((d) => d.findings.length > 0);
    expect(docs.reduce((n, d) => n + d.findings.length, 0)).toBeGreaterThan(15);
    expectSame([...readFindingsFile(writeFile('scanned.bin', docs))], expected(docs));
  });

  it('keeps findings the compact form cannot hold exactly as JSON would give them back', () => {
    const text = 'Attending: Dr. Jane\nRoe saw the patient at 10:30.';
    const findings: PiiFinding[] = [
      { type: 'NAME', start: 15, end: 23, text: 'Jane\nRoe', confidence: 0.9 },
      { type: 'CUSTOM "kind"', start: 0, end: 9, text: 'Attending', confidence: 0.5 },
      { type: 'NAME', start: 15, end: 19, text: 'Not the text', confidence: 0.7 },
      { type: 'DATE', start: 2.5, end: 4, text: 'te', confidence: 1 },
      { type: 'DATE', start: 43, end: 48, text: '10:30', confidence: -0 },
      { type: 'PHONE', start: 0, end: 200, text: 'x', confidence: 0.1 + 0.2 },
    ];
    const records = [...readFindingsFile(writeFile('odd.bin', [{ doc: 3, text, findings }]))];
    const viaJson = expected([{ doc: 3, text, findings }]).map((r) => JSON.parse(JSON.stringify(r)) as FindingRecord);
    expectSame(records, viaJson);
  });

  it('counts findings by type, as pass 2 reports them', () => {
    const blocks = new FindingBlocks();
    const text = 'Dr. Okafor saw Jane Roe on 03/14/2020.';
    blocks.add(1, scanPii(text), text);
    blocks.add(2, [{ type: 'ODD', start: 0, end: 2, text: 'Dr', confidence: 1 }], text);
    const byType: Record<string, number> = {};
    const counts = blocks.take().map((b) => countFindings(b, byType));
    expect(counts).toEqual([scanPii(text).length, 1]);
    const wanted: Record<string, number> = {};
    for (const f of scanPii(text)) wanted[f.type] = (wanted[f.type] ?? 0) + 1;
    expect(byType).toEqual({ ...wanted, ODD: 1 });
  });

  it('reads documents larger than its read block and many across block edges, and refuses a truncated file', () => {
    const docs: Doc[] = [];
    for (let i = 0; i < 400; i++) {
      const text = `${'Zoë 😀 é '.repeat(200 + (i % 37))} seen by Dr. Okafor on 03/14/2020. ${i}`;
      docs.push({ doc: i, text, findings: scanPii(text) });
    }
    const big = `${'word '.repeat(300_000)}Dr. Okafor`;
    docs.splice(200, 0, { doc: 1000, text: big, findings: [{ type: 'NAME', start: big.length - 6, end: big.length, text: 'Okafor', confidence: 0.6 }] });
    const path = writeFile('large.bin', docs);
    expect(statSync(path).size).toBeGreaterThan(2 << 20);
    expectSame([...readFindingsFile(path)], expected(docs));
    truncateSync(path, statSync(path).size - 5);
    expect(() => [...readFindingsFile(path)]).toThrow(/truncated/);
  });
});
