// The analysis hands each document's findings over as a block of the findings file: the findings of the text
// as scanned (after boilerplate removal, before redaction), numbered by the document's place in the import,
// and nothing for documents without findings or that a filter removed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanPii } from '../pii';
import { BoilerplateDetector } from '../stages/boilerplate';
import { wordTokenizer } from '../tokenize/word-tokenizer';
import { Analyzer } from './analyze';
import { ByteWriter } from './binary-file';
import { analyzeSettings } from './clean';
import { contextOf, readFindingsFile } from './findings-file';
import { importOptions } from './index';
import { decodeTexts } from './staging';

const dir = mkdtempSync(join(tmpdir(), 'studio-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS = [
  'Patient: Jane Roe\nDOB: 03/14/1961\nMRN: 448812\n\nSeen by Dr. Okafor on 3/14/2020 for review of her atrial fibrillation.',
  'The committee reviewed the quarterly budget and agreed to revisit the proposal at the next scheduled meeting.',
  'Too short.',
  'Call John Smith at 555-123-4567 or "jsmith@example.com" about the results of the echocardiogram done last week.',
];

describe('Analyzer', () => {
  it('returns the findings of the text before redaction, numbered from `first`', async () => {
    const options = importOptions({ paths: [], outDir: dir, tokenizer: wordTokenizer(), pii: { mode: 'redact', allow: [] } });
    const analyzer = new Analyzer(analyzeSettings(options, new BoilerplateDetector(options.boilerplate), 0));
    const { analyses: results, texts } = await analyzer.analyzeBatch(TEXTS, 10);
    expect(results.map((a) => a.findings !== null)).toEqual([true, false, false, true]);
    // The texts that may be kept, redacted; nothing for the one the length filter removed.
    expect(results.map((a) => a.filter)).toEqual([null, null, 'min_length', null]);
    const out = decodeTexts(texts);
    expect(out[0]).toContain('[NAME]');
    expect(out[0]).not.toContain('Jane Roe');
    expect(out[1]).toBe(TEXTS[1]);
    expect(out[2]).toBe('');
    expect(out[3]).toContain('[EMAIL]');
    expect(results.map((a) => a.bytes)).toEqual([Buffer.byteLength(out[0]!), TEXTS[1]!.length, 10, Buffer.byteLength(out[3]!)]);
    const path = join(dir, 'findings.bin');
    const file = new ByteWriter(path);
    for (const a of results) if (a.findings) file.bytes(a.findings);
    file.close();
    const wanted = [0, 3].flatMap((k) =>
      scanPii(TEXTS[k]!).map((f) => ({ doc: 10 + k, type: f.type, start: f.start, end: f.end, text: f.text, context: contextOf(TEXTS[k]!, f.start, f.end), confidence: f.confidence })),
    );
    expect(wanted.length).toBeGreaterThan(5);
    expect([...readFindingsFile(path)]).toEqual(wanted);
  });

  it('does not scan again a text it scanned before: an exact duplicate gets that text\'s bytes, no findings and no text', async () => {
    const options = importOptions({ paths: [], outDir: dir, tokenizer: wordTokenizer(), pii: { mode: 'redact', allow: [] } });
    const analyzer = new Analyzer(analyzeSettings(options, new BoilerplateDetector(options.boilerplate), 0));
    // The first text twice in one batch, and once more in the next batch.
    const first = await analyzer.analyzeBatch([TEXTS[0]!, TEXTS[1]!, TEXTS[0]!], 0);
    const second = await analyzer.analyzeBatch([TEXTS[3]!, TEXTS[0]!], 3);
    const original = first.analyses[0]!;
    for (const copy of [first.analyses[2]!, second.analyses[1]!]) {
      expect(copy.duplicateOfScanned).toBe(true);
      expect(copy.hash).toBe(original.hash);
      expect(copy.bytes).toBe(original.bytes);
      expect(copy.findings).toBeNull();
      expect(copy.signature).toEqual(original.signature);
    }
    expect(decodeTexts(first.texts)[2]).toBe('');
    expect(decodeTexts(second.texts)[1]).toBe('');
    // The others are scanned as ever.
    expect(original.duplicateOfScanned).toBeUndefined();
    expect(original.findings).not.toBeNull();
    expect(second.analyses[0]!.findings).not.toBeNull();
  });

  it('does not scan a text the caller marks as a copy of one scanned before, and takes the size it gives', async () => {
    const options = importOptions({ paths: [], outDir: dir, tokenizer: wordTokenizer(), pii: { mode: 'redact', allow: [] } });
    const analyzer = new Analyzer(analyzeSettings(options, new BoilerplateDetector(options.boilerplate), 0));
    const marked = Int32Array.from([-1, 77, -1, -1]);
    const { analyses, texts } = await analyzer.analyzeBatch([TEXTS[0]!, TEXTS[3]!, TEXTS[2]!, TEXTS[3]!], 0, marked);
    expect(analyses.map((a) => a.duplicateOfScanned === true)).toEqual([false, true, false, false]);
    expect(analyses[1]!.bytes).toBe(77);
    expect(analyses[1]!.findings).toBeNull();
    expect(decodeTexts(texts)[1]).toBe('');
    // Not the filtered one, whatever the mark; the unmarked copy of text 3 is scanned.
    expect(analyses[2]!.filter).toBe('min_length');
    expect(analyses[3]!.findings).not.toBeNull();
  });
});
