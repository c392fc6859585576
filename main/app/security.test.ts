// The Electron lockdown rules, tested as the pure functions main/app/main.ts wires into the session
// and web contents. (Electron itself cannot run here; test/electron.test.ts runs it where it can.)
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { APP_ENTRY, ELECTRON_CSP, hardenWebContents, isAllowedRequest, isAppUrl, isTrustedSender, lockDownSession } from './security';

describe('Electron lockdown', () => {
  it('recognises only the app\'s own origin as the app', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('app://studio/assets/index-abc.js?x=1#/corpus')).toBe(true);
    for (const url of ['app://studio.evil/index.html', 'app://evil/index.html', 'app://user:pw@studio/', 'file:///etc/passwd',
      'http://127.0.0.1:5173/', 'https://studio/', 'APP://other/', 'javascript:alert(1)', '', 'not a url']) {
      expect(isAppUrl(url), url).toBe(false);
    }
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('lets through the app\'s files and in-memory data only: no network, no disk', () => {
    expect(isAllowedRequest('app://studio/index.html')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('blob:app://studio/0b6f-11')).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html')).toBe(true);
    for (const url of ['https://huggingface.co/bert-base-uncased', 'http://127.0.0.1:8080/api', 'ws://127.0.0.1:1/events', 'wss://x.example/',
      'file:///home/user/.ssh/id_rsa', 'ftp://x/', 'blob:https://evil.example/1', 'chrome://settings', 'app://other/index.html', 'devtools://devtools/remote/serve_file/@abc/inspector.html']) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });

  it('accepts IPC only from the main frame of the app page', () => {
    expect(isTrustedSender({ url: APP_ENTRY, parent: null })).toBe(true);
    expect(isTrustedSender({ url: APP_ENTRY, parent: {} })).toBe(false); // an iframe, even of our own page
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('has a CSP with no inline script, no eval, no remote connection and no framing', () => {
    expect(ELECTRON_CSP).toContain("default-src 'self'");
    expect(ELECTRON_CSP).toContain("script-src 'self';");
    expect(ELECTRON_CSP).toContain("connect-src 'self';");
    expect(ELECTRON_CSP).toContain("frame-ancestors 'none'");
    expect(ELECTRON_CSP).toContain("object-src 'none'");
    expect(ELECTRON_CSP).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });

  it('wires the rules into the session: foreign requests cancelled, CSP added, permissions denied', () => {
    // A recording stand-in for Electron's Session: captures the handlers lockDownSession registers.
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      webRequest: {
        onBeforeRequest: (fn: never) => (handlers.request = fn),
        onHeadersReceived: (fn: never) => (handlers.headers = fn),
      },
      setPermissionRequestHandler: (fn: never) => (handlers.permission = fn),
      setPermissionCheckHandler: (fn: never) => (handlers.check = fn),
    } as unknown as Session;
    lockDownSession(session);

    const decide = (url: string) => {
      let answer: unknown;
      (handlers.request as (d: { url: string }, cb: (r: unknown) => void) => void)({ url }, (r) => (answer = r));
      return answer;
    };
    expect(decide('app://studio/index.html')).toEqual({ cancel: false });
    expect(decide('https://example.com/telemetry')).toEqual({ cancel: true });

    let headers: unknown;
    (handlers.headers as (d: unknown, cb: (r: unknown) => void) => void)({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r));
    expect(headers).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [ELECTRON_CSP], 'X-Content-Type-Options': ['nosniff'] } });

    let granted: boolean | undefined;
    (handlers.permission as (c: unknown, p: string, cb: (ok: boolean) => void) => void)({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect((handlers.check as () => boolean)()).toBe(false);
  });

  it('wires navigation, redirects, webviews and window.open to be denied', () => {
    const contents = Object.assign(new EventEmitter(), {
      openHandler: null as null | (() => unknown),
      setWindowOpenHandler(fn: () => unknown) { this.openHandler = fn; },
    });
    hardenWebContents(contents as unknown as WebContents);
    const fire = (name: string, url?: string) => {
      let prevented = false;
      contents.emit(name, { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'app://studio/index.html#/train')).toBe(false);
    expect(fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-attach-webview')).toBe(true);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });
});
