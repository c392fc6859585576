// RoBERTa's config.json: BERT's fields with RoBERTa's defaults (pad id 1, which also offsets positions).
import { readBertLikeConfig, type BertConfig } from '../bert/config';
import type { HeadKind } from '../types';

export type RobertaConfig = BertConfig;

export const ROBERTA_CLASSES: Readonly<Record<string, HeadKind>> = {
  RobertaForMaskedLM: 'masked-lm',
  RobertaModel: 'masked-lm',
  RobertaForSequenceClassification: 'sequence-classification',
  RobertaForTokenClassification: 'token-classification',
};

export function parseRobertaConfig(raw: Readonly<Record<string, unknown>>): RobertaConfig {
  return readBertLikeConfig(raw, 'roberta', ROBERTA_CLASSES, { pad: 1, typeVocab: 2 });
}
