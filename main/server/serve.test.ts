// The whole served app: a real workspace core behind the bridge. A job started over HTTP runs in its own
// process and its progress and end arrive over the WebSocket; closing stops the server and the core.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type EventFrame } from '../common/contract';
import { startServer, type StudioServer } from './serve';

let dir: string;
let server: StudioServer;

function post(method: string, body: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: `/api/${method}`, method: 'POST', headers: { 'content-type': 'application/json', 'x-studio-token': server.token } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'studio-serve-'));
  mkdirSync(join(dir, 'ui'));
  writeFileSync(join(dir, 'ui', 'index.html'), '<!doctype html><title>Domain Studio</title>');
  writeFileSync(join(dir, 'notes.txt'), 'a file in the workspace');
  server = await startServer({ workspace: dir, rendererDir: join(dir, 'ui') });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('serves the renderer and the API of the real workspace', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Domain Studio</title>');
    expect(await post('app.info', {})).toEqual({ status: 200, json: { ok: true, value: expect.objectContaining({ workspace: dir, mode: 'serve' }) } });
  });

  it('streams a job\'s progress and end over the WebSocket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`, { origin: server.origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const frames: EventFrame[] = [];
    const done = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as EventFrame;
        frames.push(frame);
        if (frame.event === 'job.finished') resolve();
      }),
    );
    const started = (await post('jobs.start', { kind: 'workspace.check' })).json as { ok: true; value: { id: number } };
    expect(started.ok).toBe(true);
    await done;
    ws.close();
    const ours = frames.filter((f) => f.payload.job_id === started.value.id);
    expect(ours.some((f) => f.event === 'job.progress')).toBe(true);
    expect(ours.at(-1)).toMatchObject({ event: 'job.finished', payload: { status: 'succeeded', result: { files: expect.any(Number), integrity: 'ok' } } });
  });

  it('stops listening and closes the workspace on close', async () => {
    const second = await startServer({ workspace: mkdtempSync(join(tmpdir(), 'studio-serve-b-')), rendererDir: null });
    await second.close();
    await expect(fetch(`${second.origin}/api/app.info`, { method: 'POST' })).rejects.toThrow();
    expect(second.core.db.sql.open).toBe(false);
    rmSync(second.core.workspace, { recursive: true, force: true });
  });
});
