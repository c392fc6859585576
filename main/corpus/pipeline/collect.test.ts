// Pass 1 on worker threads (whole files read there, batches of records prepared there) stages exactly
// what the main thread alone stages: same documents in the same order, same boilerplate counts, same
// counters, and the same per-file problem for every kind of bad file, including one that disappears
// after the walk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoilerplateDetector } from '../stages/boilerplate';
import { makePdf, writeDocx } from '../test-support/files';
import { wordTokenizer } from '../tokenize/word-tokenizer';
import { analyzeSettings } from './clean';
import { collect, findSources, noTextMessage, type Sources } from './collect';
import { importOptions, type ImportOptions } from './index';
import { inlinePool, workerPool, type AnalyzerPool } from './pool';
import { prepareFiles } from './prepare';
import { decodeTexts, readStagedBatches } from './staging';
import { Timings } from './timings';

let dir: string;
let options: ImportOptions;
let sources: Sources;

const letterhead = 'Riverside Legal Clinic LLP - 4 Harbour Street';
const body = (i: number) => `Memo ${i}. The tenancy agreement number ${i * 31} was reviewed and the deposit clause found enforceable.`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'studio-collect-'));
  const src = join(dir, 'src');
  mkdirSync(join(src, 'nested'), { recursive: true });
  for (let i = 0; i < 30; i++) writeFileSync(join(src, `memo-${String(i).padStart(2, '0')}.txt`), `${letterhead}\r\n\r\n\r\n${body(i)}\u200b  \n`);
  writeFileSync(join(src, 'nested/page.html'), `<html><body><script>x()</script><p>${letterhead}</p><p>${body(50)}</p></body></html>`);
  writeFileSync(join(src, 'nested/notes.md'), `# Notes\n\n${letterhead}\n\n* ${body(51)}`);
  writeFileSync(join(src, 'letter.pdf'), makePdf([body(60).slice(0, 80)]));
  await writeDocx(join(src, 'report.docx'), [letterhead, body(70)]);
  writeFileSync(join(src, 'rows.csv'), `id,text\n1,"${body(80)}"\n2,""\n3,"${letterhead}\n${body(81)}"\n`);
  const jsonl = Array.from({ length: 300 }, (_, i) => JSON.stringify({ text: `${letterhead}\n${body(100 + i)} \u00a0lone \ud800 surrogate` }));
  writeFileSync(join(src, 'lines.jsonl'), `${jsonl.join('\n')}\n{broken\n{"text":"   "}\n`);
  // Bad input.
  writeFileSync(join(src, 'broken.pdf'), makePdf(['x']).subarray(0, 150));
  writeFileSync(join(src, 'fake.docx'), 'not a zip');
  writeFileSync(join(src, 'binary.txt'), Buffer.concat([Buffer.from('\x7fELF'), Buffer.alloc(100, 0)]));
  // Among the memos: a failure inside a group of small files read together.
  writeFileSync(join(src, 'memo-15b.txt'), Buffer.concat([Buffer.from('\x7fELF'), Buffer.alloc(100, 0)]));
  writeFileSync(join(src, 'markup-only.html'), '<html><body><script>only()</script></body></html>');
  writeFileSync(join(src, 'gone.txt'), 'This file is deleted after the walk found it.');
  options = importOptions({ paths: [src], outDir: dir, tokenizer: wordTokenizer(), maxFileBytes: 512 * 1024 });
  sources = await findSources(options);
  rmSync(join(src, 'gone.txt'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Pass 1 with `threads` workers; `threads` = -1: no threads, but every whole file goes through prepareFiles and a
 * structured clone, as it does on a worker thread (whatever the timing, unlike real threads that take files only
 * when they have room).
 */
async function pass1(threads: number) {
  const boilerplate = new BoilerplateDetector(options.boilerplate);
  const settings = analyzeSettings(options, boilerplate, threads);
  const inline = threads > 0 ? null : await inlinePool(settings);
  const pool: AnalyzerPool = inline
    ? threads === 0
      ? inline
      : { ...inline, prepareFiles: (paths, o) => prepareFiles(paths, o, boilerplate, () => 0).then((r) => structuredClone(r)) }
    : workerPool(threads, () => settings);
  let filesOnWorkers = 0;
  const counting: AnalyzerPool = {
    ...pool,
    prepareFiles: (paths, o) => {
      const answer = pool.prepareFiles(paths, o);
      if (answer) filesOnWorkers += paths.length;
      return answer;
    },
  };
  try {
    await pool.ready(); // so that the workers take their share, however small the import
    const staging = join(dir, `staging-${threads}-${Math.random()}`);
    const result = await collect(options, { ...sources, problems: [...sources.problems] }, counting, staging, new Timings());
    const staged = [...readStagedBatches(staging, 64, 1 << 20)].flatMap((b) => decodeTexts(b.texts).map((t, k) => ({ f: b.files[k], r: b.records[k], t })));
    const counts = new Uint16Array(settings.boilerplate.memory);
    return { result, staged, counts, docs: boilerplate.docs, filesOnWorkers };
  } finally {
    await pool.close();
  }
}

describe('collect', () => {
  it('stages the same documents, counts and problems on worker threads as on the main thread', async () => {
    const inline = await pass1(0);
    const threaded = await pass1(2);
    // How many files the workers take depends on timing (a group goes to a worker only when one has room); the
    // workers are idle when the first group is sent, so at least that one is read there. pass1(-1) covers every file.
    expect(threaded.filesOnWorkers).toBeGreaterThan(0);
    const allFiles = await pass1(-1);
    expect(allFiles.filesOnWorkers).toBe(30 + 6); // the memos, page.html, notes.md, binary.txt, memo-15b.txt, markup-only.html, gone.txt
    expect(allFiles.result).toEqual(inline.result);
    expect(allFiles.staged).toEqual(inline.staged);
    expect(threaded.result).toEqual(inline.result);
    expect(threaded.staged).toEqual(inline.staged);
    expect(threaded.docs).toBe(inline.docs);
    expect(Buffer.from(threaded.counts.buffer).equals(Buffer.from(inline.counts.buffer))).toBe(true);
    // What the main thread alone makes of these files (the worker threads reproduce it above).
    const reasons = Object.fromEntries(inline.result.problems.map((p) => [p.path.slice(p.path.indexOf('src/') + 4), p.reason]));
    expect(inline.result.problems.find((p) => p.reason === 'no_text')?.message).toMatch(/only markup/);
    expect(reasons).toEqual({
      'broken.pdf': 'corrupt', 'fake.docx': 'corrupt', 'binary.txt': 'binary', 'memo-15b.txt': 'binary', 'markup-only.html': 'no_text', 'gone.txt': 'missing',
      'lines.jsonl': 'invalid_records', 'rows.csv': 'invalid_records',
    });
    expect(inline.staged.find((d) => d.t.includes('\ud800'))).toBeDefined();
    expect(inline.result.documents).toBe(30 + 2 + 1 + 1 + 2 + 300);
    expect(inline.docs).toBe(inline.result.documents);
  }, 60_000);
});

describe('a file without text', () => {
  it('is explained in the words of its format', () => {
    expect(noTextMessage('/a/scan.PDF')).toMatch(/scanned PDF.*OCR/);
    expect(noTextMessage('/a/pictures.docx')).toMatch(/empty or holds only pictures/);
    expect(noTextMessage('/a/page.htm')).toMatch(/only markup/);
    expect(noTextMessage('/a/rows.csv')).toMatch(/no records/);
    expect(noTextMessage('/a/blank.txt')).toMatch(/empty or holds only whitespace/);
  });
});
