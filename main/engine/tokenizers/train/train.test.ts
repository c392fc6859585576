// Tokenizer training: the vocabulary has the size asked for and the agreed special ids, training is
// deterministic, loadTokenizer reads the files back, byte-level BPE round-trips any text, and our
// encoders give the same ids as @huggingface/tokenizers on the trained vocabularies (held-out text).
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMergesTxt } from '../bpe';
import { loadTokenizer } from '../index';
import { wordPieceTokenizerJson } from '../wordpiece-json';
import { END_OF_TEXT, trainByteLevelBpe, trainTokenizer, trainWordPiece, writeTrainedTokenizer } from './index';

const GENERAL = join(import.meta.dirname, '../../../../resources/corpora/general-en');
const lines = ['noun', 'verb', 'adj'].flatMap((k) => readFileSync(join(GENERAL, `wordnet-${k}-glosses.txt`), 'utf8').split('\n').filter((l) => l.trim()));
// Every 10th line is held out: the agreement and round-trip checks run on text the trainer never saw.
const train = lines.filter((_, i) => i % 10 !== 0).slice(0, 12_000);
const heldOut = lines.filter((_, i) => i % 10 === 0).slice(0, 1500);
const extras = ['Naïve café — “quoted” Straße İstanbul', '中文字符 and emoji 😀 ok', 'tabs\tand\nnew lines\r\n  double  spaces ', 'x\u0301y ÆØÅ ∑ ≤ ≥ ½', "It's we'll they've I'm"];
const dir = mkdtempSync(join(tmpdir(), 'studio-tok-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WordPiece trainer', () => {
  const trained = trainWordPiece(train, { vocabSize: 3000 });
  const folder = join(dir, 'wp');
  writeTrainedTokenizer(folder, trained, { modelMaxLength: 128 });

  it('fills the vocabulary exactly, with [PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4, characters and ## continuations', async () => {
    expect(trained.vocab).toHaveLength(3000);
    expect(new Set(trained.vocab).size).toBe(3000);
    expect(trained.vocab.slice(0, 5)).toEqual(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']);
    expect(trained.vocab).toContain('e');
    expect(trained.vocab).toContain('##e');
    expect(trained.vocab.some((t) => t.startsWith('##') && t.length > 4)).toBe(true);
    expect(trained.vocab).toContain('the');
    const tokenizer = await loadTokenizer(folder);
    expect(tokenizer.kind).toBe('wordpiece');
    expect(tokenizer.vocab_size).toBe(3000);
    expect(tokenizer.special).toMatchObject({ pad: 0, unk: 1, cls: 2, sep: 3, mask: 4 });
    const encoded = tokenizer.encode('The Court of Appeal.');
    expect(encoded.tokens[0]).toBe('[CLS]');
    expect(encoded.tokens.at(-1)).toBe('[SEP]');
    expect(encoded.ids).not.toContain(1); // no [UNK] for plain English
    expect(tokenizer.decode(encoded.ids, { skip_special_tokens: true })).toBe('the court of appeal.');
  });

  it('is deterministic, and a smaller size is a prefix of the larger vocabulary', () => {
    expect(trainWordPiece(train, { vocabSize: 3000 }).vocab).toEqual(trained.vocab);
    const small = trainWordPiece(train, { vocabSize: 1000 });
    expect(small.vocab).toHaveLength(1000);
    expect(small.vocab).toEqual(trained.vocab.slice(0, 1000).filter((t) => small.vocab.includes(t)));
  });

  it('gives the same ids as @huggingface/tokenizers on held-out text', async () => {
    const ours = await loadTokenizer(folder);
    const library = new HfTokenizer(wordPieceTokenizerJson(folder), JSON.parse(readFileSync(join(folder, 'tokenizer_config.json'), 'utf8')) as object);
    let compared = 0;
    for (const text of [...heldOut, ...extras]) {
      const expected = library.encode(text, { add_special_tokens: false }).ids;
      expect(ours.encodeIds(text)).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('the WordPiece-score option also fills the vocabulary, with a different choice of pieces', () => {
    const scored = trainWordPiece(train.slice(0, 3000), { vocabSize: 800, score: 'wordpiece' });
    const frequency = trainWordPiece(train.slice(0, 3000), { vocabSize: 800 });
    expect(scored.vocab).toHaveLength(800);
    expect(scored.vocab.slice(0, 5)).toEqual(frequency.vocab.slice(0, 5));
    expect(scored.vocab).not.toEqual(frequency.vocab);
  });
});

function bpeTokenizerJson(folder: string): Record<string, unknown> {
  const vocab = JSON.parse(readFileSync(join(folder, 'vocab.json'), 'utf8')) as Record<string, number>;
  const merges = parseMergesTxt(readFileSync(join(folder, 'merges.txt'), 'utf8')).map(([a, b]) => `${a} ${b}`);
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [{ id: vocab[END_OF_TEXT], content: END_OF_TEXT, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true }],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: byteLevel,
    decoder: byteLevel,
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab, merges },
  };
}

describe('byte-level BPE trainer', () => {
  const trained = trainByteLevelBpe(train, { vocabSize: 3000 });
  const folder = join(dir, 'bpe');
  writeTrainedTokenizer(folder, trained, { modelMaxLength: 128 });

  it('fills the vocabulary exactly: <|endoftext|>, the 256 bytes, then one token per merge', async () => {
    expect(trained.vocab).toHaveLength(3000);
    expect(new Set(trained.vocab).size).toBe(3000);
    expect(trained.vocab[0]).toBe(END_OF_TEXT);
    expect(trained.merges).toHaveLength(3000 - 257);
    expect(trained.vocab).toContain('Ġthe');
    const tokenizer = await loadTokenizer(folder);
    expect(tokenizer.kind).toBe('bpe');
    expect(tokenizer.vocab_size).toBe(3000);
    expect(tokenizer.special.eos).toBe(0);
    expect(tokenizer.special.bos).toBe(0);
  });

  it('round-trips any text: decode(encode(x)) === x, held-out, non-ASCII and control characters included', async () => {
    const tokenizer = await loadTokenizer(folder);
    for (const text of [...heldOut.slice(0, 300), ...extras, '\u0000\u0007 bytes', '']) {
      expect(tokenizer.decode(tokenizer.encode(text).ids)).toBe(text);
    }
    // Learned merges compress: far fewer tokens than bytes on held-out English.
    const sample = heldOut.slice(0, 300).join('\n');
    expect(tokenizer.encodeIds(sample).length).toBeLessThan(Buffer.byteLength(sample) / 3);
  });

  it('is deterministic', () => {
    const again = trainByteLevelBpe(train, { vocabSize: 3000 });
    expect(again.vocab).toEqual(trained.vocab);
    expect(again.merges).toEqual(trained.merges);
  });

  it('gives the same ids as @huggingface/tokenizers on held-out text', async () => {
    const ours = await loadTokenizer(folder);
    const library = new HfTokenizer(bpeTokenizerJson(folder), JSON.parse(readFileSync(join(folder, 'tokenizer_config.json'), 'utf8')) as object);
    let compared = 0;
    for (const text of [...heldOut, ...extras]) {
      const expected = library.encode(text, { add_special_tokens: false }).ids;
      expect(ours.encodeIds(text)).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(10_000);
  });
});

describe('bad input', () => {
  it('refuses a vocabulary too small for the specials and alphabet, and empty text', () => {
    expect(() => trainTokenizer('wordpiece', train, { vocabSize: 3 })).toThrow(expect.objectContaining({ code: 'invalid_request', field: 'vocab_size' }));
    expect(() => trainTokenizer('bpe', train, { vocabSize: 200 })).toThrow(/vocabulary size must be a whole number from 257/);
    expect(() => trainTokenizer('bpe', train, { vocabSize: 1.5e3 + 0.5 })).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => trainTokenizer('wordpiece', ['', '   ', '\n'], { vocabSize: 100 })).toThrow(expect.objectContaining({ code: 'bad_input' }));
    expect(() => trainTokenizer('bpe', [], { vocabSize: 300 })).toThrow(/no text to train/);
  });
});
