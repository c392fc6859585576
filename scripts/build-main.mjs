// `npm run build:main`: bundles the main-process code with esbuild (shipped with tsx) into dist/, side by
// side (with their shared chunks) so that each finds the others: dist/main.js (Electron main),
// dist/preload.cjs (sandboxed preloads must be CommonJS and self-contained), dist/job-process.js (the job
// process) and dist/cli.js (the `studio` command for packaged installs). npm packages stay external: electron-builder ships
// node_modules (native modules unpacked from the asar), and they load exactly as in development.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

// ESM bundles still meet `require` in bundled CommonJS code paths; give them one.
const requireShim = "import { createRequire as __studioCreateRequire } from 'node:module'; const require = __studioCreateRequire(import.meta.url);";

const node = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  outdir,
  outExtension: { '.js': '.js' },
  banner: { js: requireShim },
};

const started = Date.now();
await Promise.all([
  // One build with code splitting: lazily imported modules (engine, corpus pipeline, probes) become
  // chunks loaded on use, so `studio --help` does not load TensorFlow.js, and the entries share code.
  build({
    ...node,
    // Worker threads are entries too: the import's analysis workers, its rows' commit thread and the data-parallel training workers
    // are started by URL from beside the module that starts them (through the .mjs boot files copied below).
    entryPoints: {
      main: 'main/app/main.ts',
      'job-process': 'main/jobs/job-process.ts',
      cli: 'main/cli/entry.ts',
      'analyze-worker': 'main/corpus/pipeline/analyze-worker.ts',
      'commit-worker': 'main/jobs/kinds/commit-worker.ts',
      worker: 'main/engine/train/parallel/worker.ts',
    },
    external: ['electron'],
    splitting: true,
    // Chunks sit beside the entries: modules that find files next to themselves (the job-process entry,
    // the tfjs resolve hook) look in dist/ wherever esbuild put them.
    chunkNames: '[name]-[hash]',
  }),
  build({
    absWorkingDir: root,
    entryPoints: { preload: 'main/preload/preload.ts' },
    bundle: true,
    platform: 'node',
    target: 'chrome130',
    format: 'cjs',
    external: ['electron'],
    sourcemap: 'linked',
    logLevel: 'warning',
    outdir,
    outExtension: { '.js': '.cjs' },
  }),
]);

// Helpers loaded by path next to the module that uses them (the tfjs ESM resolve hook, the worker threads' boot files).
const helpers = [
  ...readdirSync(join(root, 'native')).filter((f) => f.endsWith('.mjs')).map((f) => join('native', f)),
  'main/platform/worker-boot.mjs',
  'main/engine/train/parallel/worker-entry.mjs',
];
for (const file of helpers) copyFileSync(join(root, file), join(outdir, file.split('/').pop()));
// Data files read from beside the module that reads them (the PII scanner's ordinary-word list).
mkdirSync(join(outdir, 'data'), { recursive: true });
for (const file of readdirSync(join(root, 'main/corpus/pii/data'))) copyFileSync(join(root, 'main/corpus/pii/data', file), join(outdir, 'data', file));
console.log(`build:main: dist/{main.js,preload.cjs,job-process.js,cli.js,analyze-worker.js,commit-worker.js,worker.js} in ${Date.now() - started} ms`);
