// Every migration, in order. Append-only: add `NNNN-verb-noun.ts` with the next number and one line here;
// never edit or reorder a migration that has shipped (user databases have already run it).
import type { Migration } from '../migrate';
import m0001 from './0001-create-core';
import m0002 from './0002-create-documents';
import m0003 from './0003-create-exports';
import m0004 from './0004-create-metrics';
import m0005 from './0005-create-evaluations';
import m0006 from './0006-drop-findings-type-index';
import m0007 from './0007-index-finding-review';
import m0008 from './0008-finding-restored';
import m0009 from './0009-never-reuse-corpus-ids';

export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
];
