// Lint = type-aware basics + the dependency rule of DESIGN.md §6, one zone per folder.
// A wrong import between layers fails `npm run lint`, and so `npm test`.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import svelteParser from 'svelte-eslint-parser';
import sveltePlugin from 'eslint-plugin-svelte';

/** Layer → the layers it may import (itself always allowed). */
const ALLOWED = {
  'main/common': [],
  'main/platform': ['main/common'],
  'main/store': ['main/common', 'main/platform'],
  'main/engine': ['main/common', 'main/platform', 'native'],
  'main/corpus': ['main/common', 'main/platform', 'main/engine/tokenizers'],
  'main/evaluate': ['main/common', 'main/platform', 'main/engine', 'main/store', 'native'],
  'main/export': ['main/common', 'main/platform', 'main/engine', 'main/store', 'main/evaluate', 'native'],
  'main/jobs': ['main/common', 'main/platform', 'main/store', 'main/engine', 'main/corpus', 'main/evaluate', 'main/export', 'native'],
  'main/services': ['main/common', 'main/platform', 'main/store', 'main/engine', 'main/corpus', 'main/evaluate', 'main/export', 'main/jobs', 'native'],
  'main/ipc': ['main/common', 'main/platform', 'main/jobs', 'main/store', 'main/services'],
  'main/server': ['main/common', 'main/platform', 'main/jobs', 'main/store', 'main/services'],
  'main/cli': ['main/common', 'main/platform', 'main/jobs', 'main/store', 'main/services', 'main/server'],
  'main/app': ['main/common', 'main/platform', 'main/store', 'main/engine', 'main/corpus', 'main/evaluate', 'main/export', 'main/jobs', 'main/services', 'main/ipc', 'main/server', 'native'],
  'main/preload': ['main/common'],
  'native': ['main/common', 'main/platform'],
  'renderer': ['main/common'],
};

const ALL = ['main/common', 'main/platform', 'main/store', 'main/engine', 'main/corpus', 'main/evaluate', 'main/export', 'main/jobs', 'main/services', 'main/ipc', 'main/server', 'main/cli', 'main/app', 'main/preload', 'native', 'renderer'];

const isInside = (child, parent) => child === parent || child.startsWith(`${parent}/`);

const zones = Object.entries(ALLOWED).flatMap(([target, allowed]) =>
  ALL.filter((other) => !isInside(other, target) && !isInside(target, other))
    .flatMap((other) => {
      // A partially allowed folder (main/engine/tokenizers) restricts its parent except that part.
      const partial = allowed.filter((a) => isInside(a, other) && a !== other);
      if (allowed.includes(other)) return [];
      return [{
        target: `./${target}`,
        from: `./${other}`,
        except: partial.map((p) => `./${p.slice(other.length + 1)}`),
        message: `DESIGN.md §6: ${target} may import only ${allowed.length ? allowed.join(', ') : 'nothing outside itself'}.`,
      }];
    }),
);

const NODE_OR_ELECTRON = {
  patterns: [
    { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'electron', 'better-sqlite3'], message: 'This layer runs in the renderer too: no node or electron imports.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'renderer/dist/**', 'test-results/**', 'resources/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,js,mjs,svelte}'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // (main/common and the renderer import no node module at all: the next block, which wins there.)
    files: ['**/*.{ts,js,mjs}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['node:v8', 'v8'].map((name) => ({
          name,
          importNames: ['setFlagsFromString'],
          message: 'V8 flags changed while code compiles can abort the process: give them on its command line (main/jobs/kinds/v8-flags.ts).',
        })),
      }],
    },
  },
  {
    files: ['main/common/**/*.ts', 'renderer/**/*.{ts,svelte}'],
    ignores: ['**/*.test.ts', 'renderer/vite.config.ts'],
    rules: { 'no-restricted-imports': ['error', NODE_OR_ELECTRON] },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    plugins: { svelte: sveltePlugin },
    languageOptions: { parser: svelteParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
