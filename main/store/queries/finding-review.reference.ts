// The PII review queries as they were before migration 0007 — scans of every finding of a corpus, and a JS
// function over every finding of the workspace — kept as the reference that tests compare today's stored
// counts, bounded samples and keyed allow-list updates with. Test support: the app never calls these.
import type { CorpusFindingSample } from '../../common/dto';
import type { AnyDb, WritableDb } from '../db';
import { allowKey } from './allow-key';

export function referenceCounts(db: AnyDb, corpusId: number): [string, { total: number; allow_listed: number }][] {
  const rows = db.sql
    .prepare(
      `SELECT f.type AS type, count(*) AS total, sum(f.allow_listed) AS allow_listed
       FROM findings f JOIN documents d ON d.id = f.document_id WHERE d.corpus_id = ? GROUP BY f.type ORDER BY total DESC`,
    )
    .all(corpusId) as { type: string; total: number; allow_listed: number }[];
  return rows.map((r) => [r.type, { total: r.total, allow_listed: r.allow_listed }]);
}

export function referenceSamples(db: AnyDb, corpusId: number, perType: number, type?: string): CorpusFindingSample[] {
  const rows = db.sql
    .prepare(
      `SELECT f.id AS id, d.ordinal AS document, d.source AS source, f.type AS type, f.text AS text, f.context AS context,
              f.confidence AS confidence, f.allow_listed AS allow_listed
       FROM (
         SELECT id, type, rank FROM (
           SELECT f.id AS id, f.type AS type,
                  row_number() OVER (PARTITION BY f.type ORDER BY f.allow_listed, f.confidence DESC, f.id) AS rank
           FROM findings f JOIN documents d ON d.id = f.document_id
           WHERE d.corpus_id = ? AND (? IS NULL OR f.type = ?)
         ) WHERE rank <= ?
       ) r JOIN findings f ON f.id = r.id JOIN documents d ON d.id = f.document_id
       ORDER BY r.type, r.rank`,
    )
    .all(corpusId, type ?? null, type ?? null, perType) as (Omit<CorpusFindingSample, 'allow_listed'> & { allow_listed: number })[];
  return rows.map((r) => ({ ...r, allow_listed: r.allow_listed === 1 }));
}

/** Ids of the findings the old allow-list update would have marked (every finding of the workspace tested). */
export function referenceAllowTargets(db: WritableDb, type: string | null, text: string): number[] {
  db.sql.function('studio_allow_key', { deterministic: true }, (t: unknown) => allowKey(String(t)));
  return db.sql
    .prepare('SELECT id FROM findings WHERE allow_listed = 0 AND (? IS NULL OR type = ?) AND studio_allow_key(text) = ? ORDER BY id')
    .pluck()
    .all(type, type, allowKey(text)) as number[];
}
