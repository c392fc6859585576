// `studio corpus import|list|show|findings|allow|restore|documents|delete|tokenize|dump`: bring files into a corpus
// (a job: progress on stderr, the report on stdout), read its report and documents, review PII findings, dump the
// cleaned documents, delete a corpus.
import { resolve } from 'node:path';
import { parseCount } from '../args';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DOCUMENT_STATUS_FILTERS, type JobParams } from '../../common/contract';
import { otherLanguagesNote } from '../../common/pii-languages';
import type { CorpusDocumentsDto, CorpusFindingsDto, CorpusReport, CorpusDeleteResult, CorpusRestoreResult, CorpusSummary, CorpusTokenizeResult } from '../../common/dto';
import { type CliContext } from '../context';
import { table } from '../output';
import { runJob } from '../run-job';

const MiB = 1024 * 1024;

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

function parseFraction(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 0.5) throw new InvalidArgumentError('must be a number from 0 to 0.5');
  return n;
}

/** A corpus reference from the command line: its name, or its id. */
const corpusRef = (value: string): string | number => (/^\d+$/.test(value) ? Number(value) : value);

const mb = (bytes: number) => (bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);
const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

export function formatReport(r: CorpusReport): string {
  const lines = [
    `Corpus ${r.corpus.id} "${r.corpus.name}" (${r.corpus.status})`,
    `  files:       ${r.files.imported} imported of ${r.files.found}, ${r.files.skipped} skipped`,
    `  documents:   ${r.documents.kept} kept of ${r.documents.in} (train ${r.documents.train}, validation ${r.documents.validation})`,
    `  bytes:       ${mb(r.bytes.kept)} kept of ${mb(r.bytes.in)} read`,
    `  tokens:      ${r.tokens.total} (${r.tokenizer.key}, ${r.tokenizer.dtype}; ${r.fertility.tokens_per_word} tokens/word)`,
    `  duplicates:  ${r.duplicates.exact} exact, ${r.duplicates.near} near (${r.duplicates.clusters} clusters)`,
    `  boilerplate: ${r.boilerplate_lines_removed} lines removed`,
    `  filtered:    ${counts(r.filtered)}`,
    `  languages:   ${counts(r.languages)}`,
    `  PII (${r.pii.mode}): ${r.pii.scanned ? counts(r.findings) : 'not scanned'}${r.pii.dropped ? `; ${r.pii.dropped} documents dropped` : ''}`,
  ];
  const languagesNote = otherLanguagesNote(r);
  if (languagesNote) lines.push(`  note:        ${languagesNote}`);
  if (r.invalid_records > 0) lines.push(`  invalid records skipped: ${r.invalid_records}`);
  if (r.documents.kept === 0) lines.push('  warning:     no document was kept (see the duplicates, filters and PII lines above): this corpus has nothing to train on');
  if (r.fertility.fragmented.length > 0) {
    lines.push(`  most fragmented frequent words: ${r.fertility.fragmented.slice(0, 8).map((w) => `${w.word} (${w.pieces})`).join(', ')}`);
  }
  if (r.errors.length > 0) {
    lines.push(`  ${r.errors.length} file problem(s):`);
    for (const e of r.errors.slice(0, 50)) lines.push(`    ${e.severity === 'error' ? 'skipped' : 'warning'} ${e.path}: ${e.message}`);
    if (r.errors.length > 50) lines.push(`    … ${r.errors.length - 50} more (--json lists all)`);
  }
  return lines.join('\n');
}

function formatFindings(f: CorpusFindingsDto): string {
  const out: string[] = [];
  for (const [type, t] of Object.entries(f.by_type)) {
    out.push(`${type}: ${t.total} (${t.allow_listed} allow-listed)`);
    for (const s of t.samples) out.push(`  ${s.allow_listed ? '[allowed] ' : ''}"${s.text}" (${s.confidence.toFixed(2)})  ${s.context}`);
  }
  if (f.restorable) {
    out.push(`${f.restorable.findings} placeholder(s) of allow-listed findings remain in ${f.restorable.documents} document(s): \`studio corpus restore ${f.corpus}\` puts their text back.`);
  }
  return out.length === 0 ? 'No findings.' : out.join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  const corpus = program.command('corpus').description('import and inspect training corpora');

  corpus
    .command('import')
    .description('import files and folders (.txt .md .html .pdf .docx .csv .jsonl .json) into a new corpus')
    .argument('<paths...>', 'files and folders (folders are read recursively)')
    .requiredOption('--name <name>', 'name of the new corpus')
    .option('--pii <mode>', 'report (keep, flag) | redact (typed placeholders) | drop (exclude documents with findings)', 'report')
    .option('--text-column <name>', 'CSV column holding the text', 'text')
    .option('--json-field <name>', 'JSON field holding the text', 'text')
    .option('--languages <codes>', 'keep only these languages, e.g. en,de (default: all)')
    .option('--max-file-bytes <n>', 'skip files larger than this', parsePositiveInt)
    .option('--seed <n>', 'seed of the train/validation split', parseCount(0))
    .option('--validation-fraction <f>', 'share of documents held out for validation (default 0.05)', parseFraction)
    .option('--tokenizer <folder>', 'Hugging Face tokenizer folder to write token shards for (default: word-level)')
    .option('--workers <n>', 'analysis threads, 0 = none besides the job itself (default: automatic, up to 2 from about 10 MB of sources)', parseCount(0))
    .action(async (paths: string[], o: { name: string; pii: string; textColumn: string; jsonField: string; languages?: string; maxFileBytes?: number; seed?: number; validationFraction?: number; tokenizer?: string; workers?: number }) => {
      const params = {
        paths: paths.map((p) => resolve(p)),
        name: o.name,
        pii: o.pii,
        text_column: o.textColumn,
        json_field: o.jsonField,
        languages: o.languages ? o.languages.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : [],
        ...(o.maxFileBytes !== undefined ? { max_file_bytes: o.maxFileBytes } : {}),
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
        ...(o.validationFraction !== undefined ? { validation_fraction: o.validationFraction } : {}),
        ...(o.tokenizer !== undefined ? { tokenizer: resolve(o.tokenizer) } : {}),
        ...(o.workers !== undefined ? { workers: o.workers } : {}),
      } as JobParams<'corpus.import'>;
      const { job, result } = await runJob(ctx, 'corpus.import', params, { title: `Importing ${paths.length} path(s) into "${o.name}"` });
      const report = result as CorpusReport;
      ctx.print({ job_id: job.id, ...report }, () => formatReport(report));
    });

  corpus
    .command('list')
    .description('the corpora of the workspace')
    .action(async () => {
      const list = await ctx.call('corpus.list', {});
      ctx.print(list, () => (list.length === 0 ? 'No corpora yet. `studio corpus import <folder> --name N` makes one.' : formatList(list)));
    });

  corpus
    .command('show')
    .description('the corpus report')
    .argument('<corpus>', 'corpus name or id', corpusRef)
    .action(async (ref: string | number) => {
      const report = await ctx.call('corpus.show', { corpus: ref });
      ctx.print(report, () => formatReport(report));
    });

  corpus
    .command('findings')
    .description('samples of the PII findings, per type, to review before training')
    .argument('<corpus>', 'corpus name or id', corpusRef)
    .option('--type <type>', 'only this type (NAME, DATE, PHONE…)')
    .option('--limit <n>', 'samples per type (default 20)', parsePositiveInt)
    .action(async (ref: string | number, o: { type?: string; limit?: number }) => {
      const findings = await ctx.call('corpus.findings', { corpus: ref, ...(o.type ? { type: o.type } : {}), ...(o.limit ? { limit: o.limit } : {}) });
      ctx.print(findings, () => formatFindings(findings));
    });

  corpus
    .command('allow')
    .description('allow-list a finding text that is not an identifier (future scans skip it; stored findings are marked)')
    .argument('<text>', 'the exact text, e.g. a drug name flagged as a name')
    .option('--type <type>', 'only for this finding type')
    .action(async (text: string, o: { type?: string }) => {
      const r = await ctx.call('corpus.allow', { text, ...(o.type ? { type: o.type } : {}) });
      ctx.print(r, () =>
        [
          `Allow-listed "${r.text}"${r.type ? ` (${r.type})` : ''}: ${r.updated} stored finding(s) marked.`,
          ...r.restorable.map((c) => `Corpus "${c.name}" still holds ${c.findings} placeholder(s) of allow-listed findings in ${c.documents} document(s): \`studio corpus restore ${JSON.stringify(c.name)}\` puts their text back before training.`),
        ].join('\n'),
      );
    });

  corpus
    .command('restore')
    .description('put back, in a corpus imported with --pii redact, the text of findings allow-listed since (before training on it)')
    .argument('<corpus>', 'corpus name or id', corpusRef)
    .action(async (ref: string | number) => {
      const { job, result } = await runJob(ctx, 'corpus.restore', { corpus: ref }, { title: 'Restoring' });
      const r = result as CorpusRestoreResult;
      ctx.print({ job_id: job.id, ...r }, () =>
        r.documents === 0
          ? `Corpus ${r.corpus}: nothing to put back.`
          : [
            `Corpus ${r.corpus}: ${r.findings} allow-listed finding(s) put back in ${r.documents} document(s)${r.already > 0 ? ` (${r.already} more were back already: an earlier restore stopped before it finished)` : ''}; ${r.bytes.after} bytes kept (was ${r.bytes.before}).`,
            r.tokens ? `  shards written again: ${r.tokens.total} tokens` : '  the import\'s tokenizer folder is gone: training tokenizes the corpus again',
            ...(r.shard_sets_removed.length > 0 ? [`  shard sets removed (training writes them again): ${r.shard_sets_removed.join(', ')}`] : []),
          ].join('\n'),
      );
    });

  corpus
    .command('documents')
    .description('the documents of a corpus in import order: what was kept, what was removed and why (duplicate of which, filter, PII)')
    .argument('<corpus>', 'corpus name or id', corpusRef)
    .addOption(new Option('--status <status>', 'only these documents').choices([...DOCUMENT_STATUS_FILTERS]))
    .option('--limit <n>', 'documents per page (default 50, at most 1000)', parsePositiveInt)
    .option('--offset <n>', 'documents to skip (the next page)', parseCount(0))
    .action(async (ref: string | number, o: { status?: (typeof DOCUMENT_STATUS_FILTERS)[number]; limit?: number; offset?: number }) => {
      const r = await ctx.call('corpus.documents', { corpus: ref, ...(o.status ? { status: o.status } : {}), ...(o.limit ? { limit: o.limit } : {}), ...(o.offset !== undefined ? { offset: o.offset } : {}) });
      ctx.print(r, () => formatDocuments(r));
    });

  corpus
    .command('delete')
    .description('remove a corpus from the workspace: its documents, shards, findings and errors (runs trained on it keep its figures)')
    .argument('<corpus>', 'corpus name or id', corpusRef)
    .action(async (ref: string | number) => {
      const { job, result } = await runJob(ctx, 'corpus.delete', { corpus: ref }, { title: 'Deleting' });
      const r = result as CorpusDeleteResult;
      ctx.print({ job_id: job.id, ...r }, () =>
        [
          `Deleted corpus "${r.name}" (${r.corpus}): ${r.documents} document(s), ${r.bytes_freed} bytes removed from the disk.`,
          ...(r.kept_as_record ? [`  run(s) ${r.runs.join(', ')} were trained on it: they keep its figures (no text) as "${r.name} (deleted #${r.corpus})".`] : []),
        ].join('\n'),
      );
    });

  corpus
    .command('tokenize')
    .description("write token shards of a corpus for a model's tokenizer (reads the stored documents; no re-import)")
    .argument('<corpus>', 'corpus name or id', corpusRef)
    .requiredOption('--tokenizer <folder>', 'Hugging Face tokenizer folder (tokenizer.json, vocab.txt, …)')
    .action(async (ref: string | number, o: { tokenizer: string }) => {
      const { job, result } = await runJob(ctx, 'corpus.tokenize', { corpus: ref, tokenizer: resolve(o.tokenizer) }, { title: 'Tokenizing' });
      const r = result as CorpusTokenizeResult;
      ctx.print({ job_id: job.id, ...r }, () =>
        [
          `Corpus ${r.corpus}: ${r.tokens.total} tokens with ${r.tokenizer.key} (${r.tokenizer.dtype}), ${r.fertility.tokens_per_word} tokens/word`,
          ...(r.fertility.fragmented.length > 0 ? [`  most fragmented frequent words: ${r.fertility.fragmented.slice(0, 10).map((w) => `${w.word} (${w.tokens.join(' ')})`).join(', ')}`] : []),
        ].join('\n'),
      );
    });

  corpus
    .command('dump')
    .description('write the cleaned documents, exactly as training reads them, with their split (JSON Lines)')
    .argument('<corpus>', 'corpus name or id', corpusRef)
    .requiredOption('--out <file>', 'output .jsonl file')
    .action(async (ref: string | number, o: { out: string }) => {
      const r = await ctx.call('corpus.dump', { corpus: ref, out: resolve(o.out) });
      ctx.print(r, () => `Wrote ${r.documents} documents (train ${r.train}, validation ${r.validation}) to ${r.out}`);
    });
}

/** Why a document was not kept, in a few words. */
function why(d: CorpusDocumentsDto['documents'][number]): string {
  const head = d.duplicate_of ? `#${d.duplicate_of.ordinal} ${d.duplicate_of.source}${d.duplicate_of.record === null ? '' : `:${d.duplicate_of.record}`}` : '';
  switch (d.status) {
    case 'kept':
      return d.split ?? '';
    case 'duplicate':
      return `same text as ${head}`;
    case 'near_duplicate':
      return `near duplicate (${d.similarity === null ? '?' : d.similarity.toFixed(2)}) of ${head}`;
    case 'filtered':
      return `filter: ${d.filter ?? '?'}`;
    case 'dropped_pii':
      return `${d.findings} PII finding(s)`;
  }
}

function formatDocuments(r: CorpusDocumentsDto): string {
  const shown = r.documents.length;
  const rows = r.documents.map((d) => [String(d.ordinal), d.status, why(d), `${d.source}${d.record === null ? '' : `:${d.record}`}`]);
  const more = r.offset + shown < r.total ? ` (--offset ${r.offset + shown} for more)` : '';
  return `${table(['#', 'STATUS', 'WHY', 'SOURCE'], rows)}\n${shown === 0 ? 'No documents' : `Documents ${r.offset + 1}–${r.offset + shown}`} of ${r.total}${more}`;
}

function formatList(list: CorpusSummary[]): string {
  return table(
    ['ID', 'NAME', 'STATUS', 'DOCUMENTS', 'BYTES', 'TOKENS', 'CREATED'],
    list.map((c) => [String(c.id), c.name, c.status, String(c.documents), mb(c.bytes), String(c.tokens), c.created_at]),
  );
}
