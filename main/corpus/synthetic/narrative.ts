// Identifier-free narrative for the synthetic documents: real notes and memos are mostly prose, with identifiers
// scattered through it. Sentences are assembled from phrase banks and domain vocabulary (drugs, eponymous diagnoses,
// procedures, legal terms, statutes, precedents), so they also add hard negatives for the scanner.
import { type Rng } from './rng';
import { DIAGNOSES, DRUGS, LEGAL_TERMS_IN_USE, PRECEDENTS, PROCEDURES, STATUTES } from './vocab';

const SYMPTOMS = ['dyspnea on exertion', 'orthopnea', 'intermittent chest tightness', 'lower extremity edema', 'productive cough', 'night sweats', 'dysuria', 'poor oral intake', 'generalized weakness', 'worsening confusion', 'palpitations', 'nausea without emesis'];
const FINDINGS = ['bibasilar crackles', 'a II/VI systolic murmur at the left sternal border', 'trace pitting edema to the ankles', 'no focal neurologic deficits', 'a soft, non-tender abdomen', 'mild erythema without fluctuance', 'decreased breath sounds at the right base', 'an irregularly irregular rhythm'];
const STUDIES = ['Chest radiograph showed mild pulmonary vascular congestion', 'CT of the head was negative for acute hemorrhage', 'Echocardiogram demonstrated an ejection fraction of 45%', 'Urinalysis was notable for pyuria and positive nitrites', 'Blood cultures remained negative at 48 hours', 'ECG showed atrial fibrillation with a controlled ventricular rate'];
const PLANS = ['diuresed with intravenous furosemide with good response', 'transitioned to oral antibiotics after clinical improvement', 'seen by physical therapy, who recommended home services', 'counseled on a low-sodium diet and daily weights', 'started on a beta blocker for rate control', 'monitored on telemetry without further events'];

function clinicalSentence(r: Rng): string {
  switch (r.int(0, 7)) {
    case 0: return `The patient reports ${r.pick(SYMPTOMS)} for the past ${r.int(2, 14)} days, with ${r.pick(SYMPTOMS)}.`;
    case 1: return `Examination was notable for ${r.pick(FINDINGS)} and ${r.pick(FINDINGS)}.`;
    case 2: return `${r.pick(STUDIES)}.`;
    case 3: return `During the admission the patient was ${r.pick(PLANS)}.`;
    case 4: return `Past history includes ${r.pick(DIAGNOSES)}, ${r.pick(DIAGNOSES)}, and remote ${r.pick(PROCEDURES).toLowerCase()}.`;
    case 5: return `${r.pick(DRUGS)} was continued at ${r.pick([5, 10, 25, 40, 50, 100])} mg and ${r.pick(DRUGS)} was held given ${r.pick(['acute kidney injury', 'hypotension', 'bradycardia', 'an elevated INR'])}.`;
    case 6: return `Creatinine peaked at ${r.int(12, 35) / 10} and improved to ${r.int(8, 14) / 10} with hydration; potassium was repleted.`;
    default: return `Risks and benefits of ${r.pick(PROCEDURES).toLowerCase()} were discussed, and the patient agreed to proceed in ${r.int(2001, 2024)}.`;
  }
}

function legalSentence(r: Rng): string {
  switch (r.int(0, 7)) {
    case 0: return `To survive a motion to dismiss, a complaint must contain sufficient factual matter, accepted as true, to state a claim that is plausible on its face. ${r.pick(PRECEDENTS)}.`;
    case 1: return `The doctrine of ${r.pick(LEGAL_TERMS_IN_USE).replace(/^(?:a|an|the) /, '')} does not bar the claim where the prior action was dismissed without prejudice.`;
    case 2: return `Summary judgment is appropriate only where there is no genuine dispute as to any material fact. ${r.pick(STATUTES)}; see ${r.pick(PRECEDENTS)}.`;
    case 3: return `The contract's limitation of liability clause is enforceable unless it is unconscionable or contrary to public policy.`;
    case 4: return `Discovery to date has produced roughly ${r.int(2, 40)},000 pages, and the parties have agreed to a protective order governing confidential material.`;
    case 5: return `Even assuming the statute of limitations began to run in ${r.int(2012, 2022)}, the discovery rule and equitable tolling may preserve the claim.`;
    case 6: return `Courts in this circuit have applied ${r.pick(LEGAL_TERMS_IN_USE)} narrowly, and the burden remains on the moving party.`;
    default: return `We recommend preserving the objection under ${r.pick(STATUTES)} and raising ${r.pick(LEGAL_TERMS_IN_USE)} in the reply brief.`;
  }
}

/** `min`–`max` sentences of clinical narrative, as one paragraph. */
export function clinicalNarrative(r: Rng, min: number, max: number): string {
  const n = r.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(clinicalSentence(r));
  return out.join(' ');
}

/** `min`–`max` sentences of legal analysis, as one paragraph. */
export function legalNarrative(r: Rng, min: number, max: number): string {
  const n = r.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(legalSentence(r));
  return out.join(' ');
}
