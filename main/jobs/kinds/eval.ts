// Job kind `eval`: the Evaluate step for one succeeded run. Language-model runs (cpt-full, cpt-lora):
// domain and general perplexity of the base model against the trained one (main/evaluate/perplexity),
// cloze probes on the corpus's domain terms before/after, and the privacy audit (planted canaries and
// PII reproduction). Classifier runs (lora-task): task metrics on a labelled file (--task). The report is
// stored in `evaluations` and its headline numbers and verdict in the run's metrics (model card, export gate).
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { JobParams } from '../../common/contract';
import type { EvalReport } from '../../common/dto';
import { StudioError } from '../../common/errors';
import { readJsonl } from '../../corpus/jsonl-io';
import { FILES, type CleanDocument } from '../../corpus/layout';
import type { AuditFinding } from '../../evaluate/audit';
import { findCorpus } from '../../store/queries/corpora';
import { insertEvaluation } from '../../store/queries/evaluations';
import { findModel } from '../../store/queries/models';
import { getRun, type RunRecord } from '../../store/queries/runs';
import type { JobContext } from '../context';
import { resourcesDir } from '../../platform/resources';
import { bundledGeneralDocs, ensureShards, loadModelTokenizer, readShardSplit } from './train-data';

export type EvalParams = JobParams<'eval'>;

interface Trained {
  folder: string;
  adapter: string | null;
}

/** The trained model of a run: runs/<id>/model (full weights) or the base + runs/<id>/adapter. */
export function trainedModel(ctx: Pick<JobContext, 'paths'>, run: RunRecord, basePath: string | null): Trained {
  const dir = ctx.paths.run(run.id);
  if (existsSync(join(dir, 'model', 'config.json'))) return { folder: join(dir, 'model'), adapter: null };
  if (basePath !== null && existsSync(join(dir, 'adapter'))) return { folder: basePath, adapter: join(dir, 'adapter') };
  throw new StudioError('not_found', `Run ${run.id} has no trained model or adapter in runs/${run.id}; it cannot be evaluated.`, { field: 'run' });
}

/** Validation documents' text (docs.jsonl, streamed: a corpus may be far larger than memory), up to `maxBytes`. */
async function validationTexts(corpusDir: string, maxBytes: number): Promise<string[]> {
  const file = join(corpusDir, FILES.docs);
  if (!existsSync(file)) return [];
  const out: string[] = [];
  let bytes = 0;
  for await (const doc of readJsonl<Partial<CleanDocument>>(file)) {
    if (bytes >= maxBytes) break;
    if (doc.split !== 'validation' || typeof doc.text !== 'string') continue;
    out.push(doc.text);
    bytes += doc.text.length;
  }
  return out;
}

function generalTexts(maxBytes: number): string[] {
  const root = resourcesDir();
  const dir = root === null ? null : join(root, 'corpora', 'general-en');
  if (dir === null || !existsSync(dir)) return [];
  const out: string[] = [];
  let bytes = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (bytes >= maxBytes) return out;
      if (line.trim()) {
        out.push(line);
        bytes += line.length;
      }
    }
  }
  return out;
}

interface StoredFinding extends AuditFinding {
  readonly ordinal: number;
  readonly start: number;
  readonly end: number;
}

/** PII findings in the corpus's training documents (not allow-listed), with where they are. */
function trainingFindings(ctx: JobContext, corpusId: number, limit: number): StoredFinding[] {
  return ctx.db.sql
    .prepare(
      `SELECT f.type, f.text, f.context, d.ordinal, f.start, f."end" FROM findings f JOIN documents d ON d.id = f.document_id
       WHERE d.corpus_id = ? AND d.split = 'train' AND f.allow_listed = 0 ORDER BY f.id LIMIT ?`,
    )
    .all(corpusId, limit) as StoredFinding[];
}

/** Characters of training text kept on each side of an identifier (more than any probe window's tokens need). */
const AROUND_CHARS = 4096;

/**
 * The audit's `locate`: each sampled finding with the text around it in its document as trained (docs.jsonl, read
 * once, only the documents needed). A finding whose identifier is not at its offsets there (redacted or dropped
 * PII) keeps its stored context only.
 */
function locateInDocuments(corpusDir: string): (chosen: readonly AuditFinding[]) => Promise<AuditFinding[]> {
  return async (chosen) => {
    const file = join(corpusDir, FILES.docs);
    const wanted = new Set(chosen.map((f) => (f as StoredFinding).ordinal));
    const texts = new Map<number, string>();
    if (existsSync(file) && wanted.size > 0) {
      const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
      for await (const line of lines) {
        // docs.jsonl lines open with their id: only the wanted documents are parsed (any other layout is parsed whole).
        const id = /^\{"id":(\d+)[,}]/.exec(line);
        if (id !== null && !wanted.has(Number(id[1]))) continue;
        if (line.trim() === '') continue;
        const doc = JSON.parse(line) as { id: number; text?: unknown };
        if (!wanted.has(doc.id)) continue;
        if (typeof doc.text === 'string') texts.set(doc.id, doc.text);
        if (texts.size === wanted.size) break;
      }
    }
    return chosen.map((f) => {
      const { ordinal, start, end } = f as StoredFinding;
      const text = texts.get(ordinal);
      if (text === undefined || text.slice(start, end) !== f.text) return f;
      const from = Math.max(0, start - AROUND_CHARS);
      return { ...f, trained: { before: text.slice(from, start), after: text.slice(end, end + AROUND_CHARS), at_start: from === 0 } };
    });
  };
}

export async function evalJob(params: EvalParams, ctx: JobContext): Promise<EvalReport> {
  const run = getRun(ctx.db, params.run);
  if (run.status !== 'succeeded') throw new StudioError('conflict', `Run ${run.id} is ${run.status}; only a succeeded run can be evaluated.`, { field: 'run' });
  // A scratch run has no base model: only the trained model is measured ("before" figures are null).
  const base = run.base_model_id === null ? null : findModel(ctx.db, run.base_model_id);
  if (!base && run.method !== 'scratch') throw new StudioError('not_found', `The base model of run ${run.id} is no longer registered.`, { field: 'run' });
  const trained = trainedModel(ctx, run, base?.path ?? null);
  const classifier = run.method === 'lora-task';
  if (!classifier && params.task !== undefined) throw new StudioError('invalid_request', `Run ${run.id} is a ${run.method} language-model run; task metrics (--task) need a lora-task classifier run.`, { field: 'task' });
  const notes: string[] = [];
  const { initBackend } = await import('../../../native/tfjs-backend');
  const backend = (await initBackend()).name;
  const tokenizer = await loadModelTokenizer(base?.path ?? trained.folder);
  const seqLen = typeof run.config.seq_len === 'number' ? run.config.seq_len : 128;
  const evalTokens = params.eval_tokens ?? (typeof run.config.eval_tokens === 'number' ? run.config.eval_tokens : 16_384);
  const seed = params.seed ?? (typeof run.config.seed === 'number' ? run.config.seed : 1234);

  let perplexityReport: EvalReport['perplexity'] = null;
  let probes: EvalReport['probes'] = null;
  let audit: EvalReport['audit'] = null;
  let task: EvalReport['task'] = null;

  if (classifier) {
    const runTask = run.metrics.task as { kind?: string; labels?: string[] } | undefined;
    if (!runTask?.labels || (runTask.kind !== 'sequence-classification' && runTask.kind !== 'token-classification')) throw new StudioError('bad_input', `Run ${run.id} has no recorded task labels; it cannot be scored.`, { field: 'run' });
    if (params.task === undefined) notes.push('Classifier run: give a labelled file (--task FILE) for task metrics; perplexity, probes and the audit need a language-model head.');
    else {
      ctx.progress(null, 'Scoring the labelled file');
      const { readTaskFile, tokenizeRows } = await import('./task-data');
      const file = readTaskFile(params.task, { kind: runTask.kind, labels: runTask.labels });
      const examples = tokenizeRows(file.rows, runTask.kind, runTask.labels, tokenizer.engine, seqLen);
      const { evaluateTask } = await import('../../evaluate/task');
      task = { ...(await evaluateTask({ folder: trained.folder, adapter: trained.adapter, kind: runTask.kind, labels: runTask.labels, examples, backend, signal: ctx.signal })) };
    }
  } else {
    const corpus = run.corpus_id === null ? null : findCorpus(ctx.db, run.corpus_id);
    if (!corpus || corpus.status !== 'ready') throw new StudioError('not_found', `The corpus of run ${run.id} is no longer in this workspace.`, { field: 'run' });
    const special = tokenizer.engine.special;
    const ids = { cls: special.cls, sep: special.sep, mask: special.mask, pad: special.pad, bos: special.bos, eos: special.eos };
    const engineTokenizer = tokenizer.engine;
    const continuesWord = run.config.whole_word_masking === true && engineTokenizer.kind === 'wordpiece' ? (id: number) => engineTokenizer.idToToken(id)?.startsWith('##') ?? false : undefined;
    const { perplexity } = await import('../../evaluate/perplexity');
    const measure = async (folder: string, adapter: string | null, documents: Iterable<ArrayLike<number>>) =>
      perplexity({ folder, adapter, documents, special: ids, seqLen, maxTokens: evalTokens, seed, backend, ...(continuesWord ? { continuesWord } : {}) });

    ctx.progress(0.05, 'Measuring domain perplexity (base and trained)');
    const shardDir = await ensureShards(ctx, corpus, tokenizer.corpus);
    const validation = readShardSplit(shardDir, 'validation', evalTokens * 2);
    const domainBefore = base ? await measure(base.path, null, validation) : null;
    const domainAfter = await measure(trained.folder, trained.adapter, validation);
    let general: { before: number | null; after: number } | null = null;
    const generalDocs = bundledGeneralDocs(tokenizer.corpus, { maxTrainBytes: 1, maxValidationTokens: evalTokens * 2 });
    if (generalDocs === null) notes.push('No bundled general English text was found: general perplexity was not measured.');
    else {
      ctx.progress(0.2, 'Measuring general perplexity (base and trained)');
      general = { before: base ? (await measure(base.path, null, generalDocs.validation)).perplexity : null, after: (await measure(trained.folder, trained.adapter, generalDocs.validation)).perplexity };
    }
    perplexityReport = { definition: domainAfter.definition, domain: { before: domainBefore?.perplexity ?? null, after: domainAfter.perplexity }, general };

    const findings = trainingFindings(ctx, corpus.id, 20_000);
    const { openScorer } = await import('../../evaluate/scorer');
    const { makeProbeSet, runProbes } = await import('../../evaluate/probes');
    const texts = await validationTexts(ctx.paths.corpus(corpus.id), 2 * 1024 * 1024);
    const set = makeProbeSet(texts, { maxProbes: params.max_probes, generalTexts: generalTexts(1024 * 1024), exclude: findings.map((f) => f.text), seed });
    ctx.progress(0.35, `Cloze probes on ${set.terms.length} domain terms`);
    // Base and trained model open together: probes before/after, and the audit discounts what the base reproduces too.
    const baseScorer = base ? await openScorer({ folder: base.path, backend }) : null;
    let scorer: Awaited<ReturnType<typeof openScorer>> | null = null;
    try {
      const before = baseScorer ? await runProbes(baseScorer, set, ctx.signal) : null;
      scorer = await openScorer({ folder: trained.folder, adapter: trained.adapter, backend });
      const after = await runProbes(scorer, set, ctx.signal);
      probes = { terms: set.terms.length, before, after };
      if (set.probes.length === 0) notes.push('The validation text has no frequent domain terms to probe.');

      const { readCanaryRecord } = await import('../../evaluate/canaries');
      const record = readCanaryRecord(ctx.paths.run(run.id));
      if (record === null) notes.push('No canaries were planted in this run: the audit measured PII reproduction only.');
      const { auditModel } = await import('../../evaluate/audit');
      const report = await auditModel({
        scorer, ...(baseScorer ? { baseline: baseScorer } : {}), tokenizer: tokenizer.engine, canaries: record?.canaries ?? [], findings,
        candidates: params.candidates, maxFindings: params.max_findings, seed, signal: ctx.signal,
        contextLength: seqLen, locate: locateInDocuments(ctx.paths.corpus(corpus.id)),
        onProgress: (f, message) => ctx.progress(0.5 + f * 0.5, message),
      });
      audit = { ...report, override: null };
    } finally {
      scorer?.dispose();
      baseScorer?.dispose();
    }
  }

  const body = { perplexity: perplexityReport, probes, task, audit, notes };
  const headline: Record<string, number | null> = {
    'domain perplexity before': perplexityReport?.domain.before ?? null,
    'domain perplexity after': perplexityReport?.domain.after ?? null,
    'general perplexity before': perplexityReport?.general?.before ?? null,
    'general perplexity after': perplexityReport?.general?.after ?? null,
    'cloze top-5 before': probes?.before?.top5 ?? null,
    'cloze top-5 after': probes?.after.top5 ?? null,
    'task accuracy': typeof task?.accuracy === 'number' ? task.accuracy : null,
    'task macro-F1': typeof task?.macro_f1 === 'number' ? task.macro_f1 : null,
    'task entity F1': typeof task?.f1 === 'number' ? task.f1 : null,
    'canary mean exposure (bits)': audit?.canaries.mean_exposure ?? null,
    'identifiers reproduced': audit?.pii.reproduced ?? null,
  };
  const stored = insertEvaluation(ctx.db, { run_id: run.id, kind: 'evaluation', metrics: body, verdict: audit?.verdict ?? null, job_id: ctx.job_id, headline, summary: audit?.summary ?? null });
  return { run: run.id, evaluation_id: stored.id, created_at: stored.created_at, ...body };
}
