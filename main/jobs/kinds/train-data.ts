// The token data of a training run: the domain corpus's shards for the base model's tokenizer (written
// first, from the stored documents, when the corpus was tokenized for another tokenizer), and the general
// text for replay and for the general perplexity — the bundled English corpus (resources/corpora/general-en,
// one short document a line, every 20th line held out) or another corpus of the workspace.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { resourcesDir } from '../../platform/resources';
import { FILES } from '../../corpus/layout';
import { fromEngineTokenizer, tokenizerFingerprint } from '../../corpus/tokenize/engine-tokenizer';
import { shardSetFigures, tokenizeCorpusFolder } from '../../corpus/tokenize/retokenize';
import type { ShardIndex } from '../../corpus/tokenize/shards';
import type { CorpusTokenizer } from '../../corpus/tokenize/types';
import { loadTokenizer, type Tokenizer } from '../../engine/tokenizers';
import type { CorpusRecord } from '../../store/queries/corpora';
import { upsertShardSet } from '../../store/queries/documents';
import type { JobContext } from '../context';

export type TokenDocs = Array<Uint16Array | Uint32Array>;
export interface SplitDocs {
  readonly train: TokenDocs;
  readonly validation: TokenDocs;
}

export interface ModelTokenizer {
  readonly engine: Tokenizer;
  readonly corpus: CorpusTokenizer;
}

export async function loadModelTokenizer(folder: string): Promise<ModelTokenizer> {
  const engine = await loadTokenizer(folder);
  return { engine, corpus: fromEngineTokenizer(engine, tokenizerFingerprint(folder)) };
}

/** The corpus's shard folder for `tokenizer`, written now (re-tokenizing docs.jsonl) when missing. */
export async function ensureShards(ctx: JobContext, corpus: CorpusRecord, tokenizer: CorpusTokenizer): Promise<string> {
  const corpusDir = ctx.paths.corpus(corpus.id);
  const dir = join(corpusDir, FILES.shards, tokenizer.key);
  if (existsSync(join(dir, 'index.json'))) return dir;
  if (!existsSync(join(corpusDir, FILES.docs))) {
    throw new StudioError('bad_input', `Corpus "${corpus.name}" has no stored documents to tokenize for this model; import it again.`, { field: 'corpus' });
  }
  ctx.progress(null, `Tokenizing corpus "${corpus.name}" for this model's tokenizer (${tokenizer.key})`);
  const written = await tokenizeCorpusFolder(corpusDir, tokenizer, {
    signal: ctx.signal,
    progress: (done) => ctx.progress(null, `Tokenizing corpus "${corpus.name}": ${done} documents`, { documents_done: done }),
  });
  upsertShardSet(ctx.db, corpus.id, shardSetFigures(tokenizer, written));
  return dir;
}

/** The documents of one split of a shard folder, as token arrays (views into the shard files). */
export function readShardSplit(dir: string, split: 'train' | 'validation', maxTokens = Number.POSITIVE_INFINITY): TokenDocs {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as ShardIndex;
  if (index.format !== 'domain-studio-shards') throw new StudioError('bad_input', `${dir} is not a token shard folder`);
  const docs: TokenDocs = [];
  let tokens = 0;
  for (const shard of index.shards) {
    if (shard.split !== split) continue;
    const bin = readFileSync(join(dir, shard.file));
    const idx = readFileSync(join(dir, shard.offsets));
    const ids = index.dtype === 'uint16' ? new Uint16Array(bin.buffer, bin.byteOffset, bin.byteLength / 2) : new Uint32Array(bin.buffer, bin.byteOffset, bin.byteLength / 4);
    const ends = new Uint32Array(idx.buffer.slice(idx.byteOffset, idx.byteOffset + idx.byteLength));
    let start = 0;
    for (const end of ends) {
      docs.push(ids.subarray(start, end));
      tokens += end - start;
      start = end;
      if (tokens >= maxTokens) return docs;
    }
  }
  return docs;
}

/**
 * The bundled general English text, tokenized: each non-empty line of resources/corpora/general-en/*.txt is
 * a document; every 20th is validation. At most `maxTrainBytes` of training text (the first lines of each file).
 */
export function bundledGeneralDocs(tokenizer: CorpusTokenizer, options: { maxTrainBytes: number; maxValidationTokens: number }): SplitDocs | null {
  const root = resourcesDir();
  const dir = root === null ? null : join(root, 'corpora', 'general-en');
  if (dir === null || !existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const perFile = options.maxTrainBytes / Math.max(1, files.length);
  const train: TokenDocs = [];
  const validation: TokenDocs = [];
  const validationPerFile = options.maxValidationTokens / Math.max(1, files.length);
  const width = tokenizer.vocab_size <= 65_536 ? Uint16Array : Uint32Array;
  for (const file of files) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    let bytes = 0;
    let validationTokens = 0;
    lines.forEach((line, i) => {
      const text = line.trim();
      if (text.length === 0) return;
      if (i % 20 === 19) {
        if (validationTokens >= validationPerFile) return;
        const ids = width.from(tokenizer.encodeIds(text));
        validation.push(ids);
        validationTokens += ids.length;
      } else if (bytes < perFile) {
        train.push(width.from(tokenizer.encodeIds(text)));
        bytes += text.length + 1;
      }
    });
  }
  return train.length > 0 && validation.length > 0 ? { train, validation } : null;
}

export function tokenCount(docs: TokenDocs): number {
  return docs.reduce((n, d) => n + d.length, 0);
}
