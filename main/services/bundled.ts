// The base models that ship with the app (resources/models/<name>/, made by `npm run make:base-models`),
// registered in every workspace under their folder's name (tiny-bert, tiny-gpt) with source 'bundled'.
// Each folder carries the inspection.json that model.import would compute (written by the script), so
// registering costs a small file read when a workspace opens — no weights are loaded.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelInspection } from '../common/dto';
import { resourcesDir } from '../platform/resources';
import type { WritableDb } from '../store/db';
import { findModel, insertModel, setModelPath } from '../store/queries/models';
import { logger } from '../platform/log';

const log = logger('bundled-models');

export const INSPECTION_FILE = 'inspection.json';

/**
 * Registers each bundled model the workspace lacks (by name); returns the names registered now. Idempotent;
 * a bundled row whose folder moved is re-pointed; a user's model of the same name is left alone (warned).
 */
export function registerBundledModels(db: WritableDb, resources: string | null = resourcesDir()): string[] {
  const dir = resources === null ? null : join(resources, 'models');
  if (dir === null || !existsSync(dir)) return [];
  const added: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const folder = join(dir, name);
    const file = join(folder, INSPECTION_FILE);
    if (!existsSync(join(folder, 'config.json')) || !existsSync(file)) continue;
    const existing = findModel(db, name);
    if (existing !== null && existing.source !== 'bundled') {
      log.warn(`A model named "${name}" already exists in this workspace; the bundled ${name} was not registered.`, { model: existing.id });
      continue;
    }
    let inspection: ModelInspection;
    try {
      inspection = { ...(JSON.parse(readFileSync(file, 'utf8')) as ModelInspection), folder };
    } catch {
      continue; // a damaged bundle is skipped, never a reason for the workspace not to open
    }
    if (existing !== null) {
      // The application moved (an update, another install folder, a new AppImage mount): follow it.
      if (existing.path !== folder) setModelPath(db, existing.id, folder, { ...existing.config, inspection });
      continue;
    }
    insertModel(db, {
      name,
      model_type: inspection.model_type,
      source: 'bundled',
      path: folder,
      parameters: inspection.parameters,
      bytes: inspection.bytes,
      vocab_size: inspection.vocab_size,
      config: { inspection },
    });
    added.push(name);
  }
  return added;
}
