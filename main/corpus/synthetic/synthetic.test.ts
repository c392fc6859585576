import { describe, expect, it } from 'vitest';
import { isHeldOutName, loadNameLists } from '../pii/lexicon';
import { DOCUMENT_KINDS, generateCorpus, generateDocument, syntheticText } from './index';
import { namePools } from './identifiers';
import { Rng } from './rng';

describe('synthetic generator', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = generateCorpus({ seed: 42, documents: 8 });
    const b = generateCorpus({ seed: 42, documents: 8 });
    const c = generateCorpus({ seed: 43, documents: 8 });
    expect(a).toEqual(b);
    expect(a.map((d) => d.text)).not.toEqual(c.map((d) => d.text));
    expect(generateDocument(42, 5)).toEqual(a[5]);
  });

  it('records truth spans that match the text exactly', () => {
    for (const doc of generateCorpus({ seed: 7, documents: 40 })) {
      for (const span of doc.truth) expect(doc.text.slice(span.start, span.end)).toBe(span.text);
      const sorted = [...doc.truth].sort((x, y) => x.start - y.start);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
    }
  });

  it('makes every kind of document', () => {
    const kinds = new Set(generateCorpus({ seed: 1, documents: 8 }).map((d) => d.kind));
    expect([...kinds].sort()).toEqual([...DOCUMENT_KINDS].sort());
  });

  it('draws surnames only from the held-out slice of the name lists', () => {
    const { last } = namePools();
    expect(last.length).toBeGreaterThan(3000);
    expect(last.every((n) => isHeldOutName(n))).toBe(true);
    const heldOut = loadNameLists().nameParts.filter(isHeldOutName).length / loadNameLists().nameParts.length;
    expect(heldOut).toBeGreaterThan(0.15);
    expect(heldOut).toBeLessThan(0.25);
  });

  it('streams at least the requested volume', () => {
    let bytes = 0;
    let docs = 0;
    for (const text of syntheticText({ seed: 3, bytes: 200_000 })) {
      bytes += Buffer.byteLength(text);
      docs++;
    }
    expect(bytes).toBeGreaterThanOrEqual(200_000);
    expect(bytes).toBeLessThan(210_000);
    expect(docs).toBeGreaterThan(50);
  });

  it('has a uniform seeded random source', () => {
    const r = new Rng(9);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.int(0, 3)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
});
