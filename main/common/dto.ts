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
