// Typed reads of config.json fields with Hugging Face's defaults, and the common BaseConfig fields.
// A field of the wrong type, or an option we do not implement, is refused with a message naming it.
import { StudioError } from '../../common/errors';
import type { BaseConfig, HeadKind } from './types';

export class ConfigReader {
  constructor(
    readonly raw: Readonly<Record<string, unknown>>,
    readonly modelType: string,
  ) {}

  private fail(key: string, want: string): never {
    throw new StudioError('bad_input', `config.json (${this.modelType}): "${key}" must be ${want}, got ${JSON.stringify(this.raw[key])}`, { field: key });
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  int(key: string, fallback?: number, min = 0): number {
    const v = this.raw[key];
    if (v === undefined || v === null) {
      if (fallback === undefined) throw new StudioError('bad_input', `config.json (${this.modelType}) has no "${key}"`, { field: key });
      return fallback;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.fail(key, min > 0 ? 'a positive integer' : 'a non-negative integer');
    return v;
  }

  positiveInt(key: string, fallback?: number): number {
    return this.int(key, fallback, 1);
  }

  optionalInt(key: string): number | null {
    return this.has(key) ? this.int(key) : null;
  }

  /** A special token id; a list (several EOS ids) gives its first entry. */
  tokenId(key: string): number | null {
    const v = this.raw[key];
    if (Array.isArray(v)) {
      if (v.length === 0) return null;
      if (typeof v[0] !== 'number' || !Number.isInteger(v[0])) this.fail(key, 'an integer or a list of integers');
      return v[0];
    }
    return this.optionalInt(key);
  }

  number(key: string, fallback: number): number {
    const v = this.raw[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(key, 'a number');
    return v;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.raw[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') this.fail(key, 'true or false');
    return v;
  }

  string(key: string, fallback: string): string {
    const v = this.raw[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string') this.fail(key, 'a string');
    return v;
  }

  /** Refuses `key` unless it is absent or one of `allowed`. */
  only(key: string, allowed: readonly unknown[], why: string): void {
    const v = this.raw[key];
    if (v === undefined || v === null) return;
    if (!allowed.some((a) => JSON.stringify(a) === JSON.stringify(v))) {
      throw new StudioError('unsupported', `config.json (${this.modelType}): ${key}=${JSON.stringify(v)} is not supported (${why})`, { field: key });
    }
  }

  /** The fields of BaseConfig; `classes` maps HF class names to heads, `lmHead` is the default. */
  base(fields: {
    classes: Readonly<Record<string, HeadKind>>;
    lmHead: HeadKind;
    vocab_size: number;
    hidden_size: number;
    num_hidden_layers: number;
    num_attention_heads: number;
    max_position_embeddings: number;
    tie_word_embeddings: boolean;
  }): BaseConfig {
    const archs = this.raw.architectures;
    const architecture = Array.isArray(archs) && typeof archs[0] === 'string' ? archs[0] : null;
    const head = architecture !== null ? (fields.classes[architecture] ?? fields.lmHead) : fields.lmHead;
    const id2label = this.raw.id2label;
    const labelCount = id2label !== null && typeof id2label === 'object' ? Object.keys(id2label).length : 0;
    const num_labels = this.has('num_labels') ? this.positiveInt('num_labels') : labelCount > 0 ? labelCount : 2;
    const problem = this.string('problem_type', '');
    const problem_type = problem === 'regression' || problem === 'single_label_classification' || problem === 'multi_label_classification'
      ? problem
      : head === 'sequence-classification' ? (num_labels === 1 ? 'regression' : 'single_label_classification') : null;
    if (fields.hidden_size % fields.num_attention_heads !== 0) {
      throw new StudioError('bad_input', `config.json (${this.modelType}): hidden size ${fields.hidden_size} is not a multiple of the ${fields.num_attention_heads} attention heads`);
    }
    return {
      model_type: this.modelType,
      architecture,
      head,
      vocab_size: fields.vocab_size,
      hidden_size: fields.hidden_size,
      num_hidden_layers: fields.num_hidden_layers,
      num_attention_heads: fields.num_attention_heads,
      max_position_embeddings: fields.max_position_embeddings,
      num_labels,
      pad_token_id: this.tokenId('pad_token_id'),
      bos_token_id: this.tokenId('bos_token_id'),
      eos_token_id: this.tokenId('eos_token_id'),
      tie_word_embeddings: fields.tie_word_embeddings,
      problem_type,
      raw: this.raw,
    };
  }
}
