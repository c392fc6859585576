// The per-document work of pass 2 that does not depend on other documents: boilerplate removal,
// quality filters, language, content hash, MinHash signature and the PII scan. It runs on worker
// threads (analyze-worker.ts) or inline; the order-dependent decisions (which duplicate is kept)
// stay with the caller. A document that fails a filter skips the later, costlier steps.
// A batch goes through one stage at a time (one clock reading per stage and batch, not per document),
// and the findings leave as blocks of the findings file (numbers and the scanned text, see
// findings-file.ts): the caller only appends them.
import { createHash } from 'node:crypto';
import type { AllowList } from '../pii';
import { BoilerplateDetector, type SharedBoilerplate } from '../stages/boilerplate';
import { detectLanguage, languageWindow, loadLanguageModel, needsLanguageModel, rejectedByLanguage } from '../stages/language';
import { minhashSignature } from '../stages/minhash';
import { applyPiiBatch, createPiiScanner } from '../stages/pii';
import { qualityVerdict, type QualityOptions } from '../stages/quality';
import type { PiiMode, PiiScanner } from '../types';
import { FindingBlocks } from './findings-file';
import { encodeTexts, type EncodedTexts } from './staging';
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
   * n-gram model (≈ 50 MB) here: worker threads do, so that the model is loaded at most once, by the main thread.
   */
  deferLanguage?: boolean;
}

export interface Analysis {
  boilerplateRemoved: number;
  /** Filter that rejected the document (min_length, symbol_ratio, repeated_lines, language), or null. */
  filter: string | null;
  language: string;
  /** SHA-256 hex of the text before redaction: the exact-duplicate key. */
  hash: string;
  /** UTF-8 bytes of the text after boilerplate removal (and redaction, in redact mode). */
  bytes: number;
  signature: Uint32Array | null;
  /** With deferLanguage, for a text that needs the language model: the window to detect on (language is then 'und'). */
  languageWindow?: string;
  /**
   * The document's block of the findings file (FindingBlocks: its findings and the text as scanned, before
   * redaction), or null when it has none: a view of one buffer per batch, transferred between threads.
   */
  findings: Uint8Array | null;
  dropPii: boolean;
  /** An exact duplicate of a text this analyzer scanned for PII before: not scanned again, no findings, no text. */
  duplicateOfScanned?: boolean;
}

/**
 * The analyses of a batch, in order, and the texts of the documents that may be kept — after boilerplate removal
 * (and redaction, in redact mode), encoded as the kept documents file stores them, in one buffer that a worker
 * thread transfers: the main thread writes them without decoding or encoding a string. A document that a filter
 * rejected or that the PII mode drops has an empty text there.
 */
export interface AnalyzedBatch {
  analyses: Analysis[];
  texts: EncodedTexts;
}

export type StageMs = Record<string, number>;

// How many content hashes an analyzer remembers (≈ 110 bytes each: ≈ 5.5 MB) before it forgets them all and starts again.
const MAX_SCANNED_HASHES = 50_000;

export class Analyzer {
  private readonly boilerplate: BoilerplateDetector;
  private readonly scanner: PiiScanner | null;
  readonly ms: StageMs = {};
  private readonly now: () => number;
  private readonly blocks = new FindingBlocks();
  /**
   * The content hashes of the texts this analyzer has scanned for PII, with their UTF-8 bytes after the scan (after
   * redaction): a later text with the same hash is an exact duplicate of one before it in document order (batches
   * reach an analyzer in that order), which the caller drops whatever its findings are, so it is not scanned again.
   */
  private readonly scannedBytes = new Map<string, number>();

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
   * (unless deferLanguage). `scannedBytes[k]` ≥ 0: text k is an exact copy of a text earlier in the import that was
   * scanned already, with that many bytes after the scan (the caller's registry, see clean.ts): it is not scanned.
   */
  async analyzeBatch(staged: readonly string[], first: number, scannedBytes?: Int32Array): Promise<AnalyzedBatch> {
    // Plain loops over arrays built by push: an array made by Array.prototype.map can have another elements kind
    // than the same map inlined in optimized code, and the loops below then deoptimize ('wrong map') and are
    // compiled again — once in every thread that analyses.
    let t = this.now();
    const out: Analysis[] = [];
    const texts: string[] = []; // texts[k]: document k's text as the stages have left it so far
    for (let k = 0; k < staged.length; k++) {
      const stripped = this.boilerplate.strip(staged[k]!);
      texts.push(stripped.text);
      out.push({
        boilerplateRemoved: stripped.removed, filter: null, language: 'und', hash: '', bytes: 0, signature: null, findings: null, dropPii: false,
      });
    }
    t = this.add('boilerplate', t);
    for (let k = 0; k < out.length; k++) {
      const a = out[k]!;
      a.hash = createHash('sha256').update(texts[k]!, 'utf8').digest('hex');
      a.bytes = Buffer.byteLength(texts[k]!, 'utf8');
    }
    t = this.add('dedup', t);
    for (let k = 0; k < out.length; k++) out[k]!.filter = qualityVerdict(texts[k]!, this.settings.quality);
    t = this.add('quality', t);
    const defer = this.settings.deferLanguage === true;
    let needModel = false;
    if (!defer) for (let k = 0; k < out.length && !needModel; k++) needModel = out[k]!.filter === null && needsLanguageModel(texts[k]!);
    if (needModel) {
      t = this.add('language', t);
      await loadLanguageModel(); // once per thread: start-up, not the language stage's own cost
      t = this.add('setup', t);
    }
    for (let k = 0; k < out.length; k++) {
      const a = out[k]!;
      if (a.filter !== null) continue;
      if (defer && needsLanguageModel(texts[k]!)) {
        a.languageWindow = languageWindow(texts[k]!);
        continue;
      }
      const guess = detectLanguage(texts[k]!);
      a.language = guess.language;
      if (rejectedByLanguage(guess, this.settings.languages)) a.filter = 'language';
    }
    t = this.add('language', t);
    for (let k = 0; k < out.length; k++) {
      const a = out[k]!;
      if (a.filter === null) a.signature = minhashSignature(texts[k]!, this.settings.shingleWords);
    }
    t = this.add('near_dedup', t);
    const scanner = this.scanner;
    if (scanner && this.settings.pii) {
      const mode = this.settings.pii.mode;
      // The live documents, with their numbers, scanned as one batch; an exact duplicate of a text scanned before (in
      // this batch or an earlier one) only takes that text's bytes after the scan: the caller drops it as a duplicate
      // (its text is identical, so are its filters' verdicts and its MinHash signature) and uses nothing else of it.
      const live: number[] = [];
      const scanned: string[] = [];
      const seen = this.scannedBytes;
      if (seen.size > MAX_SCANNED_HASHES) seen.clear();
      for (let k = 0; k < out.length; k++) {
        const a = out[k]!;
        if (a.filter !== null) continue;
        const known = scannedBytes !== undefined && scannedBytes[k]! >= 0 ? scannedBytes[k]! : seen.get(a.hash);
        if (known !== undefined) {
          a.bytes = known;
          a.duplicateOfScanned = true;
          continue;
        }
        seen.set(a.hash, -1); // its bytes once scanned (below): a copy later in this batch is a duplicate too
        live.push(k);
        scanned.push(texts[k]!);
      }
      const outcomes = applyPiiBatch(scanned, scanner, mode);
      const withFindings: Analysis[] = [];
      for (let j = 0; j < live.length; j++) {
        const k = live[j]!;
        const a = out[k]!;
        const text = scanned[j]!;
        const pii = outcomes[j]!;
        if (pii.findings.length > 0) {
          withFindings.push(a);
          this.blocks.add(first + k, pii.findings, text);
        }
        a.dropPii = pii.drop;
        if (pii.text !== text) {
          texts[k] = pii.text;
          a.bytes = Buffer.byteLength(pii.text, 'utf8');
        }
        seen.set(a.hash, a.bytes);
      }
      // A copy later in this batch than its first: the bytes are known now.
      for (let k = 0; k < out.length; k++) if (out[k]!.duplicateOfScanned === true && out[k]!.bytes === -1) out[k]!.bytes = seen.get(out[k]!.hash)!;
      const blocks = this.blocks.take();
      for (let k = 0; k < blocks.length; k++) withFindings[k]!.findings = blocks[k]!;
      this.add('pii', t);
    }
    // Only what may be kept is encoded (a filtered, dropped or duplicate document's text is never written).
    for (let k = 0; k < out.length; k++) if (out[k]!.filter !== null || out[k]!.dropPii || out[k]!.duplicateOfScanned === true) texts[k] = '';
    return { analyses: out, texts: encodeTexts(texts) };
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
  Object.assign(a, { filter: 'language', signature: null, findings: null, dropPii: false });
}
