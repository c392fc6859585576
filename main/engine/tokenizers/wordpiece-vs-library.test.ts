// Our WordPiece encoder against @huggingface/tokenizers on real legal prose (SPDX licence texts,
// a few hundred KB): identical ids required, text by text. Also: the same tokenizer from tokenizer.json.
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTokenizer } from './index';
import { wordPieceTokenizerJson } from './wordpiece-json';

const BERT = join(import.meta.dirname, '../../../test/fixtures/hf-reference/bert');
const dir = mkdtempSync(join(tmpdir(), 'studio-wp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function licenceTexts(maxBytes: number): string[] {
  const root = join(dirname(createRequire(import.meta.url).resolve('spdx-license-list/package.json')), 'licenses');
  const texts: string[] = [];
  let bytes = 0;
  for (const file of readdirSync(root).sort()) {
    const { licenseText } = JSON.parse(readFileSync(join(root, file), 'utf8')) as { licenseText?: string };
    if (!licenseText) continue;
    texts.push(licenseText);
    bytes += Buffer.byteLength(licenseText);
    if (bytes >= maxBytes) break;
  }
  return texts;
}

describe('WordPiece vs @huggingface/tokenizers', () => {
  it('identical ids on ~400 KB of licence texts', async () => {
    const ours = await loadTokenizer(BERT);
    const library = new HfTokenizer(wordPieceTokenizerJson(BERT), JSON.parse(readFileSync(join(BERT, 'tokenizer_config.json'), 'utf8')) as object);
    const texts = licenceTexts(400_000);
    expect(texts.length).toBeGreaterThan(20);
    let compared = 0;
    for (const text of texts) {
      const expected = library.encode(text, { add_special_tokens: false }).ids;
      expect(ours.encodeIds(text)).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(50_000);
  });

  it('identical ids on non-ASCII text: accents, CJK, symbols, Unicode spaces and format characters', async () => {
    const ours = await loadTokenizer(BERT);
    const library = new HfTokenizer(wordPieceTokenizerJson(BERT), JSON.parse(readFileSync(join(BERT, 'tokenizer_config.json'), 'utf8')) as object);
    const extras = ['naïve café', 'Straße', 'İstanbul', '中文字符', 'a\u00a0b', 'zero\u200bwidth', 'emoji 😀 ok', '«quoted» — dash…', 'ÆØÅ æøå', 'x\u0301y', 'tab\tnew\nline\r\n', 'ｆｕｌｌｗｉｄｔｈ', 'Ωmega ∑ ≤ ≥', '\u2028sep'];
    const texts = licenceTexts(150_000).map((t, i) => `${t.replace(/e/g, (m, k: number) => (k % 7 === 0 ? 'é' : m))} ${extras[i % extras.length]}`);
    for (const text of [...extras, ...texts]) expect(ours.encodeIds(text)).toEqual(library.encode(text, { add_special_tokens: false }).ids);
  });

  it('a folder with only tokenizer.json gives the same ids as vocab.txt', async () => {
    const folder = mkdtempSync(join(dir, 'json-'));
    writeFileSync(join(folder, 'tokenizer.json'), JSON.stringify(wordPieceTokenizerJson(BERT)));
    copyFileSync(join(BERT, 'tokenizer_config.json'), join(folder, 'tokenizer_config.json'));
    const fromJson = await loadTokenizer(folder);
    const fromVocab = await loadTokenizer(BERT);
    expect(fromJson.kind).toBe('wordpiece');
    for (const text of licenceTexts(30_000)) expect(fromJson.encode(text).ids).toEqual(fromVocab.encode(text).ids);
    expect(fromJson.encode(['a b', 'c']).token_type_ids).toEqual(fromVocab.encode(['a b', 'c']).token_type_ids);
  });
});
