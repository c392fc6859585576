// Transport names: the only place channel strings live. Re-exported by contract.ts; kept in a file that
// imports nothing so the sandboxed preload bundles only these few strings.

export const CHANNELS = {
  /** ipcRenderer.invoke(CHANNELS.invoke, method, request) → Outcome */
  invoke: 'studio:invoke',
  /** webContents.send(CHANNELS.event, name, payload) */
  event: 'studio:event',
} as const;

export const HTTP_BRIDGE = {
  /** POST `${apiPrefix}<method>` with a JSON body → Outcome */
  apiPrefix: '/api/',
  /** WebSocket endpoint streaming `{ event, payload }` frames. */
  eventsPath: '/events',
  /** The built renderer is served under `${appPrefix}<token>/`, so every relative asset URL carries the token. */
  appPrefix: '/app/',
  /** Query parameter and header that carry the session token. */
  tokenParam: 'token',
  tokenHeader: 'x-studio-token',
} as const;
