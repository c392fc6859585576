// The labelled file of a lora-task run: CSV (header row) or JSON Lines, either `text,label` (sequence
// classification) or `tokens,tags` with BIO tags (token classification; in CSV, space-separated). Rows are
// checked (a malformed row or an unknown label is refused, naming its line), split into train and
// validation with the run's seed, and tokenized with the base model's tokenizer: word tags go to the
// first piece of each word, -100 elsewhere.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { StudioError } from '../../common/errors';
import type { Tokenizer } from '../../engine/tokenizers';
import type { TaskExample, TaskKind } from '../../engine/train/finetune';
import { Rng } from '../../engine/train/rng';
import { alignTags } from '../../engine/train/task-metrics';

export interface TaskRow {
  /** 1-based line (JSONL) or record number (CSV) in the file. */
  readonly line: number;
  readonly text?: string;
  readonly label?: string;
  readonly tokens?: string[];
  readonly tags?: string[];
}

export interface TaskFile {
  readonly kind: TaskKind;
  readonly labels: string[];
  readonly rows: TaskRow[];
}

const MAX_BYTES = 256 * 1024 * 1024;
const bad = (message: string): never => {
  throw new StudioError('bad_input', message, { field: 'task.file' });
};

function records(file: string): Array<{ line: number; value: Record<string, unknown> }> {
  if (!existsSync(file)) bad(`The labelled file ${file} does not exist.`);
  if (statSync(file).size > MAX_BYTES) bad(`The labelled file ${file} is larger than 256 MiB.`);
  const text = readFileSync(file, 'utf8');
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') {
    const out: Array<{ line: number; value: Record<string, unknown> }> = [];
    text.split('\n').forEach((raw, i) => {
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        bad(`Line ${i + 1} of ${file} is not valid JSON.`);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) bad(`Line ${i + 1} of ${file} is not a JSON object.`);
      out.push({ line: i + 1, value: value as Record<string, unknown> });
    });
    return out;
  }
  if (ext === '.csv' || ext === '.tsv') {
    try {
      const rows = parse(text, { columns: true, skip_empty_lines: true, delimiter: ext === '.tsv' ? '\t' : ',', bom: true, info: true }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
      return rows.map((r) => ({ line: r.info.lines, value: r.record }));
    } catch (error) {
      return bad(`${file} is not a readable CSV file: ${(error as Error).message}`);
    }
  }
  return bad(`The labelled file must be .csv, .tsv or .jsonl, got ${file}.`);
}

const BIO = /^(O|[BI]-.+)$/;

/** Reads and checks the rows; `labels` (when given) is the closed set of labels allowed. */
export function readTaskFile(file: string, options: { kind?: TaskKind; labels?: readonly string[] } = {}): TaskFile {
  const recs = records(file);
  if (recs.length === 0) bad(`${file} has no rows.`);
  const first = recs[0]!.value;
  const kind: TaskKind = options.kind ?? ('tokens' in first && 'tags' in first ? 'token-classification' : 'sequence-classification');
  const rows: TaskRow[] = recs.map(({ line, value }) => {
    const where = `Row at line ${line} of ${file}`;
    if (kind === 'sequence-classification') {
      const text = value.text;
      const label = typeof value.label === 'number' ? String(value.label) : value.label;
      if (typeof text !== 'string' || text.trim() === '') bad(`${where} has no text (columns: text,label).`);
      if (typeof label !== 'string' || label.trim() === '') bad(`${where} has no label (columns: text,label).`);
      return { line, text: text as string, label: (label as string).trim() };
    }
    const split = (v: unknown): string[] | null =>
      Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : typeof v === 'string' ? v.trim().split(/\s+/).filter(Boolean) : null;
    const tokens = split(value.tokens);
    const tags = split(value.tags);
    if (tokens === null || tokens.length === 0) bad(`${where} has no tokens (fields: tokens,tags).`);
    if (tags === null || tags.length !== tokens!.length) bad(`${where} has ${tags?.length ?? 0} tags for ${tokens!.length} tokens; give one BIO tag per token.`);
    const malformed = tags!.find((t) => !BIO.test(t));
    if (malformed !== undefined) bad(`${where} has tag "${malformed}", which is not BIO (O, B-TYPE or I-TYPE).`);
    return { line, tokens: tokens!, tags: tags! };
  });
  const found = [...new Set(rows.flatMap((r) => (r.label !== undefined ? [r.label] : (r.tags ?? []))))].sort();
  if (options.labels !== undefined) {
    const allowed = new Set(options.labels);
    const unknown = rows.find((r) => (r.label !== undefined ? !allowed.has(r.label) : (r.tags ?? []).some((t) => !allowed.has(t))));
    if (unknown !== undefined) {
      const label = unknown.label ?? (unknown.tags ?? []).find((t) => !allowed.has(t));
      bad(`Row at line ${unknown.line} of ${file} has label "${label}", which is not one of the allowed labels (${options.labels.join(', ')}).`);
    }
  }
  const labels = options.labels !== undefined ? [...options.labels] : kind === 'token-classification' ? ['O', ...found.filter((l) => l !== 'O')] : found;
  if (labels.length < 2) bad(`${file} has only one label (${labels.join('')}); a classification task needs at least two.`);
  return { kind, labels, rows };
}

/** Seeded split: a shuffled `fraction` of the rows (at least one) is validation. */
export function splitRows<T>(rows: readonly T[], fraction: number, seed: number): { train: T[]; validation: T[] } {
  if (rows.length < 2) bad('The labelled file needs at least two rows (one to train on, one to validate).');
  const order = rows.map((_, i) => i);
  const rng = new Rng(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const n = Math.max(1, Math.round(rows.length * fraction));
  const held = new Set(order.slice(0, n));
  return { train: rows.filter((_, i) => !held.has(i)), validation: rows.filter((_, i) => held.has(i)) };
}

/** Token ids (with the model's special tokens), truncated to maxLength, and the label ids. */
export function tokenizeRows(rows: readonly TaskRow[], kind: TaskKind, labels: readonly string[], tokenizer: Tokenizer, maxLength: number): TaskExample[] {
  const index = new Map(labels.map((l, i) => [l, i]));
  const prefix = tokenizer.special.cls ?? tokenizer.special.bos;
  const suffix = tokenizer.special.sep ?? tokenizer.special.eos;
  return rows.map((r) => {
    if (kind === 'sequence-classification') {
      const enc = tokenizer.encode(r.text as string, { max_length: maxLength });
      return { ids: enc.ids, ...(tokenizer.uses_token_type_ids ? { token_type_ids: enc.token_type_ids } : {}), label: index.get(r.label as string) as number };
    }
    const room = maxLength - (prefix === null ? 0 : 1) - (suffix === null ? 0 : 1);
    const pieces: number[][] = [];
    let used = 0;
    for (const [w, word] of (r.tokens as string[]).entries()) {
      const ids = tokenizer.encodeIds(w > 0 && tokenizer.kind !== 'wordpiece' ? ` ${word}` : word);
      const piece = ids.length > 0 ? ids : tokenizer.special.unk === null ? [] : [tokenizer.special.unk];
      if (used + piece.length > room) break; // truncated: later words are dropped
      pieces.push(piece);
      used += piece.length;
    }
    const tags = alignTags(pieces.map((p) => p.length), (r.tags as string[]).slice(0, pieces.length).map((t) => index.get(t) as number));
    const ids = [...(prefix === null ? [] : [prefix]), ...pieces.flat(), ...(suffix === null ? [] : [suffix])];
    const aligned = [...(prefix === null ? [] : [-100]), ...tags, ...(suffix === null ? [] : [-100])];
    return { ids, ...(tokenizer.uses_token_type_ids ? { token_type_ids: ids.map(() => 0) } : {}), tags: aligned };
  });
}
