// Finds the files to import: files and folders given by the user, folders walked recursively in a
// stable (sorted) order. Symlinks are followed, but a folder already on the walk (a symlink loop) or
// a file already seen is not visited twice. Files too large, empty, special (FIFOs, devices),
// unreadable or of an unsupported type are reported per file; the walk never stops on one of them.
// The file system is asked synchronously: each promise-based call costs ≈ 35 µs of CPU (a thread-pool
// round trip) against a few µs, which made the walk of a folder of small notes cost more than reading
// them. The walk still hands the event loop a turn every so often (cancellation, progress).
import { accessSync, constants, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isSupported } from './extract';
import type { FileProblem } from './types';

export interface WalkOptions {
  maxFileBytes: number;
}

export interface FoundFile {
  path: string;
  bytes: number;
}

const MiB = 1024 * 1024;
const fmtBytes = (n: number) => (n >= MiB ? `${(n / MiB).toFixed(1)} MiB` : `${n} bytes`);

function errno(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
}

function describeFsError(error: unknown): { reason: string; message: string } {
  const code = errno(error);
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'unreadable', message: 'Permission denied: the file cannot be read by this user. Fix its permissions and import again.' };
  if (code === 'ENOENT') return { reason: 'missing', message: 'Not found (or a broken symlink). Check the path.' };
  if (code === 'ELOOP') return { reason: 'symlink_loop', message: 'Too many levels of symbolic links (a symlink loop): skipped.' };
  return { reason: 'unreadable', message: `Cannot be read (${code}: ${(error as Error).message}).` };
}

/** Entries looked at between two turns given to the event loop. */
const ENTRIES_PER_TURN = 256;

/** A folder to walk: its real path, its entries sorted by name, and the folder it was reached from. */
interface Folder {
  real: string;
  entries: Dirent[];
  parent: Folder | null;
}

/** Whether `real` is the real path of `folder` or of a folder it was reached from (a symlink loop). */
function isAncestor(folder: Folder | null, real: string): boolean {
  for (let f = folder; f !== null; f = f.parent) if (f.real === real) return true;
  return false;
}

/** Yields each importable file once; `problem` receives every skipped file or folder. */
export async function* walkSources(paths: readonly string[], options: WalkOptions, problem: (p: FileProblem) => void): AsyncGenerator<FoundFile> {
  const seenFiles = new Set<string>();
  const report = (path: string, reason: string, message: string, severity: FileProblem['severity'] = 'error'): null => {
    problem({ path, severity, reason, message });
    return null;
  };

  /**
   * Looks at one path: the file found, the folder to walk, or null (skipped: reported, or a file already seen).
   * `known`: the path's real path when known without asking (a file or folder listed in a folder whose real path is
   * known, not a symlink: realpath would answer the folder's real path joined with the name — and such a folder cannot
   * lead back to one it is inside, its real path being longer than theirs). Asking costs a system call per level of
   * the path: asked for every folder of a tree 2,000 levels deep, it made the walk take minutes.
   */
  function look(path: string, explicit: boolean, from: Folder | null, known?: string): FoundFile | Folder | null {
    let real: string;
    let info: Stats;
    try {
      real = known ?? realpathSync.native(path);
      info = statSync(real);
    } catch (error) {
      const { reason, message } = describeFsError(error);
      return report(path, reason, message);
    }
    if (info.isDirectory()) {
      if (known === undefined && isAncestor(from, real)) {
        return report(path, 'symlink_loop', `Symlink loop: this folder leads back to ${real}, which is already being read. Skipped.`, 'warning');
      }
      try {
        const entries = readdirSync(real, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        return { real, entries, parent: from };
      } catch (error) {
        const { reason, message } = describeFsError(error);
        return report(path, reason, message);
      }
    }
    if (!info.isFile()) return report(path, 'not_a_file', 'Not a regular file (a device, socket or pipe): skipped.');
    if (seenFiles.has(real)) return null; // the same file reached twice (given twice, or via a link)
    seenFiles.add(real);
    if (!isSupported(path)) {
      return report(path, 'unsupported', `Unsupported file type "${basename(path)}": skipped. Supported: .txt, .md, .html, .pdf, .docx, .csv, .jsonl, .json.`, explicit ? 'error' : 'warning');
    }
    if (info.size === 0) return report(path, 'empty', 'The file is empty: nothing to import.', 'warning');
    if (info.size > options.maxFileBytes) {
      return report(path, 'too_large', `The file is ${fmtBytes(info.size)}, over the ${fmtBytes(options.maxFileBytes)} limit. Split it, or raise the limit: "Largest file to read" in the reading options, --max-file-bytes on the command line.`);
    }
    try {
      accessSync(real, constants.R_OK);
    } catch (error) {
      const { reason, message } = describeFsError(error);
      return report(path, reason, message);
    }
    return { path, bytes: info.size };
  }

  let looked = 0;
  /** The files of a folder, depth first in name order; a file listed in it is looked at here, without a generator of its own. */
  async function* walk(path: string, folder: Folder): AsyncGenerator<FoundFile> {
    for (const entry of folder.entries) {
      if (entry.name.startsWith('.')) continue; // hidden files and folders (.git, .DS_Store)
      if (++looked % ENTRIES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const child = join(path, entry.name);
      if (entry.name.includes('\uFFFD')) {
        // A name that is not UTF-8 (from an old archive or another system) reaches us with U+FFFD in place of its bytes,
        // a path that names no file: say so rather than "not found". A real U+FFFD in a name is as rare.
        report(child, 'bad_name', 'Its name is not valid UTF-8 (shown with \uFFFD where the bytes could not be read): rename it and import it again.', 'warning');
        continue;
      }
      const found = look(child, false, folder, entry.isFile() || entry.isDirectory() ? join(folder.real, entry.name) : undefined);
      if (found === null) continue;
      if ('bytes' in found) yield found;
      else yield* walk(child, found);
    }
  }

  for (const p of paths) {
    const path = resolve(p);
    const found = look(path, true, null);
    if (found === null) continue;
    if ('bytes' in found) yield found;
    else yield* walk(path, found);
  }
}
