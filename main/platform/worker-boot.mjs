// Starts a worker thread from its entry (workerData.entry, see module-worker.ts): the app's build, or the cached bundle
// of the sources, is plain JavaScript; a TypeScript entry (when no bundle could be made) gets the tsx loader
// registered in this thread first.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
