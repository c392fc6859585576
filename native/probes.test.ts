// Native probes for `studio doctor`: the real add-ons load here; a missing package or a wrong ABI gives a
// reason and a command that fixes it.
import { describe, expect, it } from 'vitest';
import { explainLoadError } from './load-errors';
import { probeOnnxRuntime } from './onnxruntime';
import { probeSqlite } from './sqlite';

const SQLITE = { package: 'better-sqlite3', version: '12', abiSpecific: true };

describe('probeSqlite', () => {
  it('reports the SQLite version of the installed better-sqlite3', async () => {
    const status = await probeSqlite();
    expect(status.reason).toBeNull();
    expect(status.version).toMatch(/^3\.\d+\.\d+$/);
  });

  it('explains a module that is not installed', async () => {
    const status = await probeSqlite(() => import('better-sqlite3-not-installed' as string));
    expect(status.version).toBeNull();
    expect(status.reason).toMatch(/not installed.*Fix: Run `npm ci`/);
  });
});

describe('probeOnnxRuntime', () => {
  it('reports version and the CPU provider, and lists providers that cannot run here with a fix', async () => {
    const status = await probeOnnxRuntime();
    expect(status).toMatchObject({ available: true, version: '1.30.0', reason: null, fix: null });
    expect(status.providers).toContain('cpu');
    for (const provider of status.unavailable_providers ?? []) {
      expect(status.providers).not.toContain(provider.name);
      expect(provider.reason.length).toBeGreaterThan(0);
    }
    const cuda = status.unavailable_providers?.find((p) => p.name === 'cuda');
    if (cuda) expect(cuda.fix).toMatch(/ONNXRUNTIME_NODE_INSTALL=cuda12/);
  });

  it('explains a runtime that does not load', async () => {
    const status = await probeOnnxRuntime(() => import('onnxruntime-node-not-installed' as string));
    expect(status).toMatchObject({ available: false, version: null, providers: [] });
    expect(status.reason).toMatch(/not installed/);
    expect(status.fix).toMatch(/npm ci/);
  });
});

describe('explainLoadError', () => {
  it('recognises an ABI mismatch and names both rebuild commands', () => {
    // The message Node prints when an add-on was built for another runtime (here Electron 45 → Node 20).
    const error = new Error(
      "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\n" +
        'NODE_MODULE_VERSION 139. This version of Node.js requires\nNODE_MODULE_VERSION 115. Please try re-compiling or re-installing\nthe module.',
    );
    const { reason, fix } = explainLoadError(SQLITE, error);
    expect(reason).toMatch(/module version 139; this runtime needs 115/);
    expect(fix).toContain('npm rebuild better-sqlite3');
    expect(fix).toContain('@electron/rebuild -f -w better-sqlite3');
  });

  it('recognises a missing build and a too-old C library', () => {
    expect(explainLoadError(SQLITE, new Error('Could not locate the bindings file. Tried: ...')).fix).toMatch(/npm rebuild better-sqlite3/);
    expect(explainLoadError(SQLITE, new Error("/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.38' not found")).reason).toMatch(/GLIBC_2.38/);
  });
});
