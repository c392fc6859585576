// Labelled files for lora-task: CSV and JSONL read into rows, malformed rows and unknown labels refused
// with their line, BIO checked, a seeded split, and word tags aligned to the first piece of each word.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../engine/tokenizers';
import { readTaskFile, splitRows, tokenizeRows } from './task-data';

const dir = mkdtempSync(join(tmpdir(), 'task-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const BERT = resolve(import.meta.dirname, '../../../test/fixtures/hf-reference/bert');

describe('readTaskFile', () => {
  it('reads text,label CSV (quoted commas, extra columns) and infers sequence classification', () => {
    const t = readTaskFile(file('a.csv', 'text,label,source\n"Fever, cough",infection,x\nBroken wrist,injury,y\nSore throat,infection,z\n'));
    expect(t.kind).toBe('sequence-classification');
    expect(t.labels).toEqual(['infection', 'injury']);
    expect(t.rows[0]).toMatchObject({ text: 'Fever, cough', label: 'infection' });
  });

  it('reads tokens,tags JSONL with BIO tags and puts O first', () => {
    const t = readTaskFile(file('b.jsonl', '{"tokens":["Dr","Smith","saw","her"],"tags":["B-PER","I-PER","O","O"]}\n\n{"tokens":"Paris is big","tags":"B-LOC O O"}\n'));
    expect(t.kind).toBe('token-classification');
    expect(t.labels).toEqual(['O', 'B-LOC', 'B-PER', 'I-PER']);
    expect(t.rows[1]).toMatchObject({ line: 3, tokens: ['Paris', 'is', 'big'] });
  });

  it('refuses malformed rows and unknown labels, naming the line', () => {
    expect(() => readTaskFile(file('c.jsonl', '{"text":"ok","label":"a"}\n{"text":"no label"}\n'))).toThrow(/line 2 .* has no label/);
    expect(() => readTaskFile(file('d.jsonl', '{"text":"ok","label":"a"}\nnot json\n'))).toThrow(/Line 2 .* not valid JSON/);
    expect(() => readTaskFile(file('e.jsonl', '{"tokens":["a","b"],"tags":["O"]}\n'))).toThrow(/1 tags for 2 tokens/);
    expect(() => readTaskFile(file('f.jsonl', '{"tokens":["a"],"tags":["PER"]}\n'))).toThrow(/"PER", which is not BIO/);
    expect(() => readTaskFile(file('g.csv', 'text,label\nx,a\ny,b\nz,c\n'), { labels: ['a', 'b'] })).toThrow(/line 4 .* label "c", which is not one of the allowed labels \(a, b\)/);
    expect(() => readTaskFile(file('h.csv', 'text,label\nx,a\ny,a\n'))).toThrow(/only one label/);
    expect(() => readTaskFile(file('i.txt', 'x'))).toThrow(/\.csv, \.tsv or \.jsonl/);
    expect(() => readTaskFile(join(dir, 'missing.csv'))).toThrow(/does not exist/);
  });
});

describe('splitRows and tokenizeRows', () => {
  it('splits with the seed: same seed same split, a share held out, nothing lost', () => {
    const rows = Array.from({ length: 50 }, (_, i) => i);
    const a = splitRows(rows, 0.1, 7);
    expect(a.validation).toHaveLength(5);
    expect([...a.train, ...a.validation].sort((x, y) => x - y)).toEqual(rows);
    expect(splitRows(rows, 0.1, 7)).toEqual(a);
    expect(splitRows(rows, 0.1, 8).validation).not.toEqual(a.validation);
  });

  it('tags the first piece of each word, -100 on specials and continuation pieces, truncating to the length', async () => {
    const tok = await loadTokenizer(BERT);
    const [ex] = tokenizeRows([{ line: 1, tokens: ['patient', 'unbelievably', 'ok'], tags: ['O', 'B-X', 'O'] }], 'token-classification', ['O', 'B-X'], tok, 64);
    const first = (n: number, tag: number) => [tag, ...new Array<number>(n - 1).fill(-100)];
    const expected = [-100, ...first(tok.encodeIds('patient').length, 0), ...first(tok.encodeIds('unbelievably').length, 1), ...first(tok.encodeIds('ok').length, 0), -100];
    expect(expected.filter((t) => t === -100).length).toBeGreaterThan(2); // some word splits into pieces
    expect(ex!.ids[0]).toBe(tok.special.cls);
    expect(ex!.ids.at(-1)).toBe(tok.special.sep);
    expect(ex!.tags).toEqual(expected);
    expect(ex!.tags!.length).toBe(ex!.ids.length);
    const [short] = tokenizeRows([{ line: 1, tokens: Array(100).fill('ok'), tags: Array(100).fill('O') }], 'token-classification', ['O', 'B-X'], tok, 16);
    expect(short!.ids.length).toBeLessThanOrEqual(16);
    const [seq] = tokenizeRows([{ line: 1, text: 'the patient is ok', label: 'b' }], 'sequence-classification', ['a', 'b'], tok, 64);
    expect(seq).toMatchObject({ label: 1 });
    expect(seq!.ids[0]).toBe(tok.special.cls);
  });
});
