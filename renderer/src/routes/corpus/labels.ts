// Plain words for the corpus report's codes (finding types, filters and file problems) and for a deletion.
import type { CorpusDeleteResult } from '../../../../main/common/dto';
import { formatBytes, formatCount } from '../../lib/format';

const FINDING_TYPES: Record<string, string> = {
  NAME: 'Names of people',
  ADDRESS: 'Street addresses',
  GEO: 'Places',
  ZIP: 'Postal codes',
  DATE: 'Dates',
  PHONE: 'Phone numbers',
  FAX: 'Fax numbers',
  EMAIL: 'Email addresses',
  SSN: 'Social security and national ID numbers',
  MRN: 'Medical record numbers',
  HEALTH_PLAN: 'Health plan numbers',
  ACCOUNT: 'Account numbers',
  LICENSE: 'Licence numbers',
  VEHICLE: 'Vehicle identifiers',
  DEVICE: 'Device identifiers',
  URL: 'Web addresses',
  IP: 'IP addresses',
  AGE_OVER_89: 'Ages over 89',
  CASE_NUMBER: 'Case numbers',
  PARTY: 'Parties to a case or contract',
};

const FILTERS: Record<string, string> = {
  min_length: 'Too short to learn from',
  symbol_ratio: 'Mostly symbols or numbers',
  repeated_lines: 'Mostly repeated lines',
  language: 'Not in the chosen languages',
};

const FILE_REASONS: Record<string, string> = {
  too_large: 'Larger than the limit',
  empty: 'Empty',
  binary: 'Not text',
  unreadable: 'Could not be read',
  corrupt: 'Damaged',
  bomb: 'Expands to an unsafe size',
  encrypted: 'Password-protected',
  symlink_loop: 'Link loop',
  invalid_records: 'Some records unusable',
  unsupported: 'Unsupported type',
  missing_column: 'Text column missing',
  missing: 'Not found',
  no_text: 'No text inside',
  partial_text: 'Some pages without text',
  hidden_text: 'Hidden text left out',
};

export function findingLabel(type: string): string {
  return FINDING_TYPES[type] ?? type.replaceAll('_', ' ').toLowerCase();
}

/** The label inside a sentence: "names of people", "IP addresses" (an acronym keeps its capitals). */
export function findingNoun(type: string): string {
  const label = findingLabel(type);
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

export function filterLabel(filter: string): string {
  return FILTERS[filter] ?? filter.replaceAll('_', ' ');
}

export function fileReasonLabel(reason: string): string {
  return FILE_REASONS[reason] ?? reason.replaceAll('_', ' ');
}

/** Splits a finding's context around its text, for highlighting: [before, match, after]. */
export function splitContext(context: string, text: string): [string, string, string] {
  const at = context.indexOf(text);
  if (at === -1) {
    const lower = context.toLowerCase().indexOf(text.toLowerCase());
    if (lower === -1) return [context, '', ''];
    return [context.slice(0, lower), context.slice(lower, lower + text.length), context.slice(lower + text.length)];
  }
  return [context.slice(0, at), context.slice(at, at + text.length), context.slice(at + text.length)];
}

/** What the Corpus step says once a corpus is deleted. */
export function deletedNotice(r: CorpusDeleteResult): string {
  const runs = r.kept_as_record
    ? ` ${r.runs.length === 1 ? 'The run trained on it keeps' : 'The runs trained on it keep'} its figures (no text) under “${r.name} (deleted #${r.corpus})”.`
    : '';
  return `“${r.name}” was deleted: ${formatCount(r.documents)} ${r.documents === 1 ? 'document' : 'documents'}, ${formatBytes(r.bytes_freed)} removed from this computer.${runs}`;
}
