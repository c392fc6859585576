// Worker threads started from TypeScript sources (development, and the `studio` command and serve mode run from a
// clone) would load every module through the tsx loader, which costs each thread a few tenths of a CPU-second at
// every start — while the threads of an import compete for the same cores. sourceBundle() bundles such an entry
// once with esbuild (which tsx ships), as the packaged app's build does, into a cache folder in node_modules, and
// reuses the bundle until one of its inputs changes. It returns null where that cannot be done (no esbuild, a
// read-only cache, a failed build): the caller then loads the sources through tsx as before.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type * as EsbuildApi from 'esbuild';

export interface SourceBundleOptions {
  /** Folders copied beside the bundle (name there → source folder), for modules that read files next to themselves. */
  assets?: Readonly<Record<string, string>>;
  /** Where bundles are kept (default: .cache/domain-studio in the node_modules folder that holds esbuild). */
  cacheDir?: string;
}

/** What a bundle was built from: every input file with its size and modification time, and the bundler's version. */
interface Manifest {
  esbuild: string;
  /** The folder (beside the manifest) that holds the bundle and its chunks. */
  build: string;
  inputs: [path: string, size: number, mtimeMs: number][];
}

// ESM bundles still meet `require` in bundled CommonJS code paths: give them one (as the app's build does).
const REQUIRE_SHIM = "import { createRequire as __studioCreateRequire } from 'node:module'; const require = __studioCreateRequire(import.meta.url);";

type Esbuild = typeof EsbuildApi;

/**
 * The path of an up-to-date ES module bundle of `entry` (a .ts file; npm packages stay imports), or null. Modules the
 * entry imports dynamically become chunks beside it, loaded only when used (as in the app's build): the extractors'
 * libraries, say, are not loaded by a thread that never reads a PDF.
 */
export function sourceBundle(entry: string, opts: SourceBundleOptions = {}): string | null {
  try {
    const require = createRequire(import.meta.url);
    const esbuild = require('esbuild') as Esbuild;
    const cache = opts.cacheDir ?? join(nodeModulesOf(require.resolve('esbuild')), '.cache', 'domain-studio');
    const name = basename(entry).replace(/\.[cm]?tsx?$/, '');
    const dir = join(cache, `${name}-${createHash('sha256').update(resolve(entry)).digest('hex').slice(0, 12)}`);
    const manifestPath = join(dir, 'manifest.json');
    const current = freshBuild(manifestPath, esbuild.version);
    if (current !== null) return join(dir, current, `${name}.mjs`);
    // Built into a folder of its own, then renamed into place: a build in use by another process is never changed.
    mkdirSync(dir, { recursive: true });
    // Unique per call: threads of one process (a test runner's) may build the same bundle at the same moment.
    const nonce = randomBytes(6).toString('hex');
    const temp = join(dir, `.tmp-${nonce}`);
    const built = esbuild.buildSync({
      entryPoints: { [name]: entry },
      absWorkingDir: dirname(resolve(entry)),
      bundle: true,
      splitting: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      banner: { js: REQUIRE_SHIM },
      outdir: temp,
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs: Manifest['inputs'] = [];
    for (const input of Object.keys(built.metafile.inputs)) inputs.push(stamp(join(dirname(resolve(entry)), input)));
    for (const [to, from] of Object.entries(opts.assets ?? {})) {
      mkdirSync(join(temp, to), { recursive: true });
      for (const file of readdirSync(from)) {
        copyFileSync(join(from, file), join(temp, to, file));
        inputs.push(stamp(join(from, file)));
      }
    }
    const build = `build-${createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 12)}`;
    try {
      renameSync(temp, join(dir, build));
    } catch {
      rmSync(temp, { recursive: true, force: true }); // another process made the same build meanwhile
    }
    const manifest: Manifest = { esbuild: esbuild.version, build, inputs };
    writeFileSync(`${manifestPath}.${nonce}.tmp`, JSON.stringify(manifest));
    renameSync(`${manifestPath}.${nonce}.tmp`, manifestPath);
    removeOldBuilds(dir, build);
    return join(dir, build, `${name}.mjs`);
  } catch {
    return null;
  }
}

/**
 * Builds of other sources and leftovers of interrupted builds, once a day old (a process started before the sources
 * changed may still load chunks of its build).
 */
function removeOldBuilds(dir: string, keep: string): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const entry of readdirSync(dir)) {
    if (entry === keep || !(entry.startsWith('build-') || entry.startsWith('.tmp-') || entry.endsWith('.tmp'))) continue;
    try {
      if (statSync(join(dir, entry)).mtimeMs < dayAgo) rmSync(join(dir, entry), { recursive: true, force: true });
    } catch {
      // removed by another process
    }
  }
}

/** The node_modules folder a resolved package file lies in. */
function nodeModulesOf(file: string): string {
  const at = file.lastIndexOf(`${sep}node_modules${sep}`);
  if (at === -1) throw new Error(`${file} is not inside a node_modules folder`);
  return file.slice(0, at + `${sep}node_modules`.length);
}

function stamp(path: string): Manifest['inputs'][number] {
  const s = statSync(path);
  return [path, s.size, s.mtimeMs];
}

/** The build folder of this manifest, when it was built by this esbuild from inputs that have not changed since; else null. */
function freshBuild(manifestPath: string, version: string): string | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    statSync(join(dirname(manifestPath), manifest.build));
  } catch {
    return null;
  }
  if (manifest.esbuild !== version || !Array.isArray(manifest.inputs)) return null;
  for (const [path, size, mtimeMs] of manifest.inputs) {
    try {
      const s = statSync(path);
      if (s.size !== size || s.mtimeMs !== mtimeMs) return null;
    } catch {
      return null;
    }
  }
  return manifest.build;
}
