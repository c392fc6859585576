// Number, size, date and job wording for people: "1.2 MB", "3 min ago", "Workspace check".
import type { JobDto, WorkspaceCheckResult } from '../../../main/common/dto';

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
  return null;
}
