// Byte-level BPE against @huggingface/tokenizers on licence texts (the GPT-2 fixture's vocabulary and
// merges as a tokenizer.json), and the tokenizer.json loader: natively for this pipeline, through the
// library for others (a Unigram model with Metaspace).
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMergesTxt } from './bpe';
import { loadTokenizer } from './index';

const GPT2 = join(import.meta.dirname, '../../../test/fixtures/hf-reference/gpt2');
const dir = mkdtempSync(join(tmpdir(), 'studio-bpe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function licenceTexts(maxBytes: number): string[] {
  const root = join(dirname(createRequire(import.meta.url).resolve('spdx-license-list/package.json')), 'licenses');
  const texts: string[] = [];
  let bytes = 0;
  for (const file of readdirSync(root).sort().reverse()) {
    const { licenseText } = JSON.parse(readFileSync(join(root, file), 'utf8')) as { licenseText?: string };
    if (!licenseText) continue;
    texts.push(licenseText);
    bytes += Buffer.byteLength(licenseText);
    if (bytes >= maxBytes) break;
  }
  return texts;
}

/** The GPT-2 fixture as transformers' fast tokenizer would serialise it. */
function gpt2TokenizerJson(): Record<string, unknown> {
  const vocab = JSON.parse(readFileSync(join(GPT2, 'vocab.json'), 'utf8')) as Record<string, number>;
  const merges = parseMergesTxt(readFileSync(join(GPT2, 'merges.txt'), 'utf8')).map(([a, b]) => `${a} ${b}`);
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [{ id: vocab['<|endoftext|>'], content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: true, special: true }],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: byteLevel,
    decoder: byteLevel,
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab, merges },
  };
}

describe('byte-level BPE', () => {
  it('identical ids to @huggingface/tokenizers on ~300 KB of licence texts', async () => {
    const ours = await loadTokenizer(GPT2);
    const library = new HfTokenizer(gpt2TokenizerJson(), JSON.parse(readFileSync(join(GPT2, 'tokenizer_config.json'), 'utf8')) as object);
    let compared = 0;
    for (const text of licenceTexts(300_000)) {
      const expected = library.encode(text, { add_special_tokens: false }).ids;
      expect(ours.encodeIds(text)).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(50_000);
  });

  it('a folder with only tokenizer.json loads natively and matches vocab.json + merges.txt', async () => {
    const folder = mkdtempSync(join(dir, 'json-'));
    writeFileSync(join(folder, 'tokenizer.json'), JSON.stringify(gpt2TokenizerJson()));
    writeFileSync(join(folder, 'tokenizer_config.json'), readFileSync(join(GPT2, 'tokenizer_config.json')));
    const fromJson = await loadTokenizer(folder);
    const fromFiles = await loadTokenizer(GPT2);
    expect(fromJson.kind).toBe('bpe');
    expect(fromJson.vocab_size).toBe(fromFiles.vocab_size);
    for (const text of [...licenceTexts(20_000), 'héllo <|endoftext|> wörld 😀']) {
      expect(fromJson.encode(text).ids).toEqual(fromFiles.encode(text).ids);
    }
    expect(fromJson.special.eos).toBe(fromFiles.special.eos);
  });

  it('other tokenizer.json pipelines run through the library, with special tokens and templates around them', async () => {
    const folder = mkdtempSync(join(dir, 'unigram-'));
    const pieces: [string, number][] = [['<unk>', 0], ['<s>', 0], ['</s>', 0], ['▁', -2], ['▁the', -1], ['▁cat', -1.5], ['▁c', -3], ['a', -3], ['t', -3], ['h', -3], ['e', -3], ['s', -3]];
    writeFileSync(join(folder, 'tokenizer.json'), JSON.stringify({
      version: '1.0',
      added_tokens: [
        { id: 1, content: '<s>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
        { id: 2, content: '</s>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
      ],
      normalizer: null,
      pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
        pair: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
        special_tokens: { '<s>': { id: '<s>', ids: [1], tokens: ['<s>'] }, '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] } },
      },
      decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
      model: { type: 'Unigram', unk_id: 0, vocab: pieces, byte_fallback: false },
    }));
    writeFileSync(join(folder, 'tokenizer_config.json'), JSON.stringify({ bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>' }));
    const tokenizer = await loadTokenizer(folder);
    expect(tokenizer.kind).toBe('tokenizer.json');
    expect(tokenizer.vocab_size).toBe(pieces.length);
    const e = tokenizer.encode('the cats</s>');
    expect(e.tokens).toEqual(['<s>', '▁the', '▁cat', 's', '</s>', '</s>']);
    expect(tokenizer.special).toMatchObject({ bos: 1, eos: 2, unk: 0 });
    expect(tokenizer.encode(['the', 'cat']).token_type_ids).toEqual([0, 0, 1]);
    expect(tokenizer.decode(e.ids, { skip_special_tokens: true })).toBe('the cats');
  });
});
