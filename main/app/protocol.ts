// The `app://studio/…` protocol handler's logic, without Electron: maps a request URL to a file of the
// built renderer (the same traversal-safe lookup as serve mode) and answers with the CSP and nosniff.
// Also the command-line option that picks the workspace.
import { readFile } from 'node:fs/promises';
import { contentTypeFor, resolveAsset } from '../server/static';
import { APP_HOST, APP_SCHEME, ELECTRON_CSP } from './security';

const HEADERS = { 'content-security-policy': ELECTRON_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

export async function serveAppFile(rendererDir: string, url: string): Promise<Response> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return notFound();
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return notFound();
  const file = await resolveAsset(rendererDir, parsed.pathname.slice(1));
  if (file === null) {
    if ((await resolveAsset(rendererDir, 'index.html')) === null) {
      return new Response('The user interface is not built: run `npm run build:renderer`, then start the app again.', {
        status: 503,
        headers: { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    return notFound();
  }
  return new Response(await readFile(file), { headers: { ...HEADERS, 'content-type': contentTypeFor(file) } });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}

/** `--workspace DIR` or `--workspace=DIR` among the process arguments, else null. */
export function workspaceFromArgs(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--workspace') return argv[i + 1] ?? null;
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length) || null;
  }
  return null;
}
