// Synthetic clinical notes (discharge summaries, progress notes) with planted identifiers and hard negatives:
// drug names, eponymous diagnoses, lab values, ages under 90, bare years, doses and fractions.
import { DocBuilder, type SyntheticDocument } from './builder';
import { type Ids } from './identifiers';
import { type Rng } from './rng';
import { clinicalNarrative } from './narrative';
import { DIAGNOSES, DRUGS, HOSPITALS, PROCEDURES } from './vocab';

function labs(r: Rng): string {
  return `Na ${r.int(128, 146)}, K ${r.int(30, 55) / 10}, Cr ${r.int(6, 30) / 10}, WBC ${r.int(40, 180) / 10}, Hgb ${r.int(80, 160) / 10}. BP ${r.int(98, 170)}/${r.int(55, 99)}, HR ${r.int(55, 120)}, SpO2 ${r.int(88, 100)}%.`;
}

function address(b: DocBuilder, ids: Ids): void {
  b.p('ADDRESS', ids.street()).t(', ').p('GEO', ids.city()).t(', ');
  const state = ids.state();
  b.t(state).t(state.length === 2 ? ' ' : ' ').p('ZIP', ids.zip());
}

export function dischargeSummary(r: Rng, ids: Ids): SyntheticDocument {
  const b = new DocBuilder();
  const [first, last] = [ids.first(), ids.last()];
  const sex = r.chance(0.5);
  const title = sex ? 'Mr.' : r.pick(['Ms.', 'Mrs.']);
  b.t('DISCHARGE SUMMARY\n');
  if (r.chance(0.5)) b.t('Patient: ').p('NAME', `${last}, ${first}`);
  else b.t('Patient Name: ').p('NAME', `${first} ${last}`);
  const [mrnLabel, mrn] = ids.mrn();
  b.t(`    ${mrnLabel}`).p('MRN', mrn).t('    DOB: ').p('DATE', ids.date()).t('\n');
  b.t('Admission Date: ').p('DATE', ids.date()).t('    Discharge Date: ').p('DATE', ids.date()).t('\n');
  b.t('Attending: Dr. ').p('NAME', r.chance(0.5) ? ids.last() : ids.fullName()).t('\n');
  b.t('PCP: ').p('NAME', ids.fullName()).t(', MD\n');
  const [hpLabel, hp] = ids.healthPlan();
  b.t(hpLabel).p('HEALTH_PLAN', hp).t('\n\nHISTORY OF PRESENT ILLNESS\n');
  b.t(`${title} `).p('NAME', last).t(' is a ');
  if (r.chance(0.4)) {
    const [pre, n, post] = ids.age();
    b.t(pre).p('AGE_OVER_89', n).t(post);
  } else b.t(`${r.int(24, 88)}-year-old`);
  b.t(` ${sex ? 'man' : 'woman'} with ${r.pick(DIAGNOSES)} and ${r.pick(DIAGNOSES)} who presented to ${r.pick(HOSPITALS)} on `);
  b.p('DATE', ids.date()).t(` with ${r.pick(['dyspnea', 'fever', 'chest pain', 'confusion', 'a fall at home'])}. `);
  b.t(`Symptoms began in ${r.int(2001, 2023)}. Home medications included ${r.pick(DRUGS)} and ${r.pick(DRUGS)} ${r.pick([25, 50, 75, 500])} mg twice daily. `);
  b.t(`${r.pick(PROCEDURES)} was noted. Labs: ${labs(r)} ${clinicalNarrative(r, 5, 10)}\n\n`);
  b.t(`HOSPITAL COURSE\n${clinicalNarrative(r, 6, 14)} `);
  b.t(`Treated for ${r.pick(DIAGNOSES)} with ${r.pick(DRUGS)}; ${r.pick(PROCEDURES)}. `);
  if (r.chance(0.5)) b.t(`${r.pick(['Nephrology', 'Cardiology', 'Neurology'])} was consulted (Dr. `).p('NAME', ids.fullName()).t(`) on `).p('DATE', ids.date()).t('. ');
  if (r.chance(0.4)) {
    const [dl, dv] = ids.device();
    b.t(`Pacemaker interrogated, ${dl}`).p('DEVICE', dv).t('. ');
  }
  if (r.chance(0.3)) {
    const [vl, vv] = ids.vehicle();
    b.t(`Injured as the driver in a collision (${vl}`).p('VEHICLE', vv).t('). ');
  }
  b.t(`Take 1/2 tablet of ${r.pick(DRUGS)} at bedtime; 2 of 3 criteria met. Grade 3 edema, ICD-10 E11.9, CPT 99213.\n\n`);
  b.t('SOCIAL HISTORY\nLives in ').p('GEO', ids.city()).t(` with ${sex ? 'his wife' : 'her daughter'} `);
  const relative = ids.fullName();
  b.p('NAME', relative).t(' (cell ').p('PHONE', ids.phone()).t('). Home address: ');
  address(b, ids);
  b.t('.\nEmail: ').p('EMAIL', ids.email(`${first} ${last}`)).t('; patient portal: ').p('URL', ids.url()).t('.\n');
  b.t('SSN: ').p('SSN', ids.ssn());
  const [al, av] = ids.account();
  b.t(`. ${al}`).p('ACCOUNT', av).t('.\n');
  if (r.chance(0.5)) b.t('Telehealth session from IP ').p('IP', ids.ip()).t('.\n');
  b.t('\nFOLLOW-UP\nSee Dr. ').p('NAME', ids.last()).t(' on ').p('DATE', ids.date()).t(', phone ').p('PHONE', ids.phone());
  b.t('; fax records to ').p('FAX', ids.phone()).t(`.\nDischarge medications: ${r.pick(DRUGS)}, ${r.pick(DRUGS)}.\n`);
  b.t('Electronically signed by: ').p('NAME', ids.fullName()).t(', MD on ').p('DATE', ids.date()).t('\n');
  return b.build('discharge-summary');
}

export function progressNote(r: Rng, ids: Ids): SyntheticDocument {
  const b = new DocBuilder();
  const first = ids.first();
  const last = ids.last();
  b.t('PROGRESS NOTE — ').p('DATE', ids.date()).t('\n');
  const [mrnLabel, mrn] = ids.mrn();
  b.t(`Pt: `).p('NAME', `${first} ${last}`).t(`  ${mrnLabel}`).p('MRN', mrn).t('\n');
  b.t('S: Seen at bedside. ').p('NAME', first).t(` reports ${r.pick(['less pain', 'poor sleep', 'improved appetite', 'no new complaints'])}. `);
  b.t(`${r.pick(['Son', 'Daughter', 'Wife', 'Husband'])} `).p('NAME', ids.fullName()).t(' at bedside, reachable at ').p('PHONE', ids.phone()).t('.\n');
  b.t(`O: ${labs(r)} Exam notable for ${r.pick(PROCEDURES)}. ${clinicalNarrative(r, 4, 9)}\n`);
  b.t(`A/P: ${r.pick(DIAGNOSES)} — continue ${r.pick(DRUGS)}; hold ${r.pick(DRUGS)} since ${r.int(2010, 2024)}. `);
  if (r.chance(0.5)) {
    b.t('Discussed with Dr. ').p('NAME', ids.last()).t(' of ').t(r.pick(['cardiology', 'surgery', 'palliative care'])).t('. ');
  }
  if (r.chance(0.4)) {
    const [pre, n, post] = ids.age();
    b.t('Goals of care reviewed given patient ').t(pre).p('AGE_OVER_89', n).t(post).t('. ');
  }
  if (r.chance(0.5)) b.t('Next visit on ').p('DATE', ids.date()).t('. ');
  b.t(`Will follow ${r.pick(DIAGNOSES)}.\n`);
  if (r.chance(0.5)) b.t('Case manager: ').p('NAME', ids.fullName()).t(', ').p('EMAIL', ids.email()).t('\n');
  return b.build('progress-note');
}
