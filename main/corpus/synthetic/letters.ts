// Less formulaic documents: a clinical referral letter and a deposition transcript excerpt, where identifiers sit in
// running prose, letterheads, questions and answers rather than behind "Label:" fields.
import { DocBuilder, type SyntheticDocument } from './builder';
import { type Ids } from './identifiers';
import { type Rng } from './rng';
import { clinicalNarrative, legalNarrative } from './narrative';
import { COMPANIES, DIAGNOSES, DRUGS, PROCEDURES } from './vocab';

export function referralLetter(r: Rng, ids: Ids): SyntheticDocument {
  const b = new DocBuilder();
  const [first, last] = [ids.first(), ids.last()];
  const female = r.chance(0.5);
  b.t(`${r.pick(['Riverside Family Practice', 'Northgate Internal Medicine', 'Harbor Pediatrics', 'Lakeside Geriatrics'])}\n`);
  b.p('ADDRESS', ids.street()).t('\n').p('GEO', ids.city()).t(`, ${r.pick(['MA', 'NY', 'CT', 'RI'])} `).p('ZIP', ids.zip()).t('\n');
  b.t('Tel ').p('PHONE', ids.phone()).t(' · Fax ').p('FAX', ids.phone()).t('\n\n').p('DATE', ids.date()).t('\n\n');
  b.t('Dear Dr. ').p('NAME', ids.last()).t(',\n\n');
  b.t('Thank you for seeing ').p('NAME', `${first} ${last}`).t(', a ');
  if (r.chance(0.3)) {
    const [pre, n, post] = ids.age();
    b.t(pre).p('AGE_OVER_89', n).t(post || '-year-old');
  } else b.t(`${r.int(30, 85)}-year-old`);
  b.t(` ${female ? 'woman' : 'man'} (DOB `).p('DATE', ids.date()).t(`) whom I have followed since ${r.int(2008, 2022)}. `);
  b.p('NAME', first).t(` has ${r.pick(DIAGNOSES)} and was recently treated for ${r.pick(DIAGNOSES)}; ${r.pick(PROCEDURES)}. `);
  b.t(`${female ? 'Her husband' : 'His wife'}, `).p('NAME', ids.fullName()).t(', can be reached on ').p('PHONE', ids.phone()).t(' or at ').p('EMAIL', ids.email()).t('. ');
  b.t(`${clinicalNarrative(r, 4, 9)}\nCurrent medications: ${r.pick(DRUGS)} and ${r.pick(DRUGS)}, ${r.pick([5, 10, 20, 40])} mg daily.\n\n`);
  const [hl, hv] = ids.healthPlan();
  b.t(`Insurance: ${hl}`).p('HEALTH_PLAN', hv).t('.\n');
  b.t('Please send your report to ').p('EMAIL', ids.email()).t(' or fax it to ').p('FAX', ids.phone()).t('.\n\nWith kind regards,\n\n');
  b.p('NAME', ids.fullName()).t(', MD\n');
  const [ll, lv] = ids.license();
  b.t(ll).p('LICENSE', lv).t('\n');
  return b.build('referral-letter');
}

export function deposition(r: Rng, ids: Ids): SyntheticDocument {
  const b = new DocBuilder();
  const witness = ids.fullName();
  const witnessLast = witness.split(' ').pop() as string;
  const other = ids.fullName();
  const lawyer = ids.last();
  const company = r.pick(COMPANIES);
  b.t('DEPOSITION OF ').p('NAME', witness.toUpperCase()).t('\nTaken ').p('DATE', ids.date()).t(' at ');
  b.p('ADDRESS', ids.street()).t(', ').p('GEO', ids.city()).t(`, ${r.pick(['MA', 'NY', 'NJ', 'PA'])} `).p('ZIP', ids.zip()).t('\n');
  const [cl, cn] = ids.caseNumber();
  b.t(cl).p('CASE_NUMBER', cn).t('\n\nEXAMINATION BY MR. ').p('NAME', lawyer.toUpperCase()).t(':\n');
  b.t('Q. Please state your name for the record.\nA. ').p('NAME', witness).t('.\n');
  b.t('Q. Where do you live?\nA. ').p('ADDRESS', ids.street()).t(', in ').p('GEO', ids.city()).t('.\n');
  b.t('Q. And your date of birth?\nA. ').p('DATE', ids.date()).t('.\n');
  b.t(`THE COURT: ${legalNarrative(r, 3, 7)}\n`);
  b.t('Q. Did you speak with ').p('NAME', other).t(` at ${company} about the shipment on `).p('DATE', ids.date()).t('?\n');
  b.t('A. Yes. I called ').p('NAME', other.split(' ')[0] as string).t(' on the cell, ').p('PHONE', ids.phone()).t(', and emailed ').p('EMAIL', ids.email(other)).t('.\n');
  b.t(`Q. Were you driving the truck, VIN `).p('VEHICLE', ids.vin()).t('?\nA. No, that was ').p('NAME', ids.fullName()).t('.\n');
  b.t('MS. ').p('NAME', ids.last().toUpperCase()).t(': Objection, form.\n');
  b.t(`Q. Mr. `).p('NAME', witnessLast).t(`, you were treated for ${r.pick(DIAGNOSES)} afterwards?\nA. Yes, with ${r.pick(DRUGS)}. The hospital gave me `);
  const [ml, mv] = ids.mrn();
  b.t(ml).p('MRN', mv).t('.\n');
  b.t(`Q. Is your ${r.pick(['Social Security number', 'SSN'])} `).p('SSN', ids.ssn()).t('?\nA. Yes.\n');
  return b.build('deposition');
}
