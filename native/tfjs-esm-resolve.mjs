// Node module-resolution hook for @tensorflow/tfjs-core's ESM build (dist/*.js).
// Those files import each other without extensions ("./gradients/Abs_grad") and through folder
// names, which Node's ESM loader refuses. The gradient registrations exist only in that build
// (dist/register_all_gradients.js), so native/tfjs-backend.ts registers this hook before loading it.
// Only relative imports made from inside tfjs-core's dist/ are touched.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const INSIDE = '/@tensorflow/tfjs-core/dist/';

function isFile(url) {
  const path = fileURLToPath(url);
  return existsSync(path) && statSync(path).isFile();
}

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent !== undefined && parent.includes(INSIDE) && (specifier.startsWith('./') || specifier.startsWith('../'))
    && !specifier.endsWith('.js')) {
    const base = new URL(specifier, parent).href;
    if (isFile(`${base}.js`)) return nextResolve(`${base}.js`, context);
    if (isFile(`${base}/index.js`)) return nextResolve(`${base}/index.js`, context);
  }
  return nextResolve(specifier, context);
}
