// The allow-list's comparison key of a finding text: NFC, lower-cased, whitespace collapsed, trimmed.
// Allow-list entries are stored as keys; finding_keys holds each stored finding's key.
import type Database from 'better-sqlite3';

/** Printable ASCII words separated by single spaces: NFC, collapsing and trimming leave these as they are. */
const PLAIN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** How allow-list entries and finding texts are compared: lower-cased, whitespace collapsed, trimmed. */
export function allowKey(text: string): string {
  // The plain case (nearly every finding) skips normalize and the replace: a third of the time, same result.
  if (PLAIN.test(text)) return text.toLowerCase();
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Registers allowKey as the SQL function studio_allow_key(text) on a connection (for the queries that compare keys). */
export function registerAllowKey(sql: Database.Database): void {
  sql.function('studio_allow_key', { deterministic: true }, (t: unknown) => allowKey(String(t)));
}
