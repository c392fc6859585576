// Hash routing (`#/corpus`, `#/experiments`): works from a file:// page in Electron and keeps the
// serve-mode token in the query string untouched. Unknown hashes show the first step.
import { ROUTE_IDS, routeHref, type RouteId } from '../steps';

export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[?/]/)[0] ?? '';
  return (ROUTE_IDS as readonly string[]).includes(id) ? (id as RouteId) : 'corpus';
}

/** What follows the route id (`#/experiments/12` → "12"), for pages that show one item; else null. */
export function detailFromHash(hash: string): string | null {
  const [id, detail] = hash.replace(/^#\/?/, '').split('/');
  if (!detail || !(ROUTE_IDS as readonly string[]).includes(id ?? '')) return null;
  try {
    return decodeURIComponent(detail);
  } catch {
    return null;
  }
}

export class Router {
  current = $state<RouteId>(routeFromHash(globalThis.location?.hash ?? ''));
  detail = $state<string | null>(detailFromHash(globalThis.location?.hash ?? ''));
  #stop: (() => void) | null = null;

  /** Follows `location.hash` from now on. */
  start(target: Window = window): void {
    const onChange = () => {
      this.current = routeFromHash(target.location.hash);
      this.detail = detailFromHash(target.location.hash);
    };
    onChange();
    if (this.#stop) return;
    target.addEventListener('hashchange', onChange);
    this.#stop = () => target.removeEventListener('hashchange', onChange);
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }

  go(id: RouteId, detail?: string, target: Window = window): void {
    target.location.hash = detail === undefined ? routeHref(id) : `${routeHref(id)}/${encodeURIComponent(detail)}`;
  }
}

export const router = new Router();
