// However the work of an import is shared between threads — the main thread alone, one worker beside the main
// thread (both reading and analysing, whichever has room), two workers — every output file and the report are the
// same, byte for byte: documents are numbered, staged, deduplicated and split in the same order.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticText } from '../synthetic';
import { wordTokenizer } from '../tokenize/word-tokenizer';
import { importOptions, runImport } from './index';

let dir: string;
let src: string;

function hashTree(root: string, rel = '', h = createHash('sha256')): ReturnType<typeof createHash> {
  for (const name of readdirSync(join(root, rel)).sort()) {
    const path = join(root, rel, name);
    if (statSync(path).isDirectory()) hashTree(root, join(rel, name), h);
    else h.update(`${join(rel, name)}\0`).update(readFileSync(path));
  }
  return h;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-threads-'));
  src = join(dir, 'src');
  mkdirSync(join(src, 'letters'), { recursive: true });
  // Enough documents for many batches in both passes; every third one repeated (exact duplicates across files).
  const texts = [...syntheticText({ seed: 77, bytes: 1_500_000 })];
  const lines = texts.map((text, i) => JSON.stringify({ text: i % 3 === 0 && i > 0 ? texts[i - 3] : text }));
  writeFileSync(join(src, 'a.jsonl'), `${lines.slice(0, 300).join('\n')}\n{not json\n`);
  writeFileSync(join(src, 'b.jsonl'), `${lines.slice(300).join('\n')}\n`);
  texts.slice(0, 120).forEach((t, i) => writeFileSync(join(src, 'letters', `letter-${String(i).padStart(3, '0')}.txt`), `Harbour Street Clinic\n${t}`));
  // Read in chunks of about 1 MiB of whole lines (parsed on the workers when there are any): a byte order mark, CRLF and
  // lone CR line breaks, blank lines, and bad records only past the first chunk, whose line numbers the report gives.
  const records = lines.slice(0, 700).map((l) => `${l}\r\n`);
  writeFileSync(join(src, 'c.jsonl'), `\uFEFF${records.join('')}\r\n{broken\r\n{"other": "x"}\r${lines[5]}\r\n\r\n[1]\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runImport on threads', () => {
  it('writes the same files and report with 0, 1 and 2 worker threads', async () => {
    const hashes: string[] = [];
    for (const workers of [0, 1, 2]) {
      const out = join(dir, `out-${workers}`);
      const report = await runImport(importOptions({ paths: [src], outDir: out, tokenizer: wordTokenizer(), pii: { mode: 'redact', allow: [] }, workers }));
      expect(report.timings_ms.worker_threads).toBe(workers);
      expect(report.duplicates.exact).toBeGreaterThan(100);
      // c.jsonl: 700 records on lines 1–700, line 701 blank; bad ones on lines 702, 703 and 706.
      expect(report.errors.find((e) => e.path.endsWith('c.jsonl'))?.message).toContain('3 of 704 records were skipped');
      expect(report.errors.find((e) => e.path.endsWith('c.jsonl'))?.message).toContain('(first at record 702, 703, 706)');
      const { timings_ms: _timings, ...rest } = report;
      hashes.push(hashTree(out).update(JSON.stringify(rest)).digest('hex'));
    }
    expect(hashes[1]).toBe(hashes[0]);
    expect(hashes[2]).toBe(hashes[0]);
  }, 120_000);

  it('works a document too large for a worker on the main thread: same files and report with 0 and 2 workers', async () => {
    const long = join(dir, 'long');
    mkdirSync(long, { recursive: true });
    // One document of 4.5 MB (over what a worker is given at once) beside a few ordinary ones.
    const texts = [...syntheticText({ seed: 5, bytes: 4_600_000 })];
    writeFileSync(join(long, 'record.txt'), texts.join('\n\n'));
    texts.slice(0, 5).forEach((t, i) => writeFileSync(join(long, `note-${i}.txt`), `${t}\nSeen again on ${i + 1}/3/2024.`));
    const hashes: string[] = [];
    for (const workers of [0, 2]) {
      const out = join(dir, `long-${workers}`);
      const report = await runImport(importOptions({ paths: [long], outDir: out, tokenizer: wordTokenizer(), pii: { mode: 'redact', allow: [] }, workers }));
      expect(report.timings_ms.worker_threads).toBe(workers);
      expect(report.documents.in).toBe(6);
      const { timings_ms: _timings, ...rest } = report;
      hashes.push(hashTree(out).update(JSON.stringify(rest)).digest('hex'));
    }
    expect(hashes[1]).toBe(hashes[0]);
  }, 120_000);
});
