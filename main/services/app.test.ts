import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleCorpora } from './app';
import { resourcesDir } from '../platform/resources';

describe('sample corpora', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('lists only the bundled corpora this installation has', () => {
    const root = mkdtempSync(join(tmpdir(), 'studio-res-'));
    dirs.push(root);
    expect(sampleCorpora(null)).toEqual([]);
    expect(sampleCorpora(root)).toEqual([]);
    mkdirSync(join(root, 'corpora', 'sample-legal'), { recursive: true });
    expect(sampleCorpora(root).map((s) => [s.name, s.path])).toEqual([['sample-legal', join(root, 'corpora', 'sample-legal')]]);
  });

  it('finds the sample legal corpus shipped in resources/', () => {
    const names = sampleCorpora(resourcesDir()).map((s) => s.name);
    expect(names).toContain('sample-legal');
  });
});
