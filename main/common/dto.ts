// Data shapes that cross process boundaries: API responses, job messages, CLI `--json` output.
// Field names are snake_case on purpose: the CLI prints these objects as they are, and scripts
// (and Hugging Face configs, which we mirror) use snake_case. Plain TypeScript, no runtime imports.

export type Iso8601 = string;

export interface AppInfo {
  name: string;
  version: string;
  /** Absolute path of the workspace folder in use. */
  workspace: string;
  /** How the renderer is being served. */
  mode: 'electron' | 'serve' | 'cli';
  /** The training backend the job process will use, as last probed (null before the first probe). */
  backend: string | null;
  /** Corpora shipped with the app, ready to import for a first run (empty when this installation has none). */
  sample_corpora: SampleCorpus[];
}

export interface SampleCorpus {
  /** Suggested corpus name, e.g. "sample-legal". */
  name: string;
  /** Absolute path of the folder to import. */
  path: string;
  /** What it is, in one line. */
  description: string;
}

// ---- doctor -------------------------------------------------------------------------------------

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export interface BackendStatus {
  name: BackendName;
  /** npm package that provides it. */
  package: string;
  available: boolean;
  /** True for the one backend that training will use. */
  selected: boolean;
  version: string | null;
  /** Device description when available (GPU name, SIMD/threads for wasm). */
  device: string | null;
  /** Why it is not available (null when it is). */
  reason: string | null;
  /** What to do to make it available (null when it is). */
  fix: string | null;
}

export interface OnnxRuntimeStatus {
  available: boolean;
  version: string | null;
  providers: string[];
  reason: string | null;
  fix: string | null;
  /** Execution providers this build lists but that could not run a model here (e.g. cuda not installed). */
  unavailable_providers?: Array<{ name: string; reason: string; fix: string | null }>;
}

export interface WorkspaceHealth {
  path: string;
  free_bytes: number | null;
  database: {
    ok: boolean;
    /** Result of PRAGMA integrity_check ("ok" when healthy). */
    integrity: string;
    schema_version: number;
    app_schema_version: number;
    message: string | null;
  };
}

export interface DoctorReport {
  ok: boolean;
  app_version: string;
  node: string;
  electron: string | null;
  platform: string;
  arch: string;
  cpus: number;
  memory_bytes: number;
  selected_backend: BackendName | null;
  backends: BackendStatus[];
  onnxruntime: OnnxRuntimeStatus;
  sqlite: { version: string | null; reason: string | null };
  workspace: WorkspaceHealth;
}

// ---- jobs ---------------------------------------------------------------------------------------

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface JobDto {
  id: number;
  kind: string;
  status: JobStatus;
  params: unknown;
  /** 0..1 when known. */
  progress: number | null;
  message: string | null;
  result: unknown;
  error: { code: string; message: string } | null;
  created_at: Iso8601;
  started_at: Iso8601 | null;
  finished_at: Iso8601 | null;
}

export interface JobProgressEvent {
  job_id: number;
  kind: string;
  /** 0..1, or null when the total is not known yet. */
  progress: number | null;
  message: string;
  /** Named counters for the UI (files done, bytes, MB/s, ETA seconds…). */
  counters: Record<string, number>;
  at: Iso8601;
}

export interface JobFinishedEvent {
  job_id: number;
  kind: string;
  status: Exclude<JobStatus, 'queued' | 'running'>;
  result: unknown;
  error: { code: string; message: string } | null;
  at: Iso8601;
}

// ---- registry items (filled by later features) --------------------------------------------------

export interface CorpusSummary {
  id: number;
  name: string;
  status: string;
  documents: number;
  bytes: number;
  tokens: number;
  created_at: Iso8601;
}

export interface ModelSummary {
  id: number;
  name: string;
  model_type: string;
  path: string;
  parameters: number;
  bytes: number;
  vocab_size: number;
  created_at: Iso8601;
}

/** What inspecting a Hugging Face model folder found (config, weight headers, tokenizer); no weights loaded. */
export interface ModelInspection {
  folder: string;
  model_type: string;
  architectures: string[];
  /** The head the checkpoint carries: masked-lm, causal-lm, sequence-classification, token-classification. */
  head: string;
  parameters: number;
  /** Bytes of the weight files on disk. */
  bytes: number;
  vocab_size: number;
  max_positions: number;
  hidden_size: number;
  layers: number;
  heads: number;
  /** Storage dtypes of the weights (computed in float32 whatever they are). */
  dtypes: string[];
  weight_files: string[];
  tokenizer: { kind: string; vocab_size: number };
  /** sha256 over config.json and the weight files (names and bytes), hex. */
  content_hash: string;
  warnings: string[];
}

/** `model.fertility`: how a model's tokenizer splits a corpus (tokens per word, most fragmented frequent words). */
export interface ModelFertilityResult {
  model_folder: string;
  corpus: string;
  tokenizer: { kind: string; vocab_size: number };
  /** Documents and bytes of cleaned text read (a sample when the corpus is larger than max_bytes). */
  documents: number;
  bytes: number;
  words: number;
  tokens: number;
  tokens_per_word: number;
  fragmented: FragmentedWordDto[];
}

/** `model.import`: the registered model and the inspection it was recorded from. */
export interface ModelImportResult extends ModelSummary {
  inspection: ModelInspection;
}

export interface RunSummary {
  id: number;
  corpus: string | null;
  base_model: string | null;
  method: string;
  status: string;
  created_at: Iso8601;
  finished_at: Iso8601 | null;
  metrics: Record<string, unknown>;
}

export interface WorkspaceCheckResult {
  files: number;
  bytes: number;
  /** SHA-256 over the sorted list of `path\0sha256\n` lines: changes when any file changes. */
  digest: string;
  integrity: string;
}

// ---- corpus import (owner: corpus) ---------------------------------------------------------------

/** A file the import skipped or only partly read, and why. */
export interface CorpusFileError {
  path: string;
  severity: 'error' | 'warning';
  /** too_large, empty, binary, unreadable, corrupt, bomb, encrypted, symlink_loop, invalid_records, unsupported, missing_column, … */
  reason: string;
  message: string;
}

export interface FragmentedWordDto {
  word: string;
  count: number;
  pieces: number;
  tokens: string[];
}

/** The corpus report: what `corpus import --json` prints and `corpus.show` returns. */
export interface CorpusReport {
  corpus: { id: number; name: string; status: string };
  files: { found: number; imported: number; skipped: number };
  documents: { in: number; kept: number; train: number; validation: number };
  bytes: { in: number; kept: number };
  tokens: { total: number; train: number; validation: number };
  tokenizer: { key: string; vocab_size: number; dtype: 'uint16' | 'uint32' };
  duplicates: { exact: number; near: number; clusters: number };
  boilerplate_lines_removed: number;
  languages: Record<string, number>;
  pii: { mode: 'report' | 'redact' | 'drop'; scanned: boolean; documents_with_findings: number; dropped: number };
  findings: Record<string, number>;
  filtered: Record<string, number>;
  /** Records (CSV rows, JSON lines) that could not be used, over all files. */
  invalid_records: number;
  split: { seed: number; validation_fraction: number };
  fertility: { words: number; tokens_per_word: number; fragmented: FragmentedWordDto[] };
  errors: CorpusFileError[];
  timings_ms: Record<string, number>;
  created_at: Iso8601;
}

/** Review samples of one finding type (`corpus.findings`). */
export interface CorpusFindingSample {
  id: number;
  document: number;
  source: string;
  type: string;
  text: string;
  /** A few words either side, from the text as it was scanned. */
  context: string;
  confidence: number;
  allow_listed: boolean;
}

export interface CorpusFindingsDto {
  corpus: number;
  by_type: Record<string, { total: number; allow_listed: number; samples: CorpusFindingSample[] }>;
  /** Placeholders of allow-listed findings still in this corpus's text (redact mode), or null: see `corpus.restore`. */
  restorable: RestorableCorpusDto | null;
}

export interface CorpusAllowResult {
  type: string | null;
  text: string;
  /** Stored findings now marked allow-listed (all corpora). */
  updated: number;
  /**
   * Corpora imported in redact mode whose stored text still holds placeholders of allow-listed findings (this entry's
   * or earlier ones): `corpus.restore` puts their text back.
   */
  restorable: RestorableCorpusDto[];
}

export interface RestorableCorpusDto {
  corpus: number;
  name: string;
  /** Kept documents holding such placeholders. */
  documents: number;
  /** Placeholders to put back. */
  findings: number;
}

/** Result of a `corpus.restore` job. */
export interface CorpusRestoreResult {
  corpus: number;
  /** Documents whose text changed. */
  documents: number;
  /** Placeholders replaced by their text. */
  findings: number;
  /** Allow-listed findings whose text an earlier restore, stopped before it finished, had put back already. */
  already: number;
  bytes: { before: number; after: number };
  /** The import's shard set, written again from the restored documents (null: its tokenizer folder is gone). */
  tokens: { total: number; train: number; validation: number } | null;
  /** Shard sets of other tokenizers removed: training writes them again from the restored documents. */
  shard_sets_removed: string[];
}

/** One document of a corpus as its import decided it (`corpus.documents`). */
export interface CorpusDocumentDto {
  /** Position in the import (0-based): the "id" of `corpus dump`. */
  ordinal: number;
  source: string;
  /** Row or line inside a CSV or JSON Lines file; null for a whole-file document. */
  record: number | null;
  bytes: number;
  language: string;
  status: 'kept' | 'duplicate' | 'near_duplicate' | 'filtered' | 'dropped_pii';
  /** The quality filter that removed it (min_length, symbol_ratio, repeated_lines, language). */
  filter: string | null;
  split: 'train' | 'validation' | null;
  /** For an exact or near duplicate: the document of its cluster that was kept. */
  duplicate_of: { ordinal: number; source: string; record: number | null } | null;
  /** Estimated Jaccard similarity of a near duplicate to the kept document (word shingles). */
  similarity: number | null;
  /** PII findings in it. */
  findings: number;
}

/** A page of a corpus's documents, in import order (`corpus.documents`). */
export interface CorpusDocumentsDto {
  corpus: number;
  /** The documents asked for: one status, `removed` (every status but kept), or null for all. */
  status: string | null;
  /** How many documents match, over all pages. */
  total: number;
  offset: number;
  documents: CorpusDocumentDto[];
}

/** Result of a `corpus.delete` job. */
export interface CorpusDeleteResult {
  corpus: number;
  /** Its name before the deletion. */
  name: string;
  /** Documents it held (kept documents of its import). */
  documents: number;
  /** Bytes of its folder (documents, shards, report) removed from the disk. */
  bytes_freed: number;
  /** Runs trained on it: they keep the corpus as a record (renamed "NAME (deleted #ID)", counts only). */
  runs: number[];
  kept_as_record: boolean;
}

/** `corpus dump`: where the cleaned documents were written. */
export interface CorpusDumpResult {
  corpus: number;
  out: string;
  documents: number;
  train: number;
  validation: number;
}

// ---- try a model (owner: engine) ------------------------------------------------------------------

export interface TryCandidate {
  id: number;
  /** The vocabulary entry (null when the folder has no tokenizer); a classifier's label name. */
  token: string | null;
  probability: number;
}

/** `studio try` / `model.try`: what the model predicts for one input. */
export interface ModelTryResult {
  /** The model folder (or exported ONNX file) that ran. */
  model: string;
  model_type: string;
  /** Classifier tasks come from exported ONNX models only: their candidates are labels. */
  task: 'masked-lm' | 'causal-lm' | 'sequence-classification' | 'token-classification';
  /** The tfjs backend that ran the engine, or 'onnxruntime' for an exported ONNX model (`onnx`). */
  backend: BackendName | 'onnxruntime';
  /** The ids that ran (the text's encoding with the model's special tokens, or the ids given). */
  input_ids: number[];
  tokens: string[] | null;
  /** Mask positions for a masked LM; every position for a causal LM (the next-token distribution there) and
   *  a token classifier; [0] for a sequence classifier (the whole input). */
  positions: number[];
  /** Per entry of `positions`: the top-k tokens. */
  top: Array<{ position: number; candidates: TryCandidate[] }>;
  /** With `logits`: one vocabulary-size array per entry of `positions`. */
  logits?: number[][];
  /** With `generate`: greedy continuation (stops at the EOS token). */
  generated?: { ids: number[]; tokens: string[] | null; text: string | null };
}

/** Result of a `corpus.tokenize` job. */
export interface CorpusTokenizeResult {
  corpus: number;
  tokenizer: { key: string; vocab_size: number; dtype: 'uint16' | 'uint32' };
  tokens: { total: number; train: number; validation: number };
  fertility: { words: number; tokens_per_word: number; fragmented: FragmentedWordDto[] };
}

// ---- export and share (issue 6) ---------------------------------------------------------------

export type ExportFormat = 'hf' | 'peft' | 'merged' | 'onnx' | 'bundle';

/** One export the user made (`exports` table). */
export interface ExportDto {
  id: number;
  run_id: number | null;
  model_id: number | null;
  /** The exported model's name at export time. */
  source_name: string;
  format: ExportFormat;
  /** The folder written, or the .dsbundle file. */
  path: string;
  files: number;
  bytes: number;
  /** A bundle: SHA-256 of the file; a folder: SHA-256 over its sorted `path\0sha256\n` lines. */
  sha256: string;
  /** Reading the export back matched what was written (tensor hashes; a bundle's signature and hashes). */
  verified: boolean;
  verification: Record<string, unknown>;
  job_id: number | null;
  created_at: Iso8601;
}

/** Result of an `export` job. */
export interface ExportJobResult {
  source: { run_id: number | null; model_id: number | null; name: string };
  out: string;
  exports: ExportDto[];
}

/** `bundle.verify`: integrity (signature + every hash) and trust, reported separately. */
export interface BundleVerifyResult {
  /** The signature matches the manifest and every file matches the manifest. */
  ok: boolean;
  /** Grouped hex SHA-256 of the signer's public key, for comparison by phone. */
  signer_fingerprint: string | null;
  /** The signer's key is this workspace's own or on its trusted list. */
  trusted: boolean;
  files: Array<{ path: string; size: number; sha256: string; ok: boolean }>;
  /** Why the bundle was refused (null when ok). */
  reason: string | null;
  model: { name: string; model_type: string; method: string | null; base_model: string | null } | null;
  created_at: Iso8601 | null;
}

/** `bundle.import`: the model registered from a verified bundle. */
export interface BundleImportResult {
  model: ModelSummary;
  signer_fingerprint: string;
  /** The signer was trusted before this import (false when the import's `trust` added it). */
  was_trusted: boolean;
  files: number;
  bytes: number;
  contents: Array<{ format: string; folder: string }>;
}

export interface TrustedKeyDto {
  fingerprint: string;
  label: string;
  added_at: Iso8601;
}

/** `keys.fingerprint` / `keys.list`: this workspace's signing key and the keys it trusts. */
export interface KeysDto {
  fingerprint: string;
  /** Raw ed25519 public key, base64. */
  public_key: string;
  trusted: TrustedKeyDto[];
}

// ---- training (train.plan, train.start, runs.show) ----------------------------------------------

export interface PerplexityPair {
  before: number;
  after: number;
}

/** A run's outcome figures (also stored in runs.metrics). */
export interface RunMetrics {
  /** Validation perplexity on the domain corpus before and after training (after = the saved weights'); null for lora-task. */
  domain_perplexity: PerplexityPair | null;
  /** The same on general text (the bundled general corpus or the replay corpus); null when none was available. */
  general_perplexity: PerplexityPair | null;
  /** Mean training loss of the last step. */
  train_loss: number | null;
  /** Optimizer steps done. */
  steps: number;
  /** The step whose weights were saved (the best evaluation's). */
  saved_step: number;
  /** Why the loop ended: completed, early-stopped, time-limit, stopped (paused or cancelled). */
  stopped_by: string;
  parameters: { total: number; trainable: number };
  /** lora-task: validation scores of the saved weights, the majority-class baseline and the class balance. */
  task?: TaskMetrics;
}

export interface TaskMetrics {
  kind: string;
  labels: string[];
  accuracy: number;
  macro_f1: number;
  per_label_f1: Record<string, number>;
  majority_baseline: { label: string; accuracy: number; macro_f1: number };
  class_balance: { train: Record<string, number>; validation: Record<string, number> };
  examples: { train: number; validation: number };
}

/** What `studio train --json` prints and the train job returns. */
export interface TrainResult {
  run: number;
  /** succeeded | paused */
  status: string;
  metrics: RunMetrics;
  outputs: { model: string | null; adapter: string | null };
}

/** `train.start` / `runs.resume`: the run and the job that trains it. */
export interface TrainStartResult {
  run: RunSummary;
  job: JobDto;
}

export interface TrainRecommendation {
  /** method | lr | replay_ratio */
  name: string;
  value: string | number;
  reason: string;
}

/** `train.plan`: the advisor's figures before a run. */
export interface TrainPlan {
  method: string;
  base_model: string;
  corpus: string;
  backend: string;
  parameters: { total: number; trainable: number; trainable_fraction: number };
  data: { train_tokens: number; validation_tokens: number; train_sequences: number; tokenizer: string };
  /** Bytes. `free` is the device's free memory the estimate is compared with. */
  memory: { weights: number; gradients: number; optimizer: number; activations: number; total: number; free: number; measured_peak: number };
  /** Measured on this machine with the run's batch shape, on `workers` threads (the count the run will use: given, or
   *  chosen automatically for `workers_reason`). */
  calibration: { ms_per_step: number; tokens_per_second: number; workers: number; workers_reason: string };
  estimate: { steps: number; tokens: number; seconds: number; epochs: number };
  recommendations: TrainRecommendation[];
  /** Null when the plan can start; else why not and what to change. */
  refusal: string | null;
  /** lora-task: the labels and the class balance of the split the run will use (before training). */
  task?: { kind: string; labels: string[]; class_balance: { train: Record<string, number>; validation: Record<string, number> } };
}

export interface RunCheckpointDto {
  step: number;
  metric: number | null;
  best: boolean;
}

/** `runs.show`: a run with its settings, outputs, checkpoints and every metric series. */
export interface RunDetail extends RunSummary {
  config: Record<string, unknown>;
  job_id: number | null;
  started_at: Iso8601 | null;
  /** Metric name → [step, value] pairs, sorted by step (loss, lr, tokens_per_second, domain_perplexity…). */
  series: Record<string, Array<[number, number]>>;
  checkpoints: RunCheckpointDto[];
  outputs: { model: string | null; adapter: string | null };
  /** Whether `runs.resume` can continue it (paused or interrupted with a checkpoint). */
  resumable: boolean;
}

/** `export.plan`: what the Export step shows before writing anything. */
export interface ExportPlanDto {
  source: { run_id: number | null; model_id: number | null; name: string; model_type: string };
  formats: Array<{ format: ExportFormat; available: boolean; reason: string | null; estimated_bytes: number }>;
  /** The run's privacy audit (null verdict: not audited). A failed audit without an override blocks export. */
  audit: { verdict: string | null; override: string | null; blocks_export: boolean };
}

/** Who overrode a failed privacy audit, why and when (recorded with `audit.override`). */
export interface AuditOverride {
  by: string;
  reason: string;
  at: Iso8601;
}

/** One stored evaluation of a run (`evaluations` table); metrics is the EvalReport without `run`. */
export interface EvaluationDto {
  id: number;
  run_id: number;
  kind: 'evaluation' | 'audit';
  metrics: Record<string, unknown>;
  verdict: 'pass' | 'fail' | null;
  override: AuditOverride | null;
  job_id: number | null;
  created_at: Iso8601;
}

/** Cloze-probe scores of one model (top-1/top-5 shares; median rank of the term's first token for causal LMs). */
export interface ProbeScoresDto {
  objective: 'masked-lm' | 'causal-lm';
  probes: number;
  top1: number;
  top5: number;
  median_rank: number | null;
}

/** `eval.start` job result and `eval.show`: the evaluation of a run, before (base) vs after (trained). */
export interface EvalReport {
  run: number;
  evaluation_id: number;
  created_at: Iso8601;
  /** Null for classifier runs (no language-model head). */
  perplexity: {
    definition: string;
    /** before: the base model's figure (null for a scratch run, which has no base). */
    domain: { before: number | null; after: number };
    general: { before: number | null; after: number } | null;
  } | null;
  probes: { terms: number; before: ProbeScoresDto | null; after: ProbeScoresDto } | null;
  /** With a labelled file: accuracy / macro-F1 (sequence) or entity P/R/F1 (token), with the majority baseline. */
  task: Record<string, unknown> | null;
  /** Null for classifier runs. verdict 'fail' blocks export until `audit.override` records who and why. */
  audit: {
    verdict: 'pass' | 'fail';
    summary: string;
    override: AuditOverride | null;
    thresholds: { max_mean_exposure: number; max_reproduced_share: number; min_reproduced: number; max_exposure: number | null };
    canaries: { planted: number; mean_exposure: number | null; max_exposure: number | null; results: Array<{ index: number; rank: number; candidates: number; exposure: number }> };
    pii: { probed: number; reproduced: number; reproduced_share: number; top_k: number | null; by_type: Record<string, { probed: number; reproduced: number; reproduced_top_k: number | null; reproduced_by_base?: number }>; examples: Array<{ type: string; masked: string; how: string }>; method?: string; from_documents?: number };
  } | null;
  /** What was skipped and why (e.g. no canaries planted, no general text). */
  notes: string[];
}
