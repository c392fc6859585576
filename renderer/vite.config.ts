// Vite build of the renderer: `npm run build:renderer` → renderer/dist, loaded by Electron from disk
// and served by `studio serve`. Relative base so both work; no dev-only plugins.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: here,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    target: 'chrome120',
    // One CSS file and one script: nothing inline, so the strict CSP in index.html holds.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships comments Rollup cannot place; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
});
