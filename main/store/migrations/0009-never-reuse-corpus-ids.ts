// Migration 0009: a corpus id is never handed out again once its corpus is gone. Without AUTOINCREMENT, SQLite gives
// a new row max(id) + 1, so after `studio corpus delete 3` (or the cleanup of an import that never finished) the next
// import could become corpus 3: a script, a note or a `corpora/3/` folder left by a crash that said "corpus 3" would
// silently mean other data. AUTOINCREMENT keeps the highest id ever used in sqlite_sequence and never goes below it.
// Only `corpora`: it is the one table a user names by id whose rows are deleted. Models, runs, exports, evaluations
// and jobs are never deleted today (documents and findings are, with their corpus, but nobody names them by id);
// code that starts deleting one of them needs a migration that rebuilds it the same way.
// SQLite cannot add AUTOINCREMENT in place, so the table is rebuilt (lang_altertable.html, "otherwise" procedure):
// foreign keys are off and checked before the commit by the runner, which holds this in its one transaction.
import type Database from 'better-sqlite3';
import type { Migration } from '../migrate';

const migration: Migration = {
  version: 9,
  name: 'never-reuse-corpus-ids',
  up(db) {
    rebuildWithAutoincrement(db, 'corpora');
    reserveCorpusIdsOfJobs(db);
  },
};

export default migration;

/**
 * Recreates `table` as it stands now (its latest definition, read from the schema, whatever migrations shaped it)
 * with `id INTEGER PRIMARY KEY AUTOINCREMENT`, keeping every row, its indexes and triggers. Rows of other tables that
 * reference it are not touched: their REFERENCES name the table, which exists again after the rename.
 */
function rebuildWithAutoincrement(db: Database.Database, table: string): void {
  const current = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string | undefined;
  if (current === undefined) throw new Error(`no table ${table}`);
  const temporary = `${table}_autoincrement`;
  const head = new RegExp(`^CREATE TABLE\\s+("?)${table}\\1\\s*\\(`);
  const key = /\bid INTEGER PRIMARY KEY\b(?!\s+AUTOINCREMENT)/g;
  if (!head.test(current) || (current.match(key)?.length ?? 0) !== 1) {
    throw new Error(`table ${table} does not have the expected "id INTEGER PRIMARY KEY" definition`);
  }
  const created = current.replace(head, `CREATE TABLE "${temporary}" (`).replace(key, 'id INTEGER PRIMARY KEY AUTOINCREMENT');
  // Indexes and triggers go with the dropped table; those SQLite makes itself (UNIQUE, sql NULL) come back with the new one.
  const dependents = db
    .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid")
    .pluck()
    .all(table) as string[];
  const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).map((c) => `"${c}"`).join(', ');
  db.exec(created);
  // Copying explicit ids into an AUTOINCREMENT table records the highest of them in sqlite_sequence.
  db.exec(`INSERT INTO "${temporary}" (${columns}) SELECT ${columns} FROM "${table}" ORDER BY id`);
  db.exec(`DROP TABLE "${table}"`);
  db.exec(`ALTER TABLE "${temporary}" RENAME TO "${table}"`);
  for (const sql of dependents) db.exec(sql);
}

/**
 * Corpora deleted before this migration left no row, but the jobs that imported, tokenized, restored or deleted them
 * recorded their ids in their results (`corpus delete 3` answers `{ "corpus": 3, … }`): those ids are not handed out
 * again either.
 */
function reserveCorpusIdsOfJobs(db: Database.Database): void {
  const highest = db
    .prepare(
      `SELECT max(coalesce((SELECT max(id) FROM corpora), 0), coalesce((
         SELECT max(CASE json_type(result, '$.corpus')
                      WHEN 'integer' THEN json_extract(result, '$.corpus')
                      WHEN 'object' THEN CASE json_type(result, '$.corpus.id') WHEN 'integer' THEN json_extract(result, '$.corpus.id') END
                    END)
         FROM jobs WHERE kind GLOB 'corpus.*' AND result IS NOT NULL), 0))`,
    )
    .pluck()
    .get() as number;
  if (highest === 0) return;
  db.prepare("DELETE FROM sqlite_sequence WHERE name = 'corpora'").run();
  db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('corpora', ?)").run(highest);
}
