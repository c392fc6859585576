// The loopback bridge of `studio serve`: the API over HTTP (POST /api/<method> → Outcome JSON), job events
// over a WebSocket, and the built renderer under /app/<token>/. Bound to 127.0.0.1 only; every request
// must carry the session token and name our own host (and origin, when a browser sends one).
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HTTP_BRIDGE, type Api, type EventFrame } from '../common/contract';
import { contentSecurityPolicy } from '../common/csp';
import { StudioError, type ErrorDto } from '../common/errors';
import { logger } from '../platform/log';
import { dispatch } from '../services/dispatch';
import { LOOPBACK_HOST, allowedHosts, checkRequest, newToken } from './guard';
import { contentTypeFor, resolveAsset } from './static';

const log = logger('server');

export interface BridgeOptions {
  services: Api;
  /** Where job events come from (the supervisor's `subscribe`). */
  subscribe: (listener: (frame: EventFrame) => void) => () => void;
  /** The built renderer (renderer/dist); null serves the API only. */
  rendererDir: string | null;
  /** 0 or undefined: a free port chosen by the system. */
  port?: number;
  token?: string;
  /** Largest accepted request body (default 1 MiB). */
  maxBodyBytes?: number;
}

export interface Bridge {
  /** The page to open: carries the token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 1024 * 1024;
/** A WebSocket client this far behind is dropped rather than buffered without end. */
const MAX_WS_BACKLOG = 16 * 1024 * 1024;

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newToken();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let port = 0;
  let headers: Record<string, string> = {};

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, 500, failure({ code: 'internal', message: 'The server failed to answer.' }));
      else res.destroy();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const clients = new Set<WebSocket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}`);
    const route = routeOf(url, req);
    const refusal = checkRequest(req.headers, route.token, { port, token });
    if (refusal) return sendJson(res, refusal.status, failure(refusal.error));

    if (route.kind === 'api') {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return sendJson(res, 405, failure({ code: 'invalid_request', message: 'API calls must use POST.' }));
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') {
        return sendJson(res, 415, failure({ code: 'invalid_request', message: 'API calls must send Content-Type: application/json.' }));
      }
      const body = await readBody(req, maxBody);
      if (body === 'too_large') {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, failure({ code: 'invalid_request', message: `The request body is larger than ${maxBody} bytes.` }));
      }
      let payload: unknown;
      try {
        payload = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return sendJson(res, 400, failure({ code: 'invalid_request', message: `The request body is not valid JSON: ${detail}` }));
      }
      return sendJson(res, 200, await dispatch(options.services, route.method, payload));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, failure({ code: 'invalid_request', message: 'Only GET and HEAD are allowed here.' }));
    }
    if (route.kind === 'root' || route.kind === 'app-root') {
      res.writeHead(302, { location: `${HTTP_BRIDGE.appPrefix}${token}/?${HTTP_BRIDGE.tokenParam}=${token}` });
      return void res.end();
    }
    if (route.kind === 'app') return serveAsset(req, res, route.path);
    if (route.kind === 'events') {
      return sendJson(res, 426, failure({ code: 'invalid_request', message: 'This endpoint speaks WebSocket only.' }));
    }
    return sendJson(res, 404, failure({ code: 'not_found', message: `Nothing here: ${url.pathname.slice(0, 200)}` }));
  }

  async function serveAsset(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (options.rendererDir === null) {
      const message = 'This server has no user interface to serve: run `npm run build:renderer`, then start `studio serve` again.';
      return sendJson(res, 503, failure({ code: 'not_found', message }));
    }
    const file = await resolveAsset(options.rendererDir, path);
    if (file === null) {
      const missing = path === '' && (await resolveAsset(options.rendererDir, 'index.html')) === null;
      const message = missing ? 'The user interface is not built: run `npm run build:renderer`.' : 'No such file.';
      return sendJson(res, missing ? 503 : 404, failure({ code: 'not_found', message }));
    }
    res.writeHead(200, { 'content-type': contentTypeFor(file) });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}`);
    const route = routeOf(url, req);
    if (route.kind !== 'events') return rejectUpgrade(socket, 404, { code: 'not_found', message: 'No WebSocket here.' });
    const refusal = checkRequest(req.headers, route.token, { port, token });
    if (refusal) return rejectUpgrade(socket, refusal.status, refusal.error);
    sockets.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
    });
  });

  const unsubscribe = options.subscribe((frame) => {
    const data = JSON.stringify(frame);
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_WS_BACKLOG) {
        ws.terminate();
        clients.delete(ws);
        continue;
      }
      ws.send(data);
    }
  });

  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  const origin = `http://${LOOPBACK_HOST}:${port}`;
  const ws = allowedHosts(port).map((host) => `ws://${host}`);
  headers = {
    'content-security-policy': contentSecurityPolicy({ connect: ws }),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}${HTTP_BRIDGE.appPrefix}${token}/?${HTTP_BRIDGE.tokenParam}=${token}`,
    origin,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        unsubscribe();
        for (const client of clients) client.close(1001, 'server shutting down');
        sockets.close();
        server.close(() => resolveClose());
        server.closeIdleConnections();
        setTimeout(() => {
          for (const client of clients) client.terminate();
          server.closeAllConnections();
        }, 1000).unref();
      });
      return closing;
    },
  };
}

type Route =
  | { kind: 'api'; method: string; token: string | null }
  | { kind: 'app'; path: string; token: string | null }
  | { kind: 'app-root' | 'root' | 'events' | 'other'; token: string | null };

/** Which part of the bridge a URL addresses, and the token it carries (path, query or header). */
function routeOf(url: URL, req: IncomingMessage): Route {
  const header = req.headers[HTTP_BRIDGE.tokenHeader];
  const token = url.searchParams.get(HTTP_BRIDGE.tokenParam) ?? (typeof header === 'string' ? header : null);
  const path = url.pathname;
  if (path.startsWith(HTTP_BRIDGE.apiPrefix)) {
    return { kind: 'api', method: safeDecode(path.slice(HTTP_BRIDGE.apiPrefix.length)), token };
  }
  if (path.startsWith(HTTP_BRIDGE.appPrefix)) {
    const rest = path.slice(HTTP_BRIDGE.appPrefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) return { kind: 'app-root', token: rest || token };
    return { kind: 'app', path: rest.slice(slash + 1), token: rest.slice(0, slash) };
  }
  if (path === HTTP_BRIDGE.eventsPath) return { kind: 'events', token };
  if (path === '/') return { kind: 'root', token };
  return { kind: 'other', token };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function failure(error: ErrorDto) {
  return { ok: false as const, error };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function rejectUpgrade(socket: Duplex, status: number, error: ErrorDto): void {
  const text = JSON.stringify(failure(error));
  const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

/** The body as bytes, or 'too_large' once it passes `limit` (the rest is discarded). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve('too_large');
  }
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolveBody('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', reject);
    // A client that disconnects mid-body: settle, so nothing waits for an 'end' that never comes.
    req.on('close', () => {
      if (!req.complete && !over) reject(new Error('the client closed the connection before sending the whole body'));
    });
  });
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolveListen, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new StudioError('conflict', `Port ${port} is already in use: choose another with --port, or leave --port out to get a free one.`));
      } else if (error.code === 'EACCES') {
        reject(new StudioError('bad_input', `Port ${port} needs administrator rights: choose a port above 1023.`));
      } else reject(error);
    };
    server.once('error', onError);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', onError);
      const address = server.address();
      resolveListen(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
