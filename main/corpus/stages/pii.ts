// The PII stage: runs the scanner and applies the chosen mode. `report` keeps the text and the
// findings; `redact` replaces each finding with a typed placeholder; `drop` excludes a document
// that has any finding. Findings are returned either way so they can be stored and reviewed.
import type { PiiFinding, PiiMode, PiiScanner } from '../types';

export interface PiiOutcome {
  text: string;
  findings: PiiFinding[];
  drop: boolean;
}

export function applyPii(text: string, scanner: PiiScanner, mode: PiiMode): PiiOutcome {
  const findings = scanner.scan(text);
  if (findings.length === 0) return { text, findings, drop: false };
  if (mode === 'drop') return { text, findings, drop: true };
  if (mode === 'redact') return { text: scanner.redact(text, findings), findings, drop: false };
  return { text, findings, drop: false };
}
