// The PII stage: runs the scanner and applies the chosen mode. `report` keeps the text and the
// findings; `redact` replaces each finding with a typed placeholder; `drop` excludes a document
// that has any finding. Findings are returned either way so they can be stored and reviewed.
import { createScanner, defaultScanner, redact, type AllowList, type Finding } from '../pii';
import type { PiiFinding, PiiMode, PiiScanner } from '../types';

/**
 * The project's scanner, with an allow-list of texts the user confirmed are not identifiers. `names`: the default
 * lexicon's flag table built by another thread (sharedNameTable()), so that this one loads no word list.
 */
export function createPiiScanner(allow: AllowList = [], names?: SharedArrayBuffer): PiiScanner {
  const options = allow.length > 0 ? { allow } : undefined;
  const scanner = names ? createScanner({ names }) : defaultScanner();
  return {
    scan: (text) => scanner.scan(text, options),
    scanBatch: (texts) => scanner.scanBatch(texts, options),
    redact: (text, findings) => redact(text, findings as readonly Finding[]),
  };
}

export interface PiiOutcome {
  text: string;
  findings: PiiFinding[];
  drop: boolean;
}

export function applyPii(text: string, scanner: PiiScanner, mode: PiiMode): PiiOutcome {
  return applyMode(text, scanner.scan(text), scanner, mode);
}

/** applyPii of each text, scanned as one batch (PiiScanner.scanBatch). */
export function applyPiiBatch(texts: readonly string[], scanner: PiiScanner, mode: PiiMode): PiiOutcome[] {
  const found = scanner.scanBatch(texts);
  const out: PiiOutcome[] = [];
  for (let k = 0; k < texts.length; k++) out.push(applyMode(texts[k]!, found[k]!, scanner, mode));
  return out;
}

function applyMode(text: string, findings: PiiFinding[], scanner: PiiScanner, mode: PiiMode): PiiOutcome {
  if (findings.length === 0) return { text, findings, drop: false };
  if (mode === 'drop') return { text, findings, drop: true };
  if (mode === 'redact') return { text: scanner.redact(text, findings), findings, drop: false };
  return { text, findings, drop: false };
}
