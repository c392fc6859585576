// The Content-Security-Policy of the renderer, shared by the Electron session and the loopback server so
// both serve the same page under the same rules: only the app's own scripts, no inline scripts, no eval,
// no frames, no outbound connections except (in serve mode) the loopback WebSocket.

export interface CspOptions {
  /** Extra `connect-src` sources besides 'self', e.g. `ws://127.0.0.1:5123` for the events socket. */
  connect?: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...(options.connect ?? [])]],
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
