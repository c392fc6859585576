// Walking sources: folders recursively, each problem reported per file, loops and repeats visited once.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileProblem } from './types';
import { walkSources } from './walk';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'studio-walk-'))));
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

async function walk(paths: string[], maxFileBytes = 1024 * 1024) {
  const problems: FileProblem[] = [];
  const files: string[] = [];
  for await (const f of walkSources(paths, { maxFileBytes }, (p) => problems.push(p))) files.push(f.path);
  return { files, problems, reasons: Object.fromEntries(problems.map((p) => [p.path.slice(dir.length + 1), p.reason])) };
}

const isRoot = process.getuid?.() === 0;

describe('walkSources', () => {
  it('walks folders recursively in sorted order, skipping hidden entries', async () => {
    mkdirSync(join(dir, 'b/c'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    for (const f of ['a.txt', 'b/c/d.md', 'b/z.jsonl', '.git/config.txt', '.hidden.txt']) writeFileSync(join(dir, f), 'x');
    const { files, problems } = await walk([dir]);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['a.txt', 'b/c/d.md', 'b/z.jsonl']);
    expect(problems).toEqual([]);
  });

  it('reports empty, too large, unsupported and missing files, and keeps going', async () => {
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'big.txt'), Buffer.alloc(2048, 0x61));
    writeFileSync(join(dir, 'photo.jpg'), 'x');
    writeFileSync(join(dir, 'good.txt'), 'fine');
    const { files, reasons, problems } = await walk([dir, join(dir, 'nope.txt')], 1024);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['good.txt']);
    expect(reasons).toEqual({ 'empty.txt': 'empty', 'big.txt': 'too_large', 'photo.jpg': 'unsupported', 'nope.txt': 'missing' });
    expect(problems.find((p) => p.reason === 'too_large')!.message).toMatch(/2048 bytes, over the 1024 bytes limit/);
  });

  it('detects a symlink loop and visits each file once', async () => {
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes/n.txt'), 'note');
    symlinkSync(dir, join(dir, 'notes/back-to-top'));
    symlinkSync(join(dir, 'notes/n.txt'), join(dir, 'alias.txt'));
    const { files, reasons } = await walk([dir]);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['alias.txt']);
    expect(reasons).toEqual({ 'notes/back-to-top': 'symlink_loop' });
  });

  it('walks a tree hundreds of folders deep, and still finds a loop at its bottom', async () => {
    let deep = dir;
    for (let level = 0; level < 400; level++) deep = join(deep, 'd');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'bottom.txt'), 'deep');
    symlinkSync(join(dir, 'd', 'd'), join(deep, 'up')); // back to the second level
    const { files, problems } = await walk([dir]);
    expect(files).toEqual([join(deep, 'bottom.txt')]);
    expect(problems.map((p) => [p.path, p.reason])).toEqual([[join(deep, 'up'), 'symlink_loop']]);
  });

  it.skipIf(process.platform !== 'linux')('says which names are not UTF-8 instead of calling the files missing', async () => {
    writeFileSync(Buffer.from(`${dir}/caf\xe9.txt`, 'latin1'), 'A note.');
    writeFileSync(join(dir, 'fine.txt'), 'Another note.');
    const { files, problems } = await walk([dir]);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['fine.txt']);
    expect(problems).toEqual([{ path: join(dir, 'caf\uFFFD.txt'), severity: 'warning', reason: 'bad_name', message: expect.stringMatching(/not valid UTF-8.*rename it/) }]);
  });

  it('reports a self-referencing symlink', async () => {
    symlinkSync(join(dir, 'self.txt'), join(dir, 'self.txt'));
    expect((await walk([dir])).reasons).toEqual({ 'self.txt': 'symlink_loop' });
  });

  // As root, chmod 000 does not stop reads: there is nothing unreadable to detect, so the case is skipped there.
  it.skipIf(isRoot)('reports a file the user cannot read', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'x');
    chmodSync(join(dir, 'secret.txt'), 0o000);
    const { reasons, problems } = await walk([dir]);
    expect(reasons).toEqual({ 'secret.txt': 'unreadable' });
    expect(problems[0]!.message).toMatch(/Permission denied/);
  });

  it.runIf(isRoot)('as root, a chmod 000 file is readable and imported (nothing to report)', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'x');
    chmodSync(join(dir, 'secret.txt'), 0o000);
    expect((await walk([dir])).files).toHaveLength(1);
  });
});
