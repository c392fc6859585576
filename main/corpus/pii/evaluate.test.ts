// The PII benchmark: the targets on synthetic documents generated with the project's seed. The scanner is built
// without the held-out fifth of the name lists, and every planted surname comes from that held-out fifth, so name
// recall measures names the scanner has never seen.
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../synthetic';
import { DIAGNOSES, DRUGS, LEGAL_TERMS_IN_USE, PRECEDENTS, PROCEDURES, STATUTES } from '../synthetic/vocab';
import { buildLexicon, isHeldOutName } from './lexicon';
import { createScanner } from './scan';
import { evaluate } from './evaluate';
import { type Finding, type PiiType } from './types';

export const BENCHMARK_SEED = 20261126;

describe('evaluate()', () => {
  const f = (type: PiiType, start: number, end: number): Finding => ({ type, start, end, text: '', confidence: 1 });
  it('counts a truth span as found when compatible findings cover half of it', () => {
    const ev = evaluate([
      {
        text: 'x'.repeat(100),
        truth: [
          { type: 'NAME', start: 0, end: 10 },
          { type: 'PHONE', start: 20, end: 30 },
          { type: 'DATE', start: 40, end: 50 },
        ],
        findings: [f('PARTY', 0, 6), f('FAX', 20, 30), f('DATE', 40, 44), f('EMAIL', 60, 70)],
      },
    ]);
    expect(ev.byType.NAME.recall).toBe(1); // PARTY ~ NAME, 6 of 10 characters
    expect(ev.byType.PHONE.recall).toBe(1); // FAX ~ PHONE
    expect(ev.byType.DATE.recall).toBe(0); // 4 of 10 characters
    expect(ev.byType.EMAIL.precision).toBe(0);
    expect(ev.overall.recall).toBeCloseTo(2 / 3);
    expect(ev.overall.precision).toBeCloseTo(3 / 4);
    expect(ev.misses).toEqual([{ type: 'DATE', text: 'x'.repeat(10) }]);
  });
});

describe('PII benchmark (synthetic, seeded, held-out names)', () => {
  const docs = generateCorpus({ seed: BENCHMARK_SEED, documents: 60 });
  const scanner = createScanner({ lexicon: buildLexicon({ exclude: isHeldOutName }) });
  const ev = evaluate(docs.map((d) => ({ text: d.text, truth: d.truth, findings: scanner.scan(d.text) })));

  it('plants several hundred identifiers of every type', () => {
    expect(ev.overall.truth).toBeGreaterThan(600);
    for (const t of ['NAME', 'ADDRESS', 'GEO', 'ZIP', 'DATE', 'PHONE', 'FAX', 'EMAIL', 'SSN', 'MRN', 'HEALTH_PLAN', 'ACCOUNT', 'LICENSE', 'VEHICLE', 'DEVICE', 'URL', 'IP', 'AGE_OVER_89', 'CASE_NUMBER', 'PARTY'] as const) {
      expect(ev.byType[t].truth, t).toBeGreaterThan(3);
    }
  });

  it('reaches recall ≥ 0.98 on structured identifiers, each type included', () => {
    expect(ev.structured.recall).toBeGreaterThanOrEqual(0.98);
    for (const t of ['EMAIL', 'PHONE', 'SSN', 'DATE', 'MRN', 'CASE_NUMBER', 'ACCOUNT', 'URL', 'IP', 'ZIP'] as const) {
      expect(ev.byType[t].recall, `${t}: missed ${JSON.stringify(ev.misses.filter((m) => m.type === t))}`).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('reaches recall ≥ 0.90 on person names and street addresses', () => {
    expect(ev.names.recall).toBeGreaterThanOrEqual(0.9);
    expect(ev.addresses.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('redacts none of the domain terms planted as hard negatives', () => {
    const terms = [...DRUGS, ...DIAGNOSES, ...PROCEDURES, ...LEGAL_TERMS_IN_USE, ...PRECEDENTS, ...STATUTES];
    const hits: string[] = [];
    let occurrences = 0;
    for (const doc of docs) {
      const findings = scanner.scan(doc.text);
      for (const term of terms) {
        for (let at = doc.text.indexOf(term); at !== -1; at = doc.text.indexOf(term, at + 1)) {
          occurrences++;
          for (const f of findings) if (f.start < at + term.length && f.end > at) hits.push(`${term} → ${f.type}:${f.text}`);
        }
      }
    }
    expect(occurrences).toBeGreaterThan(300);
    expect(hits).toEqual([]);
  });

  it('reaches precision ≥ 0.90 overall', () => {
    expect(ev.overall.precision, JSON.stringify(ev.falsePositives)).toBeGreaterThanOrEqual(0.9);
  });
});
