// The whole pipeline on a folder a user might really drop: good documents in every format, duplicates,
// boilerplate, and every kind of bad file. The import goes on past each bad file and says why it skipped it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf, writeDocx, writeDocxBomb } from '../test-support/files';
import { wordTokenizer } from '../tokenize/word-tokenizer';
import { FILES, importOptions, runImport, type CleanDocument, type DocumentRecord, type PipelineReport } from './index';

let dir: string;
let src: string;
let report: PipelineReport;

const letterhead = 'Northside Community Hospital, 12 Elm Road - Cardiology';
const sentence = (i: number) =>
  `Clinic letter ${i}. The patient attended for review of paroxysmal atrial fibrillation, topic ${i * 7919}. ` +
  `Rate control with bisoprolol ${i} mg was continued and anticoagulation with apixaban was discussed at length. ` +
  `Echocardiography number ${i} showed preserved function; follow-up in ${i + 2} months was arranged with the nurse specialist.`;
const note = (i: number) => `${letterhead}\n${sentence(i)}\n${sentence(i + 1000)}`;
const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'studio-pipeline-'));
  src = join(dir, 'src');
  mkdirSync(join(src, 'nested/deeper'), { recursive: true });
  for (let i = 0; i < 12; i++) writeFileSync(join(src, `note-${String(i).padStart(2, '0')}.txt`), note(i));
  writeFileSync(join(src, 'copy-of-note-03.txt'), note(3)); // exact duplicate
  writeFileSync(join(src, 'nested/edited-note-04.md'), `${note(4).replace('was continued', 'was kept on')}`); // near duplicate
  writeFileSync(join(src, 'nested/page.html'), `<html><body><script>x()</script><p>${sentence(50)}</p><p>${sentence(51)}</p></body></html>`);
  writeFileSync(join(src, 'nested/deeper/letter.pdf'), makePdf([sentence(60).slice(0, 90), 'Plan: continue apixaban and review in clinic.']));
  await writeDocx(join(src, 'nested/report.docx'), [sentence(70), sentence(71)]);
  writeFileSync(join(src, 'rows.csv'), `id,text\n1,"${sentence(80)}"\n2,"${sentence(81)}"\n`);
  writeFileSync(join(src, 'lines.jsonl'), `{"text":"${sentence(90)}"}\n{broken\n{"text":"${sentence(91)}"}\n`);
  writeFileSync(join(src, 'short.txt'), 'Too short.');
  writeFileSync(join(src, 'pii.txt'), `Patient John Smith, MRN 4417823, phone 555-201-7788, seen on 03/14/2023. ${sentence(95)}`);
  // Bad input.
  writeFileSync(join(src, 'broken.pdf'), makePdf(['x']).subarray(0, 150));
  writeFileSync(join(src, 'fake.docx'), 'not a zip');
  await writeDocxBomb(join(src, 'bomb.docx'), 300);
  writeFileSync(join(src, 'binary.txt'), Buffer.concat([Buffer.from('\x7fELF'), Buffer.alloc(100, 0)]));
  writeFileSync(join(src, 'empty.txt'), '');
  writeFileSync(join(src, 'huge.txt'), Buffer.alloc(600 * 1024, 0x61));
  symlinkSync(src, join(src, 'nested/loop'));
  const out = join(dir, 'out');
  report = await runImport(importOptions({ paths: [src], outDir: out, tokenizer: wordTokenizer(), pii: { mode: 'redact', allow: [] }, maxFileBytes: 512 * 1024, validationFraction: 0.2, seed: 9 }));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runImport', () => {
  it('reports each bad file with its reason and imports everything else', () => {
    const reasons = Object.fromEntries(report.errors.map((e) => [e.path.slice(src.length + 1), e.reason]));
    expect(reasons).toEqual({
      'broken.pdf': 'corrupt',
      'fake.docx': 'corrupt',
      'bomb.docx': 'bomb',
      'binary.txt': 'binary',
      'empty.txt': 'empty',
      'huge.txt': 'too_large',
      'nested/loop': 'symlink_loop',
      'lines.jsonl': 'invalid_records',
    });
    expect(report.invalid_records).toBe(1);
    // 12 notes + copy + edited + html + pdf + docx + 2 csv rows + 2 json lines + short + pii
    expect(report.documents.in).toBe(23);
    expect(report.files.skipped).toBe(6);
  });

  it('removes the exact and the near duplicate, the short document and the boilerplate', () => {
    expect(report.duplicates).toEqual({ exact: 1, near: 1, clusters: 2 });
    expect(report.filtered.min_length).toBe(1);
    expect(report.boilerplate_lines_removed).toBeGreaterThanOrEqual(12);
    expect(report.documents.kept).toBe(20);
    expect(report.documents.train + report.documents.validation).toBe(20);
    expect(report.documents.validation).toBe(4);
  });

  it('writes the cleaned documents with their split, boilerplate and identifiers gone', () => {
    const docs = lines(join(dir, 'out', FILES.docs)) as CleanDocument[];
    expect(docs).toHaveLength(20);
    expect(docs.every((d) => !d.text.includes(letterhead))).toBe(true);
    const pii = docs.find((d) => d.source.endsWith('pii.txt'))!;
    expect(pii.text).not.toContain('John Smith');
    expect(pii.text).not.toContain('555-201-7788');
    expect(pii.text).toContain('[NAME]');
    expect(report.findings.NAME).toBeGreaterThanOrEqual(1);
    expect(new Set(docs.map((d) => d.split))).toEqual(new Set(['train', 'validation']));
  });

  it('records every document with a status, and duplicates share the split of the one kept', () => {
    const records = lines(join(dir, 'out', FILES.documents)) as DocumentRecord[];
    expect(records).toHaveLength(23);
    const byStatus = (s: string) => records.filter((r) => r.status === s);
    expect(byStatus('kept')).toHaveLength(20);
    for (const dup of [...byStatus('duplicate'), ...byStatus('near_duplicate')]) {
      const head = records.find((r) => r.i === dup.cluster)!;
      expect(head.status).toBe('kept');
      expect(head.cluster).toBe(head.i);
      expect(dup.split).toBe(head.split);
    }
    // The walk is sorted, so nested/edited-note-04.md comes first and note-04.txt is its near duplicate.
    const near = byStatus('near_duplicate')[0]!;
    expect(near.source).toMatch(/note-04\.txt$/);
    expect(records.find((r) => r.i === near.cluster)!.source).toMatch(/edited-note-04\.md$/);
  });

  it('writes token shards whose totals match the report', () => {
    const index = JSON.parse(readFileSync(join(dir, 'out', FILES.shards, 'words-50000', 'index.json'), 'utf8'));
    expect(index.tokens.train + index.tokens.validation).toBe(report.tokens.total);
    expect(index.documents).toEqual({ train: report.documents.train, validation: report.documents.validation });
    expect(report.fertility.tokens_per_word).toBeGreaterThan(1);
  });

  it('gives the same result when run again (seeded)', async () => {
    const again = await runImport(importOptions({ paths: [src], outDir: join(dir, 'again'), tokenizer: wordTokenizer(), pii: null, workers: 2, maxFileBytes: 512 * 1024, validationFraction: 0.2, seed: 9 }));
    const splits = (p: string) => (lines(join(p, FILES.docs)) as CleanDocument[]).filter((d) => !d.source.endsWith('pii.txt')).map((d) => [d.id, d.split]);
    expect(splits(join(dir, 'again'))).toEqual(splits(join(dir, 'out')));
    expect(again.documents).toEqual(report.documents);
    expect(again.duplicates).toEqual(report.duplicates);
  }, 60_000);

  it('drops a confidently foreign document under a language allow-list, with worker threads as inline', async () => {
    // Worker threads leave texts that are not clearly English to the main thread (one language model per import).
    const langDir = join(dir, 'lang-src');
    mkdirSync(langDir);
    const german = 'Der Mieter hat die Miete am ersten Tag eines jeden Monats zu zahlen, und der Vermieter hat das Gebäude während der Dauer des Mietvertrags in gutem Zustand zu halten.';
    const english = 'The tenant shall pay the rent on the first day of each month, and the landlord shall keep the building in good repair for the duration of the lease, without exception.';
    writeFileSync(join(langDir, 'mixed.jsonl'), `${JSON.stringify({ text: german })}\n${JSON.stringify({ text: english })}\n`);
    for (const workers of [0, 2]) {
      const out = join(dir, `lang-${workers}`);
      const r = await runImport(importOptions({ paths: [langDir], outDir: out, tokenizer: wordTokenizer(), pii: { mode: 'report', allow: [] }, workers, languages: ['en'] }));
      expect(r.filtered.language, `workers ${workers}`).toBe(1);
      expect(r.documents.kept).toBe(1);
      const records = lines(join(out, FILES.documents)) as DocumentRecord[];
      expect(records.map((d) => [d.language, d.status, d.filter])).toEqual([['de', 'filtered', 'language'], ['en', 'kept', null]]);
      // Without an allow-list, worker threads' imports detect such texts after the cleaning pass: same labels.
      const all = await runImport(importOptions({ paths: [langDir], outDir: `${out}-all`, tokenizer: wordTokenizer(), pii: { mode: 'report', allow: [] }, workers }));
      expect(all.languages).toEqual({ de: 1, en: 1 });
      expect((lines(join(`${out}-all`, FILES.documents)) as DocumentRecord[]).map((d) => d.language)).toEqual(['de', 'en']);
      expect((lines(join(`${out}-all`, FILES.docs)) as CleanDocument[]).map((d) => d.language)).toEqual(['de', 'en']);
    }
  }, 60_000);

  it('says why a JSON line too long to be a document was skipped, read here or on worker threads', async () => {
    const longDir = join(dir, 'long-src');
    mkdirSync(longDir);
    const note = 'The tenant shall pay the rent on the first day of each month, and the landlord shall keep the building in good repair.';
    writeFileSync(join(longDir, 'records.jsonl'), `${JSON.stringify({ text: note })}\n${JSON.stringify({ text: 'word '.repeat(3_400_000) })}\n`);
    for (const workers of [0, 2]) {
      const r = await runImport(importOptions({ paths: [longDir], outDir: join(dir, `long-${workers}`), tokenizer: wordTokenizer(), pii: null, workers }));
      expect(r.documents.in).toBe(1);
      expect(r.errors.map((e) => [e.reason, e.severity])).toEqual([['invalid_records', 'warning']]);
      expect(r.errors[0]!.message).toContain('1 of 2 records were skipped: not valid JSON, empty, or without the text field "text" (first at record 2). First problem: a record of 17.0 million characters, over the 16 Mi characters one document may have.');
    }
  }, 60_000);

  it('scans an exact copy once and records it as the duplicate of the first, near it or far from it, inline and on worker threads', async () => {
    // 900 notes with names and numbers (over a dozen batches of 64), then copies: of notes 0-4 at the end, far from
    // them (after their findings are in), and of notes 10-12 right after them.
    const person = (i: number) => `Patient Jane Roe-${i}, MRN ${4417800 + i}, seen on 03/14/2023 by Dr. Okafor. ${sentence(i)}`;
    const texts = Array.from({ length: 900 }, (_, i) => person(i));
    const withCopies = [...texts.slice(0, 13), ...texts.slice(10, 13), ...texts.slice(13), ...texts.slice(0, 5)];
    const copiesDir = join(dir, 'copies-src');
    const plainDir = join(dir, 'plain-src');
    mkdirSync(copiesDir);
    mkdirSync(plainDir);
    const jsonl = (rows: string[]) => rows.map((text) => JSON.stringify({ text })).join('\n') + '\n';
    writeFileSync(join(copiesDir, 'notes.jsonl'), jsonl(withCopies));
    writeFileSync(join(plainDir, 'notes.jsonl'), jsonl(texts));
    for (const workers of [0, 2]) {
      const out = join(dir, `copies-${workers}`);
      const r = await runImport(importOptions({ paths: [copiesDir], outDir: out, tokenizer: wordTokenizer(), pii: { mode: 'redact', allow: [] }, workers, seed: 9 }));
      const plain = await runImport(importOptions({ paths: [plainDir], outDir: `${out}-plain`, tokenizer: wordTokenizer(), pii: { mode: 'redact', allow: [] }, workers, seed: 9 }));
      expect(r.duplicates.exact).toBe(8);
      expect(r.findings).toEqual(plain.findings);
      expect(r.findings.NAME).toBeGreaterThan(800);
      const records = lines(join(out, FILES.documents)) as DocumentRecord[];
      const copies = records.filter((d) => d.status === 'duplicate');
      expect(copies.map((d) => [d.i, d.cluster])).toEqual([[13, 10], [14, 11], [15, 12], [903, 0], [904, 1], [905, 2], [906, 3], [907, 4]]);
      for (const copy of copies) expect(copy.bytes).toBe(records[copy.cluster!]!.bytes);
      // The kept documents, redacted, are those of the import without copies.
      const keptTexts = (path: string) => (lines(join(path, FILES.docs)) as CleanDocument[]).map((d) => d.text);
      expect(keptTexts(out)).toEqual(keptTexts(`${out}-plain`));
      expect(keptTexts(out)[0]).toContain('[NAME]');
    }
  }, 120_000);
});
