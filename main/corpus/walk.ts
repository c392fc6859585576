// Finds the files to import: files and folders given by the user, folders walked recursively in a
// stable (sorted) order. Symlinks are followed, but a folder already on the walk (a symlink loop) or
// a file already seen is not visited twice. Files too large, empty, special (FIFOs, devices),
// unreadable or of an unsupported type are reported per file; the walk never stops on one of them.
import { constants } from 'node:fs';
import { access, readdir, realpath, stat } from 'node:fs/promises';
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

/** Yields each importable file once; `problem` receives every skipped file or folder. */
export async function* walkSources(paths: readonly string[], options: WalkOptions, problem: (p: FileProblem) => void): AsyncGenerator<FoundFile> {
  const seenFiles = new Set<string>();
  const report = (path: string, reason: string, message: string, severity: FileProblem['severity'] = 'error') =>
    problem({ path, severity, reason, message });

  async function* visit(path: string, explicit: boolean, ancestors: ReadonlySet<string>): AsyncGenerator<FoundFile> {
    let real: string;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      real = await realpath(path);
      info = await stat(real);
    } catch (error) {
      const { reason, message } = describeFsError(error);
      return report(path, reason, message);
    }
    if (info.isDirectory()) {
      if (ancestors.has(real)) {
        return report(path, 'symlink_loop', `Symlink loop: this folder leads back to ${real}, which is already being read. Skipped.`, 'warning');
      }
      let entries: string[];
      try {
        entries = (await readdir(real)).sort();
      } catch (error) {
        const { reason, message } = describeFsError(error);
        return report(path, reason, message);
      }
      const inside = new Set(ancestors).add(real);
      for (const name of entries) {
        if (name.startsWith('.')) continue; // hidden files and folders (.git, .DS_Store)
        yield* visit(join(path, name), false, inside);
      }
      return;
    }
    if (!info.isFile()) return report(path, 'not_a_file', 'Not a regular file (a device, socket or pipe): skipped.');
    if (seenFiles.has(real)) return; // the same file reached twice (given twice, or via a link)
    seenFiles.add(real);
    if (!isSupported(path)) {
      return report(path, 'unsupported', `Unsupported file type "${basename(path)}": skipped. Supported: .txt, .md, .html, .pdf, .docx, .csv, .jsonl, .json.`, explicit ? 'error' : 'warning');
    }
    if (info.size === 0) return report(path, 'empty', 'The file is empty: nothing to import.', 'warning');
    if (info.size > options.maxFileBytes) {
      return report(path, 'too_large', `The file is ${fmtBytes(info.size)}, over the ${fmtBytes(options.maxFileBytes)} limit. Split it, or raise the limit (--max-file-bytes).`);
    }
    try {
      await access(real, constants.R_OK);
    } catch (error) {
      const { reason, message } = describeFsError(error);
      return report(path, reason, message);
    }
    yield { path, bytes: info.size };
  }

  for (const p of paths) yield* visit(resolve(p), true, new Set());
}
