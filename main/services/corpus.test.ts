// corpus.* services over a workspace with one imported corpus: the report, review samples, allow-listing
// (stored findings updated, future imports honour it) and the dump training reads.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusImportSchema, type Api } from '../common/contract';
import { validateRequest } from '../common/validate';
import { corpusImport } from '../jobs/kinds/corpus-import';
import { testJobContext } from '../jobs/test-support';
import { openWorkspaceDb, type WritableDb } from '../store/db';
import { corpusServices } from './corpus';

let dir: string;
let workspace: string;
let db: WritableDb;
let api: Pick<Api, 'corpus.show' | 'corpus.findings' | 'corpus.allow' | 'corpus.dump' | 'corpus.import'>;
const started: Record<string, unknown>[] = [];

async function importFolder(name: string, texts: string[]) {
  const src = join(dir, name);
  mkdirSync(src, { recursive: true });
  texts.forEach((t, i) => writeFileSync(join(src, `${i}.txt`), t));
  return corpusImport(corpusImportSchema.parse({ paths: [src], name, validation_fraction: 0.25 }), testJobContext(db, workspace, 'corpus.import'));
}

const letter = (i: number) =>
  `Dear Dr Alice Walker, thank you for seeing patient ${i} regarding the warfarin dose review number ${i * 7919}. ` +
  `The INR has been stable and the plan is to continue the current regimen with monthly monitoring, item ${i}.`;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'studio-corpus-svc-'));
  workspace = join(dir, 'ws');
  db = openWorkspaceDb(join(workspace, 'studio.db'));
  started.length = 0;
  api = corpusServices({ workspace, db, mode: 'cli', supervisor: { start: (_k, p) => (started.push(p), { id: 1 } as never), cancel: () => ({}) as never } });
  await importFolder('Letters', Array.from({ length: 8 }, (_, i) => letter(i)));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('corpus services', () => {
  it('shows the report by name or id', async () => {
    const byName = await api['corpus.show'](validateRequest('corpus.show', { corpus: 'Letters' }));
    expect(byName.documents.kept).toBe(8);
    expect(await api['corpus.show']({ corpus: byName.corpus.id })).toEqual(byName);
    await expect(api['corpus.show']({ corpus: 'Nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('samples findings per type, and allow-listing marks them everywhere', async () => {
    const findings = await api['corpus.findings'](validateRequest('corpus.findings', { corpus: 'Letters', limit: 3 }));
    const names = findings.by_type.NAME!;
    expect(names.total).toBeGreaterThanOrEqual(8);
    expect(names.samples).toHaveLength(3);
    expect(names.samples[0]!.text).toBe('Alice Walker');
    expect(names.samples[0]!.context).toContain('thank you for seeing');

    const allowed = await api['corpus.allow'](validateRequest('corpus.allow', { text: 'alice  WALKER', type: 'NAME' }));
    expect(allowed.updated).toBe(names.total);
    const after = await api['corpus.findings']({ corpus: 'Letters', type: 'NAME' });
    expect(after.by_type.NAME!.allow_listed).toBe(names.total);
    expect((await api['corpus.show']({ corpus: 'Letters' })).findings.NAME).toBeUndefined();

    // A later import no longer flags the allow-listed text.
    const second = await importFolder('More letters', Array.from({ length: 3 }, (_, i) => letter(100 + i)));
    expect(second.findings.NAME ?? 0).toBe(0);
  });

  it('dumps the cleaned documents with their split, exactly as stored for training', async () => {
    const out = join(dir, 'dump.jsonl');
    const r = await api['corpus.dump']({ corpus: 'Letters', out });
    expect(r).toMatchObject({ documents: 8, train: 6, validation: 2 });
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ id: expect.any(Number), split: expect.stringMatching(/train|validation/), language: 'en', source: expect.any(String), text: expect.stringContaining('warfarin') });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(workspace, 'corpora', String(r.corpus), 'docs.jsonl'), 'utf8'));
  });

  it('starts an import job with absolute paths, refusing a taken name or paths that do not exist', async () => {
    await expect(api['corpus.import'](validateRequest('corpus.import', { paths: [dir], name: 'letters' }))).rejects.toMatchObject({ code: 'conflict' });
    await expect(api['corpus.import'](validateRequest('corpus.import', { paths: ['/no/such/folder'], name: 'New' }))).rejects.toMatchObject({ code: 'bad_input' });
    await api['corpus.import'](validateRequest('corpus.import', { paths: [dir], name: 'New', pii: 'drop' }));
    expect(started[0]).toMatchObject({ paths: [dir], name: 'New', pii: 'drop', text_column: 'text', validation_fraction: 0.05 });
  });
});
