// The per-document work of pass 2 that does not depend on other documents: boilerplate removal,
// quality filters, language, content hash, MinHash signature and the PII scan. It runs on worker
// threads (analyze-worker.ts) or inline; the order-dependent decisions (which duplicate is kept)
// stay with the caller. A document that fails a filter skips the later, costlier steps.
// A batch goes through one stage at a time (one clock reading per stage and batch, not per document),
// and the findings leave as finished findings.jsonl lines: the caller only writes them.
import { createHash } from 'node:crypto';
import type { AllowList } from '../pii';
import { BoilerplateDetector, type SharedBoilerplate } from '../stages/boilerplate';
import { detectLanguage, languageWindow, loadLanguageModel, needsLanguageModel, rejectedByLanguage } from '../stages/language';
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
  /**
   * The PII scanner's name table, built once by the thread that starts the workers (sharedNameTable() from the pii
   * module) and read by each of them in place: without it every thread loads the word lists and builds its own.
   */
  piiNames?: SharedArrayBuffer;
  clock: StageClock;
  /**
   * Leave texts that are not clearly English to the caller (Analysis.languageWindow) instead of loading the
   * n-gram model (≈ 200 MB) here: worker threads do, so that the model is loaded at most once, by the main thread.
   */
  deferLanguage?: boolean;
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
  /** With deferLanguage, for a text that needs the language model: the window to detect on (language is then 'und'). */
  languageWindow?: string;
  /** Type of each finding, in order. */
  findingTypes: string[];
  /**
   * The document's findings.jsonl lines (each ending in a newline; '' when none), with a few words of context from
   * the text as scanned (before redaction): one string to pass between threads and to write.
   */
  findingLines: string;
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

/**
 * A findings.jsonl line without its opening `{"doc":N`: exactly what JSON.stringify writes for the FindingRecord
 * (same keys, same order) once the caller prefixes it, built without the intermediate object.
 */
export function findingTail(f: PiiFinding, context: string): string {
  // Offsets are integers (printed as JSON prints them); the type and confidence take few values: their JSON is cached.
  const start = Number.isInteger(f.start) ? f.start : JSON.stringify(f.start);
  const end = Number.isInteger(f.end) ? f.end : JSON.stringify(f.end);
  return `,"type":${jsonOf(f.type)},"start":${start},"end":${end},"text":${JSON.stringify(f.text)},"context":${JSON.stringify(context)},"confidence":${jsonOf(f.confidence)}}`;
}

/**
 * The findings.jsonl line (with its newline) of a finding in `text`: `${head}${findingTail(f, contextOf(…))}\n`.
 * Most contexts hold nothing that JSON escapes but line breaks, which contextOf turns into spaces: their context is
 * then built in one pass over the text (no regex, no JSON.stringify); any other falls back to contextOf.
 */
export function findingLine(head: string, f: PiiFinding, text: string): string {
  const from = Math.max(0, f.start - CONTEXT_CHARS);
  const to = Math.min(text.length, f.end + CONTEXT_CHARS);
  const body = Number.isInteger(f.start) && Number.isInteger(f.end) && text.startsWith(f.text, f.start) ? plainContext(text, from, to, f) : null;
  if (body === null) return `${head}${findingTail(f, contextOf(text, f.start, f.end))}\n`;
  // f.text is text[f.start, f.end) (checked above): no character in it needs escaping but white space controls.
  const textJson = controlInFinding ? JSON.stringify(f.text) : `"${f.text}"`;
  return `${head},"type":${jsonOf(f.type)},"start":${f.start},"end":${f.end},"text":${textJson},"context":"${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}","confidence":${jsonOf(f.confidence)}}\n`;
}

/** Set by plainContext: whether a white space control character (\t \n \v \f \r) lies inside the finding. */
let controlInFinding = false;

/**
 * contextOf's body for text[from, to) — white space runs other than a single space made one space — when nothing
 * in it needs escaping in a JSON string (no quote, backslash, other control character or surrogate); else null.
 */
function plainContext(text: string, from: number, to: number, f: PiiFinding): string | null {
  controlInFinding = false;
  let body = '';
  let segment = from; // start of the text not yet copied into body
  let k = from;
  while (k < to) {
    const c = text.charCodeAt(k);
    if (c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && isOtherSpace(c))) {
      let e = k + 1;
      for (; e < to; e++) {
        const d = text.charCodeAt(e);
        if (!(d === 32 || (d >= 9 && d <= 13) || (d >= 0xa0 && isOtherSpace(d)))) break;
      }
      if (c !== 32 || e > k + 1) {
        for (let j = k; j < e; j++) {
          const d = text.charCodeAt(j);
          if (d < 32 && j >= f.start && j < f.end) controlInFinding = true;
        }
        body += `${text.slice(segment, k)} `;
        segment = e;
      }
      k = e;
      continue;
    }
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return null;
    k++;
  }
  return segment === from ? text.slice(from, to) : body + text.slice(segment, to);
}

/** White space above U+009F as \s matches it: U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. */
function isOtherSpace(c: number): boolean {
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f ||
    c === 0x3000 || c === 0xfeff
  );
}

const jsonCache = new Map<string | number, string>();
function jsonOf(value: string | number): string {
  let json = jsonCache.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    if (jsonCache.size < 1000) jsonCache.set(value, json);
  }
  return json;
}

export class Analyzer {
  private readonly boilerplate: BoilerplateDetector;
  private readonly scanner: PiiScanner | null;
  readonly ms: StageMs = {};
  private readonly now: () => number;

  constructor(private readonly settings: AnalyzeSettings) {
    this.boilerplate = BoilerplateDetector.fromShared(settings.boilerplate);
    this.scanner = settings.pii ? createPiiScanner(settings.pii.allow, settings.piiNames) : null;
    this.scanner?.scan(''); // loads the name lists now, with the rest of the start-up, not in the first document's scan
    this.now = clockFn(settings.clock);
  }

  private add(stage: string, since: number): number {
    const t = this.now();
    this.ms[stage] = (this.ms[stage] ?? 0) + t - since;
    return t;
  }

  /**
   * Analyses of `staged` texts, in order. Loads the language model the first time a text is not clearly English
   * (unless deferLanguage).
   */
  async analyzeBatch(staged: readonly string[], first: number): Promise<Analysis[]> {
    let t = this.now();
    const out: Analysis[] = staged.map((s) => {
      const stripped = this.boilerplate.strip(s);
      return {
        text: stripped.text, boilerplateRemoved: stripped.removed, filter: null, language: 'und', hash: '', bytes: 0, signature: null,
        findingTypes: [], findingLines: '', dropPii: false,
      };
    });
    t = this.add('boilerplate', t);
    for (const a of out) {
      a.hash = createHash('sha256').update(a.text, 'utf8').digest('hex');
      a.bytes = Buffer.byteLength(a.text, 'utf8');
    }
    t = this.add('dedup', t);
    for (const a of out) a.filter = qualityVerdict(a.text, this.settings.quality);
    t = this.add('quality', t);
    let live = out.filter((a) => a.filter === null);
    const defer = this.settings.deferLanguage === true;
    if (!defer && live.some((a) => needsLanguageModel(a.text))) {
      t = this.add('language', t);
      await loadLanguageModel(); // once per thread: start-up, not the language stage's own cost
      t = this.add('setup', t);
    }
    for (const a of live) {
      if (defer && needsLanguageModel(a.text)) {
        a.languageWindow = languageWindow(a.text);
        continue;
      }
      const guess = detectLanguage(a.text);
      a.language = guess.language;
      if (rejectedByLanguage(guess, this.settings.languages)) a.filter = 'language';
    }
    live = live.filter((a) => a.filter === null);
    t = this.add('language', t);
    for (const a of live) a.signature = minhashSignature(a.text, this.settings.shingleWords);
    t = this.add('near_dedup', t);
    const scanner = this.scanner;
    if (scanner && this.settings.pii) {
      const mode = this.settings.pii.mode;
      for (let k = 0; k < out.length; k++) {
        const a = out[k]!;
        if (a.filter !== null) continue; // the live documents, with their numbers
        const text = a.text;
        const pii = applyPii(text, scanner, mode);
        const head = `{"doc":${first + k}`;
        let lines = '';
        for (const f of pii.findings) {
          a.findingTypes.push(f.type);
          lines += findingLine(head, f, text);
        }
        a.findingLines = lines;
        a.dropPii = pii.drop;
        if (pii.text !== text) {
          a.text = pii.text;
          a.bytes = Buffer.byteLength(pii.text, 'utf8');
        }
      }
      this.add('pii', t);
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

/**
 * Completes an analysis whose language was deferred (Analysis.languageWindow): detects it with the model (loaded
 * on first use) and, when the allow-list rejects it, marks the document filtered and forgets what the later stages
 * found — exactly the outcome of analysing it with the model at hand.
 */
export async function resolveDeferredLanguage(a: Analysis, allowed: readonly string[]): Promise<void> {
  if (a.languageWindow === undefined) return;
  await loadLanguageModel();
  const guess = detectLanguage(a.languageWindow);
  delete a.languageWindow;
  a.language = guess.language;
  if (!rejectedByLanguage(guess, allowed)) return;
  Object.assign(a, { filter: 'language', signature: null, findingTypes: [], findingLines: '', dropPii: false });
}
