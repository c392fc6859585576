// Types shared by the PHI/PII scanner: identifier kinds (HIPAA Safe Harbor + legal identifiers), findings, allow-lists.
// Offsets are UTF-16 code-unit offsets into the scanned string (`text.slice(start, end) === finding.text`).

import { PII_TYPES, type PiiType } from '../../common/pii-types';

export { PII_TYPES, type PiiType };

export interface Finding {
  type: PiiType;
  start: number;
  end: number;
  text: string;
  /** 0..1: how sure the rule that fired is (a checksum-valid labelled id ≈ 0.95, a lone dictionary name ≈ 0.6). */
  confidence: number;
}

/** An exact string (any type) or a type + string; compared case-insensitively with whitespace collapsed. */
export type AllowEntry = string | { type: PiiType; text: string };
export type AllowList = readonly AllowEntry[];

export interface ScanOptions {
  allow?: AllowList;
}

/** Structured identifiers (recall target 0.98) versus free-text ones (names, addresses: 0.90). */
export const STRUCTURED_TYPES: ReadonlySet<PiiType> = new Set<PiiType>([
  'EMAIL', 'PHONE', 'FAX', 'SSN', 'DATE', 'MRN', 'HEALTH_PLAN', 'ACCOUNT', 'CASE_NUMBER', 'URL', 'IP', 'ZIP',
  'LICENSE', 'VEHICLE', 'DEVICE', 'AGE_OVER_89',
]);

/** Internal sink the detectors push into. */
export type Emit = (type: PiiType, start: number, end: number, confidence: number) => void;

/** What a detector pass may use besides the text and the sink. */
export interface PassEnv {
  /** Whether a word (as written) is an ordinary English word, compared case-insensitively. */
  isCommon(word: string): boolean;
  /** Whether a word is a given name of the name lists and no ordinary word, place or title ("Levi", not "Grace"). */
  isGiven(word: string): boolean;
  /** Whether a word is in the name lists (given or family name) and is no place, title or word never a name. */
  isNameWord(word: string): boolean;
  /** Whether a word is never a name: a place (US state), a title, or a word of the never-a-name list. */
  isNeverName(word: string): boolean;
  /** Whether a word or a phrase is a city or a town of the gazetteer and no ordinary word ("columbus", "eden prairie"). */
  isPlace(words: string): boolean;
  /**
   * isPlace, a domain word too ("Nairobi", "Lyme"): for a place an address's postcode already vouches for.
   */
  isPlaceBesidePostcode(words: string): boolean;
  /** Marks a span (a published precedent's case name) where no name or place finding may be reported. */
  suppress(start: number, end: number): void;
}

/**
 * One pass of a detector over one text. The scanner runs each pass over every text of a batch before the next
 * pass (scanBatch): each text still meets the passes in their order, and a pass's code stays hot while it runs.
 */
export type Pass = (text: string, emit: Emit, env: PassEnv) => void;
