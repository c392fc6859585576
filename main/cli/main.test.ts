// The CLI in-process: exit codes, one-line errors, JSON on stdout only, and the output helpers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../common/errors';
import { main } from './main';
import { progressLine, reportError, table, type CliIo } from './output';

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', interactive: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

let workspace: string;
beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'studio-cli-main-'));
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('studio main()', () => {
  it('prints help and the version with exit 0', async () => {
    const help = capture();
    expect(await main(['--help'], help)).toBe(0);
    for (const command of ['doctor', 'serve', 'jobs', 'workspace']) expect(help.out).toContain(command);
    const version = capture();
    expect(await main(['--version'], version)).toBe(0);
    expect(version.out).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers a usage error with exit 1 and one line that says what to do', async () => {
    const io = capture();
    expect(await main(['jbos', 'list'], io)).toBe(1);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(/^studio: Unknown command 'jbos'.*studio --help/);
    expect(io.out).toBe('');
    const bare = capture();
    expect(await main(['jobs'], bare)).toBe(1);
    expect(bare.err).toContain('Usage: studio jobs');
    expect(bare.err).not.toContain('outputHelp');
  });

  it('keeps stdout pure JSON with --json, errors included', async () => {
    const list = capture();
    expect(await main(['--workspace', workspace, 'jobs', 'list', '--json'], list)).toBe(0);
    expect(JSON.parse(list.out)).toEqual([]);
    const missing = capture();
    expect(await main(['--json', '--workspace', workspace, 'jobs', 'cancel', '3'], missing)).toBe(1);
    expect(JSON.parse(missing.out)).toEqual({ error: { code: 'not_found', message: 'No job 3 in this workspace.' } });
    const usage = capture();
    expect(await main(['--json', 'serve', '--port', '70000'], usage)).toBe(1);
    expect(JSON.parse(usage.out)).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('port') } });
  });

  it('refuses a workspace path that cannot be a folder as a user error, saying what to do', async () => {
    const file = join(workspace, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const path of [file, join(file, 'below')]) {
      const io = capture();
      expect(await main(['--json', '--workspace', path, 'corpus', 'list'], io)).toBe(1);
      expect(JSON.parse(io.out)).toEqual({
        error: { code: 'bad_input', field: 'workspace', message: `Cannot use ${path} as the workspace: a file is in the way (the workspace must be a folder). Choose another folder with --workspace (or STUDIO_WORKSPACE).` },
      });
    }
  });

  it('runs a job with progress on stderr and the result alone on stdout', async () => {
    const io = capture();
    expect(await main(['--workspace', workspace, '--json', 'workspace', 'check'], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ job_id: expect.any(Number), integrity: 'ok', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(io.err).toContain(`Checking ${workspace}`);
    expect(io.err).toMatch(/^\[[ \d%…]{5}\] /m);
  });
});

describe('CLI output', () => {
  it('maps user errors to exit 1 and bugs to exit 2, saying which is which', () => {
    const user = capture();
    expect(reportError(user, true, new StudioError('bad_input', 'The folder /x does not exist.'))).toBe(1);
    expect(user.err).toBe('studio: The folder /x does not exist.\n');
    expect(JSON.parse(user.out)).toEqual({ error: { code: 'bad_input', message: 'The folder /x does not exist.' } });
    const bug = capture();
    expect(reportError(bug, false, new TypeError('x is undefined'))).toBe(2);
    expect(bug.err).toMatch(/^studio: internal error: x is undefined .*bug/);
    expect(bug.out).toBe('');
    // A job that was killed says how, without calling it a bug; it still exits 2.
    const killed = capture();
    const message = 'Job 3 (corpus.import) failed: The job process was killed by SIGKILL (for example by the system when memory ran out).';
    expect(reportError(killed, false, new StudioError('job_failed', message))).toBe(2);
    expect(killed.err).toBe(`studio: ${message} (\`studio doctor\` shows the details worth reporting)\n`);
  });

  it('renders progress and tables compactly', () => {
    expect(progressLine(0.421, 'Hashing', { files: 3, mb_per_s: 12.345 })).toBe('[ 42%] Hashing (files 3, mb_per_s 12.35)');
    expect(progressLine(null, 'Listing files…')).toBe('[  …  ] Listing files…');
    expect(progressLine(0.5, 'Reading /data/odd\nname.txt')).toBe('[ 50%] Reading /data/odd?name.txt'); // one line, whatever a file name holds
    expect(table(['ID', 'NAME'], [['1', 'alpha'], ['12', 'b']])).toBe('ID  NAME\n1   alpha\n12  b');
  });
});
