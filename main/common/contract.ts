// The one contract between the UI (renderer, CLI) and the core. Every transport derives from it:
// the preload's `window.studio`, the Electron IPC handlers, the loopback HTTP/WebSocket bridge and the
// renderer's client. Add a method here (schema + Api entry) and every transport carries it.
// Plain TypeScript + zod: no node, no electron.
import { z } from 'zod';
import type {
  AppInfo,
  BundleImportResult,
  BundleVerifyResult,
  CorpusAllowResult,
  CorpusDocumentsDto,
  CorpusDumpResult,
  CorpusFindingsDto,
  CorpusReport,
  CorpusSummary,
  DoctorReport,
  EvalReport,
  EvaluationDto,
  ExportDto,
  ExportPlanDto,
  JobDto,
  JobFinishedEvent,
  JobProgressEvent,
  KeysDto,
  ModelFertilityResult,
  ModelImportResult,
  ModelInspection,
  ModelSummary,
  ModelTryResult,
  RunDetail,
  RunSummary,
  TrainPlan,
  TrainStartResult,
} from './dto';
import type { ErrorDto } from './errors';
import { DETECTABLE_LANGUAGES } from './languages';
import { PII_TYPES } from './pii-types';

// ---- transport names (the only place channel strings live) -------------------------------------

// Defined in ./channels (which imports nothing, so the sandboxed preload can bundle it without zod).
export { CHANNELS, HTTP_BRIDGE } from './channels';

// ---- request schemas ----------------------------------------------------------------------------

const id = z.number().int().positive();
export const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'may contain letters, digits, spaces, dots, dashes and underscores');
const empty = z.object({}).strict();

const corpusRef = z.union([id, z.string().trim().min(1).max(120)]);
/** What `corpus.documents` lists: one status of the import's decision, or `removed` (every status but kept). */
export const DOCUMENT_STATUS_FILTERS = ['kept', 'removed', 'duplicate', 'near_duplicate', 'filtered', 'dropped_pii'] as const;
/** A PII finding type, upper case as the scanner reports it ("name" is read as NAME). */
const piiType = z.string().trim().toUpperCase().pipe(z.enum(PII_TYPES, { message: `a finding type: one of ${PII_TYPES.join(', ')}` }));
const GiB = 1024 * 1024 * 1024;
/** Parameters of a corpus import (the `corpus.import` job kind and API method). */
export const corpusImportSchema = z
  .object({
    /** Files and folders (walked recursively): .txt .md .html .pdf .docx .csv .jsonl .json. */
    paths: z.array(z.string().min(1)).min(1, 'name at least one file or folder').max(10_000),
    name: nameSchema,
    /** report: keep and flag; redact: typed placeholders such as [NAME]; drop: exclude documents with findings. */
    pii: z.enum(['report', 'redact', 'drop']).default('report'),
    text_column: z.string().min(1).max(200).default('text'),
    json_field: z.string().min(1).max(200).default('text'),
    /** ISO 639-1 codes to keep (empty: every language). */
    languages: z
      .array(
        z.string().trim().toLowerCase().refine((code) => (DETECTABLE_LANGUAGES as readonly string[]).includes(code), {
          error: (issue) => `"${String(issue.input)}" is not the two-letter (ISO 639-1) code of a language the detector knows: ${DETECTABLE_LANGUAGES.join(', ')}`,
        }),
      )
      .max(200)
      .default([]),
    max_file_bytes: z.number().int().positive('must be more than 0 bytes').max(16 * GiB, 'must be at most 16 GiB').default(256 * 1024 * 1024),
    seed: z.number().int().min(0).max(0xffffffff).default(1234),
    validation_fraction: z.number().min(0).max(0.5).default(0.05),
    /** Folder of a Hugging Face tokenizer (tokenizer.json or vocab.txt); default: a word-level tokenizer. */
    tokenizer: z.string().min(1).optional(),
    /** Analysis threads: 0 = the job's own thread only; default automatic (one per core, up to 2, from about 10 MB of sources). */
    workers: z.number().int('workers must be a whole number').min(0, 'workers must be 0 or more').max(64, 'workers must be at most 64').optional(),
  })
  .strict();

/** Parameters of an export (the `export` job kind and `export.start`). */
export const exportSchema = z
  .object({
    /** A finished run (its saved model and adapter) … */
    run: id.optional(),
    /** … or a registered model, by name. */
    model: z.string().trim().min(1).max(120).optional(),
    /** hf: Hugging Face folder; peft: LoRA adapter; merged: adapter folded into the base; onnx; bundle: signed .dsbundle. */
    formats: z.array(z.enum(['hf', 'peft', 'merged', 'onnx', 'bundle'])).min(1, 'choose at least one format').max(5),
    /** Output folder: each format goes to <out>/<format>/, the bundle to <out>/<name>.dsbundle. Default: the workspace's exports/<job id>/. */
    out: z.string().trim().min(1, 'choose an output folder').optional(),
  })
  .strict()
  .refine((r) => (r.run === undefined) !== (r.model === undefined), { message: 'name either a run or a model', path: ['run'] });

/** Hyper-parameters and data of a training run (`train.plan`, `train.start`, the `train` job kind). */
export const trainSchema = z
  .object({
    /** The domain corpus, by name or id (continued pre-training; lora-task takes `task` instead). */
    corpus: corpusRef.optional(),
    /** lora-task: a labelled CSV or JSONL file — text,label (sequence classification) or tokens,tags in BIO (token classification). */
    task: z
      .object({
        file: z.string().trim().min(1, 'choose the labelled file'),
        /** Default: token classification when the rows have tokens and tags, else sequence classification. */
        kind: z.enum(['sequence-classification', 'token-classification']).optional(),
        /** The allowed labels; a row with another label is refused (default: the labels found). */
        labels: z.array(z.string().min(1).max(200)).min(2).max(1000).optional(),
        /** Share of the rows held out (seeded) for validation. */
        validation_fraction: z.number().min(0.02).max(0.5).default(0.1),
      })
      .strict()
      .optional(),
    /** The base model, by registered name or id (every method but scratch, which makes its own). */
    base: corpusRef.optional(),
    /** scratch only: the new model's architecture, size preset and tokenizer (trained on the corpus's train
     *  split: WordPiece for bert, byte-level BPE for gpt2). */
    scratch: z
      .object({
        architecture: z.enum(['bert', 'gpt2']).default('bert'),
        size: z.enum(['tiny', 'mini', 'small']).default('tiny'),
        vocab_size: z.number().int('vocab_size must be a whole number').min(256, 'vocab_size must be at least 256').max(65_536, 'vocab_size must be at most 65536').default(8000),
        min_frequency: z.number().int().min(1).max(1000).default(2),
      })
      .strict()
      .optional(),
    method: z.enum(['cpt-full', 'cpt-lora', 'lora-task', 'scratch']),
    seed: z.number().int().min(0).max(0xffffffff).default(1234),
    max_steps: z.number().int('max_steps must be a whole number').min(1, 'max_steps must be at least 1').max(10_000_000).default(200),
    /** Stop (with a checkpoint and the model saved) after this many minutes of training. */
    max_minutes: z.number().positive('max_minutes must be greater than 0').max(60 * 24 * 30).optional(),
    batch: z.number().int('batch must be a whole number').min(1, 'batch must be at least 1').max(4096).default(8),
    seq_len: z.number().int('seq_len must be a whole number').min(8, 'seq_len must be at least 8').max(32_768).default(128),
    /** Peak learning rate; default per method and model size (peakLrFor: up to 20 M parameters full 1e-3,
     *  LoRA 5e-3; larger full 1e-4, LoRA 1e-3; scratch 5e-4). */
    lr: z.number().positive('the learning rate must be greater than 0').max(1, 'the learning rate must be at most 1').optional(),
    /** Warm-up steps; default 6% of max_steps. */
    warmup: z.number().int().min(0, 'warmup must be 0 or more').optional(),
    schedule: z.enum(['cosine', 'linear', 'constant']).default('cosine'),
    /** Floor of the decay as a share of the peak rate. */
    min_lr_ratio: z.number().min(0).max(1).default(0.1),
    weight_decay: z.number().min(0, 'weight decay must be 0 or more').max(1).default(0.01),
    /** Gradient clipping norm; null = no clipping. */
    clip: z.number().positive('the clipping norm must be greater than 0').nullable().default(1),
    accumulation: z.number().int().min(1, 'accumulation must be at least 1').max(1024).default(1),
    lora: z
      .object({
        r: z.number().int().min(1, 'LoRA rank must be at least 1').max(1024).default(8),
        alpha: z.number().positive('LoRA alpha must be greater than 0').default(16),
        dropout: z.number().min(0).max(0.9).default(0),
        /** Module names to adapt; default: the architecture's attention and MLP projections. */
        targets: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
        /** Modules trained in full beside the adapter and saved with it (PEFT modules_to_save); [] = LoRA only.
         *  Default for cpt-lora: a masked-LM encoder's LM head (transform and output bias; the output projection
         *  stays tied to the embeddings), nothing for decoders. A new run records the list it used. */
        modules_to_save: z.array(z.string().min(1).max(200)).max(100).optional(),
      })
      .strict()
      .default({ r: 8, alpha: 16, dropout: 0 }),
    /** Share of each batch drawn from general text against forgetting, in [0, 1). */
    replay_ratio: z.number().min(0, 'replay_ratio must be 0 or more').max(0.95, 'replay_ratio must be below 1').default(0.1),
    /** General text: "general" (the bundled English corpus), a corpus name or id, or "none". */
    replay: z.union([z.literal('general'), z.literal('none'), corpusRef]).default('general'),
    /** Evaluate every this many steps (0 = only before and after). */
    eval_every: z.number().int().min(0).default(50),
    /** Stop after this many evaluations without improvement; omitted = never. */
    patience: z.number().int().min(1, 'patience must be at least 1').optional(),
    keep_last: z.number().int().min(1, 'keep_last must be at least 1').max(100).default(2),
    /** Checkpoint every this many steps (and at every evaluation, and when the run stops). */
    checkpoint_every: z.number().int().min(1, 'checkpoint_every must be at least 1').default(50),
    /** Masked LM: mask whole words (WordPiece "##" continuations with their word). */
    whole_word_masking: z.boolean().default(false),
    /** Tokens of each validation split evaluated (bounded for speed; always the same ones). */
    eval_tokens: z.number().int().min(64).max(10_000_000).default(16_384),
    /** Threads that train data-parallel (each holds a copy of the model). Omitted = automatic: 2 on a
     *  multi-core machine when a step is large enough to gain from it, else 1; the run records the count it
     *  used. A given count is exactly reproducible (same seed ⇒ same loss curve, exact resume); counts differ
     *  from one another in float rounding only — except with LoRA dropout > 0, where each thread draws its own
     *  masks (as valid a sample, not bit-equal to 1 thread). */
    workers: z.number().int('workers must be a whole number').min(1, 'workers must be at least 1').max(64, 'workers must be at most 64').optional(),
    /** cpt-full, cpt-lora, scratch: synthetic secret sentences planted in the training split (never in
     *  validation, never in the corpus) so the privacy audit can measure memorisation; 0 = none. */
    canaries: z.number().int('canaries must be a whole number').min(0, 'canaries must be 0 or more').max(64, 'canaries must be at most 64').default(4),
  })
  .strict();

/** Evaluates a succeeded run: perplexity and cloze probes before/after, task metrics, privacy audit. */
export const evalSchema = z
  .object({
    run: id,
    /** A labelled file (CSV/TSV/JSONL: text,label or tokens,tags) to score a classifier run on. */
    task: z.string().trim().min(1).max(4096).optional(),
    /** Tokens of validation text per perplexity figure (default: the run's own eval_tokens, so "before" matches training's). */
    eval_tokens: z.number().int().min(64).max(1_000_000).optional(),
    /** Random alternatives each canary's secret is ranked against. */
    candidates: z.number().int().min(15).max(10_000).default(255),
    /** PII findings probed at most (a seeded sample). */
    max_findings: z.number().int().min(0).max(10_000).default(200),
    /** Cloze probes at most. */
    max_probes: z.number().int().min(0).max(5_000).default(200),
    /** Masking and sampling seed (default: the run's seed). */
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict();

export const trainPlanSchema = trainSchema.extend({ calibration_steps: z.number().int().min(1).max(20).default(2) });

const fingerprint = z.string().trim().min(1, 'give the key fingerprint').max(200);

/** Parameters of each job kind the job process knows. */
export const jobParamSchemas = {
  /** Hashes every file of the workspace and checks the database: proves the job path end to end. */
  'workspace.check': z.object({}).strict(),
  /** Imports files and folders into a new corpus (see corpusImportSchema). */
  'corpus.import': corpusImportSchema,
  /** Writes token shards of a stored corpus for a model's tokenizer folder (no re-import). */
  'corpus.tokenize': z.object({ corpus: corpusRef, tokenizer: z.string().min(1) }).strict(),
  /** Puts back, in a corpus imported in redact mode, the text of findings allow-listed since (see corpus.restore). */
  'corpus.restore': z.object({ corpus: corpusRef }).strict(),
  /** Removes a corpus: documents, shards, findings and errors (see corpus.delete). */
  'corpus.delete': z.object({ corpus: corpusRef }).strict(),
  /** Writes a run's or a model's export formats into a folder and verifies each (see exportSchema). */
  export: exportSchema,
  /** Trains (or, with `run`, continues from its latest checkpoint) a run; see trainSchema. */
  train: trainSchema.extend({ run: id.optional() }),
  /** The advisor's figures for a training request (loads the model and calibrates, away from the app process). */
  'train.plan': trainPlanSchema,
  /** Evaluates a run (see evalSchema); stores the result in `evaluations` and the run's metrics. */
  eval: evalSchema,
} as const;

export type JobKind = keyof typeof jobParamSchemas;
export type JobParams<K extends JobKind> = z.infer<(typeof jobParamSchemas)[K]>;
export const JOB_KINDS = Object.keys(jobParamSchemas) as JobKind[];

export const requestSchemas = {
  'app.info': empty,
  'doctor.run': empty,
  'jobs.list': z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
  'jobs.get': z.object({ id }).strict(),
  'jobs.start': z
    .object({
      kind: z.enum(JOB_KINDS as [JobKind, ...JobKind[]]),
      params: z.record(z.string(), z.unknown()).default({}),
    })
    .strict(),
  'jobs.cancel': z.object({ id }).strict(),
  'corpus.list': empty,
  'corpus.import': corpusImportSchema,
  'corpus.show': z.object({ corpus: corpusRef }).strict(),
  'corpus.findings': z
    .object({ corpus: corpusRef, type: piiType.optional(), limit: z.number().int().min(1).max(500).default(20) })
    .strict(),
  'corpus.allow': z.object({ text: z.string().trim().min(1).max(500), type: piiType.optional() }).strict(),
  'corpus.dump': z.object({ corpus: corpusRef, out: z.string().min(1) }).strict(),
  'corpus.tokenize': z.object({ corpus: corpusRef, tokenizer: z.string().min(1) }).strict(),
  'corpus.restore': z.object({ corpus: corpusRef }).strict(),
  'corpus.delete': z.object({ corpus: corpusRef }).strict(),
  'corpus.documents': z
    .object({
      corpus: corpusRef,
      status: z.enum(DOCUMENT_STATUS_FILTERS, { message: `a document status: one of ${DOCUMENT_STATUS_FILTERS.join(', ')}` }).optional(),
      limit: z.number().int().min(1).max(1000).default(50),
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
  'model.list': empty,
  'model.try': z
    .object({
      /** A registered model's name, a Hugging Face model folder, or a finished run's id (its model, or base + LoRA adapter). */
      model: z.string().trim().min(1).max(4096),
      text: z.string().min(1).max(100_000).optional(),
      ids: z.array(z.number().int().min(0)).min(1).max(8192).optional(),
      top_k: z.number().int().min(1).max(1000).default(5),
      logits: z.boolean().default(false),
      generate: z.number().int().min(0).max(1024).default(0),
      /** Generation: nucleus sampling mass (absent: greedy), temperature and seed of the draws. */
      top_p: z.number().gt(0).max(1).optional(),
      temperature: z.number().gt(0).max(100).optional(),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
      /** Run this exported ONNX file with onnxruntime instead of the engine (the model gives the tokenizer when none is beside it). */
      onnx: z.string().trim().min(1).max(4096).optional(),
    })
    .strict()
    .refine((r) => (r.text === undefined) !== (r.ids === undefined), { message: 'give either text or ids', path: ['text'] }),
  'model.inspect': z.object({ folder: z.string().trim().min(1, 'name the model folder') }).strict(),
  'model.fertility': z
    .object({
      /** A registered model's name, or a Hugging Face folder. */
      model: z.string().trim().min(1),
      corpus: corpusRef,
      /** Read at most this much cleaned text (a sample of a large corpus). */
      max_bytes: z.number().int().positive().max(1024 * 1024 * 1024).default(8 * 1024 * 1024),
    })
    .strict(),
  'model.import': z
    .object({
      /** A Hugging Face model folder: config.json, model.safetensors (or shards + index), tokenizer files. */
      folder: z.string().trim().min(1, 'name the model folder'),
      name: nameSchema,
    })
    .strict(),
  'runs.list': empty,
  'runs.show': z.object({ run: id }).strict(),
  'runs.pause': z.object({ run: id }).strict(),
  'runs.resume': z.object({ run: id }).strict(),
  'runs.cancel': z.object({ run: id }).strict(),
  'train.plan': trainPlanSchema,
  'train.start': trainSchema,
  'export.start': exportSchema,
  'export.list': z.object({ run: id.optional(), model: id.optional() }).strict(),
  'export.plan': z
    .object({ run: id.optional(), model: z.string().trim().min(1).max(120).optional() })
    .strict()
    .refine((r) => (r.run === undefined) !== (r.model === undefined), { message: 'name either a run or a model', path: ['run'] }),
  'bundle.verify': z.object({ file: z.string().trim().min(1, 'choose the .dsbundle file') }).strict(),
  'bundle.import': z
    .object({
      file: z.string().trim().min(1, 'choose the .dsbundle file'),
      /** Default: the model name in the bundle. */
      name: nameSchema.optional(),
      /** Trust the signer's key (after comparing its fingerprint with the sender). */
      trust: z.boolean().default(false),
    })
    .strict(),
  'keys.fingerprint': empty,
  'keys.trust': z.object({ fingerprint, label: z.string().trim().max(200).default('') }).strict(),
  'keys.untrust': z.object({ fingerprint }).strict(),
  'eval.start': evalSchema,
  'eval.show': z.object({ run: id }).strict(),
  'audit.override': z.object({ run: id, reason: z.string().trim().min(10, 'give the reason in a sentence').max(2000), by: z.string().trim().min(1).max(200).optional() }).strict(),
} as const;

// ---- the API ------------------------------------------------------------------------------------

type Req<M extends keyof typeof requestSchemas> = z.input<(typeof requestSchemas)[M]>;

/** Method name → (request) → response. Implemented once in main/services. */
export interface Api {
  /** Version, workspace and mode of the running app. */
  'app.info'(req: Req<'app.info'>): Promise<AppInfo>;
  /** Backends, ONNX runtime, SQLite and workspace health. */
  'doctor.run'(req: Req<'doctor.run'>): Promise<DoctorReport>;
  /** Most recent jobs first. */
  'jobs.list'(req: Req<'jobs.list'>): Promise<JobDto[]>;
  'jobs.get'(req: Req<'jobs.get'>): Promise<JobDto>;
  /** Starts a job in a separate process; progress arrives as `job.progress` events. */
  'jobs.start'(req: Req<'jobs.start'>): Promise<JobDto>;
  'jobs.cancel'(req: Req<'jobs.cancel'>): Promise<JobDto>;
  'corpus.list'(req: Req<'corpus.list'>): Promise<CorpusSummary[]>;
  /** Starts a `corpus.import` job; the corpus appears in `corpus.list` when the job has committed it. */
  'corpus.import'(req: Req<'corpus.import'>): Promise<JobDto>;
  /** The corpus report (documents, bytes, tokens, duplicates, findings by type, filters, file errors). */
  'corpus.show'(req: Req<'corpus.show'>): Promise<CorpusReport>;
  /** Review samples of the PII findings, per type. */
  'corpus.findings'(req: Req<'corpus.findings'>): Promise<CorpusFindingsDto>;
  /**
   * Allow-lists a finding text (of one type, or any): future scans skip it, stored findings are marked, and the
   * corpora whose redacted text still holds it are listed (`corpus.restore` puts it back).
   */
  'corpus.allow'(req: Req<'corpus.allow'>): Promise<CorpusAllowResult>;
  /** Writes the cleaned documents, exactly as training reads them, with their split, as JSON Lines. */
  'corpus.dump'(req: Req<'corpus.dump'>): Promise<CorpusDumpResult>;
  /** Starts a `corpus.tokenize` job: token shards for a model's tokenizer, from the stored documents. */
  'corpus.tokenize'(req: Req<'corpus.tokenize'>): Promise<JobDto>;
  /**
   * Starts a `corpus.restore` job: in a corpus imported with `pii: redact` and not yet trained on, the placeholders of
   * findings allow-listed since its import are replaced by their text again (documents, shards, sizes).
   */
  'corpus.restore'(req: Req<'corpus.restore'>): Promise<JobDto>;
  /**
   * Starts a `corpus.delete` job: the corpus's documents, shards, findings and per-file errors are removed from the
   * workspace; runs trained on it keep it as their record (renamed, counts only). Refused while a job uses it.
   */
  'corpus.delete'(req: Req<'corpus.delete'>): Promise<JobDto>;
  /** The documents of a corpus in import order, a page at a time: what the import kept, and what it removed and why. */
  'corpus.documents'(req: Req<'corpus.documents'>): Promise<CorpusDocumentsDto>;
  'model.list'(req: Req<'model.list'>): Promise<ModelSummary[]>;
  /** Runs a model on one input: top-k mask fillers (masked LM) or next tokens (causal LM), logits, greedy generation. */
  'model.try'(req: Req<'model.try'>): Promise<ModelTryResult>;
  /** What a Hugging Face model folder holds (config, weight shapes, tokenizer, hash), checked as import checks it; records nothing. */
  'model.inspect'(req: Req<'model.inspect'>): Promise<ModelInspection>;
  /** The model's tokenizer on a corpus: tokens per word and the frequent words it splits most (vocabulary fit). */
  'model.fertility'(req: Req<'model.fertility'>): Promise<ModelFertilityResult>;
  /** Validates a Hugging Face model folder (config, weight shapes, tokenizer) and records it; weights stay where they are. */
  'model.import'(req: Req<'model.import'>): Promise<ModelImportResult>;
  'runs.list'(req: Req<'runs.list'>): Promise<RunSummary[]>;
  /** A run with its settings, checkpoints, outputs and every metric series by step. */
  'runs.show'(req: Req<'runs.show'>): Promise<RunDetail>;
  /** Checkpoints and stops a running run (status paused); `runs.resume` continues it exactly. */
  'runs.pause'(req: Req<'runs.pause'>): Promise<RunDetail>;
  /** Continues a paused or interrupted run from its latest checkpoint in a new job. */
  'runs.resume'(req: Req<'runs.resume'>): Promise<TrainStartResult>;
  /** Stops a run for good (status cancelled); its checkpoints stay on disk. */
  'runs.cancel'(req: Req<'runs.cancel'>): Promise<RunDetail>;
  /** The advisor: parameters, memory against free memory, measured tokens/s, time, recommendations; refusal when it cannot fit. */
  'train.plan'(req: Req<'train.plan'>): Promise<TrainPlan>;
  /** Checks the plan and starts a `train` job on a new run (refused when it cannot fit). */
  'train.start'(req: Req<'train.start'>): Promise<TrainStartResult>;
  /** Starts an `export` job: the chosen formats written into a folder, each verified by reading it back. */
  'export.start'(req: Req<'export.start'>): Promise<JobDto>;
  /** Before writing: which formats a run or model can give (and why not), their estimated sizes, and the audit verdict. */
  'export.plan'(req: Req<'export.plan'>): Promise<ExportPlanDto>;
  /** Exports made so far, most recent first (optionally of one run or model). */
  'export.list'(req: Req<'export.list'>): Promise<ExportDto[]>;
  /** Checks a .dsbundle's signature and every file's hash, and whether its signer is trusted; writes nothing. */
  'bundle.verify'(req: Req<'bundle.verify'>): Promise<BundleVerifyResult>;
  /** Verifies a .dsbundle and registers its model under models/; refuses an untrusted signer unless `trust`. */
  'bundle.import'(req: Req<'bundle.import'>): Promise<BundleImportResult>;
  /** This workspace's signing key fingerprint (created on first use) and the trusted keys. */
  'keys.fingerprint'(req: Req<'keys.fingerprint'>): Promise<KeysDto>;
  /** Trusts a colleague's key by its fingerprint (compared by phone). */
  'keys.trust'(req: Req<'keys.trust'>): Promise<KeysDto>;
  'keys.untrust'(req: Req<'keys.untrust'>): Promise<KeysDto>;
  /** Starts an `eval` job on a succeeded run (its result is the EvalReport). */
  'eval.start'(req: Req<'eval.start'>): Promise<JobDto>;
  /** The run's newest evaluation (not_found when it was never evaluated). */
  'eval.show'(req: Req<'eval.show'>): Promise<EvalReport>;
  /** Records who overrides the run's failed privacy audit and why, so it can be exported. */
  'audit.override'(req: Req<'audit.override'>): Promise<EvaluationDto>;
}

export type Method = keyof Api;
export type ApiRequest<M extends Method> = Parameters<Api[M]>[0];
export type ApiResponse<M extends Method> = Awaited<ReturnType<Api[M]>>;
/** The request after validation (defaults applied). */
export type ValidRequest<M extends Method> = z.output<(typeof requestSchemas)[M]>;

/** Every transport returns errors as values. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

export const METHODS = Object.keys(requestSchemas) as Method[];

// Compile-time check: a schema for every Api method and no schema without one.
type _SchemasCoverApi = [Method] extends [keyof typeof requestSchemas] ? true : never;
type _ApiCoversSchemas = [keyof typeof requestSchemas] extends [Method] ? true : never;
export const _contractComplete: [_SchemasCoverApi, _ApiCoversSchemas] = [true, true];

// ---- events (core → every subscriber) -----------------------------------------------------------

export interface Events {
  'job.progress': JobProgressEvent;
  'job.finished': JobFinishedEvent;
}

export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['job.progress', 'job.finished'];

/** The frame sent over the WebSocket and over IPC. */
export interface EventFrame<E extends EventName = EventName> {
  event: E;
  payload: Events[E];
}

/** What the preload exposes as `window.studio`, and what the serve-mode client implements. */
export interface StudioBridge {
  invoke<M extends Method>(method: M, request: ApiRequest<M>): Promise<Outcome<ApiResponse<M>>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
