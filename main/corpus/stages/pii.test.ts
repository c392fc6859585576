// The PII stage's three modes, with the real scanner.
import { describe, expect, it } from 'vitest';
import { defaultScanner, redact, type Finding } from '../pii';
import type { PiiScanner } from '../types';
import { applyPii } from './pii';

const scanner: PiiScanner = {
  scan: (t) => defaultScanner().scan(t),
  scanBatch: (texts) => defaultScanner().scanBatch(texts),
  redact: (t, f) => redact(t, f as readonly Finding[]),
};
const note = 'Patient John Smith (MRN 4417823) was seen on 03/14/2023. Call 555-201-7788. Started apixaban 5 mg.';

describe('applyPii', () => {
  it('report keeps the text and returns the findings', () => {
    const out = applyPii(note, scanner, 'report');
    expect(out.text).toBe(note);
    expect(out.drop).toBe(false);
    expect(out.findings.map((f) => f.type)).toEqual(expect.arrayContaining(['NAME', 'DATE', 'PHONE']));
  });

  it('redact replaces identifiers with typed placeholders and keeps domain terms', () => {
    const out = applyPii(note, scanner, 'redact');
    expect(out.text).not.toContain('John Smith');
    expect(out.text).not.toContain('555-201-7788');
    expect(out.text).toContain('[NAME]');
    expect(out.text).toContain('apixaban 5 mg');
  });

  it('drop excludes a document with findings and keeps a clean one', () => {
    expect(applyPii(note, scanner, 'drop').drop).toBe(true);
    const clean = 'Started apixaban 5 mg twice daily for atrial fibrillation.';
    expect(applyPii(clean, scanner, 'drop')).toEqual({ text: clean, findings: [], drop: false });
  });
});
