// findings.jsonl lines are built by hand for speed: they must stay byte-identical to JSON.stringify of the record.
import { describe, expect, it } from 'vitest';
import { findingJson } from './clean';
import type { FindingRecord } from './options';

describe('findingJson', () => {
  it('writes exactly what JSON.stringify writes, escapes included', () => {
    const records: FindingRecord[] = [
      { doc: 0, type: 'NAME', start: 3, end: 9, text: 'Zoë "Q" Roe', context: '…seen by Zoë "Q" Roe\\today\n…', confidence: 0.85 },
      { doc: 123456, type: 'EMAIL', start: 0, end: 1, text: '\u2028\u0000\ud800', context: '', confidence: 1 },
      { doc: 7, type: 'DATE', start: 10, end: 20, text: '3/4/2020', context: 'on 3/4/2020', confidence: 0.7000000000000001 },
      { doc: 8, type: 'odd "type"', start: 1e21, end: 2, text: 'x', context: 'y', confidence: 1e-7 },
    ];
    for (const r of records) {
      const { doc, ...rest } = r;
      expect(findingJson(doc, rest)).toBe(JSON.stringify(r));
      expect(JSON.parse(findingJson(doc, rest))).toEqual(r);
    }
  });
});
