// Sharded checkpoints as Hugging Face writes them: `model-00001-of-0000N.safetensors` files plus
// `model.safetensors.index.json` = { metadata: { total_size }, weight_map: { tensor name → shard file } }.
// Reading validates the index (plain file names only, every listed tensor present in its shard);
// writing splits at a size threshold and removes weight files of an earlier save that no longer apply.
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { writeFileAtomicSync } from '../../platform/atomic';
import { DTYPE_BYTES, storedDtype } from './dtypes';
import { readSafetensorsHeader, writeSafetensors, type TensorToWrite } from './safetensors';

export const SINGLE_FILE = 'model.safetensors';
export const INDEX_FILE = 'model.safetensors.index.json';
/** Hugging Face's default `max_shard_size` (5 GB). */
export const DEFAULT_MAX_SHARD_BYTES = 5_000_000_000;
const MAX_INDEX_BYTES = 50_000_000;
const SHARD_NAME = /^model-\d{5}-of-\d{5}\.safetensors$/;

export interface ShardIndex {
  readonly totalSize: number | null;
  /** tensor name → shard file name (inside the folder). */
  readonly weightMap: ReadonlyMap<string, string>;
  /** The distinct shard files, in first-appearance order. */
  readonly shards: readonly string[];
}

function badIndex(message: string): StudioError {
  return new StudioError('bad_input', `${INDEX_FILE} is invalid: ${message}`);
}

/** Reads and checks `model.safetensors.index.json`, and that each shard's header lists the tensors mapped to it. */
export async function readShardIndex(folder: string): Promise<ShardIndex> {
  const file = join(folder, INDEX_FILE);
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_INDEX_BYTES) throw badIndex(`it is ${bytes.length} bytes, over the ${MAX_INDEX_BYTES}-byte limit`);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw new StudioError('bad_input', `Cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badIndex(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badIndex('not a JSON object');
  const { weight_map: map, metadata } = parsed as Record<string, unknown>;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw badIndex('"weight_map" must be an object');
  const weightMap = new Map<string, string>();
  const shards: string[] = [];
  for (const [name, shard] of Object.entries(map)) {
    if (typeof shard !== 'string' || !shard.endsWith('.safetensors') || /[/\\]/.test(shard) || shard.startsWith('.')) {
      throw badIndex(`"${name}" maps to ${JSON.stringify(shard)}; shards must be plain .safetensors file names in the same folder`);
    }
    weightMap.set(name, shard);
    if (!shards.includes(shard)) shards.push(shard);
  }
  if (weightMap.size === 0) throw badIndex('"weight_map" is empty');
  let totalSize: number | null = null;
  if (typeof metadata === 'object' && metadata !== null) {
    const size = (metadata as Record<string, unknown>).total_size;
    if (typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) totalSize = size;
  }

  const seen = new Map<string, string>();
  for (const shard of shards) {
    const header = await readSafetensorsHeader(join(folder, shard));
    for (const entry of header.tensors) {
      const other = seen.get(entry.name);
      if (other !== undefined) throw badIndex(`tensor "${entry.name}" appears in both ${other} and ${shard}`);
      seen.set(entry.name, shard);
    }
  }
  for (const [name, shard] of weightMap) {
    if (seen.get(name) !== shard) throw badIndex(`it maps "${name}" to ${shard}, but ${shard} has no such tensor`);
  }
  return { totalSize, weightMap, shards };
}

export interface WrittenWeights {
  /** Weight files written, relative to the folder (the index file included when sharded). */
  readonly files: string[];
  readonly sharded: boolean;
  /** Bytes of tensor data (the index's total_size). */
  readonly totalSize: number;
}

function bytesOf(t: TensorToWrite): number {
  return t.data.length * DTYPE_BYTES[storedDtype(t.dtype)];
}

/**
 * Writes `model.safetensors`, or shards + index when the data exceeds `maxShardBytes`.
 * Tensors are packed greedily in name order; a tensor larger than the limit gets a shard of its own.
 */
export async function writeHfWeights(
  folder: string,
  tensors: ReadonlyMap<string, TensorToWrite>,
  options: { maxShardBytes?: number; metadata?: Record<string, string> } = {},
): Promise<WrittenWeights> {
  const maxShardBytes = options.maxShardBytes ?? DEFAULT_MAX_SHARD_BYTES;
  const metadata = options.metadata ?? { format: 'pt' };
  const names = [...tensors.keys()].sort();
  const groups: string[][] = [];
  let current: string[] = [];
  let currentBytes = 0;
  let totalSize = 0;
  for (const name of names) {
    const size = bytesOf(tensors.get(name)!);
    totalSize += size;
    if (current.length > 0 && currentBytes + size > maxShardBytes) {
      groups.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(name);
    currentBytes += size;
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);

  let files: string[];
  if (groups.length === 1) {
    await writeSafetensors(join(folder, SINGLE_FILE), tensors, metadata);
    files = [SINGLE_FILE];
  } else {
    const count = String(groups.length).padStart(5, '0');
    const weightMap: Record<string, string> = {};
    files = [];
    for (const [i, group] of groups.entries()) {
      const shard = `model-${String(i + 1).padStart(5, '0')}-of-${count}.safetensors`;
      await writeSafetensors(join(folder, shard), new Map(group.map((n) => [n, tensors.get(n)!])), metadata);
      for (const n of group) weightMap[n] = shard;
      files.push(shard);
    }
    const index = { metadata: { total_size: totalSize }, weight_map: weightMap };
    writeFileAtomicSync(join(folder, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
    files.push(INDEX_FILE);
  }
  // Weight files of an earlier save into the same folder would make loaders mix two checkpoints.
  for (const entry of await readdir(folder)) {
    const ours = entry === SINGLE_FILE || entry === INDEX_FILE || SHARD_NAME.test(entry);
    if (ours && !files.includes(entry)) await rm(join(folder, entry), { force: true });
  }
  return { files, sharded: groups.length > 1, totalSize };
}
