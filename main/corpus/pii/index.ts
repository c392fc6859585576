// Public surface of the PHI/PII scanner.
export { scanPii, createScanner, defaultScanner, resolveOverlaps, sharedNameTable, type Scanner } from './scan';
export { redact } from './redact';
export { buildLexicon, defaultLexicon, isHeldOutName, type Lexicon } from './lexicon';
export { PII_TYPES, STRUCTURED_TYPES, type PiiType, type Finding, type AllowList, type AllowEntry, type ScanOptions } from './types';
