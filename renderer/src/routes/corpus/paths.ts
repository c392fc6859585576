// Turning what the user typed, pasted or dropped into a list of paths for `corpus.import`, and a
// corpus name suggested from the first path. A browser page never learns where a dropped file lives
// on disk; it only sees paths when the drag carried them as text (a file:// link or a typed path).

/** One path per line; blank lines and surrounding quotes dropped; duplicates kept once, in order. */
export function parsePathList(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const path = line.trim().replace(/^(['"])(.*)\1$/, '$2').trim();
    if (path !== '') seen.add(path);
  }
  return [...seen];
}

/** A local path from a file:// URL, or null for any other URL. */
export function pathFromFileUrl(value: string): string | null {
  if (!/^file:\/\//i.test(value)) return null;
  try {
    const url = new URL(value);
    if (url.host !== '' && url.host !== 'localhost') return null;
    const path = decodeURIComponent(url.pathname);
    // file:///C:/Users/… → C:/Users/…
    return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
  } catch {
    return null;
  }
}

/** Absolute POSIX or Windows path, or a home-relative one. */
export function looksLikePath(value: string): boolean {
  return /^(\/|~\/|[A-Za-z]:[\\/]|\\\\)/.test(value);
}

export interface DropData {
  /** Paths the drag carried as text. */
  paths: string[];
  /** Files that arrived without a path (the browser hides where they are). */
  withoutPath: string[];
}

/** What a drop carried: `text/uri-list` file links or plain-text paths; names of files it could not place. */
export function readDrop(transfer: Pick<DataTransfer, 'getData' | 'files'>): DropData {
  const paths: string[] = [];
  const uriList = transfer.getData('text/uri-list');
  for (const line of uriList.split(/\r?\n/)) {
    if (line.startsWith('#')) continue;
    const path = pathFromFileUrl(line.trim());
    if (path) paths.push(path);
  }
  if (paths.length === 0) {
    for (const line of parsePathList(transfer.getData('text/plain'))) {
      const path = pathFromFileUrl(line) ?? (looksLikePath(line) ? line : null);
      if (path) paths.push(path);
    }
  }
  const withoutPath = paths.length > 0 ? [] : Array.from(transfer.files ?? [], (file) => file.name);
  return { paths, withoutPath };
}

/** A corpus name from a path's last part: "~/notes/Discharge 2024/" → "Discharge 2024". */
export function suggestName(path: string | undefined): string {
  if (!path) return '';
  const last = path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  const base = last.replace(/\.(txt|md|html?|pdf|docx|csv|jsonl|json)$/i, '');
  const cleaned = base.replace(/[^\p{L}\p{N} ._-]+/gu, '-').replace(/^[^\p{L}\p{N}]+/u, '').slice(0, 120);
  return cleaned.replace(/[-_. ]+$/, '');
}
