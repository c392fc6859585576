// Findings put back into their corpus's text: a finding allow-listed after a redacting import still stands as a
// placeholder in the stored documents until `corpus restore` puts its text back; `restored` records that it has.
import type { Migration } from '../migrate';

const migration: Migration = {
  version: 8,
  name: 'finding-restored',
  up(db) {
    db.exec(`ALTER TABLE findings ADD COLUMN restored INTEGER NOT NULL DEFAULT 0 CHECK (restored IN (0, 1))`);
  },
};

export default migration;
