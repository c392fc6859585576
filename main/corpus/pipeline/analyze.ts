// The per-document work of pass 2 that does not depend on other documents: boilerplate removal,
// quality filters, language, content hash, MinHash signature and the PII scan. It runs on worker
// threads (analyze-worker.ts) or inline; the order-dependent decisions (which duplicate is kept)
// stay with the caller. A document that fails a filter skips the later, costlier steps.
import { createHash } from 'node:crypto';
import type { AllowList } from '../pii';
import { BoilerplateDetector, type SharedBoilerplate } from '../stages/boilerplate';
import { detectLanguage, rejectedByLanguage } from '../stages/language';
import { minhashSignature } from '../stages/minhash';
import { applyPii, createPiiScanner } from '../stages/pii';
import { qualityVerdict, type QualityOptions } from '../stages/quality';
import type { PiiFinding, PiiMode, PiiScanner } from '../types';
import { clockFn, type StageClock } from './timings';

/** Plain data (structured-clone safe): sent once to each worker. */
export interface AnalyzeSettings {
  boilerplate: SharedBoilerplate;
  quality: QualityOptions;
  languages: readonly string[];
  shingleWords: number;
  pii: { mode: PiiMode; allow: AllowList } | null;
  clock: StageClock;
}

export interface Analysis {
  /** Text after boilerplate removal (and redaction, in redact mode). */
  text: string;
  boilerplateRemoved: number;
  /** Filter that rejected the document (min_length, symbol_ratio, repeated_lines, language), or null. */
  filter: string | null;
  language: string;
  /** SHA-256 hex of the text before redaction: the exact-duplicate key. */
  hash: string;
  /** UTF-8 bytes of `text`. */
  bytes: number;
  signature: Uint32Array | null;
  /** Findings with a few words of context from the text as scanned (before redaction). */
  findings: (PiiFinding & { context: string })[];
  dropPii: boolean;
}

export type StageMs = Record<string, number>;

const CONTEXT_CHARS = 40;

export function contextOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  const raw = text.slice(from, to);
  // Only a run of white space or a white space other than ' ' needs replacing (rare in normalized text).
  const body = /\s\s|[^\S ]/.test(raw) ? raw.replace(/\s+/g, ' ') : raw;
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

export class Analyzer {
  private readonly boilerplate: BoilerplateDetector;
  private readonly scanner: PiiScanner | null;
  readonly ms: StageMs = {};
  private readonly now: () => number;

  constructor(private readonly settings: AnalyzeSettings) {
    this.boilerplate = BoilerplateDetector.fromShared(settings.boilerplate);
    this.scanner = settings.pii ? createPiiScanner(settings.pii.allow) : null;
    this.scanner?.scan(''); // loads the name lists now, with the rest of the start-up, not in the first document's scan
    this.now = clockFn(settings.clock);
  }

  private time<T>(stage: string, fn: () => T): T {
    const t = this.now();
    try {
      return fn();
    } finally {
      this.ms[stage] = (this.ms[stage] ?? 0) + this.now() - t;
    }
  }

  analyze(staged: string): Analysis {
    const stripped = this.time('boilerplate', () => this.boilerplate.strip(staged));
    const text = stripped.text;
    const out: Analysis = {
      text, boilerplateRemoved: stripped.removed, filter: null, language: 'und', hash: '', bytes: 0, signature: null, findings: [], dropPii: false,
    };
    out.hash = this.time('dedup', () => createHash('sha256').update(text, 'utf8').digest('hex'));
    out.bytes = Buffer.byteLength(text, 'utf8');
    out.filter = this.time('quality', () => qualityVerdict(text, this.settings.quality));
    if (out.filter !== null) return out;
    const guess = this.time('language', () => detectLanguage(text));
    out.language = guess.language;
    if (rejectedByLanguage(guess, this.settings.languages)) {
      out.filter = 'language';
      return out;
    }
    out.signature = this.time('near_dedup', () => minhashSignature(text, this.settings.shingleWords));
    const scanner = this.scanner;
    if (scanner && this.settings.pii) {
      const mode = this.settings.pii.mode;
      const pii = this.time('pii', () => applyPii(text, scanner, mode));
      out.findings = this.time('pii', () => pii.findings.map((f) => ({ ...f, context: contextOf(text, f.start, f.end) })));
      out.dropPii = pii.drop;
      if (pii.text !== text) {
        out.text = pii.text;
        out.bytes = Buffer.byteLength(pii.text, 'utf8');
      }
    }
    return out;
  }

  /** Stage times since the last call, then reset. */
  takeMs(): StageMs {
    const copy = { ...this.ms };
    for (const k of Object.keys(this.ms)) delete this.ms[k];
    return copy;
  }
}
