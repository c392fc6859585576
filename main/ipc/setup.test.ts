// The IPC handler: refuses foreign frames, validates through dispatch and returns errors as values;
// events reach the window until it is destroyed.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Api, type EventFrame } from '../common/contract';
import { handleInvoke, setupIpc, forwardEvents } from './setup';

const info = { name: 'Domain Studio', version: '1', workspace: '/w', mode: 'electron' as const, backend: null };
const services = { 'app.info': async () => info } as unknown as Api;
const trusted = { isTrustedSender: (frame: unknown) => (frame as { url: string } | null)?.url === 'app://studio/index.html' };
const own = { senderFrame: { url: 'app://studio/index.html' } } as never;

describe('IPC', () => {
  it('answers the app page with an Outcome and refuses any other frame', async () => {
    expect(await handleInvoke(services, trusted, own, 'app.info', {})).toEqual({ ok: true, value: info });
    const foreign = await handleInvoke(services, trusted, { senderFrame: { url: 'https://evil.example/' } } as never, 'app.info', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden_origin' } });
    expect(await handleInvoke(services, trusted, { senderFrame: null } as never, 'app.info', {})).toMatchObject({ ok: false });
  });

  it('turns unknown methods and malformed payloads into error values naming the problem', async () => {
    expect(await handleInvoke(services, trusted, own, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await handleInvoke(services, trusted, own, 'jobs.get', { id: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'id' } });
    expect(await handleInvoke(services, trusted, own, 'app.info', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('registers on the contract\'s invoke channel and removes itself', async () => {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const ipcMain = { handle: (ch: string, fn: never) => void handlers.set(ch, fn), removeHandler: (ch: string) => void handlers.delete(ch) };
    const remove = setupIpc(ipcMain as never, services, trusted);
    expect([...handlers.keys()]).toEqual([CHANNELS.invoke]);
    expect(await handlers.get(CHANNELS.invoke)!(own, 'app.info', {})).toEqual({ ok: true, value: info });
    remove();
    expect(handlers.size).toBe(0);
  });

  it('forwards event frames to the window until it is destroyed', () => {
    const listeners = new Set<(f: EventFrame) => void>();
    const subscribe = (l: (f: EventFrame) => void) => { listeners.add(l); return () => void listeners.delete(l); };
    const sent: unknown[][] = [];
    const contents = Object.assign(new EventEmitter(), { send: (...args: unknown[]) => void sent.push(args), isDestroyed: () => false });
    forwardEvents(subscribe, contents as never);
    const frame: EventFrame = { event: 'job.finished', payload: { job_id: 1, kind: 'workspace.check', status: 'succeeded', result: null, error: null, at: 'now' } };
    listeners.forEach((l) => l(frame));
    expect(sent).toEqual([[CHANNELS.event, 'job.finished', frame.payload]]);
    contents.emit('destroyed');
    expect(listeners.size).toBe(0);
  });
});
