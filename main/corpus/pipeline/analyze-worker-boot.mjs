// Starts an analysis worker thread from TypeScript sources: registers the tsx loader in this thread,
// then loads the entry named in workerData (a bundled build points workerData.entry at plain .js).
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
