// The loopback transport used when the page is served by `studio serve`: POST /api/<method> with the
// token header for calls, and one WebSocket on /events (token in the query: browsers cannot set
// WebSocket headers) that reconnects with backoff. Every failure becomes an Outcome error value.
import {
  EVENT_NAMES,
  HTTP_BRIDGE,
  type ApiRequest,
  type ApiResponse,
  type EventName,
  type Events,
  type Method,
  type Outcome,
} from '../../../../main/common/contract';
import { isErrorDto, type ErrorDto } from '../../../../main/common/errors';
import { type ConnectionAwareBridge, type ConnectionListener } from './client';

type WebSocketLike = Pick<WebSocket, 'close'> & {
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
};

export interface HttpBridgeOptions {
  /** Origin of the loopback server, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  token: string;
  fetch?: typeof fetch;
  createWebSocket?: (url: string) => WebSocketLike;
  /** Reconnect delays: first, then doubled up to max. */
  reconnectMs?: { first: number; max: number };
}

const SERVER_GONE =
  'Cannot reach the Domain Studio server. Is `studio serve` still running? Start it again and open the address it prints.';

export class HttpBridge implements ConnectionAwareBridge {
  readonly #options: Required<HttpBridgeOptions>;
  #listeners = new Map<EventName, Set<(payload: never) => void>>();
  #connectionListeners = new Set<ConnectionListener>();
  #socket: WebSocketLike | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retryDelay: number;
  #connected = false;
  #closed = false;

  constructor(options: HttpBridgeOptions) {
    this.#options = {
      fetch: (input, init) => globalThis.fetch(input, init),
      createWebSocket: (url) => new WebSocket(url),
      reconnectMs: { first: 500, max: 10_000 },
      ...options,
    };
    this.#retryDelay = this.#options.reconnectMs.first;
  }

  async invoke<M extends Method>(method: M, request: ApiRequest<M>): Promise<Outcome<ApiResponse<M>>> {
    const url = `${this.#options.origin}${HTTP_BRIDGE.apiPrefix}${encodeURIComponent(method)}`;
    let response: Response;
    try {
      response = await this.#options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HTTP_BRIDGE.tokenHeader]: this.#options.token },
        body: JSON.stringify(request ?? {}),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: SERVER_GONE } };
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // A body that is not JSON is handled below from the status.
    }
    if (isOutcome(body)) return body as Outcome<ApiResponse<M>>;
    return { ok: false, error: errorForStatus(response.status, body) };
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    this.#ensureSocket();
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  onConnection(listener: ConnectionListener): () => void {
    this.#connectionListeners.add(listener);
    this.#ensureSocket();
    return () => {
      this.#connectionListeners.delete(listener);
    };
  }

  /** Stops the event stream for good (page unload, tests). */
  close(): void {
    this.#closed = true;
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const socket = this.#socket;
    this.#socket = null;
    socket?.close();
  }

  #ensureSocket(): void {
    if (this.#socket || this.#closed || this.#retryTimer !== null) return;
    const wsOrigin = this.#options.origin.replace(/^http/, 'ws');
    const url = `${wsOrigin}${HTTP_BRIDGE.eventsPath}?${HTTP_BRIDGE.tokenParam}=${encodeURIComponent(this.#options.token)}`;
    let socket: WebSocketLike;
    try {
      socket = this.#options.createWebSocket(url);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#retryDelay = this.#options.reconnectMs.first;
      this.#setConnected(true);
    };
    socket.onmessage = (message) => this.#dispatch(message.data);
    socket.onerror = () => {
      // onclose follows and schedules the retry.
    };
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#setConnected(false);
      if (!this.#closed) this.#scheduleReconnect();
    };
  }

  #scheduleReconnect(): void {
    const delay = this.#retryDelay;
    this.#retryDelay = Math.min(this.#retryDelay * 2, this.#options.reconnectMs.max);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#ensureSocket();
    }, delay);
  }

  #setConnected(connected: boolean): void {
    if (this.#connected === connected) return;
    this.#connected = connected;
    for (const listener of [...this.#connectionListeners]) listener(connected);
  }

  #dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const { event, payload } = frame as { event?: unknown; payload?: unknown };
    if (!(EVENT_NAMES as readonly unknown[]).includes(event)) return;
    for (const listener of [...(this.#listeners.get(event as EventName) ?? [])]) {
      (listener as (p: unknown) => void)(payload);
    }
  }
}

function isOutcome(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { ok?: unknown; error?: unknown };
  return b.ok === true ? 'value' in b : b.ok === false && isErrorDto(b.error);
}

function errorForStatus(status: number, body: unknown): ErrorDto {
  if (isErrorDto(body)) return body;
  if (status === 401) {
    return {
      code: 'unauthorized',
      message: 'This page’s access token is missing or out of date. Open the full address printed by `studio serve` again.',
    };
  }
  if (status === 403) {
    return { code: 'forbidden_origin', message: 'The server refused this page’s origin. Open the address printed by `studio serve`.' };
  }
  return { code: 'internal', message: `The Domain Studio server answered HTTP ${status} without a result.` };
}
