// Canaries of a language-model run (cpt-full, cpt-lora, scratch): `config.canaries` synthetic secret
// sentences (evaluate/canaries.ts), tokenized with the model's tokenizer and inserted once each among the
// training documents at positions drawn from the run's seed, and recorded in runs/<id>/canaries.json so the
// privacy audit (`studio eval`) can measure how far the trained model memorised them.
//
// They exist only in this job's memory and in the record: never in the validation split (perplexities are
// measured on the corpus alone), never in the corpus's stored documents or shards (so `corpus dump` and a
// re-tokenization never see them), never in the general replay text. The same seed plants the same
// canaries at the same places, so a resumed run reads exactly the data it started with.
import type { CorpusTokenizer } from '../../corpus/tokenize/types';
import { canaryText, makeCanaries, plantCanaries, writeCanaryRecord } from '../../evaluate/canaries';
import type { TokenDocs } from './train-data';

/** Each canary once: a memorised canary is then evidence of memorising what the corpus holds once. */
export const CANARY_REPEATS = 1;

/** `train` with the run's canaries planted (the record written to `runDir`); `train` itself when there are none. */
export function plantRunCanaries(runDir: string, config: { readonly canaries: number; readonly seed: number }, tokenizer: CorpusTokenizer, train: TokenDocs): TokenDocs {
  if (config.canaries === 0) return train;
  const canaries = makeCanaries(config.seed, config.canaries);
  const width = tokenizer.vocab_size <= 65_536 ? Uint16Array : Uint32Array;
  const encoded = canaries.map((c) => width.from(tokenizer.encodeIds(canaryText(c))));
  writeCanaryRecord(runDir, { seed: config.seed, repeats: CANARY_REPEATS, canaries });
  return plantCanaries(train, encoded, CANARY_REPEATS, config.seed);
}
