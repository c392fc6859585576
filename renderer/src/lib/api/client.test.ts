// The typed client over a stub bridge: values come back, error Outcomes throw StudioErrors with
// code and field, transport failures are wrapped, and subscribers survive a bridge swap.
import { describe, expect, it, vi } from 'vitest';
import type { EventName, Events, StudioBridge } from '../../../../main/common/contract';
import { StudioError } from '../../../../main/common/errors';
import { StudioClient } from './client';
import { pickBridge } from './transport';

function stubBridge(invoke: StudioBridge['invoke']) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge: StudioBridge & { emit<E extends EventName>(event: E, payload: Events[E]): void } = {
    invoke,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
  return bridge;
}

const progress = (job_id: number): Events['job.progress'] => ({
  job_id,
  kind: 'workspace.check',
  progress: 0.5,
  message: 'hashing',
  counters: {},
  at: '2026-01-01T00:00:00Z',
});

describe('StudioClient', () => {
  it('resolves with the value of an ok Outcome', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, value: [] }));
    const client = new StudioClient(() => stubBridge(invoke as unknown as StudioBridge['invoke']));
    await expect(client.call('corpus.list', {})).resolves.toEqual([]);
    expect(invoke).toHaveBeenCalledWith('corpus.list', {});
  });

  it('throws a StudioError carrying the code, message and field of an error Outcome', async () => {
    const client = new StudioClient(() =>
      stubBridge((async () => ({
        ok: false,
        error: { code: 'invalid_request', message: 'jobs.get: field "id" must be number.', field: 'id' },
      })) as unknown as StudioBridge['invoke']),
    );
    const error = await client.call('jobs.get', { id: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect(error).toMatchObject({ code: 'invalid_request', field: 'id', message: 'jobs.get: field "id" must be number.' });
  });

  it('wraps a transport that throws into an internal StudioError naming the method', async () => {
    const client = new StudioClient(() =>
      stubBridge((async () => {
        throw new Error('IPC channel closed');
      }) as unknown as StudioBridge['invoke']),
    );
    await expect(client.call('app.info', {})).rejects.toMatchObject({ code: 'internal', message: /app\.info.*IPC channel closed/ });
  });

  it('keeps event subscribers when the bridge is replaced, and unsubscribes cleanly', () => {
    const first = stubBridge(vi.fn());
    const second = stubBridge(vi.fn());
    const client = new StudioClient(() => first);
    const listener = vi.fn();
    const off = client.on('job.progress', listener);
    first.emit('job.progress', progress(1));
    client.use(second);
    first.emit('job.progress', progress(2));
    second.emit('job.progress', progress(3));
    expect(listener.mock.calls.map(([p]) => (p as Events['job.progress']).job_id)).toEqual([1, 3]);
    off();
    second.emit('job.progress', progress(4));
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('pickBridge', () => {
  const preload = stubBridge(vi.fn());

  it('uses the Electron preload bridge when window.studio exists', () => {
    const picked = pickBridge({ studio: preload, location: { href: 'file:///app/index.html', origin: 'null', protocol: 'file:' } });
    expect(picked.kind).toBe('electron');
    expect(picked.bridge).toBe(preload);
  });

  it('uses the HTTP bridge with the token from the page address in serve mode', () => {
    const picked = pickBridge({
      location: { href: 'http://127.0.0.1:5000/?token=abc#/train', origin: 'http://127.0.0.1:5000', protocol: 'http:' },
    });
    expect(picked.kind).toBe('http');
  });

  it('explains what to do when the page was opened without its token', async () => {
    const picked = pickBridge({ location: { href: 'http://127.0.0.1:5000/', origin: 'http://127.0.0.1:5000', protocol: 'http:' } });
    expect(picked.kind).toBe('none');
    const outcome = await picked.bridge.invoke('app.info', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/without its access token/);
  });
});
