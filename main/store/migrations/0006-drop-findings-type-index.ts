// Migration 0006: drops the findings_type index (findings by type and allow-listed flag). No query can use
// it — the review counts and samples reach findings through their documents (findings_document), and the
// allow-list update tests every finding's text with an app function whatever the type — yet every finding
// an import commits paid for it: about a tenth of the commit's time.
import type { Migration } from '../migrate';

const migration: Migration = {
  version: 6,
  name: 'drop-findings-type-index',
  up(db) {
    db.exec('DROP INDEX IF EXISTS findings_type');
  },
};

export default migration;
