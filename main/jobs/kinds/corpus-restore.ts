// Job kind `corpus.restore`: a corpus imported with `pii: redact` keeps its findings' placeholders in its
// documents; a finding allow-listed after the import (a false positive confirmed in review: "Declaration of
// [NAME] Rights") is put back here, before training: docs.jsonl rewritten (atomically), the import's shard set
// written again from it, other shard sets removed (training writes them again), and the rows updated.
// A corpus a run has trained on is left as that run saw it.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { JobParams } from '../../common/contract';
import type { CorpusReport, CorpusRestoreResult } from '../../common/dto';
import { StudioError } from '../../common/errors';
import { readJsonl } from '../../corpus/jsonl-io';
import { FILES, type CleanDocument } from '../../corpus/layout';
import { type RedactedSpan, unredact } from '../../corpus/pii/unredact';
import { loadCorpusTokenizer } from '../../corpus/tokenize/engine-tokenizer';
import { shardSetFigures, tokenizeCorpusFolder } from '../../corpus/tokenize/retokenize';
import type { CorpusTokenizer } from '../../corpus/tokenize/types';
import { wordTokenizer } from '../../corpus/tokenize/word-tokenizer';
import { writeFileAtomic, writeFileAtomicSync } from '../../platform/atomic';
import type { WritableDb } from '../../store/db';
import { readyCorpus, updateCorpus, type CorpusRecord } from '../../store/queries/corpora';
import { deleteShardSets, findingsToRestore, markRestored, upsertShardSet } from '../../store/queries/documents';
import type { JobContext } from '../context';

/** What one document needs: its row, every finding in text order, and the allow-listed ones to mark. */
interface DocumentToRestore {
  documentId: number;
  spans: RedactedSpan[];
  allowed: number[];
}

/** The documents to change, by ordinal (read whole before any await: the statement holds the connection). */
function documentsToRestore(db: WritableDb, corpusId: number): Map<number, DocumentToRestore> {
  const byOrdinal = new Map<number, DocumentToRestore>();
  for (const row of findingsToRestore(db, corpusId)) {
    let doc = byOrdinal.get(row.ordinal);
    if (!doc) byOrdinal.set(row.ordinal, (doc = { documentId: row.document_id, spans: [], allowed: [] }));
    const restore = row.allow_listed === 1;
    doc.spans.push({ type: row.type, start: row.start, end: row.end, text: row.text, restore });
    if (restore) doc.allowed.push(row.finding_id);
  }
  return byOrdinal;
}

/** Refuses a corpus that cannot or must not change. */
function checkRestorable(db: WritableDb, corpus: CorpusRecord): void {
  const mode = corpus.options.pii;
  if (mode !== 'redact') {
    throw new StudioError(
      'bad_input',
      `Corpus "${corpus.name}" was imported with --pii ${String(mode ?? 'report')}: its text holds no placeholders to put back.` +
        (mode === 'drop' ? ' Documents dropped for findings allow-listed since come back only by importing the files again.' : ''),
      { field: 'corpus' },
    );
  }
  const runs = db.sql.prepare('SELECT id FROM runs WHERE corpus_id = ? ORDER BY id').pluck().all(corpus.id) as number[];
  if (runs.length > 0) {
    throw new StudioError(
      'conflict',
      `Corpus "${corpus.name}" has been trained on (run ${runs.join(', ')}): it stays as ${runs.length > 1 ? 'those runs' : 'that run'} saw it. ` +
        'Import the files again under a new name: the allow-list applies to every new import.',
      { field: 'corpus' },
    );
  }
}

/** The tokenizer of the import's shard set, when it can be made again (its folder may be gone). */
async function importTokenizer(corpus: CorpusRecord, report: CorpusReport): Promise<CorpusTokenizer | null> {
  const folder = corpus.options.tokenizer;
  let tokenizer: CorpusTokenizer | null = null;
  if (folder === undefined) tokenizer = wordTokenizer();
  else if (typeof folder === 'string' && existsSync(folder)) tokenizer = await loadCorpusTokenizer(folder).catch(() => null);
  return tokenizer && tokenizer.key === report.tokenizer.key ? tokenizer : null;
}

export async function corpusRestore(params: JobParams<'corpus.restore'>, ctx: JobContext): Promise<CorpusRestoreResult> {
  const corpus = readyCorpus(ctx.db, params.corpus);
  checkRestorable(ctx.db, corpus);
  const report = corpus.report as CorpusReport;
  const docs = documentsToRestore(ctx.db, corpus.id);
  const nothing: CorpusRestoreResult = {
    corpus: corpus.id, documents: 0, findings: 0, already: 0, bytes: { before: corpus.bytes, after: corpus.bytes }, tokens: null, shard_sets_removed: [],
  };
  if (docs.size === 0) return nothing;
  const tokenizer = await importTokenizer(corpus, report);
  const dir = ctx.paths.corpus(corpus.id);
  const docsPath = join(dir, FILES.docs);
  if (!existsSync(docsPath)) throw new StudioError('workspace_corrupt', `The documents of corpus "${corpus.name}" are missing from the workspace (${FILES.docs}); import it again.`);

  // The shard sets go first (rows and folders): from here until the new shards are written, training finds none
  // and writes its own from docs.jsonl — the old text or the new, never shards of the one beside the other.
  const shardsDir = join(dir, FILES.shards);
  const removed = existsSync(shardsDir) ? readdirSync(shardsDir).filter((key) => !key.startsWith('.')) : [];
  ctx.db.transaction(() => deleteShardSets(ctx.db, corpus.id));
  for (const key of removed) rmSync(join(shardsDir, key), { recursive: true, force: true });

  ctx.progress(0, `Putting back allow-listed text in ${docs.size} document(s) of "${corpus.name}"`);
  const bytes = new Map<number, number>(); // document id → its new UTF-8 size
  let restored = 0;
  let already = 0;
  let total = 0; // bytes of every document as written: the corpus's size, whatever an interrupted run left

  // Cancelling between documents: writeFileAtomic then removes its temporary file, and docs.jsonl stays as it was.
  await writeFileAtomic(docsPath, async (write) => {
    let seen = 0;
    for await (const doc of readJsonl<CleanDocument>(docsPath)) {
      if ((++seen & 1023) === 0 && ctx.signal.aborted) throw new StudioError('cancelled', 'Restoring was cancelled; the documents are unchanged.');
      const change = docs.get(doc.id);
      if (change) {
        const done = unredact(doc.text, change.spans);
        if (done === null) {
          throw new StudioError(
            'workspace_corrupt',
            `Document ${doc.id} of corpus "${corpus.name}" (${doc.source}) does not hold its findings' placeholders where they were found; nothing was changed. Import the files again to apply the allow-list.`,
          );
        }
        bytes.set(change.documentId, Buffer.byteLength(done.text, 'utf8'));
        restored += done.restored;
        already += done.already;
        doc.text = done.text;
      }
      total += Buffer.byteLength(doc.text, 'utf8');
      await write(`${JSON.stringify(doc)}\n`);
    }
  });

  // The rows follow the text at once (a kill in between is repaired by the next run: `already`, sizes from the text).
  const after = total;
  let updated: CorpusReport = { ...report, bytes: { ...report.bytes, kept: after } };
  ctx.db.transaction(() => {
    markRestored(ctx.db, corpus.id, bytes, [...docs.values()].flatMap((d) => d.allowed));
    updateCorpus(ctx.db, corpus.id, { bytes: after, report: updated });
  });
  writeFileAtomicSync(join(dir, FILES.report), `${JSON.stringify(updated, null, 2)}\n`);

  // The text is restored; stopped from here on, the corpus only lacks the shard set, which training writes when needed.
  if (tokenizer) ctx.progress(0.5, `Tokenizing "${corpus.name}" again`);
  let written: Awaited<ReturnType<typeof tokenizeCorpusFolder>> | null = null;
  try {
    written = tokenizer ? await tokenizeCorpusFolder(dir, tokenizer, { signal: ctx.signal }) : null;
  } catch (error) {
    if (!ctx.signal.aborted) throw error;
    throw new StudioError('cancelled', 'The allow-listed text was put back; writing its token shards again was cancelled (training writes them when it needs them).');
  }
  const t = written?.index.tokens;
  const tokens = t ? { total: t.train + t.validation, train: t.train, validation: t.validation } : null;
  if (written && tokenizer && tokens) {
    updated = { ...updated, tokens, fertility: written.fertility };
    ctx.db.transaction(() => {
      upsertShardSet(ctx.db, corpus.id, shardSetFigures(tokenizer, written));
      updateCorpus(ctx.db, corpus.id, { tokens: tokens.total, report: updated });
    });
    writeFileAtomicSync(join(dir, FILES.report), `${JSON.stringify(updated, null, 2)}\n`);
  }
  return {
    corpus: corpus.id, documents: bytes.size, findings: restored, already, bytes: { before: corpus.bytes, after }, tokens,
    shard_sets_removed: removed.filter((key) => key !== tokenizer?.key),
  };
}
