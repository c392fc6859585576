// Synthetic legal documents (complaint captions, internal memos) with planted identifiers and hard negatives:
// published precedents, statutes, legal terms of art, eponymous doctrines.
import { DocBuilder, type SyntheticDocument } from './builder';
import { type Ids } from './identifiers';
import { type Rng } from './rng';
import { legalNarrative } from './narrative';
import { COMPANIES, LEGAL_TERMS_IN_USE, PRECEDENTS, STATUTES } from './vocab';

export function complaint(r: Rng, ids: Ids): SyntheticDocument {
  const b = new DocBuilder();
  const plaintiff = ids.fullName();
  const company = r.pick(COMPANIES);
  b.t('UNITED STATES DISTRICT COURT\nDISTRICT OF MASSACHUSETTS\n\n');
  b.p('PARTY', plaintiff.toUpperCase()).t(`, an individual,\n\t\tPlaintiff,\n\n\tv.\n\n`).p('PARTY', company).t(',\n\t\tDefendant.\n\n');
  const [cl, cn] = ids.caseNumber();
  b.t(cl).p('CASE_NUMBER', cn).t('\n\nCOMPLAINT AND JURY DEMAND\n\n');
  b.t('1. Plaintiff ').p('NAME', plaintiff).t(' is an individual residing at ');
  b.p('ADDRESS', ids.street()).t(', ').p('GEO', ids.city()).t(`, ${ids.state()} `).p('ZIP', ids.zip()).t('.\n');
  b.t('2. Defendant ').p('PARTY', company).t(` is a corporation with a principal place of business in Boston. Jurisdiction is proper under ${r.pick(STATUTES)}.\n`);
  b.t('3. On ').p('DATE', ids.date()).t(', Plaintiff was injured while operating a forklift (').t('Serial No. ').p('DEVICE', `FL-${r.digits(6)}`).t(').\n');
  b.t(`4. Plaintiff seeks relief including ${r.pick(LEGAL_TERMS_IN_USE)}; see ${r.pick(PRECEDENTS)}. ${legalNarrative(r, 4, 8)}\n`);
  b.t('5. Plaintiff was treated by Dr. ').p('NAME', ids.fullName()).t(' at an urgent care clinic, MRN ').p('MRN', r.digits(8)).t('.\n\n');
  b.t('Respectfully submitted,\n').p('NAME', ids.fullName()).t(' (');
  const [ll, lv] = ids.license();
  b.t(ll).p('LICENSE', lv).t(')\n').p('ADDRESS', ids.street()).t('\n').p('GEO', ids.city()).t(`, ${ids.state()} `).p('ZIP', ids.zip()).t('\nTel. ').p('PHONE', ids.phone()).t('\n').p('EMAIL', ids.email()).t('\nDated: ').p('DATE', ids.date()).t('\n');
  return b.build('complaint');
}

export function memo(r: Rng, ids: Ids): SyntheticDocument {
  const b = new DocBuilder();
  const client = ids.fullName();
  const opponent = r.chance(0.5) ? r.pick(COMPANIES).replace(/,? (?:Inc\.|LLC|Corp\.|Co\.|LP)$/, '') : ids.fullName();
  b.t('MEMORANDUM\nTO: ').p('NAME', ids.fullName()).t(', Partner\nFROM: ').p('NAME', ids.fullName()).t(', Associate\nDATE: ').p('DATE', ids.date());
  b.t('\nRE: ').p('PARTY', client.split(' ').pop() as string).t(' v. ').p('PARTY', opponent);
  const [cl, cn] = ids.caseNumber();
  b.t(`, ${cl}`).p('CASE_NUMBER', cn).t('\n\n');
  b.t('Our client, ').p('NAME', client).t(', of ').p('GEO', ids.city()).t(', retained the firm on ').p('DATE', ids.date()).t('. ');
  b.t(`The central question is whether ${r.pick(LEGAL_TERMS_IN_USE)} bars the claim. Under ${r.pick(PRECEDENTS)}, and ${r.pick(PRECEDENTS)}, `);
  b.t(`the complaint must state a plausible claim; ${r.pick(STATUTES)} applies. Consider also ${r.pick(LEGAL_TERMS_IN_USE)} and ${r.pick(LEGAL_TERMS_IN_USE)}.\n\n${legalNarrative(r, 6, 14)}\n\n`);
  b.t('Opposing counsel is ').p('NAME', ids.fullName()).t(' (').p('EMAIL', ids.email()).t(', ').p('PHONE', ids.phone()).t('). ');
  if (r.chance(0.5)) {
    const [al, av] = ids.account();
    b.t(`The escrow funds sit in ${al}`).p('ACCOUNT', av).t('. ');
  }
  if (r.chance(0.5)) {
    const [vl, vv] = ids.vehicle();
    b.t(`The vehicle at issue (${vl}`).p('VEHICLE', vv).t(') was sold on ').p('DATE', ids.date()).t('. ');
  }
  if (r.chance(0.4)) b.t("The decedent's SSN ").p('SSN', ids.ssn()).t(' appears on the policy. ');
  if (r.chance(0.4)) {
    const [hl, hv] = ids.healthPlan();
    b.t(`Medical bills were submitted under ${hl}`).p('HEALTH_PLAN', hv).t('. ');
  }
  if (r.chance(0.3)) b.t('Server logs show access from ').p('IP', ids.ip()).t(' and the document portal ').p('URL', ids.url()).t('. ');
  if (r.chance(0.4)) {
    const [pre, n, post] = ids.age();
    b.t(`The testator was ${pre}`).p('AGE_OVER_89', n).t(`${post} at signing. `);
  }
  b.t('The witness, Ms. ').p('NAME', ids.last()).t(', lives at ').p('ADDRESS', ids.street()).t(' in ').p('GEO', ids.city()).t('. ');
  b.t(`Deposition is set for `).p('DATE', ids.date()).t(` under ${r.pick(STATUTES)}. Discovery closed in ${r.int(2016, 2024)}.\n`);
  return b.build('legal-memo');
}
