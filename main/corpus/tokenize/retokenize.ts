// Re-tokenizing a stored corpus for another tokenizer: reads the cleaned documents (docs.jsonl) of
// the corpus folder — no re-import — and writes shards/<tokenizer key>/ beside the existing ones.
// The new shard folder appears only when complete (written under a temporary name, then renamed).
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsyncDirSync } from '../../platform/atomic';
import { readJsonl } from '../jsonl-io';
import { FILES, throwIfAborted, type CleanDocument } from '../pipeline/options';
import { FertilityCounter, type FertilityReport } from './fertility';
import { ShardSetWriter, type ShardIndex } from './shards';
import type { CorpusTokenizer } from './types';

export interface TokenizeResult {
  index: ShardIndex;
  fertility: FertilityReport;
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
  const temp = join(shardsDir, `.${tokenizer.key}.${randomBytes(4).toString('hex')}.tmp`);
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
