// Tokenizer throughput (MB of text per CPU-second, i.e. per core) on real legal prose (all SPDX licence texts, ≈ 5 MB): our WordPiece encoder vs
// @huggingface/tokenizers on the same vocabulary and text (the BERT reference fixture's), in one run;
// plus our byte-level BPE (GPT-2 fixture). Ids must agree text by text; mismatches are reported.
// The fixture's vocabulary is tiny (1,500 pieces: most words split into several), so the same is run
// with a BERT-sized one (30,000 pieces: the most frequent words of the first half of the texts), timed
// on the second half.
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * MB of text per second of this process's CPU time: the per-core rate, which stays meaningful when other
 * work shares the machine (wall-clock rates are reported beside it as `_wall`).
 */
const walls: Record<string, number> = {};
function mbPerSecond(bytes: number, run: () => void, label?: string): number {
  const started = performance.now();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  if (label) walls[`${label}_wall`] = bytes / 1e6 / ((performance.now() - started) / 1000);
  return bytes / 1e6 / ((used.user + used.system) / 1e6);
}

export async function run(): Promise<Record<string, number | string>> {
  const texts = licenceTexts();
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const bert = join(FIXTURES, 'bert');
  const ours = await loadTokenizer(bert);
  const library = new HfTokenizer(wordPieceTokenizerJson(bert), JSON.parse(readFileSync(join(bert, 'tokenizer_config.json'), 'utf8')) as object);

  const oursIds: number[][] = [];
  const coldOurs = mbPerSecond(bytes, () => texts.forEach((t) => oursIds.push(ours.encodeIds(t))), 'wordpiece_ours_first_pass_mb_s');
  const warmOurs = mbPerSecond(bytes, () => texts.forEach((t) => ours.encodeIds(t)));
  const libraryIds: number[][] = [];
  const libraryRate = mbPerSecond(bytes, () => texts.forEach((t) => libraryIds.push(library.encode(t, { add_special_tokens: false }).ids)), 'wordpiece_hf_tokenizers_js_mb_s');
  let mismatched = 0;
  texts.forEach((_, i) => {
    const a = oursIds[i]!;
    const b = libraryIds[i]!;
    if (a.length !== b.length || a.some((id, k) => id !== b[k])) mismatched++;
  });

  // A BERT-sized vocabulary: specials, characters and ##characters, then frequent whole words.
  const half = Math.floor(texts.length / 2);
  const counts = new Map<string, number>();
  for (const t of texts.slice(0, half)) for (const w of t.toLowerCase().match(/[a-z0-9]+/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  const chars = [...new Set([...texts.join('').toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '')])].filter((c) => c.trim().length > 0);
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ...chars, ...chars.map((c) => `##${c}`)];
  const seen = new Set(vocab);
  for (const [w] of [...counts].sort((a, b) => b[1] - a[1])) {
    if (vocab.length >= 30_000) break;
    if (!seen.has(w)) vocab.push(w);
  }
  const bigFolder = mkdtempSync(join(tmpdir(), 'bench-wp-'));
  writeFileSync(join(bigFolder, 'vocab.txt'), `${vocab.join('\n')}\n`);
  writeFileSync(join(bigFolder, 'tokenizer_config.json'), JSON.stringify({ do_lower_case: true }));
  const tail = texts.slice(half);
  const tailBytes = tail.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const big = await loadTokenizer(bigFolder);
  const bigLibrary = new HfTokenizer(wordPieceTokenizerJson(bigFolder), { do_lower_case: true });
  const bigOurs = mbPerSecond(tailBytes, () => tail.forEach((t) => big.encodeIds(t)));
  const bigLib = mbPerSecond(tailBytes, () => tail.forEach((t) => bigLibrary.encode(t, { add_special_tokens: false })));
  const bigMismatch = tail.filter((t) => JSON.stringify(big.encodeIds(t)) !== JSON.stringify(bigLibrary.encode(t, { add_special_tokens: false }).ids)).length;
  rmSync(bigFolder, { recursive: true, force: true });

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
    wordpiece_30k_vocab_ours_first_pass_mb_s: bigOurs,
    wordpiece_30k_vocab_hf_tokenizers_js_mb_s: bigLib,
    wordpiece_30k_vocab_texts_with_different_ids: bigMismatch,
    bpe_bytelevel_ours_mb_s: bpeRate,
    ...walls,
  };
}
