// trailingRoleLength must take off exactly what TRAILING_ROLE_RE takes off the left side of a "v." caption.
import { describe, expect, it } from 'vitest';
import { trailingRoleLength, trailingRoleLengthByRegex } from './parties';
import { scanPii } from './scan';

describe('trailingRoleLength', () => {
  it('takes off roles, descriptors and separators as the regex does', () => {
    const cases: Array<[string, string]> = [
      ['JANE ROE, an individual,\n\tPlaintiff,\n\t', 'JANE ROE'],
      ['ACME HOLDINGS LLC, Defendant. ', 'ACME HOLDINGS LLC'],
      ['Under Ashcroft', 'Under Ashcroft'],
      ['Roe, ', 'Roe'],
      ['the Counter-defendants', 'the'],
      ['Smith\u00a0,\u2028', 'Smith'],
    ];
    for (const [left, kept] of cases) {
      expect(left.slice(0, left.length - trailingRoleLength(left))).toBe(kept);
      expect(trailingRoleLength(left)).toBe(trailingRoleLengthByRegex(left));
    }
  });

  it('agrees with the regex on many generated caption ends', () => {
    const parts = ['Plaintiff', 'Defendants', 'Counter-claimant', 'Movant', 'an individual', 'a corporation', 'the Court', 'the',
      ' ', ', ', ',', '.', '\n', '\t', '\u00a0', 'Roe', 'JANE ROE', 'ff', 's', 'Inc.', ',\n\t'];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let withRole = 0;
    for (let i = 0; i < 20000; i++) {
      let left = '';
      for (let k = 1 + next(10); k > 0; k--) left += parts[next(parts.length)];
      const expected = trailingRoleLengthByRegex(left);
      expect(trailingRoleLength(left)).toBe(expected);
      if (/[A-Za-z]/.test(left.slice(left.length - expected))) withRole++;
    }
    expect(withRole).toBeGreaterThan(1000); // the generated ends do exercise the regex's role and descriptor parts
  });
});

describe('cases cited as authority', () => {
  const parties = (text: string) => scanPii(text).filter((f) => f.type === 'PARTY').map((f) => f.text);

  it('are no parties after a citation signal, with the decision year, or in a list of them; a government is never one', () => {
    expect(parties('Nervousness is thin under Terry v. Ohio and Rodriguez v. United States, and the stop was long.')).toEqual([]);
    expect(parties('De novo under Firestone Tire & Rubber Co. v. Bruch. Chevron was overruled in Loper Bright Enterprises v. Raimondo (2024).')).toEqual([]);
    expect(parties('We are on the record in State v. Hunter. PEOPLE OF THE STATE OF ILLINOIS v. MARCUS WEBB')).toEqual(['Hunter', 'MARCUS WEBB']);
    expect(parties('JANE ROE, Plaintiff, v. ACME HOLDINGS LLC, Defendant.')).toEqual(['JANE ROE', 'ACME HOLDINGS LLC']);
    // A filing's heading across from the party is none; a company named with ordinary words still is.
    expect(parties('MALIA TUIASOSOPO,\n      v.              PETITION FOR PROTECTION ORDER (RCW 7.105.100)\nDelgado v. Keystone Freight, Case No. 1')).toEqual(['MALIA TUIASOSOPO', 'Delgado', 'Keystone Freight']);
    // "Matter of" or "In re" with the decision's reporter is a precedent; without one, this matter's party.
    expect(parties('See Matter of Acosta, 19 I&N Dec. 211 (BIA 1985); In re Gault, 387 U.S. 1 (1967). In re Estate of Okafor')).toEqual(['Estate of Okafor']);
    // Not an eponym after "versus" in a note; a case number after the right side is no part of it.
    expect(parties("Assessing for stroke versus Bell's palsy. Roe v. Acme Corp., No. 12")).toEqual(['Roe', 'Acme Corp.']);
    // "v." after a word in lower case on its line is no caption ("borrow v." of a variable); on a line of its own it is.
    expect(parties('the closure tries to borrow v. However, there is a problem.\nJANE ROE,\n   Plaintiff,\nv.\nACME HOLDINGS LLC,\n   Defendant.')).toEqual(['JANE ROE', 'ACME HOLDINGS LLC']);
  });

  it('reads "v" without its stop between parties in capitals, as Commonwealth captions write it, not a precedent in running text', () => {
    expect(parties('IN THE DISTRICT COURT OF KATHMANDU\nTHE STATE v RAM BAHADUR THAPA\n\nJUDGMENT')).toEqual(['RAM BAHADUR THAPA']);
    expect(parties('JANE ROE v ACME HOLDINGS LTD')).toEqual(['JANE ROE', 'ACME HOLDINGS LTD']);
    // The Crown's side, "R" or "THE QUEEN", is no party; the other side is.
    expect(parties('R v ADEBAYO\n\nTHE QUEEN v JONES')).toEqual(['ADEBAYO', 'JONES']);
    // The court's heading on the line above is no part of the left side, and the Crown is no party.
    expect(parties('IN THE HIGH COURT OF KENYA\nREPUBLIC v. JOHN KAMAU MWANGI\nONTARIO COURT OF JUSTICE\nHIS MAJESTY THE KING v. PETER OTIENO')).toEqual(['JOHN KAMAU MWANGI', 'PETER OTIENO']);
    expect(parties('Applying Polkey v A E Dayton Services Ltd [1987] UKHL 8; the first limb of Hadley v Baxendale; ctrl c ctrl v Her notes')).toEqual([]);
  });
});

describe('parties before their role', () => {
  it('reads a party before its role on the same line, after dots or in parentheses, as Indian, Kenyan and Nigerian cause titles write it', () => {
    const parties = (text: string) => scanPii(text).filter((f) => f.type === 'PARTY' || f.type === 'NAME').map((f) => f.text);
    expect(parties('Sunil Verma ... Petitioner\nVersus\nState of Punjab ... Respondent')).toEqual(['Sunil Verma']);
    expect(parties('Wanjiru Kamau (Plaintiff) and Otieno Odhiambo (Defendant)')).toEqual(['Wanjiru Kamau', 'Otieno Odhiambo']);
    // Roles in capitals after the party, on one line or a line each; the role is no part of the left side of a "v.".
    expect(parties('BETWEEN: CHIEF ADEWALE OKONKWO ... CLAIMANT AND ZENITH BANK PLC ... DEFENDANT')).toEqual(['CHIEF ADEWALE OKONKWO', 'ZENITH BANK PLC']);
    expect(parties('BETWEEN:\nNGOZI EZE ........ CLAIMANT\nAND\nFIRST CITY MOTORS LTD ........ DEFENDANT')).toEqual(['NGOZI EZE', 'FIRST CITY MOTORS LTD']);
    expect(parties('JANE ROE,\n   PLAINTIFF,\nv.\nACME LTD,\n   DEFENDANT.')).toEqual(['JANE ROE', 'ACME LTD']);
    // Not a heading of ordinary words, nor a role in parentheses after a word in lower case.
    expect(parties('NOTICE OF MOTION ... Applicant\nthe other side (Respondent) objects\nNOTICE OF APPEAL ... APPELLANT')).toEqual([]);
  });
});
