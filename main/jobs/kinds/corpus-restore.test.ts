// The corpus.restore job against a real workspace: findings allow-listed after a redacting import are put back
// in the stored documents, the import's shards are written again from them and the rows follow; a corpus a run
// has trained on, one imported without redaction, or one whose text does not match its findings is refused and
// left as it was.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusImportSchema } from '../../common/contract';
import type { CorpusReport } from '../../common/dto';
import type { CleanDocument } from '../../corpus/layout';
import type { ShardIndex } from '../../corpus/tokenize/shards';
import { wordTokenizer } from '../../corpus/tokenize/word-tokenizer';
import { openWorkspaceDb, type WritableDb } from '../../store/db';
import { findCorpus } from '../../store/queries/corpora';
import { allowFindingText, listRestorable, listShardSets, upsertShardSet } from '../../store/queries/documents';
import { insertRun } from '../../store/queries/runs';
import type { JobContext } from '../context';
import { testJobContext } from '../test-support';
import { corpusImport } from './corpus-import';
import { corpusRestore } from './corpus-restore';

let dir: string;
let workspace: string;
let db: WritableDb;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-corpus-restore-'));
  workspace = join(dir, 'ws');
  db = openWorkspaceDb(join(workspace, 'studio.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const context = (kind: string): JobContext => testJobContext(db, workspace, kind);

/** Letters naming "Mary Jones" and the "Declaration of Human Rights" (whose "Human" the scanner takes for a name). */
async function importLetters(name: string, pii: 'redact' | 'report' = 'redact'): Promise<CorpusReport> {
  const src = join(dir, `src-${name}`);
  mkdirSync(src, { recursive: true });
  for (let i = 0; i < 12; i++) {
    writeFileSync(
      join(src, `letter-${i}.txt`),
      `Letter ${i} about the tenancy of flat ${i * 31}. Mary Jones (phone 617-555-01${String(10 + i)}) asked under section ${i + 3} ` +
        `whether the Declaration of Human Rights applies to topic ${i * 7919}; the landlord's answer is pending.`,
    );
  }
  return corpusImport(corpusImportSchema.parse({ paths: [src], name, pii }), context('corpus.import'));
}

const docsOf = (id: number): CleanDocument[] =>
  readFileSync(join(workspace, 'corpora', String(id), 'docs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CleanDocument);
const keptBytes = (id: number) => db.sql.prepare("SELECT sum(bytes) FROM documents WHERE corpus_id = ? AND status = 'kept'").pluck().get(id) as number;

describe('corpus.restore job', () => {
  it('puts back allow-listed findings, writes the shards again and updates the rows; a second run has nothing to do', async () => {
    const report = await importLetters('Letters');
    const id = report.corpus.id;
    const before = docsOf(id);
    expect(before.every((d) => d.text.includes('[NAME]') && d.text.includes('[PHONE]') && !d.text.includes('Mary Jones'))).toBe(true);
    expect(allowFindingText(db, 'NAME', 'Mary Jones')).toBe(12);
    expect(listRestorable(db)).toEqual([{ corpus: id, name: 'Letters', documents: 12, findings: 12 }]);

    const result = await corpusRestore({ corpus: 'Letters' }, context('corpus.restore'));
    expect(result).toMatchObject({ corpus: id, documents: 12, findings: 12, shard_sets_removed: [] });
    const after = docsOf(id);
    for (let k = 0; k < before.length; k++) {
      expect(after[k]!.text).toBe(before[k]!.text.replace('[NAME]', 'Mary Jones'));
      expect(after[k]!.text).toContain('[PHONE]'); // not allow-listed: stays redacted
      expect({ ...after[k], text: '' }).toEqual({ ...before[k], text: '' });
    }
    // Sizes: each document, the corpus row and the report agree with the text now stored.
    expect(keptBytes(id)).toBe(after.reduce((a, d) => a + Buffer.byteLength(d.text), 0));
    const corpus = findCorpus(db, id)!;
    expect(corpus.bytes).toBe(keptBytes(id));
    expect(result.bytes).toEqual({ before: report.bytes.kept, after: corpus.bytes });
    expect((corpus.report as CorpusReport).bytes.kept).toBe(corpus.bytes);
    // The shards are those of the restored text: as many tokens as the word tokenizer gives it (and a separator each).
    const tokenizer = wordTokenizer();
    const index = JSON.parse(readFileSync(join(workspace, 'corpora', String(id), 'shards', tokenizer.key, 'index.json'), 'utf8')) as ShardIndex;
    const separators = tokenizer.separatorId === null ? 0 : after.length;
    const expected = after.reduce((a, d) => a + tokenizer.encodeIds(d.text).length, separators);
    expect(index.tokens.train + index.tokens.validation).toBe(expected);
    expect(result.tokens?.total).toBe(expected);
    expect(corpus.tokens).toBe(expected);
    expect(listShardSets(db, id).map((s) => [s.tokenizer, s.tokens_train + s.tokens_validation])).toEqual([[tokenizer.key, expected]]);
    expect(db.sql.prepare('SELECT count(*) FROM findings WHERE restored = 1').pluck().get()).toBe(12);
    expect(listRestorable(db)).toEqual([]);

    const again = await corpusRestore({ corpus: id }, context('corpus.restore'));
    expect(again).toMatchObject({ documents: 0, findings: 0 });
    expect(docsOf(id)).toEqual(after);
  });

  it("removes other tokenizers' shard sets (training writes them again from the restored text)", async () => {
    const { corpus } = await importLetters('Letters');
    const other = join(workspace, 'corpora', String(corpus.id), 'shards', 'wp-other');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'index.json'), '{}');
    upsertShardSet(db, corpus.id, { tokenizer: 'wp-other', vocab_size: 100, dtype: 'uint16', tokens_train: 1, tokens_validation: 1, tokens_per_word: 1 });
    allowFindingText(db, null, 'mary jones');
    const result = await corpusRestore({ corpus: corpus.id }, context('corpus.restore'));
    expect(result.shard_sets_removed).toEqual(['wp-other']);
    expect(existsSync(other)).toBe(false);
    expect(listShardSets(db, corpus.id).map((s) => s.tokenizer)).toEqual([wordTokenizer().key]);
  });

  it('refuses a corpus a run has trained on, and one imported without redaction, changing nothing', async () => {
    const { corpus } = await importLetters('Letters');
    const { corpus: reported } = await importLetters('Reported', 'report');
    allowFindingText(db, 'NAME', 'Mary Jones');
    insertRun(db, { corpus_id: corpus.id, base_model_id: null, method: 'scratch' });
    const docs = docsOf(corpus.id);
    await expect(corpusRestore({ corpus: corpus.id }, context('corpus.restore'))).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/trained on \(run 1\)/) });
    expect(docsOf(corpus.id)).toEqual(docs);
    await expect(corpusRestore({ corpus: reported.id }, context('corpus.restore'))).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/--pii report/) });
    // Only the redacting corpus is listed as holding placeholders, trained on or not (the CLI names it; restore explains).
    expect(listRestorable(db).map((c) => c.name)).toEqual(['Letters']);
  });

  it('refuses a text that does not hold its findings where they were found, leaving the documents as they were', async () => {
    const { corpus } = await importLetters('Letters');
    const path = join(workspace, 'corpora', String(corpus.id), 'docs.jsonl');
    const docs = docsOf(corpus.id);
    docs[3]!.text = docs[3]!.text.replace('Letter', 'Note'); // shifts every placeholder after it
    writeFileSync(path, docs.map((d) => `${JSON.stringify(d)}\n`).join(''));
    allowFindingText(db, 'NAME', 'Mary Jones');
    await expect(corpusRestore({ corpus: corpus.id }, context('corpus.restore'))).rejects.toMatchObject({ code: 'workspace_corrupt', message: expect.stringMatching(/Document 3 /) });
    expect(docsOf(corpus.id)).toEqual(docs);
    expect(db.sql.prepare('SELECT count(*) FROM findings WHERE restored = 1').pluck().get()).toBe(0);
  });

  it('stopped while tokenizing, the text and the rows agree; a run after a kill between them repairs the rows', async () => {
    const { corpus } = await importLetters('Letters');
    allowFindingText(db, 'NAME', 'Mary Jones');
    const stop = new AbortController();
    const ctx = testJobContext(db, workspace, 'corpus.restore', {
      signal: stop.signal,
      progress: (_, message) => {
        if (message?.startsWith('Tokenizing')) stop.abort();
      },
    });
    await expect(corpusRestore({ corpus: corpus.id }, ctx)).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/text was put back/) });
    const restoredText = docsOf(corpus.id);
    expect(restoredText.every((d) => d.text.includes('Mary Jones'))).toBe(true);
    expect(db.sql.prepare('SELECT count(*) FROM findings WHERE restored = 1').pluck().get()).toBe(12);
    expect(findCorpus(db, corpus.id)!.bytes).toBe(keptBytes(corpus.id));
    expect(keptBytes(corpus.id)).toBe(restoredText.reduce((a, d) => a + Buffer.byteLength(d.text), 0));

    // A kill after the text was written and before the rows: the rows say nothing was put back, sizes are the old ones.
    db.sql.prepare('UPDATE findings SET restored = 0').run();
    db.sql.prepare('UPDATE corpora SET bytes = bytes - 100 WHERE id = ?').run(corpus.id);
    const again = await corpusRestore({ corpus: corpus.id }, context('corpus.restore'));
    expect(again).toMatchObject({ documents: 12, findings: 0, already: 12 });
    expect(docsOf(corpus.id)).toEqual(restoredText);
    expect(findCorpus(db, corpus.id)!.bytes).toBe(keptBytes(corpus.id));
    expect(again.bytes.after).toBe(keptBytes(corpus.id));
    expect(listShardSets(db, corpus.id)).toHaveLength(1);
    expect(db.sql.prepare('SELECT count(*) FROM findings WHERE restored = 1').pluck().get()).toBe(12);
  });
});
