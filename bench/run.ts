// `npm run bench`: runs every bench/*.bench.ts module (or those named on the command line) and prints
// their figures. Each module exports `run(): Promise<Record<string, number | string>>` and measures its
// own baseline in the same run, so ratios are comparable on whatever machine runs it.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const results: Record<string, Record<string, number | string>> = {};
let failed = 0;
for (const file of modules) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`bench: ${name}…\n`);
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<Record<string, number | string>> };
    results[name] = await mod.run();
  } catch (error) {
    failed++;
    results[name] = { error: error instanceof Error ? error.message : String(error) };
  }
  results[name]!.wall_seconds = Number(((performance.now() - started) / 1000).toFixed(2));
  for (const [key, value] of Object.entries(results[name]!)) {
    const shown = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toPrecision(4)) : value;
    console.log(`${name.padEnd(12)} ${key.padEnd(44)} ${shown}`);
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
process.exitCode = failed > 0 ? 1 : 0;
