// Picks the transport once, at start: the Electron preload's `window.studio` when present, else the
// loopback HTTP bridge with the token from the page address. A page opened without either gets a
// bridge that explains, on every call, how to open it properly.
import { HTTP_BRIDGE, type StudioBridge } from '../../../../main/common/contract';
import { HttpBridge } from './http-bridge';

export interface PageLike {
  studio?: StudioBridge;
  location: { href: string; origin: string; protocol: string };
}

export type TransportKind = 'electron' | 'http' | 'none';

export function pickBridge(page: PageLike): { kind: TransportKind; bridge: StudioBridge } {
  if (page.studio) return { kind: 'electron', bridge: page.studio };
  const token = new URL(page.location.href).searchParams.get(HTTP_BRIDGE.tokenParam);
  const served = page.location.protocol === 'http:' || page.location.protocol === 'https:';
  if (served && token) return { kind: 'http', bridge: new HttpBridge({ origin: page.location.origin, token }) };
  const message = served
    ? 'This page was opened without its access token. Open the full address printed by `studio serve` (it ends with ?token=…).'
    : 'This page must be opened by the Domain Studio app or through the address printed by `studio serve`.';
  return { kind: 'none', bridge: unavailableBridge(message) };
}

function unavailableBridge(message: string): StudioBridge {
  return {
    invoke: async () => ({ ok: false, error: { code: 'unauthorized', message } }),
    on: () => () => {},
  };
}
