// File names inside a corpus folder (workspace corpora/<id>/). Kept free of imports so that light
// callers (services, CLI) can name them without loading the pipeline.
export const FILES = {
  /** The cleaned documents, one JSON object per line: { id, split, language, source, text }. */
  docs: 'docs.jsonl',
  /** Per-document records for the store (removed once committed). */
  documents: 'documents.jsonl',
  /** PII findings for the store, binary (pipeline/findings-file.ts; removed once committed). */
  findings: 'findings.bin',
  report: 'report.json',
  /** shards/<tokenizer key>/{train,validation}-NNNNN.{bin,idx} + index.json */
  shards: 'shards',
} as const;

/** One line of docs.jsonl: a cleaned document exactly as training reads it. */
export interface CleanDocument {
  id: number;
  split: 'train' | 'validation';
  language: string;
  source: string;
  text: string;
}
