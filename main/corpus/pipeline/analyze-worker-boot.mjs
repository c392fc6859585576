// Starts an analysis worker thread from TypeScript sources: registers the tsx loader in this thread,
// then loads the entry named in workerData (the app's build, or the cached bundle of the sources that pool.ts makes,
// points workerData.entry at plain JavaScript: then no loader is registered).
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
