// The findings.jsonl lines the analyzer builds: byte for byte what JSON.stringify writes for the finding record
// with contextOf's context, whatever the text around the finding holds (line breaks, quotes, exotic spaces,
// surrogates, control characters).
import { describe, expect, it } from 'vitest';
import { scanPii } from '../pii';
import type { FindingRecord } from './options';
import { contextOf, findingLine } from './analyze';

function expected(doc: number, f: ReturnType<typeof scanPii>[number], text: string): string {
  const record: FindingRecord = { doc, type: f.type, start: f.start, end: f.end, text: f.text, context: contextOf(text, f.start, f.end), confidence: f.confidence };
  return `${JSON.stringify(record)}\n`;
}

const TEXTS = [
  'Patient: Jane Roe\nDOB: 03/14/1961\nMRN: 448812\n\nSeen by Dr. Okafor on 3/14/2020.',
  'Call John Smith at 555-123-4567 or "jsmith@example.com" \\ path\tC:\\x  two  spaces\u00a0nbsp\u2028ls\u3000ideo.',
  'Emoji 😀 next to Dr. Okafor,\r\nthen \u0007bell before Maria Kowalczyk met 10.0.0.1 on January 5, 2021.',
  `${'x'.repeat(30)} Dr. Okafor ${'y'.repeat(30)}`,
  'Dr. Okafor',
  'SSN:\n123-45-6789\n\tZIP 02139  \u000bvt Mr.\nJohn Smith\f',
];

describe('findingLine', () => {
  it('writes each finding exactly as JSON.stringify writes its record', () => {
    let lines = 0;
    for (const text of TEXTS) {
      for (const f of scanPii(text)) {
        expect(findingLine('{"doc":7', f, text)).toBe(expected(7, f, text));
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(15);
  });

  it('escapes a finding whose own text holds a line break', () => {
    const text = 'Attending: Dr. Jane\nRoe saw the patient';
    const f = { type: 'NAME', start: 15, end: 23, text: text.slice(15, 23), confidence: 0.9 };
    expect(findingLine('{"doc":0', f, text)).toBe(expected(0, f as never, text));
    expect(JSON.parse(findingLine('{"doc":0', f, text)).text).toBe('Jane\nRoe');
  });
});
