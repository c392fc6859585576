// Who may talk to the loopback bridge: requests must name our own host and port (DNS-rebinding safe),
// come from our own origin when a browser says where it comes from, and carry the session token.
// Pure functions over header values, shared by the HTTP handler and the WebSocket upgrade.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type ErrorDto } from '../common/errors';

export const LOOPBACK_HOST = '127.0.0.1';

/** 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in time independent of where the strings differ (and of their lengths, via a digest). */
export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function allowedHosts(port: number): string[] {
  return [`${LOOPBACK_HOST}:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

export interface Refusal {
  status: 401 | 403;
  error: ErrorDto;
}

/**
 * Checks Host, Origin and token. `token` is what the request carried (query, header or path), or null.
 * Returns null when the request may proceed.
 */
export function checkRequest(
  headers: { host?: string | undefined; origin?: string | undefined },
  token: string | null,
  expected: { port: number; token: string },
): Refusal | null {
  const host = headers.host?.toLowerCase();
  if (host === undefined || !allowedHosts(expected.port).includes(host)) {
    return {
      status: 403,
      error: { code: 'forbidden_origin', message: `Refused: this server only answers to ${LOOPBACK_HOST}:${expected.port}.` },
    };
  }
  const origin = headers.origin;
  if (origin !== undefined && !allowedOrigins(expected.port).includes(origin.toLowerCase())) {
    return {
      status: 403,
      error: { code: 'forbidden_origin', message: 'Refused: requests from other web pages are not allowed.' },
    };
  }
  if (!tokensEqual(token, expected.token)) {
    return {
      status: 401,
      error: {
        code: 'unauthorized',
        message: token ? 'The access token is wrong: open the URL that `studio serve` printed.' : 'An access token is required: open the URL that `studio serve` printed.',
      },
    };
  }
  return null;
}
