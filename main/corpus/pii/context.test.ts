// eachMatchAtDigitRuns must find exactly what the same regex finds with flag g over the whole text.
import { describe, expect, it } from 'vitest';
import { type LeadTest, type RunTest, NEVER_AT_RUN, eachMatch, eachMatchAtDigitRuns, forgetDigitRuns } from './context';

function spans(run: (onMatch: (m: RegExpExecArray) => void) => void): string[] {
  const out: string[] = [];
  run((m) => out.push(`${m.index}:${m[0]}`));
  forgetDigitRuns();
  return out;
}

const TEXTS = [
  'Seen 03/14/2021 and 3/15; SSN 123-45-6789, card 4111 1111 1111 1111, IP 10.0.0.1.',
  'x12 34 5678901234 a1b2 _99 99_ 1234567 12 Main St 1234 Elm Street 7-9 Oak Ave Apt 4',
  '1/2/3/4/5 1.2.3.4.5 2021-03-03 03.03.2021 9/9/99/9',
  'no digits at all',
  '',
  '12345678901234567890 0 00 000',
];

describe('eachMatchAtDigitRuns', () => {
  const sources = [
    /\b\d{1,4}(?: [A-Z][a-z]+)? (?:St|Street|Ave)\b(?: Apt \d+)?/.source,
    /(?<![\d./-])(\d{1,2})\/(\d{1,2})(?![\d/]|\.\d)/.source,
    /\b(?:\d{1,3}\.){3}\d{1,3}\b/.source,
    /\b\d{9,10}\b/.source,
    /\b\d+(?:[/.-]\d+)*/.source, // long matches that swallow later runs
  ];
  for (const source of sources) {
    it(`matches /${source}/ as a global regex does`, () => {
      for (const text of TEXTS) {
        const global = spans((f) => eachMatch(new RegExp(source, 'g'), text, f));
        const runs = spans((f) => eachMatchAtDigitRuns(new RegExp(source, 'y'), text, f));
        expect(runs).toEqual(global);
      }
    });
  }

  it('finds the same with a run test and a lead test that hold wherever a match could open', () => {
    const texts = [...TEXTS, 'Call +1 (617) 555-0134 or (617)555-0199, 1-617-555-0100; +44 20 7946 0958; x(617) 555-0134'];
    const phone = /(?<![\w+.\-/])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}/.source;
    const threeOrOne: RunTest = (text, s, e) => e - s === 3 || text.charCodeAt(s) === 49;
    const plusOrParen: LeadTest = (text, at) => (text[at - 1] === '+' || text[at - 1] === '(' ? at - 1 : -1);
    const intl = /\+[2-9]\d{0,2}[ .-]\d{1,4}(?:[ .-]\d{2,5}){1,4}/.source;
    const plus: LeadTest = (text, at) => (text[at - 1] === '+' ? at - 1 : -1);
    for (const text of texts) {
      expect(spans((f) => eachMatchAtDigitRuns(new RegExp(phone, 'y'), text, f, threeOrOne, plusOrParen))).toEqual(
        spans((f) => eachMatch(new RegExp(phone, 'g'), text, f)),
      );
      expect(spans((f) => eachMatchAtDigitRuns(new RegExp(intl, 'y'), text, f, NEVER_AT_RUN, plus))).toEqual(
        spans((f) => eachMatch(new RegExp(intl, 'g'), text, f)),
      );
    }
  });

  it('refuses a regex that is not sticky', () => {
    expect(() => eachMatchAtDigitRuns(/\b\d+/g, '12', () => {})).toThrow(/sticky/);
  });
});
