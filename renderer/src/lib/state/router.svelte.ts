// Hash routing (`#/corpus`, `#/experiments`): works from a file:// page in Electron and keeps the
// serve-mode token in the query string untouched. Unknown hashes show the first step.
import { ROUTE_IDS, routeHref, type RouteId } from '../steps';

export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[?/]/)[0] ?? '';
  return (ROUTE_IDS as readonly string[]).includes(id) ? (id as RouteId) : 'corpus';
}

export class Router {
  current = $state<RouteId>(routeFromHash(globalThis.location?.hash ?? ''));
  #stop: (() => void) | null = null;

  /** Follows `location.hash` from now on. */
  start(target: Window = window): void {
    this.current = routeFromHash(target.location.hash);
    if (this.#stop) return;
    const onChange = () => {
      this.current = routeFromHash(target.location.hash);
    };
    target.addEventListener('hashchange', onChange);
    this.#stop = () => target.removeEventListener('hashchange', onChange);
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }

  go(id: RouteId, target: Window = window): void {
    target.location.hash = routeHref(id);
  }
}

export const router = new Router();
