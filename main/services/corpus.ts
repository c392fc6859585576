// `corpus.*`: start an import (a job), read a corpus report, review and allow-list PII findings,
// list its documents (kept and removed, and why), dump the cleaned documents exactly as training reads them, and
// delete a corpus.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Api } from '../common/contract';
import type { CorpusFindingsDto } from '../common/dto';
import { StudioError } from '../common/errors';
import { writeFileAtomic } from '../platform/atomic';
import { workspacePaths } from '../platform/paths';
import { readJsonl } from '../corpus/jsonl-io';
import { FILES, type CleanDocument } from '../corpus/layout';
import { findCorpus, readyCorpus } from '../store/queries/corpora';
import { allowFindingText, countFindingsByType, listDocuments, listFileErrors, listRestorable, sampleFindings } from '../store/queries/documents';
import type { CorpusReport } from '../common/dto';
import { type ServicesContext } from './context';

type Methods = 'corpus.import' | 'corpus.show' | 'corpus.findings' | 'corpus.allow' | 'corpus.dump' | 'corpus.tokenize' | 'corpus.restore' | 'corpus.delete' | 'corpus.documents';


export function corpusServices(ctx: ServicesContext): Pick<Api, Methods> {
  const paths = workspacePaths(ctx.workspace);
  return {
    async 'corpus.import'(req) {
      const existing = findCorpus(ctx.db, req.name);
      if (existing?.status === 'ready') {
        throw new StudioError('conflict', `A corpus named "${existing.name}" already exists; choose another name.`, { field: 'name' });
      }
      const missing = req.paths.filter((p) => !existsSync(resolve(p)));
      if (missing.length === req.paths.length) {
        throw new StudioError('bad_input', `Not found: ${missing.slice(0, 3).join(', ')}. Check the paths.`, { field: 'paths' });
      }
      const params = { ...req, paths: req.paths.map((p) => resolve(p)) };
      return ctx.supervisor.start('corpus.import', params as Record<string, unknown>);
    },

    async 'corpus.show'(req) {
      const corpus = readyCorpus(ctx.db, req.corpus);
      const report = corpus.report as CorpusReport;
      const findings = countFindingsByType(ctx.db, corpus.id);
      return {
        ...report,
        corpus: { id: corpus.id, name: corpus.name, status: corpus.status },
        // Current counts: findings allow-listed since the import no longer count.
        findings: Object.fromEntries(Object.entries(findings).map(([type, c]) => [type, c.total - c.allow_listed]).filter(([, n]) => (n as number) > 0)),
        errors: listFileErrors(ctx.db, corpus.id),
      };
    },

    async 'corpus.findings'(req) {
      const corpus = readyCorpus(ctx.db, req.corpus);
      const counts = countFindingsByType(ctx.db, corpus.id);
      const samples = sampleFindings(ctx.db, corpus.id, req.limit ?? 20, req.type);
      const byType: CorpusFindingsDto['by_type'] = {};
      for (const [type, c] of Object.entries(counts)) {
        if (req.type !== undefined && type !== req.type) continue;
        byType[type] = { total: c.total, allow_listed: c.allow_listed, samples: [] };
      }
      for (const s of samples) byType[s.type]?.samples.push(s);
      return { corpus: corpus.id, by_type: byType, restorable: listRestorable(ctx.db, corpus.id)[0] ?? null };
    },

    async 'corpus.allow'(req) {
      const updated = allowFindingText(ctx.db, req.type ?? null, req.text);
      return { type: req.type ?? null, text: req.text, updated, restorable: listRestorable(ctx.db) };
    },

    async 'corpus.tokenize'(req) {
      const corpus = readyCorpus(ctx.db, req.corpus);
      const folder = resolve(req.tokenizer);
      if (!existsSync(folder)) throw new StudioError('bad_input', `Tokenizer folder not found: ${folder}`, { field: 'tokenizer' });
      return ctx.supervisor.start('corpus.tokenize', { corpus: corpus.id, tokenizer: folder });
    },

    async 'corpus.restore'(req) {
      return ctx.supervisor.start('corpus.restore', { corpus: readyCorpus(ctx.db, req.corpus).id });
    },

    async 'corpus.documents'(req) {
      const corpus = readyCorpus(ctx.db, req.corpus);
      const offset = req.offset ?? 0;
      const page = listDocuments(ctx.db, corpus.id, { ...(req.status ? { status: req.status } : {}), limit: req.limit ?? 50, offset });
      return { corpus: corpus.id, status: req.status ?? null, offset, ...page };
    },

    async 'corpus.delete'(req) {
      return ctx.supervisor.start('corpus.delete', { corpus: readyCorpus(ctx.db, req.corpus).id });
    },

    async 'corpus.dump'(req) {
      const corpus = readyCorpus(ctx.db, req.corpus);
      const source = join(paths.corpus(corpus.id), FILES.docs);
      if (!existsSync(source)) {
        throw new StudioError('workspace_corrupt', `The documents of corpus "${corpus.name}" are missing from the workspace (${FILES.docs}); import it again.`);
      }
      const out = resolve(req.out);
      let documents = 0;
      let validation = 0;
      await writeFileAtomic(out, async (write) => {
        for await (const doc of readJsonl<CleanDocument>(source)) {
          documents++;
          if (doc.split === 'validation') validation++;
          await write(`${JSON.stringify(doc)}\n`);
        }
      });
      return { corpus: corpus.id, out, documents, train: documents - validation, validation };
    },
  };
}
