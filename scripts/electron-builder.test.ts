// The installer configuration: electron-builder's own schema accepts it, it packs what the app needs
// at run time (test/build.test.ts checks that build-main produces package.json's entry).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s validation and packs dist, the renderer and resources', async () => {
    const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> };
    const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, log: unknown): Promise<void>;
    };
    const quiet = { debug() {}, info() {}, warn() {} };
    await expect(validateConfiguration(config, quiet)).resolves.toBeUndefined();
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'renderer/dist/**', 'resources/**']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node']));
    expect(Object.keys(config)).toEqual(expect.arrayContaining(['linux', 'mac', 'win']));
  });
});
