// Serving the built renderer (renderer/dist) safely: percent-decoding, no `..` or dot-files, symlinks that
// leave the folder refused (checked on the real path), files only (no directory listings), and a
// content type from a fixed table so the browser never has to sniff.
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps the percent-encoded path below the app prefix ("" or "assets/index-1a2b.js") to a file inside
 * `root`, or null when there is no such file or the path tries to leave `root`.
 */
export async function resolveAsset(root: string, encodedPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return null;
  }
  if (decoded === '' || decoded.endsWith('/')) decoded += 'index.html';
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '' || s.startsWith('.'))) return null;

  const rootReal = await realpath(root).catch(() => null);
  if (rootReal === null) return null;
  const candidate = resolve(rootReal, ...segments);
  if (!isInside(rootReal, candidate)) return null;
  const real = await realpath(candidate).catch(() => null);
  if (real === null || !isInside(rootReal, real)) return null;
  const info = await stat(real).catch(() => null);
  return info?.isFile() ? real : null;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
