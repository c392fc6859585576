// Re-tokenizing a stored corpus for a model's tokenizer: no re-import, shards side by side.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importOptions, runImport, FILES } from '../pipeline';
import { loadCorpusTokenizer } from './engine-tokenizer';
import { tokenizeCorpusFolder } from './retokenize';
import { wordTokenizer } from './word-tokenizer';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'studio-retok-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('tokenizeCorpusFolder', () => {
  it('writes WordPiece shards from docs.jsonl beside the import-time shards, with the same documents', async () => {
    const src = join(dir, 'src');
    const out = join(dir, 'corpus');
    mkdirSync(src);
    for (let i = 0; i < 6; i++) writeFileSync(join(src, `${i}.txt`), `The patient number ${i * 7919} was given apixaban and the anticoagulation plan ${i} was reviewed in clinic today.`);
    const report = await runImport(importOptions({ paths: [src], outDir: out, tokenizer: wordTokenizer(), pii: null, validationFraction: 0.34 }));
    rmSync(src, { recursive: true }); // the sources are gone: re-tokenizing must not need them

    const bert = await loadCorpusTokenizer(join(process.cwd(), 'test/fixtures/hf-reference/bert'));
    const { index, fertility } = await tokenizeCorpusFolder(out, bert);
    expect(readdirSync(join(out, FILES.shards)).sort()).toEqual([bert.key, 'words-50000'].sort());
    expect(index.documents).toEqual({ train: report.documents.train, validation: report.documents.validation });
    const docs = readFileSync(join(out, FILES.docs), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { split: string; text: string });
    const train = docs.filter((d) => d.split === 'train');
    // Stored ids: each document's ids plus the [SEP] written after it.
    expect(index.tokens.train).toBe(train.reduce((n, d) => n + bert.encodeIds(d.text).length + 1, 0));
    expect(fertility.tokens_per_word).toBeGreaterThan(1.2); // WordPiece over a 1,500-piece vocabulary splits words
    expect(fertility.fragmented.map((w) => w.word)).toContain('anticoagulation');
    expect(readdirSync(join(out, FILES.shards)).some((n) => n.endsWith('.tmp'))).toBe(false);
    expect(existsSync(join(out, FILES.shards, bert.key, 'index.json'))).toBe(true);
  });

  it('removes the temporary folders of a tokenization whose process died, and only those', async () => {
    const src = join(dir, 'src');
    const out = join(dir, 'corpus');
    mkdirSync(src);
    writeFileSync(join(src, 'a.txt'), 'The tenancy agreement was reviewed with the landlord today.');
    await runImport(importOptions({ paths: [src], outDir: out, tokenizer: wordTokenizer(), pii: null }));
    const tokenizer = wordTokenizer();
    const shards = join(out, FILES.shards);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has ended
    const abandoned = join(shards, `.${tokenizer.key}.${gone}-0badc0de.tmp`);
    const running = join(shards, `.${tokenizer.key}.${process.pid}-0000cafe.tmp`); // this process: still at work
    const other = join(shards, `.other-key.${gone}-0badc0de.tmp`);
    for (const folder of [abandoned, running, other]) mkdirSync(folder, { recursive: true });
    await tokenizeCorpusFolder(out, tokenizer);
    expect(readdirSync(shards).sort()).toEqual([running, other].map((f) => f.slice(shards.length + 1)).concat(tokenizer.key).sort());
  });
});
