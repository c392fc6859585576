// Tokenizer throughput on real legal prose (all SPDX licence texts, ≈ 5 MB): our WordPiece encoder vs
// @huggingface/tokenizers on the same vocabulary and text (the BERT reference fixture's), in one run;
// plus our byte-level BPE (GPT-2 fixture). Ids must agree text by text; mismatches are reported.
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTokenizer } from '../main/engine/tokenizers/index';
import { wordPieceTokenizerJson } from '../main/engine/tokenizers/wordpiece-json';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '../test/fixtures/hf-reference');

function licenceTexts(): string[] {
  const root = join(dirname(createRequire(import.meta.url).resolve('spdx-license-list/package.json')), 'licenses');
  return readdirSync(root)
    .sort()
    .map((f) => (JSON.parse(readFileSync(join(root, f), 'utf8')) as { licenseText?: string }).licenseText ?? '')
    .filter((t) => t.length > 0);
}

function mbPerSecond(bytes: number, run: () => void): number {
  const started = performance.now();
  run();
  return bytes / 1e6 / ((performance.now() - started) / 1000);
}

export async function run(): Promise<Record<string, number | string>> {
  const texts = licenceTexts();
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const bert = join(FIXTURES, 'bert');
  const ours = await loadTokenizer(bert);
  const library = new HfTokenizer(wordPieceTokenizerJson(bert), JSON.parse(readFileSync(join(bert, 'tokenizer_config.json'), 'utf8')) as object);

  const oursIds: number[][] = [];
  const coldOurs = mbPerSecond(bytes, () => texts.forEach((t) => oursIds.push(ours.encodeIds(t))));
  const warmOurs = mbPerSecond(bytes, () => texts.forEach((t) => ours.encodeIds(t)));
  const libraryIds: number[][] = [];
  const libraryRate = mbPerSecond(bytes, () => texts.forEach((t) => libraryIds.push(library.encode(t, { add_special_tokens: false }).ids)));
  let mismatched = 0;
  texts.forEach((_, i) => {
    const a = oursIds[i]!;
    const b = libraryIds[i]!;
    if (a.length !== b.length || a.some((id, k) => id !== b[k])) mismatched++;
  });

  const gpt2 = await loadTokenizer(join(FIXTURES, 'gpt2'));
  const bpeRate = mbPerSecond(bytes, () => texts.forEach((t) => gpt2.encodeIds(t)));

  return {
    text_mb: Number((bytes / 1e6).toFixed(2)),
    texts: texts.length,
    wordpiece_ours_first_pass_mb_s: coldOurs,
    wordpiece_ours_second_pass_mb_s: warmOurs,
    wordpiece_hf_tokenizers_js_mb_s: libraryRate,
    wordpiece_speedup_vs_hf: coldOurs / libraryRate,
    wordpiece_texts_with_different_ids: mismatched,
    bpe_bytelevel_ours_mb_s: bpeRate,
  };
}
