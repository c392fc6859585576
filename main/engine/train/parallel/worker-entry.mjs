// Entry of a data-parallel training worker thread. When the TypeScript sources run as they are (tsx,
// tests), the thread may start without the TypeScript loader its parent had: register it, then load
// the worker. A bundled build ships worker.js beside this file instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('./worker.ts', import.meta.url);
if (existsSync(fileURLToPath(source))) {
  try {
    await import(source.href);
  } catch (error) {
    if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    const { register } = await import('tsx/esm/api');
    register();
    await import(`${source.href}?loader=tsx`); // a new URL: the failed import above stays cached
  }
} else {
  await import(new URL('./worker.js', import.meta.url).href);
}
