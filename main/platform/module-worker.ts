// Worker threads whose entry is a module of this code base, started the same way from the app's build and from
// the TypeScript sources (development, tests, and the `studio` command and serve mode run from a clone):
// the built `<name>.js` beside the starting module when it exists (the app's build puts every entry and chunk
// side by side), else a cached bundle of `<name>.ts` (sourceBundle: no tsx loader to start in the thread), else the
// .ts itself through tsx (worker-boot.mjs registers it).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { sourceBundle, type SourceBundleOptions } from './source-bundle';

/** The URL a worker thread loads for the entry `name` beside the module at `from` (its import.meta.url). */
export function moduleWorkerEntry(from: string, name: string, assets?: SourceBundleOptions['assets']): string {
  const built = new URL(`./${name}.js`, from);
  if (existsSync(fileURLToPath(built))) return built.href;
  const source = fileURLToPath(new URL(`./${name}.ts`, from));
  const bundled = sourceBundle(source, assets ? { assets } : {});
  return pathToFileURL(bundled ?? source).href;
}

/**
 * Starts the entry `name` beside the module at `from` in a worker thread. `assets`: folders the entry's modules read
 * from beside themselves (copied beside a bundle, as the app's build copies them).
 */
export function startModuleWorker(
  from: string, name: string, options: Omit<WorkerOptions, 'workerData'> & { assets?: SourceBundleOptions['assets'] } = {},
): Worker {
  const { assets, ...workerOptions } = options;
  const entry = moduleWorkerEntry(from, name, assets);
  return new Worker(new URL('./worker-boot.mjs', import.meta.url), { ...workerOptions, workerData: { entry } });
}
