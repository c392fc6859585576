// The first half of `--method scratch`: a tokenizer trained on the corpus's train split (WordPiece for a
// BERT-style encoder, byte-level BPE for a GPT-2-style decoder) and a freshly initialised model of the chosen
// size preset around it, saved as runs/<id>/base (a Hugging Face folder). The train job then pre-trains it
// with the same loop as cpt-full. A resumed run reuses its base folder, so the vocabulary and the initial
// weights its checkpoints were trained from never change.
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { StudioError } from '../../common/errors';
import { FILES, type CleanDocument } from '../../corpus/layout';
import type { CorpusRecord } from '../../store/queries/corpora';
import type { RunRecord } from '../../store/queries/runs';
import type { JobContext } from '../context';
import type { TrainConfig } from './train';

/** At most this much train-split text trains the tokenizer (its time grows with the text: ≈ 2–5 s for 2 MB). */
export const TOKENIZER_TEXT_BYTES = 32 * 2 ** 20;

/** The text of the train-split documents of a docs.jsonl file, read line by line, up to `maxBytes`. */
export function* trainSplitTexts(file: string, maxBytes: number, signal?: AbortSignal): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(4 * 2 ** 20);
    const decoder = new StringDecoder('utf8'); // keeps a character split across two reads whole
    let rest = '';
    let bytes = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      const chunk = rest + (read === 0 ? decoder.end() : decoder.write(buffer.subarray(0, read)));
      const lines = chunk.split('\n');
      rest = read === 0 ? '' : (lines.pop() ?? '');
      for (const line of lines) {
        if (line.trim() === '') continue;
        const doc = JSON.parse(line) as CleanDocument;
        if (doc.split !== 'train') continue;
        if (signal?.aborted) throw new StudioError('cancelled', 'Tokenizer training was cancelled.');
        yield doc.text;
        bytes += Buffer.byteLength(doc.text);
        if (bytes >= maxBytes) return;
      }
      if (read === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

/** runs/<id>/base for a scratch run: made now (tokenizer + initial weights) unless an earlier attempt finished it. */
export async function prepareScratchBase(ctx: JobContext, run: RunRecord, corpus: CorpusRecord, config: TrainConfig): Promise<string> {
  const runDir = ctx.paths.run(run.id);
  const base = join(runDir, 'base');
  if (existsSync(join(base, 'config.json'))) return base;
  const scratch = config.scratch ?? { architecture: 'bert', size: 'tiny', vocab_size: 8000, min_frequency: 2 };
  const docs = join(ctx.paths.corpus(corpus.id), FILES.docs);
  if (!existsSync(docs)) throw new StudioError('bad_input', `Corpus "${corpus.name}" has no stored documents to train a tokenizer on; import it again.`, { field: 'corpus' });

  const [{ trainTokenizer, tokenizerKindFor, writeTrainedTokenizer }, { createScratchModel, MODEL_SIZE_PRESETS }, { loadTokenizer }] = await Promise.all([
    import('../../engine/tokenizers/train'),
    import('../../engine/models/init'),
    import('../../engine/tokenizers'),
  ]);
  const kind = tokenizerKindFor(scratch.architecture);
  ctx.progress(null, `Training a ${kind === 'bpe' ? 'byte-level BPE' : 'WordPiece'} tokenizer of up to ${scratch.vocab_size} tokens on corpus "${corpus.name}"`);
  const trained = trainTokenizer(kind, trainSplitTexts(docs, TOKENIZER_TEXT_BYTES, ctx.signal), { vocabSize: scratch.vocab_size, minFrequency: scratch.min_frequency });
  const positions = MODEL_SIZE_PRESETS[scratch.size].maxPositions;
  const tokenizerDir = join(runDir, 'tokenizer');
  rmSync(tokenizerDir, { recursive: true, force: true });
  writeTrainedTokenizer(tokenizerDir, trained, { modelMaxLength: positions });
  const tokenizer = await loadTokenizer(tokenizerDir);
  if (tokenizer.vocab_size < 64) {
    throw new StudioError('bad_input', `Corpus "${corpus.name}" gave a vocabulary of only ${tokenizer.vocab_size} tokens: it is too small to pre-train a model from scratch; import more text or continue pre-training a base model instead.`, { field: 'corpus' });
  }

  ctx.progress(null, `Initialising a ${scratch.size} ${scratch.architecture} model (${tokenizer.vocab_size} tokens)`);
  // Written beside the final folder and renamed into place: a crash never leaves a half-written base.
  const partial = join(runDir, 'base.partial');
  rmSync(partial, { recursive: true, force: true });
  const created = await createScratchModel(partial, {
    modelType: scratch.architecture,
    size: scratch.size,
    vocabSize: tokenizer.vocab_size,
    special: { pad: tokenizer.special.pad, bos: tokenizer.special.bos, eos: tokenizer.special.eos },
    tokenizerFolder: tokenizerDir,
    seed: config.seed,
  });
  renameSync(partial, base);
  rmSync(tokenizerDir, { recursive: true, force: true });
  ctx.log.info('scratch base model created', { run: run.id, architecture: scratch.architecture, size: scratch.size, vocab_size: tokenizer.vocab_size, parameters: created.parameters });
  return base;
}
