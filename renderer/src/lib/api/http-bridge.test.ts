// The loopback transport against a stubbed fetch and WebSocket: request shape, token, Outcome
// passthrough, errors for 401/403/network failure, event frames, and reconnect with backoff.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpBridge } from './http-bridge';

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  open() {
    this.onopen?.(new Event('open'));
  }
  send(frame: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) }));
  }
  drop() {
    this.onclose?.(new CloseEvent('close'));
  }
  close() {
    this.closed = true;
    this.drop();
  }
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function bridgeWith(fetchImpl: typeof fetch) {
  return new HttpBridge({
    origin: 'http://127.0.0.1:4321',
    token: 'tok en/1',
    fetch: fetchImpl,
    createWebSocket: (url) => new FakeSocket(url),
    reconnectMs: { first: 100, max: 400 },
  });
}

describe('HttpBridge.invoke', () => {
  it('posts the request as JSON to /api/<method> with the token header and returns the Outcome', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => jsonResponse(200, { ok: true, value: [{ id: 1 }] }));
    const outcome = await bridgeWith(fetchMock).invoke('jobs.list', { limit: 5 });
    expect(outcome).toEqual({ ok: true, value: [{ id: 1 }] });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('http://127.0.0.1:4321/api/jobs.list');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['x-studio-token']).toBe('tok en/1');
    expect(JSON.parse(String(init?.body))).toEqual({ limit: 5 });
  });

  it('passes the server’s error Outcome through unchanged, field included', async () => {
    const error = { code: 'invalid_request', message: 'jobs.list: field "limit" must be number.', field: 'limit' };
    const outcome = await bridgeWith(async () => jsonResponse(400, { ok: false, error })).invoke('jobs.list', {});
    expect(outcome).toEqual({ ok: false, error });
  });

  it('turns a bare 401 or 403 into unauthorized / forbidden_origin errors that say what to do', async () => {
    const unauthorized = await bridgeWith(async () => new Response('no', { status: 401 })).invoke('app.info', {});
    expect(unauthorized.ok).toBe(false);
    if (!unauthorized.ok) {
      expect(unauthorized.error.code).toBe('unauthorized');
      expect(unauthorized.error.message).toMatch(/studio serve/);
    }
    const forbidden = await bridgeWith(async () => new Response('', { status: 403 })).invoke('app.info', {});
    expect(!forbidden.ok && forbidden.error.code).toBe('forbidden_origin');
  });

  it('reports a server that is gone instead of throwing', async () => {
    const outcome = await bridgeWith(async () => {
      throw new TypeError('Failed to fetch');
    }).invoke('app.info', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/Cannot reach the Domain Studio server/);
  });

  it('treats a 200 whose body is not an Outcome as an error, never as a value', async () => {
    const outcome = await bridgeWith(async () => jsonResponse(200, { hello: 'world' })).invoke('app.info', {});
    expect(outcome.ok).toBe(false);
  });
});

describe('HttpBridge events', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('opens one socket with the token in the query and delivers frames to the right listeners', () => {
    const bridge = bridgeWith(vi.fn());
    const progress = vi.fn();
    const finished = vi.fn();
    bridge.on('job.progress', progress);
    bridge.on('job.finished', finished);
    expect(FakeSocket.all).toHaveLength(1);
    const socket = FakeSocket.all[0] as FakeSocket;
    expect(socket.url).toBe('ws://127.0.0.1:4321/events?token=tok%20en%2F1');
    socket.open();
    socket.send({ event: 'job.progress', payload: { job_id: 3, progress: 0.5 } });
    socket.send('not json');
    socket.send({ event: 'unknown.event', payload: {} });
    expect(progress).toHaveBeenCalledWith({ job_id: 3, progress: 0.5 });
    expect(progress).toHaveBeenCalledTimes(1);
    expect(finished).not.toHaveBeenCalled();
  });

  it('stops delivering to a listener after it unsubscribes', () => {
    const bridge = bridgeWith(vi.fn());
    const listener = vi.fn();
    const off = bridge.on('job.finished', listener);
    off();
    (FakeSocket.all[0] as FakeSocket).send({ event: 'job.finished', payload: {} });
    expect(listener).not.toHaveBeenCalled();
  });

  it('reconnects with doubling delays, reports the connection state, and resets the delay once open', () => {
    const bridge = bridgeWith(vi.fn());
    const states: boolean[] = [];
    bridge.onConnection((connected) => states.push(connected));
    (FakeSocket.all[0] as FakeSocket).open();
    (FakeSocket.all[0] as FakeSocket).drop();
    expect(states).toEqual([true, false]);

    vi.advanceTimersByTime(99);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    (FakeSocket.all[1] as FakeSocket).drop();
    vi.advanceTimersByTime(199);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    (FakeSocket.all[2] as FakeSocket).open();
    expect(states).toEqual([true, false, true]);
    (FakeSocket.all[2] as FakeSocket).drop();
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all).toHaveLength(4);
  });

  it('does not reconnect after close()', () => {
    const bridge = bridgeWith(vi.fn());
    bridge.on('job.progress', vi.fn());
    bridge.close();
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect((FakeSocket.all[0] as FakeSocket).closed).toBe(true);
  });
});
