// unredact() against redact(): putting back chosen findings gives the text redacted without them, whatever the
// findings around them; a text that is not the redaction of its findings is left alone.
import { describe, expect, it } from 'vitest';
import { redact } from './redact';
import { scanPii } from './scan';
import type { Finding, PiiType } from './types';
import { type RedactedSpan, unredact } from './unredact';
import { syntheticText } from '../synthetic';

const span = (text: string, type: string, start: number, end: number, restore = false): RedactedSpan => ({ type, start, end, text: text.slice(start, end), restore });
/** The spans as the scanner's findings (what redact() takes). */
const asFindings = (spans: readonly RedactedSpan[]): Finding[] => spans.map((f) => ({ type: f.type as PiiType, start: f.start, end: f.end, text: f.text, confidence: 1 }));

describe('unredact', () => {
  const scanned = 'Declaration of Human Rights, signed by Jane Roe on 3/14/2021 (MRN 12345678).';
  const findings = [
    span(scanned, 'NAME', 15, 20), // "Human"
    span(scanned, 'NAME', 39, 47), // "Jane Roe"
    span(scanned, 'DATE', 51, 60),
    span(scanned, 'MRN', 66, 74),
  ];

  it('puts back the chosen findings and keeps the other placeholders', () => {
    const stored = redact(scanned, asFindings(findings));
    expect(stored).toBe('Declaration of [NAME] Rights, signed by [NAME] on [DATE] (MRN [MRN]).');
    const chosen = findings.map((f, k) => ({ ...f, restore: k === 0 || k === 2 }));
    expect(unredact(stored, chosen)).toEqual({
      text: 'Declaration of Human Rights, signed by [NAME] on 3/14/2021 (MRN [MRN]).', restored: 2, already: 0,
    });
  });

  it('recognises findings put back by an earlier call, and changes nothing when there is nothing to put back', () => {
    const stored = redact(scanned, asFindings(findings));
    const first = unredact(stored, findings.map((f, k) => ({ ...f, restore: k === 0 })))!;
    const second = unredact(first.text, findings.map((f, k) => ({ ...f, restore: k === 0 || k === 1 })))!;
    expect(second.text).toBe('Declaration of Human Rights, signed by Jane Roe on [DATE] (MRN [MRN]).');
    expect([second.restored, second.already]).toEqual([1, 1]);
    expect(unredact(second.text, findings.map((f, k) => ({ ...f, restore: k <= 1 })))).toEqual({ text: second.text, restored: 0, already: 2 });
    expect(unredact(stored, findings)).toEqual({ text: stored, restored: 0, already: 0 });
  });

  it('handles touching findings of one type ("[NAME][NAME]") and placeholders longer or shorter than the text', () => {
    const text = 'AnnBo met X.';
    const spans = [span(text, 'NAME', 0, 3), span(text, 'NAME', 3, 5), span(text, 'NAME', 10, 11)];
    const stored = redact(text, asFindings(spans));
    expect(stored).toBe('[NAME][NAME] met [NAME].');
    expect(unredact(stored, spans.map((f, k) => ({ ...f, restore: k !== 0 })))!.text).toBe('[NAME]Bo met X.');
  });

  it('refuses a text that does not hold the placeholders where the findings place them', () => {
    expect(unredact('Declaration of Human Rights', [span(scanned, 'NAME', 15, 20)])).toBeNull(); // nothing to restore yet the text is not redacted: the restore flag is off
    expect(unredact('Declaration of [DATE] Rights', [{ ...span(scanned, 'NAME', 15, 20), restore: true }])).toBeNull();
    expect(unredact('x [NAME] y', [{ type: 'NAME', start: 2, end: 4, text: 'abc', restore: true }])).toBeNull(); // text and offsets disagree
    expect(unredact('[NAME] [NAME]', [span('ab cd', 'NAME', 3, 5), span('ab cd', 'NAME', 0, 2)])).toBeNull(); // not sorted
  });

  it('gives back, finding by finding, the text a scan with those findings allow-listed redacts (synthetic notes)', () => {
    for (const text of [...syntheticText({ seed: 5, bytes: 40_000 })]) {
      const found = scanPii(text);
      if (found.length < 2) continue;
      const stored = redact(text, found);
      const chosen = found.map((f, k) => ({ type: f.type, start: f.start, end: f.end, text: f.text, restore: k % 3 === 1 }));
      const expected = redact(text, found.filter((_, k) => k % 3 !== 1));
      expect(unredact(stored, chosen)!.text).toBe(expected);
    }
  });
});
