// The Electron shell's network lockdown as pure functions (DESIGN.md §5), so it can be tested without
// Electron: the app's own origin, which URLs a window may load or request, which IPC senders count as
// ours, the CSP the session adds to every response, and the web-contents hardening handlers.
import type { Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../common/csp';

/** The renderer is served from this privileged custom scheme (not file://, so its origin is unique). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export const ELECTRON_CSP = contentSecurityPolicy();

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A page of the app itself: `app://studio/...`, nothing else (not file:, not another host). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * Whether the session lets a request through: the app's own files, in-memory data/blob URLs that the
 * app made, and the DevTools' bundled pages. Everything else (http, https, ws, file, ftp, other
 * schemes) is cancelled, so no code path in the renderer can reach the network or the disk.
 */
export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  if (url.startsWith('blob:')) return isAppUrl(url.slice('blob:'.length));
  // Chromium's built-in DevTools pages (development builds only open them): bundled, never remote.
  if (url.startsWith('devtools://devtools/bundled/')) return true;
  return false;
}

/** An IPC message counts only from the main frame of the app's own page. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}

/** Blocks foreign requests, adds the CSP to every response and denies every permission request. */
export function lockDownSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [ELECTRON_CSP],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Navigation away from the app and new windows are denied; <webview> is never attached. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
