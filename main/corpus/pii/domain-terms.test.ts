// Domain terms must never be redacted: drug names (including ones that are also given names), eponymous
// diagnoses and signs (decision: an eponym followed by its head word — disease, syndrome, lymphoma, sign, test,
// catheter… — or in possessive form is a diagnosis, not a person), procedures and legal terms of art.
import { describe, expect, it } from 'vitest';
import { scanPii } from './scan';

const DOMAIN_TERMS = [
  'Keflex', 'Lyrica', 'Allegra', 'Xarelto', 'Eliquis', 'Lasix', 'Norco', 'Zofran', 'Coumadin', 'Tylenol', 'Ativan',
  'Haldol', 'Flomax', 'Lipitor', 'Zoloft', 'Seroquel', 'Lantus', 'Humira', 'Ambien', 'Valium', 'Celebrex', 'Plavix',
  'Januvia', 'Synthroid', 'Neurontin', 'Prozac', 'Cymbalta', 'Keppra', 'Depakote', 'Aricept', 'apixaban', 'metformin',
  "Parkinson's disease", 'Parkinson disease', 'Hodgkin lymphoma', "Hodgkin's lymphoma", "Crohn's disease",
  "Alzheimer's disease", "Bell's palsy", "Graves' disease", 'Cushing syndrome', "Addison's disease",
  'Guillain-Barré syndrome', 'Wilson disease', 'Down syndrome', 'Tourette syndrome', 'Raynaud phenomenon',
  'Kaposi sarcoma', 'Ewing sarcoma', 'Wilms tumor', 'Marfan syndrome', 'Lyme disease', "Meniere's disease",
  'Sjogren syndrome', 'Stevens-Johnson syndrome', 'Foley catheter', 'Whipple procedure', 'Babinski sign',
  'Apgar score', 'Glasgow Coma Scale', 'Romberg test', 'McMurray test', 'Lachman test', 'Heimlich maneuver',
  'Swan-Ganz catheter', 'Roux-en-Y gastric bypass', 'res judicata', 'collateral estoppel', 'habeas corpus',
  'Miranda warning', 'Chevron deference', 'Brady material', 'Terry stop', 'Daubert motion', 'Erie doctrine',
  'Monell claim', 'Batson challenge', 'Alford plea', 'summary judgment', 'promissory estoppel', 'quantum meruit',
  'force majeure', 'Lanham Act', 'Sherman Act', 'voir dire', 'stare decisis', 'motion in limine', 'pro hac vice',
];

const CONTEXTS = [
  (t: string) => `The patient was started on ${t} last week.`,
  (t: string) => `${t} was discussed at length.`,
  (t: string) => `Assessment: ${t}, stable.`,
  (t: string) => `Counsel argued that ${t} applies here, citing prior orders.`,
];

describe('domain terms', () => {
  it('never flags a drug, diagnosis, procedure or legal term of art', () => {
    const flagged: string[] = [];
    for (const term of DOMAIN_TERMS) {
      for (const context of CONTEXTS) {
        const text = context(term);
        const start = text.indexOf(term);
        for (const f of scanPii(text)) {
          if (f.start < start + term.length && f.end > start) flagged.push(`${term} → ${f.type}:${f.text}`);
        }
      }
    }
    expect(flagged).toEqual([]);
  });

  it('still finds a person whose surname is an eponym when a title says so', () => {
    expect(scanPii('Seen by Dr. Parkinson for Parkinson disease.').map((f) => f.text)).toEqual(['Parkinson']);
  });
});
