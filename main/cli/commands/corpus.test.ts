// `studio corpus …` end to end in-process (CLI → services → job process → store): import a folder with
// a bad file among good ones, then list, show, findings, allow, tokenize and dump — JSON on stdout.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CorpusReport, CorpusSummary } from '../../common/dto';
import { studioAt } from '../testing';

const BERT = join(import.meta.dirname, '../../../test/fixtures/hf-reference/bert');
const root = mkdtempSync(join(tmpdir(), 'studio-corpus-cli-'));
const workspace = join(root, 'ws');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const studio = studioAt(workspace);

describe('studio corpus', () => {
  it('imports, reports, reviews, re-tokenizes and dumps a corpus', async () => {
    const src = join(root, 'notes');
    mkdirSync(src);
    for (let i = 0; i < 6; i++) {
      writeFileSync(join(src, `n${i}.txt`), `Seen by Dr Henry Walsh on 03/0${i + 1}/2023 for review ${i * 7919}. Continue apixaban 5 mg twice daily and recheck renal function in ${i + 2} weeks.`);
    }
    writeFileSync(join(src, 'scan.pdf'), '%PDF-1.7 cut off');
    const imported = await studio('--json', 'corpus', 'import', src, '--name', 'Clinic notes', '--pii', 'redact');
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as CorpusReport;
    expect(report.documents).toMatchObject({ in: 6, kept: 6 });
    expect(report.findings.NAME).toBe(6);
    expect(report.errors).toEqual([expect.objectContaining({ path: join(src, 'scan.pdf'), reason: 'corrupt' })]);
    expect(imported.stderr).toMatch(/Reading|Cleaning|Tokenizing/); // progress goes to stderr (throttled to 1 line/s when not a terminal)

    const list = JSON.parse((await studio('--json', 'corpus', 'list')).stdout) as CorpusSummary[];
    expect(list).toEqual([expect.objectContaining({ name: 'Clinic notes', status: 'ready', documents: 6 })]);
    const shown = await studio('corpus', 'show', 'Clinic notes');
    expect(shown.stdout).toMatch(/documents:\s+6 kept of 6/);
    expect(shown.stdout).toMatch(/skipped .*scan\.pdf: Not a readable PDF/);

    const findings = JSON.parse((await studio('--json', 'corpus', 'findings', 'Clinic notes', '--type', 'NAME')).stdout);
    expect(findings.by_type.NAME.samples[0].text).toBe('Henry Walsh');
    const allowed = JSON.parse((await studio('--json', 'corpus', 'allow', 'Henry Walsh', '--type', 'NAME')).stdout);
    expect(allowed.updated).toBe(6);

    const tokenized = await studio('--json', 'corpus', 'tokenize', String(report.corpus.id), '--tokenizer', BERT);
    expect(tokenized.code, tokenized.stderr).toBe(0);
    expect(JSON.parse(tokenized.stdout).tokenizer).toMatchObject({ vocab_size: 1500, dtype: 'uint16' });

    const kept = JSON.parse((await studio('--json', 'corpus', 'documents', 'Clinic notes', '--status', 'kept', '--limit', '4')).stdout);
    expect(kept).toMatchObject({ total: 6, offset: 0, status: 'kept' });
    expect(kept.documents.map((d: { source: string }) => d.source)).toEqual([0, 1, 2, 3].map((i) => join(src, `n${i}.txt`)));
    const next = await studio('corpus', 'documents', 'Clinic notes', '--offset', '4');
    expect(next.stdout).toMatch(/Documents 5–6 of 6\n?$/);
    expect((await studio('corpus', 'documents', 'Clinic notes', '--status', 'gone')).stderr).toMatch(/Allowed choices are kept, removed/);

    const out = join(root, 'dump.jsonl');
    const dumped = await studio('corpus', 'dump', 'Clinic notes', '--out', out);
    expect(dumped.stdout).toMatch(/Wrote 6 documents/);
    const docs = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; split: string });
    expect(docs.every((d) => d.text.includes('[NAME]') && !d.text.includes('Henry Walsh'))).toBe(true);
    expect(docs.filter((d) => d.split === 'validation')).toHaveLength(1);
  });

  it('exits 1 with a clear message for a name already taken or nothing readable', async () => {
    const taken = await studio('corpus', 'import', root, '--name', 'clinic NOTES');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'blank.txt'), '');
    const nothing = await studio('corpus', 'import', empty, '--name', 'Nothing');
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/No documents could be read.*blank\.txt.*empty/);
    expect(JSON.parse((await studio('--json', 'corpus', 'list')).stdout)).toHaveLength(1);
  });

  it('deletes a corpus: its folder and report are gone, the name is free, a second delete exits 1', async () => {
    const [corpus] = JSON.parse((await studio('--json', 'corpus', 'list')).stdout) as CorpusSummary[];
    const deleted = await studio('--json', 'corpus', 'delete', 'Clinic notes');
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ corpus: corpus!.id, name: 'Clinic notes', documents: 6, runs: [], kept_as_record: false });
    expect(existsSync(join(workspace, 'corpora', String(corpus!.id)))).toBe(false);
    expect(JSON.parse((await studio('--json', 'corpus', 'list')).stdout)).toEqual([]);
    const again = await studio('corpus', 'delete', 'Clinic notes');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/No corpus "Clinic notes"/);
  });
});
