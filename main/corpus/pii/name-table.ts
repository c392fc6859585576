// The default lexicon's flag table (name-tokens.ts) as a bundled resource: every import's scanner needs it, and
// building it (reading the word lists, folding and hashing ~150,000 words) costs ≈ 0.15–0.25 s of CPU at the start of
// every import, before the first document is read. The copy (NAME_TABLE, written by scripts/make-resources.ts) is
// the table's memory, gzipped, after a header that names what it was built from: a SHA-256 over the raw bytes of the
// word-list files, the word lists and constants in the code, and the table's format. It is used only when that key is
// the key of the files installed now; otherwise (a dependency updated, a list edited, a damaged file) the table is
// built as before — slower, never different. name-table.test.ts holds the copy to a table built afresh.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { resourcesDir } from '../../platform/resources';
import { DIVISION_WORDS, HOLIDAY_HEADS, LEGAL_TERMS, NEVER_NAMES, STREET_HEADS, STREET_SUFFIXES, TITLES, US_STATES } from './domain-terms';
import { defaultLexicon, lexiconFiles } from './lexicon';
import { COMMON, DIVISION, DOMAIN, FIRST, FlagTable, HOLIDAY, NEVER, PLACE, PLACE_START, STATE, STREET, STREET_END, SUR, TITLE, TOWN, flagsFor } from './name-tokens';

/** Inside the resources folder. */
export const NAME_TABLE = join('pii', 'name-table.bin');
/** Changed whenever FlagTable's layout or hashing, or the way flagsFor fills it, changes. */
const FORMAT = 'studio-name-table 1';
const MAGIC = 'STUDIO-NAMES\n';
const KEY_CHARS = 64;

/** The key of the table that the installed word lists and this code build (hex SHA-256). */
export function nameTableKey(): string {
  const h = createHash('sha256').update(FORMAT);
  h.update(JSON.stringify([[...NEVER_NAMES], [...TITLES], [...US_STATES], LEGAL_TERMS, HOLIDAY_HEADS, STREET_HEADS, STREET_SUFFIXES, DIVISION_WORDS, [FIRST, SUR, COMMON, DOMAIN, NEVER, TITLE, STATE, PLACE, PLACE_START, TOWN, HOLIDAY, STREET, STREET_END, DIVISION]]));
  for (const file of lexiconFiles()) {
    const bytes = readFileSync(file);
    h.update(`\n${bytes.length}\n`).update(bytes);
  }
  return h.digest('hex');
}

/** The resource's bytes: MAGIC, the key and a line break, then the table's memory gzipped. */
export function encodeNameTable(table: FlagTable, key: string): Buffer {
  return Buffer.concat([Buffer.from(`${MAGIC}${key}\n`, 'latin1'), gzipSync(Buffer.from(table.share()), { level: 9 })]);
}

/**
 * The table in `bytes` (encodeNameTable) when it was built under `key`, in memory that can be shared with worker
 * threads; null for another key or anything that is not such a table.
 */
export function decodeNameTable(bytes: Buffer, key: string): FlagTable | null {
  const head = MAGIC.length + KEY_CHARS + 1;
  if (bytes.length <= head || bytes.toString('latin1', 0, head) !== `${MAGIC}${key}\n`) return null;
  try {
    const memory = gunzipSync(bytes.subarray(head));
    const shared = new SharedArrayBuffer(memory.length);
    Buffer.from(shared).set(memory);
    return FlagTable.fromShared(shared);
  } catch {
    return null; // damaged, or memory that is no table (FlagTable.fromShared)
  }
}

let table: FlagTable | undefined;

/** The default lexicon's flag table: the bundled copy when it is this installation's table, else built now. Once per thread. */
export function defaultNameTable(): FlagTable {
  table ??= loadCopy() ?? flagsFor(defaultLexicon());
  return table;
}

function loadCopy(): FlagTable | null {
  const resources = resourcesDir();
  if (resources === null) return null;
  try {
    return decodeNameTable(readFileSync(join(resources, NAME_TABLE)), nameTableKey());
  } catch {
    return null; // no copy, or the lists cannot be read (the build below then says which)
  }
}
