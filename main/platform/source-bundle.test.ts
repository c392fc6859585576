import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceBundle } from './source-bundle';

let root: string;
let cacheDir: string;
let entry: string;

/** A source tree: an entry that reads a file beside itself and imports a sibling module on demand. */
function writeSources(greeting: string): void {
  mkdirSync(join(root, 'src', 'data'), { recursive: true });
  writeFileSync(join(root, 'src', 'data', 'word.txt'), 'world');
  writeFileSync(join(root, 'src', 'later.ts'), `export const greeting: string = ${JSON.stringify(greeting)};\n`);
  writeFileSync(
    entry,
    [
      "import { readFileSync } from 'node:fs';",
      "import { dirname, join } from 'node:path';",
      "import { fileURLToPath } from 'node:url';",
      'export async function hello(): Promise<string> {',
      "  const { greeting } = await import('./later');",
      "  return `${greeting} ${readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'data', 'word.txt'), 'utf8')}`;",
      '}',
      '',
    ].join('\n'),
  );
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'studio-source-bundle-'));
  cacheDir = join(root, 'cache');
  entry = join(root, 'src', 'entry.ts');
  writeSources('hello');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const bundle = () => sourceBundle(entry, { cacheDir, assets: { data: join(root, 'src', 'data') } });

describe('sourceBundle', () => {
  it('bundles a TypeScript entry with its on-demand modules as chunks and its assets beside it', async () => {
    const out = bundle();
    expect(out).not.toBeNull();
    expect(out!.endsWith('entry.mjs')).toBe(true);
    expect(readFileSync(join(dirname(out!), 'data', 'word.txt'), 'utf8')).toBe('world');
    const mod = (await import(pathToFileURL(out!).href)) as { hello: () => Promise<string> };
    expect(await mod.hello()).toBe('hello world');
  });

  it('reuses the bundle while its inputs are unchanged and rebuilds it when one changes', async () => {
    const first = bundle()!;
    const builtAt = statSync(first).mtimeMs;
    expect(bundle()).toBe(first);
    expect(statSync(first).mtimeMs).toBe(builtAt);
    writeSources('goodbye');
    utimesSync(join(root, 'src', 'later.ts'), new Date(), new Date(Date.now() + 5000)); // a later mtime, whatever the clock's grain
    const second = bundle()!;
    expect(second).not.toBe(first);
    const mod = (await import(pathToFileURL(second).href)) as { hello: () => Promise<string> };
    expect(await mod.hello()).toBe('goodbye world');
    // The earlier build stays in place for a process that may still load its chunks.
    expect(statSync(first).isFile()).toBe(true);
  });

  it('answers null when the entry cannot be built (the caller then loads the sources as they are)', () => {
    writeFileSync(entry, 'export const broken = ;\n');
    expect(bundle()).toBeNull();
  });
});
