// Importing a colleague's .dsbundle: signature, trust and file lists are checked first (nothing written
// if they fail); then every file is extracted into a temp folder inside the workspace's models/ while it
// is hashed; only when every hash matches and the model folder inspects cleanly is the folder renamed
// to models/<id>/ — in the same transaction that registers the model — so a refused or interrupted
// import leaves nothing behind.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { nameSchema } from '../../common/contract';
import type { BundleImportResult } from '../../common/dto';
import { StudioError } from '../../common/errors';
import { inspectModelFolder } from '../../engine/hf/inspect';
import { fsyncDirSync } from '../../platform/atomic';
import { workspacePaths } from '../../platform/paths';
import type { WritableDb } from '../../store/db';
import { findModel, insertModel, setModelPath, toModelSummary } from '../../store/queries/models';
import { trustKey } from './keys';
import { MANIFEST_FILE, SIGNATURE_FILE } from './manifest';
import { checkFile, openVerifiedBundle } from './verify';
import { BundleRefused, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-read';
import { isProcessAlive } from '../../platform/process-alive';

export interface ImportBundleOptions {
  /** Name for the model; default: the name in the manifest. */
  name?: string;
  /** Trust the signer's key (adds it to the trusted list once the import succeeds). */
  trust?: boolean;
  limits?: ZipLimits;
}

export type ImportedBundle = BundleImportResult;

const INCOMING_PREFIX = '.incoming-';

/** The bundle's model name made into a valid workspace model name (the sender's app may be older or foreign). */
function modelNameFrom(raw: string): string {
  const parsed = nameSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const cleaned = raw.normalize('NFC').replace(/[^\p{L}\p{N} ._-]+/gu, '-').replace(/^[^\p{L}\p{N}]+/u, '').slice(0, 120).trim();
  return cleaned || 'imported model';
}

/** Removes temp folders that imports killed mid-way left behind (their process is gone). */
function removeAbandonedIncoming(modelsDir: string): void {
  if (!existsSync(modelsDir)) return;
  for (const name of readdirSync(modelsDir)) {
    const pid = Number(/^\.incoming-(\d+)-/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isProcessAlive(pid)) rmSync(join(modelsDir, name), { recursive: true, force: true });
  }
}

function freeBytes(dir: string): number | null {
  try {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize;
  } catch {
    return null; // not every file system reports it; the write itself will fail cleanly if space runs out
  }
}

const gb = (bytes: number): string => (bytes / 1e9).toFixed(2);

/** `root/rel`, refusing anything that would resolve outside `root` (a second guard after the name checks). */
function inside(root: string, rel: string): string {
  const target = resolve(root, ...rel.split('/'));
  if (!target.startsWith(root + sep)) throw new BundleRefused(`Entry ${rel} would be written outside the target folder; refused.`);
  return target;
}

export async function importBundle(file: string, workspace: string, db: WritableDb, options: ImportBundleOptions = {}): Promise<ImportedBundle> {
  const paths = workspacePaths(workspace);
  const bundle = await openVerifiedBundle(file, workspace, options.limits ?? DEFAULT_ZIP_LIMITS);
  let temp: string | null = null;
  try {
    const { manifest } = bundle;
    if (!bundle.trusted && !options.trust) {
      throw new StudioError(
        'bad_input',
        `The bundle is signed by a key this workspace does not trust (fingerprint ${bundle.fingerprint}). Compare the fingerprint with the sender — by phone, not by email — then trust it (studio keys trust "${bundle.fingerprint}") or import with --trust.`,
      );
    }
    const modelContent = manifest.contents.find((c) => c.format === 'hf') ?? manifest.contents.find((c) => c.format === 'merged');
    if (!modelContent) {
      throw new StudioError('unsupported', `The bundle holds only ${manifest.contents.map((c) => c.format).join(', ')}; importing needs a model folder (hf or merged) inside it.`);
    }
    const name = options.name ?? modelNameFrom(manifest.model.name);
    if (findModel(db, name)) throw new StudioError('conflict', `A model named "${name}" already exists; import under another name (--name).`, { field: 'name' });

    mkdirSync(paths.models, { recursive: true });
    removeAbandonedIncoming(paths.models);
    const needed = manifest.files.reduce((sum, f) => sum + f.size, 0);
    const free = freeBytes(paths.models);
    if (free !== null && free < needed + 64 * 1024 * 1024) {
      throw new StudioError('bad_input', `Importing needs ${gb(needed)} GB of free disk space in the workspace; ${gb(free)} GB are free. Free some space and try again.`);
    }
    temp = join(paths.models, `${INCOMING_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
    await mkdir(temp);
    let bytes = 0;
    for (const item of bundle.entries) {
      const target = inside(temp, item.file.path);
      await mkdir(dirname(target), { recursive: true });
      const handle = await open(target, 'wx', 0o644);
      try {
        await checkFile(bundle, item, async (chunk) => {
          await handle.write(chunk);
        });
        await handle.sync();
      } finally {
        await handle.close();
      }
      bytes += item.file.size;
    }
    writeFileSync(join(temp, MANIFEST_FILE), bundle.manifestBytes);
    writeFileSync(join(temp, SIGNATURE_FILE), `${bundle.signatureText}\n`);
    const inspection = await inspectModelFolder(join(temp, modelContent.folder)).catch((error: unknown) => {
      throw new BundleRefused(`The bundle's model folder does not load: ${(error as Error).message}`);
    });

    const staged = temp;
    const record = db.transaction(() => {
      const row = insertModel(db, {
        name,
        model_type: inspection.model_type,
        source: 'imported',
        path: staged, // replaced below, inside this transaction
        parameters: inspection.parameters,
        bytes: inspection.bytes,
        vocab_size: inspection.vocab_size,
        config: {
          inspection,
          bundle: {
            file: basename(file),
            signer_fingerprint: bundle.fingerprint,
            manifest_sha256: bundle.manifestSha256,
            created_at: manifest.created_at,
            app_version: manifest.app.version,
            method: manifest.model.method,
            base_model: manifest.model.base_model,
            contents: manifest.contents.map((c) => c.format),
          },
        },
      });
      const final = paths.model(row.id);
      // No row owns this id's folder (ids of deleted models are reused): a leftover, not user data.
      if (existsSync(final)) rmSync(final, { recursive: true, force: true });
      renameSync(staged, final);
      try {
        const folder = join(final, modelContent.folder);
        inspection.folder = folder;
        return setModelPath(db, row.id, folder, { inspection, bundle: row.config.bundle });
      } catch (error) {
        renameSync(final, staged); // the transaction rolls back: put the files back for the cleanup below
        throw error;
      }
    });
    temp = null;
    fsyncDirSync(paths.models);
    if (!bundle.trusted && options.trust) trustKey(workspace, bundle.fingerprint, `imported ${manifest.model.name}`);
    return {
      model: toModelSummary(record),
      signer_fingerprint: bundle.fingerprint,
      was_trusted: bundle.trusted,
      files: bundle.entries.length,
      bytes,
      contents: manifest.contents,
    };
  } finally {
    bundle.zip.close();
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}
