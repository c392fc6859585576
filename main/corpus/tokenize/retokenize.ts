// Re-tokenizing a stored corpus for another tokenizer: reads the cleaned documents (docs.jsonl) of
// the corpus folder — no re-import — and writes shards/<tokenizer key>/ beside the existing ones.
// The new shard folder appears only when complete (written under a temporary name, then renamed).
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsyncDirSync } from '../../platform/atomic';
import { readJsonl } from '../jsonl-io';
import { FILES, throwIfAborted, type CleanDocument } from '../pipeline/options';
import { FertilityCounter, type FertilityReport } from './fertility';
import { ShardSetWriter, type ShardIndex } from './shards';
import type { CorpusTokenizer } from './types';
import { isProcessAlive } from '../../platform/process-alive';

export interface TokenizeResult {
  index: ShardIndex;
  fertility: FertilityReport;
}

/** Removes the temporary shard folders for `key` left by processes that are gone (a tokenization killed midway). */
function removeAbandoned(shardsDir: string, key: string): void {
  if (!existsSync(shardsDir)) return;
  for (const name of readdirSync(shardsDir)) {
    if (!name.startsWith(`.${key}.`) || !name.endsWith('.tmp')) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(key.length + 2))?.[1] ?? NaN);
    if (!Number.isInteger(pid) || !isProcessAlive(pid)) rmSync(join(shardsDir, name), { recursive: true, force: true });
  }
}

/** The figures of a shard set just written, as the store records them (corpus_shards). */
export function shardSetFigures(tokenizer: CorpusTokenizer, { index, fertility }: TokenizeResult) {
  return {
    tokenizer: tokenizer.key,
    vocab_size: tokenizer.vocab_size,
    dtype: index.dtype,
    tokens_train: index.tokens.train,
    tokens_validation: index.tokens.validation,
    tokens_per_word: fertility.tokens_per_word,
  };
}

export async function tokenizeCorpusFolder(
  corpusDir: string,
  tokenizer: CorpusTokenizer,
  options: { signal?: AbortSignal; progress?: (done: number) => void } = {},
): Promise<TokenizeResult> {
  const docsPath = join(corpusDir, FILES.docs);
  if (!existsSync(docsPath)) throw new Error(`${FILES.docs} is missing from ${corpusDir}`);
  const shardsDir = join(corpusDir, FILES.shards);
  const target = join(shardsDir, tokenizer.key);
  removeAbandoned(shardsDir, tokenizer.key);
  // Named after this process: one that died (killed, or the machine stopped) leaves a folder the next run removes.
  const temp = join(shardsDir, `.${tokenizer.key}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const writer = new ShardSetWriter(temp, tokenizer);
    const fertility = new FertilityCounter();
    let done = 0;
    for await (const doc of readJsonl<CleanDocument>(docsPath)) {
      if ((done & 255) === 0) {
        throwIfAborted(options.signal);
        options.progress?.(done);
      }
      fertility.add(doc.text, writer.add(doc.text, doc.split));
      done++;
    }
    const index = writer.finish();
    rmSync(target, { recursive: true, force: true });
    renameSync(temp, target);
    fsyncDirSync(shardsDir);
    return { index, fertility: fertility.report(tokenizer) };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
