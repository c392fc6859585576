// Job kind `corpus.tokenize`: token shards of a stored corpus for a model's tokenizer (re-reads the
// corpus's cleaned documents; no re-import), recorded in corpus_shards.
import type { JobParams } from '../../common/contract';
import type { CorpusTokenizeResult } from '../../common/dto';
import { StudioError } from '../../common/errors';
import { loadCorpusTokenizer } from '../../corpus/tokenize/engine-tokenizer';
import { shardSetFigures, tokenizeCorpusFolder } from '../../corpus/tokenize/retokenize';
import { readyCorpus } from '../../store/queries/corpora';
import { upsertShardSet } from '../../store/queries/documents';
import type { JobContext } from '../context';

export async function corpusTokenize(params: JobParams<'corpus.tokenize'>, ctx: JobContext): Promise<CorpusTokenizeResult> {
  const corpus = readyCorpus(ctx.db, params.corpus);
  const tokenizer = await loadCorpusTokenizer(params.tokenizer);
  ctx.progress(0, `Tokenizing "${corpus.name}" with ${tokenizer.key}`);
  const kept = corpus.documents;
  let result;
  try {
    result = await tokenizeCorpusFolder(ctx.paths.corpus(corpus.id), tokenizer, {
      signal: ctx.signal,
      progress: (done) => ctx.progress(kept > 0 ? Math.min(0.99, done / kept) : null, `Tokenizing: ${done.toLocaleString('en-US')} of ${kept.toLocaleString('en-US')} documents done`, { documents_done: done, documents: kept }),
    });
  } catch (error) {
    if (ctx.signal.aborted) throw new StudioError('cancelled', 'Tokenizing was cancelled; the shards already there are unchanged.');
    throw error;
  }
  const { index, fertility } = result;
  upsertShardSet(ctx.db, corpus.id, shardSetFigures(tokenizer, result));
  return {
    corpus: corpus.id,
    tokenizer: { key: tokenizer.key, vocab_size: tokenizer.vocab_size, dtype: index.dtype },
    tokens: { total: index.tokens.train + index.tokens.validation, train: index.tokens.train, validation: index.tokens.validation },
    fertility: { words: fertility.words, tokens_per_word: fertility.tokens_per_word, fragmented: fertility.fragmented },
  };
}
