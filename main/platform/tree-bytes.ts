// Bytes of the regular files under a folder (symbolic links not followed), e.g. what deleting it frees.
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Total size of the regular files under `folder`, at any depth; 0 when it does not exist. */
export function treeBytes(folder: string): number {
  if (!existsSync(folder)) return 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += lstatSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}
