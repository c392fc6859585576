// Real HTTP and WebSocket requests against a started bridge: token, Host, Origin, traversal, malformed
// payloads, unknown methods, body limits and event fan-out. The API behind it is a small in-test object
// so that these tests exercise the transport alone (main/services has its own tests).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type Api, type EventFrame } from '../common/contract';
import { type AppInfo, type JobDto } from '../common/dto';
import { StudioError } from '../common/errors';
import { startBridge, type Bridge } from './bridge';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, path: string, options: { method?: string; headers?: OutgoingHttpHeaders; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const info: AppInfo = { name: 'Domain Studio', version: '0.0.0-test', workspace: '/tmp/ws', mode: 'serve', backend: null, sample_corpora: [] };
const job: JobDto = {
  id: 7, kind: 'workspace.check', status: 'queued', params: {}, progress: null, message: null, result: null, error: null,
  created_at: '2026-01-01T00:00:00.000Z', started_at: null, finished_at: null,
};
const api: Api = {
  'app.info': async () => info,
  'doctor.run': async () => { throw new Error('probe exploded'); },
  'jobs.list': async () => [job],
  'jobs.get': async ({ id }) => { if (id !== 7) throw new StudioError('not_found', `No job ${id}.`); return job; },
  'jobs.start': async () => job,
  'jobs.cancel': async () => job,
  'corpus.list': async () => [],
  'corpus.import': async () => job,
  'corpus.show': async () => { throw new StudioError('not_found', 'No corpus.'); },
  'corpus.findings': async () => ({ corpus: 1, by_type: {}, restorable: null }),
  'corpus.allow': async ({ text }) => ({ type: null, text, updated: 0, restorable: [] }),
  'corpus.dump': async ({ out }) => ({ corpus: 1, out, documents: 0, train: 0, validation: 0 }),
  'corpus.tokenize': async () => job,
  'corpus.restore': async () => job,
  'corpus.delete': async () => job,
  'corpus.documents': async () => ({ corpus: 1, status: null, total: 0, offset: 0, documents: [] }),
  'model.list': async () => [],
  'model.import': async () => { throw new StudioError('bad_input', 'No model folder.'); },
  'model.inspect': async () => { throw new StudioError('bad_input', 'No model folder.'); },
  'model.fertility': async () => { throw new StudioError('not_found', 'No corpus.'); },
  'model.try': async () => { throw new StudioError('not_found', 'No model.'); },
  'runs.list': async () => [],
  'runs.show': async () => { throw new StudioError('not_found', 'No run.'); },
  'runs.pause': async () => { throw new StudioError('not_found', 'No run.'); },
  'runs.resume': async () => { throw new StudioError('not_found', 'No run.'); },
  'runs.cancel': async () => { throw new StudioError('not_found', 'No run.'); },
  'train.plan': async () => { throw new StudioError('not_found', 'No corpus.'); },
  'train.start': async () => { throw new StudioError('not_found', 'No corpus.'); },
  'export.start': async () => { throw new StudioError('not_found', 'No run.'); },
  'export.list': async () => [],
  'export.plan': async () => { throw new StudioError('not_found', 'No run.'); },
  'bundle.verify': async () => { throw new StudioError('bad_input', 'No bundle.'); },
  'bundle.import': async () => { throw new StudioError('bad_input', 'No bundle.'); },
  'keys.fingerprint': async () => ({ fingerprint: '', public_key: '', trusted: [] }),
  'keys.trust': async () => ({ fingerprint: '', public_key: '', trusted: [] }),
  'keys.untrust': async () => ({ fingerprint: '', public_key: '', trusted: [] }),
  'eval.start': async () => { throw new StudioError('not_found', 'No run.'); },
  'eval.show': async () => { throw new StudioError('not_found', 'No run.'); },
  'audit.override': async () => { throw new StudioError('not_found', 'No run.'); },
};

const listeners = new Set<(frame: EventFrame) => void>();
const emit = (frame: EventFrame) => listeners.forEach((l) => l(frame));

let dir: string;
let bridge: Bridge;
let port: number;
let auth: OutgoingHttpHeaders;
const post = (method: string, body: string | undefined, headers: OutgoingHttpHeaders = {}) =>
  send(port, `/api/${method}`, { method: 'POST', body, headers: { ...auth, 'content-type': 'application/json', ...headers } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'studio-bridge-'));
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(dist, '.env'), 'SECRET=1');
  writeFileSync(join(dir, 'secret.txt'), 'top secret');
  symlinkSync(join(dir, 'secret.txt'), join(dist, 'assets', 'link.txt'));
  bridge = await startBridge({
    services: api,
    subscribe: (l) => { listeners.add(l); return () => listeners.delete(l); },
    rendererDir: dist,
    maxBodyBytes: 4096,
  });
  port = bridge.port;
  auth = { 'x-studio-token': bridge.token };
});

afterAll(async () => {
  await bridge?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('loopback bridge', () => {
  it('prints a loopback URL carrying a 256-bit token and serves the app there with strict headers', async () => {
    const url = new URL(bridge.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(Buffer.from(bridge.token, 'base64url')).toHaveLength(32);
    expect(url.searchParams.get('token')).toBe(bridge.token);
    const page = await send(port, url.pathname + url.search);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('./assets/app.js');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    // The page's relative asset URL resolves under the token prefix, so assets carry the token too.
    const asset = await send(port, new URL('./assets/app.js', bridge.url).pathname);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('redirects / with the token to the app, and answers 401 without or with a wrong token', async () => {
    const root = await send(port, `/?token=${bridge.token}`);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe(new URL(bridge.url).pathname + new URL(bridge.url).search);
    expect((await send(port, '/')).status).toBe(401);
    expect((await send(port, '/app/not-the-token/index.html')).status).toBe(401);
    expect((await send(port, '/app/not-the-token/assets/app.js')).status).toBe(401);
    const noToken = await send(port, '/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body).error.code).toBe('unauthorized');
    const wrong = await post('app.info', '{}', { 'x-studio-token': bridge.token.slice(0, -1) + (bridge.token.endsWith('A') ? 'B' : 'A') });
    expect(wrong.status).toBe(401);
    expect((await post('app.info', '{}', { 'x-studio-token': '' })).status).toBe(401);
  });

  it('refuses a foreign Host or Origin (DNS rebinding, cross-site requests) even with the token', async () => {
    const foreignHost = await post('app.info', '{}', { host: `attacker.example:${port}` });
    expect(foreignHost.status).toBe(403);
    expect(JSON.parse(foreignHost.body).error.code).toBe('forbidden_origin');
    expect((await post('app.info', '{}', { host: `127.0.0.1:${port + 1}` })).status).toBe(403);
    expect((await post('app.info', '{}', { origin: 'http://attacker.example' })).status).toBe(403);
    expect((await post('app.info', '{}', { origin: 'null' })).status).toBe(403);
    expect((await post('app.info', '{}', { origin: `http://127.0.0.1:${port + 1}` })).status).toBe(403);
    expect((await post('app.info', '{}', { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await post('app.info', '{}', { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('never serves a file outside the renderer folder, a dot-file or a directory', async () => {
    const prefix = `/app/${bridge.token}/`;
    for (const path of ['..%2fsecret.txt', '%2e%2e/secret.txt', 'assets/..%2f..%2fsecret.txt', '%2e%2e%2f%2e%2e%2fsecret.txt', '..%5csecret.txt', 'assets/link.txt', '.env', 'assets', 'assets/', 'index.html%00.js', '%E0%A4%A']) {
      const reply = await send(port, prefix + path);
      // 401 when URL normalisation already climbed out of the token prefix, 404 otherwise: never the file.
      expect([401, 404], path).toContain(reply.status);
      expect(reply.body).not.toContain('top secret');
      expect(reply.body).not.toContain('SECRET');
    }
  });

  it('answers POST /api/<method> with an Outcome, and errors as values naming the field', async () => {
    const ok = await post('app.info', '{}');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: info });
    expect(JSON.parse((await post('jobs.list', '')).body)).toEqual({ ok: true, value: [job] });

    const badField = JSON.parse((await post('jobs.get', '{"id":"seven"}')).body);
    expect(badField).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'id' } });
    expect(badField.error.message).toContain('id');
    const extra = JSON.parse((await post('app.info', '{"evil":true}')).body);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'evil' } });
    const notFound = JSON.parse((await post('jobs.get', '{"id":8}')).body);
    expect(notFound).toEqual({ ok: false, error: { code: 'not_found', message: 'No job 8.' } });
    const crash = JSON.parse((await post('doctor.run', '{}')).body);
    expect(crash).toEqual({ ok: false, error: { code: 'internal', message: 'probe exploded' } });
  });

  it('answers an unknown method with an error and keeps serving', async () => {
    for (const method of ['nope', 'constructor', '__proto__', 'toString', '%E0%A4%A']) {
      const reply = JSON.parse((await post(method, '{}')).body);
      expect(reply.ok, method).toBe(false);
      expect(reply.error.code).toBe('unknown_method');
    }
    expect((await post('app.info', '{}')).status).toBe(200);
  });

  it('rejects malformed transport: bad JSON 400, wrong verb 405, wrong type 415, big body 413, unknown path 404', async () => {
    const bad = await post('app.info', '{"id":');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid_request');
    expect((await send(port, '/api/app.info', { headers: auth })).status).toBe(405);
    expect((await post('app.info', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    const big = JSON.stringify({ pad: 'x'.repeat(5000) });
    expect((await post('app.info', big)).status).toBe(413); // chunked: counted while streaming
    expect((await post('app.info', big, { 'content-length': Buffer.byteLength(big) })).status).toBe(413); // declared up front
    expect((await send(port, `/elsewhere?token=${bridge.token}`)).status).toBe(404);
    expect((await send(port, `/events?token=${bridge.token}`)).status).toBe(426);
    expect((await post('app.info', '{}')).status).toBe(200);
  });

  it('fans out events over the WebSocket to every client, and refuses sockets without token or from elsewhere', async () => {
    const open = (query: string, origin?: string) =>
      new WebSocket(`ws://127.0.0.1:${port}/events${query}`, origin ? { origin } : {});
    const firstFrame = (ws: WebSocket) => new Promise<EventFrame>((resolve, reject) => {
      ws.once('message', (data) => resolve(JSON.parse(String(data)) as EventFrame));
      ws.once('error', reject);
    });
    const opened = (ws: WebSocket) => new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    const refused = (ws: WebSocket) => new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate(); });
      ws.once('open', () => resolve(101));
      ws.once('error', () => resolve(-1));
    });

    const a = open(`?token=${bridge.token}`, `http://127.0.0.1:${port}`);
    const b = open(`?token=${bridge.token}`);
    await Promise.all([opened(a), opened(b)]);
    const frames = Promise.all([firstFrame(a), firstFrame(b)]);
    const frame: EventFrame = { event: 'job.progress', payload: { job_id: 7, kind: 'workspace.check', progress: 0.5, message: 'half', counters: { files: 3 }, at: '2026-01-01T00:00:00.000Z' } };
    emit(frame);
    expect(await frames).toEqual([frame, frame]);
    a.close();
    b.close();

    expect(await refused(open(''))).toBe(401);
    expect(await refused(open('?token=wrong'))).toBe(401);
    expect(await refused(open(`?token=${bridge.token}`, 'http://attacker.example'))).toBe(403);
  });

  const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
  it.skipIf(!external)('listens on the loopback interface only (not reachable on the machine\'s network address)', async () => {
    const reached = await new Promise<boolean>((resolve) => {
      const req = httpRequest({ host: external!.address, port, path: '/' }, () => resolve(true));
      req.on('error', () => resolve(false));
      req.end();
    });
    expect(reached).toBe(false);
  });

  it('reports a taken port as a conflict the user can act on', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    await expect(startBridge({ services: api, subscribe: () => () => undefined, rendererDir: null, port: taken }))
      .rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('--port') });
    blocker.close();
  });
});
