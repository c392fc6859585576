import { describe, expect, it } from 'vitest';
import { scanPii } from './scan';
import { type PiiType } from './types';

const found = (text: string) => scanPii(text).map((f) => [f.type, f.text] as [PiiType, string]);
const typesOf = (text: string) => scanPii(text).map((f) => f.type);

describe('structured identifiers', () => {
  it('finds emails, URLs and IP addresses', () => {
    expect(found('Write to jane.roe+intake@mail.example.org today.')).toEqual([['EMAIL', 'jane.roe+intake@mail.example.org']]);
    expect(found('See https://portal.example-health.org/patient/12345.')).toEqual([['URL', 'https://portal.example-health.org/patient/12345']]);
    expect(found('Portal: mychart.stmary-clinic.org/records (login)')).toEqual([['URL', 'mychart.stmary-clinic.org/records']]);
    expect(found('From 10.0.12.7 and 2001:db8:85a3::8a2e:370:7334 only.')).toEqual([
      ['IP', '10.0.12.7'],
      ['IP', '2001:db8:85a3::8a2e:370:7334'],
    ]);
  });

  it('finds phones in many formats and tells fax from phone', () => {
    for (const p of ['(617) 555-0134', '617.555.0134', '+1 617 555 0134', '617-555-0134', '1-617-555-0134', '(617)555-0134 x204']) {
      expect(found(`Call ${p} now.`), p).toEqual([['PHONE', p]]);
    }
    expect(found('Fax: (617) 555-0199')).toEqual([['FAX', '(617) 555-0199']]);
    expect(found('Phone: 6175550134')).toEqual([['PHONE', '6175550134']]);
  });

  it('finds valid SSNs only', () => {
    expect(found('SSN 123-45-6789.')).toEqual([['SSN', '123-45-6789']]);
    expect(found('SSN: 123456789')).toEqual([['SSN', '123456789']]);
    expect(typesOf('Ref 666-12-3456 and 000-12-3456')).not.toContain('SSN');
  });

  it('reads labelled identifiers by their label', () => {
    expect(found('MRN: 00412345')).toEqual([['MRN', '00412345']]);
    expect(found('Member ID: XJH123456789')).toEqual([['HEALTH_PLAN', 'XJH123456789']]);
    expect(found('Acct #: 00123456789')).toEqual([['ACCOUNT', '00123456789']]);
    expect(found('Lic. No. A1234567')).toEqual([['LICENSE', 'A1234567']]);
    expect(found('VIN: 1HGCM82633A004352')).toEqual([['VEHICLE', '1HGCM82633A004352']]);
    expect(found('Serial No.: SN-48213-A')).toEqual([['DEVICE', 'SN-48213-A']]);
    expect(found('Case No. 2021-CV-1234')).toEqual([['CASE_NUMBER', '2021-CV-1234']]);
  });

  it('finds unlabelled case numbers, VINs and card numbers by shape and checksum', () => {
    expect(found('see No. 1:19-cv-01234-ABC for details')).toEqual([['CASE_NUMBER', '1:19-cv-01234-ABC']]);
    expect(found('the truck 1HGCM82633A004352 was sold')).toEqual([['VEHICLE', '1HGCM82633A004352']]);
    expect(found('paid with 4111 1111 1111 1111 yesterday')).toEqual([['ACCOUNT', '4111 1111 1111 1111']]);
    expect(found('paid with 4111 1111 1111 1112 yesterday')).toEqual([]);
  });

  it('flags ages over 89 only', () => {
    expect(found('A 92-year-old woman')).toEqual([['AGE_OVER_89', '92']]);
    expect(found('age 95, 91 yo, aged 90')).toEqual([
      ['AGE_OVER_89', '95'],
      ['AGE_OVER_89', '91'],
      ['AGE_OVER_89', '90'],
    ]);
    expect(found('A 67-year-old man, age 89')).toEqual([]);
  });

  it('leaves numbers that are not identifiers alone', () => {
    const text =
      'Na 138, K 4.1, Cr 1.2. BP 132/84, HR 88. A1c 7.2% in 2019. ICD-10 E11.9, CPT 99213. Take 1/2 tablet twice daily. ' +
      'Version 2.0.1 of the form, rule 12(b)(6), 42 U.S.C. § 1983, 550 U.S. 544 (2007). Room 4, bed 12, 2 of 3 criteria.';
    expect(found(text)).toEqual([]);
  });
});
