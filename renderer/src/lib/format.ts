// Number, size, date and job wording for people: "1.2 MB", "3 min ago", "Workspace check".
import type { CorpusReport, ExportJobResult, JobDto, TrainResult, WorkspaceCheckResult } from '../../../main/common/dto';

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} ${value === 1 ? 'byte' : 'bytes'}` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export function formatCount(value: number): string {
  return Number.isFinite(value) ? value.toLocaleString('en-US') : '—';
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatPercent(fraction: number | null): string {
  return fraction === null ? '' : `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

const KIND_LABELS: Record<string, string> = {
  'workspace.check': 'Workspace check',
  'corpus.import': 'Corpus import',
  'corpus.tokenize': 'Corpus tokenization',
  'corpus.restore': 'Restoring allow-listed text',
  'corpus.delete': 'Deleting a corpus',
  export: 'Export',
  train: 'Training',
  'train.plan': 'Training estimate',
  eval: 'Evaluation',
  'bundle.import': 'Bundle import',
};

export function jobLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

export const STATUS_LABELS: Record<JobDto['status'], string> = {
  queued: 'Waiting',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

function isWorkspaceCheck(value: unknown): value is WorkspaceCheckResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.files === 'number' && typeof v.bytes === 'number' && typeof v.digest === 'string';
}

/** One line saying what a finished job produced, for the kinds the UI knows. */
export function describeResult(job: JobDto): string | null {
  if (job.status !== 'succeeded') return null;
  if (job.kind === 'workspace.check' && isWorkspaceCheck(job.result)) {
    const r = job.result;
    const health = r.integrity === 'ok' ? 'database healthy' : `database: ${r.integrity}`;
    return `${formatCount(r.files)} ${r.files === 1 ? 'file' : 'files'}, ${formatBytes(r.bytes)}, ${health}. Fingerprint ${r.digest.slice(0, 12)}…`;
  }
  if (job.kind === 'corpus.import' && isCorpusReport(job.result)) {
    const r = job.result;
    return `“${r.corpus.name}”: ${formatCount(r.documents.kept)} of ${formatCount(r.documents.in)} documents kept, ${formatCount(r.tokens.total)} tokens.`;
  }
  if (job.kind === 'export' && isExportResult(job.result)) {
    const r = job.result;
    const verified = r.exports.every((e) => e.verified) ? 'all verified' : 'NOT all verified';
    return `“${r.source.name}”: ${r.exports.map((e) => e.format).join(', ')} written to ${r.out} (${formatBytes(r.exports.reduce((s, e) => s + e.bytes, 0))}, ${verified}).`;
  }
  if (job.kind === 'train' && isTrainResult(job.result)) {
    const r = job.result;
    const domain = r.metrics.domain_perplexity;
    const words = r.status === 'paused' ? `Run #${r.run} paused at step ${r.metrics.steps}` : `Run #${r.run} finished`;
    return domain ? `${words}: perplexity on your documents ${domain.before.toFixed(1)} → ${domain.after.toFixed(1)}.` : `${words}.`;
  }
  return null;
}

function isTrainResult(value: unknown): value is TrainResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<TrainResult>;
  return typeof v.run === 'number' && typeof v.metrics?.steps === 'number';
}

function isExportResult(value: unknown): value is ExportJobResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ExportJobResult>;
  return Array.isArray(v.exports) && typeof v.out === 'string' && typeof v.source?.name === 'string';
}

function isCorpusReport(value: unknown): value is CorpusReport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CorpusReport>;
  return typeof v.corpus?.name === 'string' && typeof v.documents?.kept === 'number' && typeof v.tokens?.total === 'number';
}

const BACKEND_LABELS: Record<string, string> = {
  'tensorflow-gpu': 'TensorFlow on the GPU',
  tensorflow: 'TensorFlow on the CPU',
  wasm: 'WebAssembly on the CPU',
  cpu: 'JavaScript on the CPU (slow)',
};

export function backendLabel(name: string): string {
  return BACKEND_LABELS[name] ?? name;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
}

/**
 * Live counters of a job in words. Known pairs and units are spelled out (`files_done` + `files` →
 * "4 of 10 files", `mb_per_s` → "12.5 MB/s", `eta_s` → "about 2 min left"); others as "name: value".
 */
export function describeCounters(counters: Record<string, number>): string {
  const parts: string[] = [];
  const used = new Set<string>();
  const take = (...names: string[]) => names.forEach((name) => used.add(name));
  for (const [name, value] of Object.entries(counters)) {
    if (used.has(name) || !Number.isFinite(value)) continue;
    const noun = name.endsWith('_done') ? name.slice(0, -'_done'.length) : '';
    const totalName = noun === '' ? undefined : [`${noun}_total`, noun].find((n) => n in counters);
    const total = totalName === undefined ? undefined : counters[totalName];
    if (totalName !== undefined && total !== undefined) {
      take(name, totalName);
      parts.push(noun === 'bytes' ? `${formatBytes(value)} of ${formatBytes(total)}` : `${formatCount(value)} of ${formatCount(total)} ${noun.replaceAll('_', ' ')}`);
    } else if (name === 'mb_per_s') {
      take(name);
      if (value > 0) parts.push(`${value.toLocaleString('en-US')} MB/s`);
    } else if (name === 'eta_s') {
      take(name);
      if (value > 0) parts.push(`about ${formatDuration(value)} left`);
    } else if (`${name}_done` in counters || (name.endsWith('_total') && `${name.slice(0, -'_total'.length)}_done` in counters)) {
      continue; // shown with its _done partner
    } else {
      take(name);
      parts.push(`${name.replaceAll('_', ' ')}: ${formatCount(value)}`);
    }
  }
  return parts.join(' · ');
}
