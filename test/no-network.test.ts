// DESIGN.md §5: "A test runs the whole path and asserts no outbound connection was attempted."
// Every process of the run — each `studio` CLI process, the job processes it forks, `studio serve`
// and its job processes — preloads test/support/network-guard.mjs through NODE_OPTIONS. The guard
// records each connection or name lookup whose target is not loopback; the test walks the user's path
// (doctor → corpus import → model import → train → eval → export bundle → bundle verify/import into a
// second workspace → try → serve with an API call and its WebSocket) and then asserts that the log
// holds no such attempt, and that every kind of process did load the guard. A control child proves
// that the guard records (in block mode, so the deliberate attempts never leave the machine).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const REPO = resolve(import.meta.dirname, '..');
const GUARD = join(REPO, 'test', 'support', 'network-guard.mjs');
const CORPUS = join(REPO, 'resources', 'corpora', 'sample-legal');
const BERT = join(REPO, 'test', 'fixtures', 'hf-reference', 'bert');

interface GuardRecord {
  kind: 'loaded' | 'attempt';
  pid: number;
  api?: string;
  target?: Record<string, unknown>;
  argv?: string[];
  stack?: string[];
}

let scratch: string;
let log: string;
let home: string; // the first workspace
let colleague: string; // the second workspace, which imports the bundle

/** The environment of a guarded process (NODE_OPTIONS is inherited by the processes it forks). */
function guardedEnv(logFile: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const existing = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : '';
  return {
    ...process.env,
    STUDIO_WORKSPACE: '',
    STUDIO_LOG: 'warn',
    NODE_OPTIONS: `${existing}--import ${JSON.stringify(pathToFileURL(GUARD).href)}`,
    NETWORK_GUARD_LOG: logFile,
    ...extra,
  };
}

function readLog(file: string): GuardRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GuardRecord);
}

/** Runs a process to its end without blocking the test worker (vitest talks to it meanwhile). */
function run(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ status: number | null; pid: number | undefined; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', fail);
    child.once('close', (status) => {
      clearTimeout(timer);
      done({ status, pid: child.pid, stdout, stderr });
    });
  });
}

/** Runs `studio --workspace W --json …` guarded; asserts exit 0 and one JSON value on stdout. */
async function studio(workspace: string, ...args: string[]): Promise<Record<string, unknown>> {
  const result = await run([join(REPO, 'bin', 'studio.js'), '--workspace', workspace, '--json', ...args], guardedEnv(log), 150_000);
  const context = `studio ${args.join(' ')} → exit ${result.status}\n${result.stderr.slice(-2000)}`;
  expect(result.status, context).toBe(0);
  let parsed: unknown;
  expect(() => (parsed = JSON.parse(result.stdout)), `${context}\nstdout: ${result.stdout.slice(0, 500)}`).not.toThrow();
  expect(parsed, context).toBeTypeOf('object');
  return parsed as Record<string, unknown>;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'studio-nonet-'));
  log = join(scratch, 'network-guard.log');
  home = join(scratch, 'home');
  colleague = join(scratch, 'colleague');
  mkdirSync(home);
  mkdirSync(colleague);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the guard itself', () => {
  it('records non-loopback connections and lookups from a guarded child, and lets loopback through unrecorded', async () => {
    const controlLog = join(scratch, 'control.log');
    const script = join(scratch, 'control.mjs');
    // Block mode refuses each recorded attempt before the real call: nothing here can leave the machine.
    writeFileSync(
      script,
      `import net from 'node:net';
import dns from 'node:dns';
import http from 'node:http';
const settle = (p) => p.then(() => 'ok', (e) => e.code ?? e.message);
const outcome = {};
outcome.socket = await new Promise((done) => new net.Socket().connect(9, '192.0.2.1').on('error', (e) => done(e.code)).on('connect', () => done('connected')));
outcome.lookup = await new Promise((done) => dns.lookup('updates.example.com', (e) => done(e ? e.code : 'resolved')));
outcome.fetch = await settle(fetch('https://192.0.2.2/telemetry'));
const server = http.createServer((req, res) => res.end('here')).listen(0, '127.0.0.1');
await new Promise((done) => server.once('listening', done));
outcome.loopback = await (await fetch('http://127.0.0.1:' + server.address().port + '/')).text();
server.close();
console.log(JSON.stringify(outcome));
`,
    );
    const result = await run([script], guardedEnv(controlLog, { NETWORK_GUARD_MODE: 'block' }), 30_000);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ socket: 'ENETUNREACH', lookup: 'ENETUNREACH', fetch: 'ENETUNREACH', loopback: 'here' });

    const records = readLog(controlLog);
    const attempts = records.filter((r) => r.kind === 'attempt');
    expect(attempts.map((a) => [a.api, a.target])).toEqual([
      ['net.Socket.connect', { host: '192.0.2.1', port: 9 }],
      ['dns.lookup', { host: 'updates.example.com' }],
      ['fetch', { url: 'https://192.0.2.2/telemetry' }],
    ]);
    expect(attempts.every((a) => a.pid === result.pid && a.stack?.some((line) => line.includes('control.mjs')))).toBe(true);
    expect(records.filter((r) => r.kind === 'loaded').map((r) => r.pid)).toEqual([result.pid]);
  });
});

describe('the whole user path makes no outbound connection', () => {
  it('doctor, corpus import, model import, train, eval, export, bundle verify/import and try all succeed', async () => {
    const doctor = await studio(home, 'doctor');
    expect(doctor.backends).toBeInstanceOf(Array);

    const files = ['MIT.txt', 'Apache-2.0.txt', 'BSD-3-Clause.txt', 'GPL-2.0-only.txt'].map((f) => join(CORPUS, f));
    const corpus = await studio(home, 'corpus', 'import', '--name', 'legal', '--pii', 'redact', ...files);
    expect(corpus).toMatchObject({ corpus: { name: 'legal', status: 'ready' }, files: { imported: 4 } });

    const model = await studio(home, 'model', 'import', '--name', 'bert', BERT);
    expect(model).toMatchObject({ name: 'bert', model_type: 'bert' });

    const train = await studio(home, 'train', '--corpus', 'legal', '--base', 'bert', '--method', 'cpt-lora', '--max-steps', '3', '--batch', '2', '--seq-len', '32');
    expect(train).toMatchObject({ status: 'succeeded', metrics: { steps: 3 } });
    const runId = String(train.run);

    const evaluation = await studio(home, 'eval', runId);
    expect(evaluation).toMatchObject({ run: Number(runId), perplexity: { domain: { after: expect.any(Number) } } });

    const out = join(scratch, 'exports');
    const exported = (await studio(home, 'export', runId, '--format', 'bundle', '--out', out)) as { exports: Array<{ format: string; path: string; verified: boolean }> };
    expect(exported.exports).toHaveLength(1);
    expect(exported.exports[0]).toMatchObject({ format: 'bundle', verified: true });
    const bundle = exported.exports[0]!.path;

    expect(await studio(home, 'bundle', 'verify', bundle)).toMatchObject({ ok: true, trusted: true });
    const imported = (await studio(colleague, 'bundle', 'import', '--trust', bundle)) as { model: { name: string } };
    expect(imported.model.name).toMatch(/\w/);

    const tried = await studio(colleague, 'try', imported.model.name, '--text', 'The licensee shall [MASK] the software.');
    expect(tried).toMatchObject({ task: 'masked-lm', positions: [expect.any(Number)] });
  }, 400_000);

  it('serve answers an API call and streams the job it starts over its WebSocket', async () => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'studio.js'), '--workspace', colleague, 'serve'], {
      cwd: scratch,
      env: guardedEnv(log),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const url = new URL(
        await new Promise<string>((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`serve printed no URL:\n${output}`)), 60_000);
          child.stdout.on('data', () => {
            const match = /http:\/\/127\.0\.0\.1:\d+\/\S*token=[\w-]+/.exec(output);
            if (match) {
              clearTimeout(timer);
              done(match[0]);
            }
          });
          void exited.then((code) => fail(new Error(`serve exited (${code}) before printing its URL:\n${output}`)));
        }),
      );
      const token = url.searchParams.get('token') ?? '';
      const call = async (method: string, body: unknown) => {
        const response = await fetch(`${url.origin}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-studio-token': token },
          body: JSON.stringify(body),
        });
        expect(response.status, method).toBe(200);
        return (await response.json()) as { ok: boolean; value: unknown };
      };

      const models = await call('model.list', {});
      expect(models).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ model_type: 'bert' })]) });

      const socket = new WebSocket(`${url.origin.replace('http', 'ws')}/events?token=${token}`);
      const frames: Array<{ event: string; payload: { job_id?: number; status?: string } }> = [];
      socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8')) as (typeof frames)[number]));
      await new Promise<void>((done, fail) => socket.once('open', () => done()).once('error', fail));

      const started = (await call('corpus.import', { paths: [join(CORPUS, 'MIT.txt')], name: 'mit', pii: 'redact' })) as { ok: boolean; value: { id: number } };
      expect(started.ok).toBe(true);
      const deadline = Date.now() + 90_000;
      let finished: (typeof frames)[number] | undefined;
      while (!finished && Date.now() < deadline) {
        finished = frames.find((f) => f.event === 'job.finished' && f.payload.job_id === started.value.id);
        if (!finished) await new Promise((r) => setTimeout(r, 200));
      }
      socket.close();
      expect(finished?.payload.status, output).toBe('succeeded');
      expect(frames.some((f) => f.event === 'job.progress')).toBe(true);
    } finally {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    }
  });

  it('no guarded process attempted a connection or lookup outside loopback', () => {
    const records = readLog(log);
    const attempts = records.filter((r) => r.kind === 'attempt');
    expect(attempts.map((a) => ({ pid: a.pid, api: a.api, target: a.target, at: a.stack?.slice(0, 4) }))).toEqual([]);

    // The guard reached every kind of process: CLI commands, serve, and the job processes they fork.
    const loaded = records.filter((r) => r.kind === 'loaded').map((r) => (r.argv ?? []).join(' '));
    const jobs = loaded.filter((argv) => argv.includes('job-process'));
    expect(loaded.filter((argv) => argv.includes('studio.js')).length).toBeGreaterThanOrEqual(10);
    expect(loaded.some((argv) => argv.includes('studio.js') && argv.endsWith('serve'))).toBe(true);
    // corpus import, train, eval, export on the CLI and the corpus import started through serve
    expect(jobs.length).toBeGreaterThanOrEqual(5);
  });
});
