// Golden tests: each reference fixture's texts → the exact token ids and tokens transformers produced
// (truncation to the row length, right padding, sentence pairs), plus the behaviours around them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../common/errors';
import { loadTokenizer, padBatch, padIdOf } from './index';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/hf-reference');
const MODELS = ['bert', 'distilbert', 'roberta', 'gpt2', 'llama'] as const;
const dir = mkdtempSync(join(tmpdir(), 'studio-tok-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Reference {
  texts: (string | [string, string])[];
  tokens: string[][];
  input_ids: number[][];
  input_ids_unmasked?: number[][];
  attention_mask: number[][];
  token_type_ids?: number[][];
}

const reference = (model: string): Reference => JSON.parse(readFileSync(join(FIXTURES, model, 'reference.json'), 'utf8')) as Reference;

describe.each(MODELS)('%s tokenizer reproduces the reference', (model) => {
  it('ids, tokens, attention mask and token types, row by row', async () => {
    const ref = reference(model);
    const tokenizer = await loadTokenizer(join(FIXTURES, model));
    const expectedIds = ref.input_ids_unmasked ?? ref.input_ids;
    const length = expectedIds[0]!.length;
    const encodings = ref.texts.map((text) => tokenizer.encode(typeof text === 'string' ? text : [text[0], text[1]], { max_length: length }));
    const padId = padIdOf(tokenizer);
    const batch = padBatch(encodings, { padId, length });
    expect(batch.input_ids).toEqual(expectedIds);
    expect(batch.attention_mask).toEqual(ref.attention_mask);
    const tokens = batch.input_ids.map((row) => row.map((id) => tokenizer.idToToken(id)));
    expect(tokens).toEqual(ref.tokens);
    encodings.forEach((e, r) => expect(e.tokens).toEqual(ref.tokens[r]!.slice(0, e.tokens.length)));
    if (ref.token_type_ids) expect(batch.token_type_ids).toEqual(ref.token_type_ids);
    expect(tokenizer.uses_token_type_ids).toBe(model === 'bert');
  });
});

describe('tokenizer behaviour', () => {
  it('vocab sizes match the configs', async () => {
    for (const model of MODELS) {
      const config = JSON.parse(readFileSync(join(FIXTURES, model, 'config.json'), 'utf8')) as { vocab_size: number };
      expect((await loadTokenizer(join(FIXTURES, model))).vocab_size).toBe(config.vocab_size);
    }
  });

  it('special tokens written in the text are recognised ([MASK], <mask> with lstrip)', async () => {
    const bert = await loadTokenizer(join(FIXTURES, 'bert'));
    const e = bert.encode('The [MASK] is free.');
    expect(e.tokens).toEqual(['[CLS]', 'the', '[MASK]', 'is', 'free', '.', '[SEP]']);
    expect(e.ids[2]).toBe(bert.special.mask);
    const roberta = await loadTokenizer(join(FIXTURES, 'roberta'));
    const r = roberta.encode('The <mask> is');
    expect(r.tokens.slice(1, -1)).toEqual(['The', '<mask>', 'Ġis']);
  });

  it('truncation keeps the special tokens and trims the longer text of a pair first', async () => {
    const bert = await loadTokenizer(join(FIXTURES, 'bert'));
    const long = 'the license grants everyone permission to copy and distribute this program freely';
    const single = bert.encode(long, { max_length: 6 });
    expect(single.tokens[0]).toBe('[CLS]');
    expect(single.tokens.at(-1)).toBe('[SEP]');
    expect(single.ids).toHaveLength(6);
    const pair = bert.encode([long, 'you may copy'], { max_length: 10 });
    expect(pair.ids).toHaveLength(10);
    expect(pair.tokens.slice(-5)).toEqual(['[SEP]', 'you', 'may', 'copy', '[SEP]']);
    expect(pair.token_type_ids.slice(-4)).toEqual([1, 1, 1, 1]);
  });

  it('decodes back to the text (modulo case and spacing rules of each tokenizer)', async () => {
    const text = 'This program is free software, you can redistribute it.';
    expect((await loadTokenizer(join(FIXTURES, 'gpt2'))).decode((await loadTokenizer(join(FIXTURES, 'gpt2'))).encodeIds(text))).toBe(text);
    const roberta = await loadTokenizer(join(FIXTURES, 'roberta'));
    expect(roberta.decode(roberta.encode(text).ids, { skip_special_tokens: true })).toBe(text);
    expect(roberta.decode(roberta.encode('héllo 😀').ids, { skip_special_tokens: true })).toBe('héllo 😀');
    const bert = await loadTokenizer(join(FIXTURES, 'bert'));
    expect(bert.decode(bert.encode(text).ids)).toBe('[CLS] this program is free software, you can redistribute it. [SEP]');
    expect(bert.decode(bert.encode(text).ids, { skip_special_tokens: true })).toBe('this program is free software, you can redistribute it.');
    const llama = await loadTokenizer(join(FIXTURES, 'llama'));
    expect(llama.decode(llama.encode(text).ids, { skip_special_tokens: true })).toBe(text);
    expect(llama.decode(llama.encode(text).ids)).toBe(`<s>${text}`); // as LlamaTokenizer: no space after a leading special
  });

  it('ids outside the vocabulary decode as the unknown token instead of failing', async () => {
    const llama = await loadTokenizer(join(FIXTURES, 'llama'));
    const ids = llama.encodeIds('Thank you for reading.');
    expect(llama.decode([...ids, 5000])).toMatch(/Thank you for reading\.<unk>$/); // as LlamaTokenizer writes it
    const bert = await loadTokenizer(join(FIXTURES, 'bert'));
    expect(bert.decode([...bert.encodeIds('you may copy'), -1, 99999])).toBe('you may copy [UNK] [UNK]');
  });

  it('BERT basic tokenization: accents, CJK, control characters, punctuation, long words', async () => {
    const bert = await loadTokenizer(join(FIXTURES, 'bert'));
    const tokens = (t: string) => bert.encode(t, { add_special_tokens: false }).tokens;
    expect(tokens('Café')).toEqual(tokens('cafe'));
    expect(tokens('a\u0000b\u0001c')).toEqual(tokens('abc'));
    expect(tokens('x\u00a0y')).toEqual(tokens('x y'));
    expect(tokens('中文')).toEqual(['[UNK]', '[UNK]']);
    expect(tokens('(a)')).toEqual(['(', 'a', ')']);
    expect(tokens('a'.repeat(101))).toEqual(['[UNK]']);
    expect(bert.encodeIds('Hello, world')).toEqual(bert.encode('Hello, world', { add_special_tokens: false }).ids);
  });

  it('pathological input (megabyte-long "words") is tokenized in bounded time', async () => {
    const blob = Buffer.from(Array.from({ length: 600_000 }, (_, i) => (i * 7919) % 256)).toString('base64');
    for (const model of MODELS) {
      const tokenizer = await loadTokenizer(join(FIXTURES, model));
      const started = performance.now();
      for (const text of ['-'.repeat(1_000_000), blob, 'é'.repeat(300_000), ' '.repeat(500_000)]) {
        expect(Array.isArray(tokenizer.encodeIds(text))).toBe(true);
      }
      expect(performance.now() - started).toBeLessThan(20_000);
    }
  });

  it('a folder without tokenizer files, or with a broken one, gets a clear error', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    await expect(loadTokenizer(empty)).rejects.toThrow(/No tokenizer found.*vocab\.txt/);
    const broken = mkdtempSync(join(dir, 'broken-'));
    copyFileSync(join(FIXTURES, 'gpt2', 'merges.txt'), join(broken, 'merges.txt'));
    writeFileSync(join(broken, 'vocab.json'), '{not json');
    const error = await loadTokenizer(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).message).toMatch(/vocab\.json is not valid JSON/);
  });
});
