// eachMatchAtDigitRuns must find exactly what the same regex finds with flag g over the whole text — and so must
// every pass the detectors try at runs of digits: its run and lead tests may only skip places where the regex cannot
// match. Those are checked on the synthetic notes and memos, on hand-written cases around each test's edges, and on
// seeded random text made of the characters the tests look at.
import { describe, expect, it } from 'vitest';
import { syntheticText } from '../synthetic';
import { type DigitPass, type LeadTest, type RunTest, NEVER_AT_RUN, eachMatch, eachMatchAtDigitRuns, forgetDigitRuns } from './context';
import { DIGIT_PASSES as DATE_PASSES } from './dates';
import { DIGIT_PASSES as GEO_PASSES } from './geo';
import { DIGIT_PASSES as STRUCTURED_PASSES } from './structured';

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

const PASSES: Record<string, DigitPass> = { ...STRUCTURED_PASSES, ...DATE_PASSES, ...GEO_PASSES };

const EDGES = [
  'Seen on 3rd of March, 2021; 3 of March; 3rdof March; 21st-Mar-21; 2nd\u00a0Feb 2020; 4th\u2009Jan; 5th\u3000Dec; 9 mar; 9s March',
  'this 14th day of February, 2023; the 1st  day of Sept. 2022; 2nd day of; 3rd day of May; 31st day of June 2020; 4thday of May',
  'Tuesday the 4th; since Sunday the 28th; Fri, the 3rd; Wed the 31st; the 4th floor; xMon the 2nd; since 11/2022, 3/19/2022, a1/2020',
  '95 yo, 95yo, 95 y/o, 95 Y/O, 95 y.o., 95-year-old, 95 - year old, 95 -yr-old, 95  yrs old, 95y o, 95 -yo, 101 years old, 91 years of age, 92 yrs of age, 93 year of ages',
  '12 Main St, 12B Elm Street, 7-9 Oak Ave Apt 4, 1200-15 N Main St, 45\u00a0Elm St, 9 3rd Ave, 12 N. 5th Street, 12- Elm St',
  '1234567 Main St; 12 main St; 12\tMain St; 12\nMain St; 12 Main\u2028St',
  'Call 1(617) 555-0134, 1 (617) 555-0134, 1-617-555-0100, 1617-555-0100, 1.617.555.0100, 617-555-0134 x204, 16175550134',
  '617 555 0134; 617.555.0134; 617-555.0134; (617)555-0199; +1 617 555 0100; +44 20 7946 0958; 123 4567; 1 23 4567',
  'SSN 123-45-6789, 123 45 6789, 123-45 6789, 123-456-789, 1234-56-7890, ssn: 123456789, phone number 6175550134',
  'IP 10.0.0.1 and 192.168.1.254, 1.2.3, 1.2.3.4.5, v1.2.3.4, 256.1.1.1, 3.5 mg',
  'card 4111 1111 1111 1111, 3782 822463 10005, 4111111111111111, 6011-0009-9013-9424',
  'No. 1:21-cv-01234-ABC, 2021-CV-000123, 2021CV-12345, CV-21-0012, AB-2021-123456, 21-cv-12',
  'Age: 95, aged 101, ages 90, AGE 99, age:95, page 95, Aged 92',
  '03/14/2021 3-3-21 2021-03-03 03.03.2021 9/9/99/9 seen on 3/14 1/2/3/4/5 1.2.3.4.5 12/31 2021.03.03 T 10:30',
  'P.O. Box 123, PO Box #45, Post Office Box 9, P O Box 7, zip 01608, ZIP code 02115, Zip:02115, zipcode 12345',
  'x12 34 5678901234 a1b2 _99 99_ 1234567 12 0 00 000 12345678901234567890',
  'Lindenstraße 47, 80331 München; Hauptstr. 5a, Am Weg 3, xstraße 4, Bahnhofsallee 12-14, Coogee NSW 2034, WA 6000-1, QNSW 2000, 1633 Broadway, 46th Floor',
  'Mörfelder Landstraße 212; Berliner Straße 12; Alte Gasse 3; xAlte Gasse 4; Neuen  Weg 5; Große Str. 7; ÄBerliner Straße 9; Peter-Berliner Straße 1; Ober Straße 2',
  '(087 555 1394) (095) 552 1847 (0871 234-5678) x(01 234 567) (095)552 1847 (087 555 13945) (0 123 456)',
  '1 Hamal 1367, 22 Asad 1400, 3rd Mehr 1399, 12 Ramadan 1444, 5 Nisan 5783, x1 Hamal 1367, 1 Hamal 2020, 123 Hamal 1367, 4 Rabi al-Awwal 1445, 7 Adar II 5784',
  'Hyderabad – 500 034, Hyderabad - 500045, x – 500034, Pune –500034, 1 - 900034, A. - 411 0011, B - 4110011',
  '29.IX.1890, 3.V.1945, 12 XI 2020, 1.XIII.1900, 29.IX-1890, x3.V.1945, receipt LIN2290418816, IOE0927718402 (I-131), XLIN2290418816, LIN22904188160',
  '7AC4-WN2-RT55, 1EG4TE5MK73, 1EG4-TE5-MK73, 0EG4TE5MK73, 1SG4TE5MK73, x1EG4TE5MK73, 1EG4TE5MK734',
  'Sylvania OH 43560; Ann Arbor MI 48104-1234, CT 06510, xCT 06510, OH 4356, a.OH 43560-12, St. OH 435601, Toledo  OH 43560',
  'on the 12th like you said, since the 3rd. By the 15th! on the 3rd floor, xon the 4th, on  the 5th, until the 31st\n',
  '',
  'Née le 14 juillet 1992; le 3 mars 2025; 1er avril; 3 de marzo de 2025; 12 de março; 3 Mars bars; 31 février; x4 mai; 9 juin,',
  'Singapore 530412; SINGAPORE, 018956; Singapore 5304120; xSingapore 530412; Singapore  530412',
  'RR 2 Box 114; R.R. 3, Box 18; Rural Route 1 Box 7; HC 64 Box 2210; xRR 2 Box 1; RR 1234 Box 5; RR 2 Boxes',
  'number 94221 30518, x98450 12345, 98450 123456, 58450 12345, (98450 12345), 98450 12345.5, 98450 12345-1, 7845 12345',
  'admitted 12MAR2024, 03JAN31, 1MAR2024, 12MAR, X12MAR2024, 12MAR20245, 112MAR2024, 12Mar2024',
];

/** Seeded text of the characters the run and lead tests read: digits, separators, spaces, letters that open matches. */
function randomTexts(count: number, length: number, seed: number): string[] {
  const alphabet = [
    ...'0123456789', ...'0123456789', ...'0123456789', ' ', ' ', ' ', '-', '/', '.', ':', '#', '(', ')', '+', ',', '\n', '\t', '\u00a0', '\u2009',
    'a', 'e', 'o', 's', 't', 'n', 'r', 'd', 'h', 'y', 'Y', 'x', 'S', 'N', 'E', 'W', 'M', 'J', 'A', 'D', 'O', 'F', 'B', 'P', 'Z', 'V', 'C',
    'st', 'nd', 'rd', 'th', ' of ', 'yo', 'y/o', ' yrs old', 'Main St', 'Elm Ave', 'Mar', 'March', 'Jan', 'Dec', 'Sept', 'MAR', 'DEC', 'Box ',
    'P.O. ', 'zip ', 'code ', ' on the ', ' since the ', ' like', '.', 'straße ', 'Str. ', 'Straße ', 'Berliner ', 'Alte ', 'NSW ', 'WA ', ' Floor', 'Flat ', 'Broadway', 'ä', 'age ', 'aged ', 'M, ', 'F with', 'cv', 'CV', '-cv-', 'SSN ', 'ssn: ', 'phone ', 'fax ', '_',
  ];
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const out: string[] = [];
  for (let t = 0; t < count; t++) {
    let s = '';
    while (s.length < length) s += alphabet[Math.floor(next() * alphabet.length)]!;
    out.push(s);
  }
  return out;
}

const PASS_TEXTS = [...EDGES, ...syntheticText({ seed: 31, bytes: 400_000 }), ...randomTexts(400, 600, 7)];

describe('digit-anchored passes', () => {
  for (const [name, pass] of Object.entries(PASSES)) {
    it(`${name}: the same matches as /${pass.re.source.slice(0, 40)}…/ with flag g`, () => {
      const global = new RegExp(pass.re.source, `${pass.re.flags.replace('y', '')}g`);
      let matches = 0;
      for (const text of PASS_TEXTS) {
        const expected = spans((f) => eachMatch(global, text, f));
        matches += expected.length;
        expect(spans((f) => eachMatchAtDigitRuns(pass.re, text, f, pass.accept, pass.lead)), text).toEqual(expected);
      }
      expect(matches).toBeGreaterThan(0); // every pass is exercised
    });
  }
});
