// The PII stage: runs the scanner and applies the chosen mode. `report` keeps the text and the
// findings; `redact` replaces each finding with a typed placeholder; `drop` excludes a document
// that has any finding. Findings are returned either way so they can be stored and reviewed.
import { createScanner, redact, scanPii, type AllowList, type Finding } from '../pii';
import type { PiiFinding, PiiMode, PiiScanner } from '../types';

/**
 * The project's scanner, with an allow-list of texts the user confirmed are not identifiers. `names`: the default
 * lexicon's flag table built by another thread (sharedNameTable()), so that this one loads no word list.
 */
export function createPiiScanner(allow: AllowList = [], names?: SharedArrayBuffer): PiiScanner {
  const options = allow.length > 0 ? { allow } : undefined;
  const scanner = names ? createScanner({ names }) : null;
  return {
    scan: (text) => (scanner ? scanner.scan(text, options) : scanPii(text, options)),
    redact: (text, findings) => redact(text, findings as readonly Finding[]),
  };
}

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
