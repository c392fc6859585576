// The renderer's typed client over a StudioBridge (Electron preload or the loopback HTTP bridge).
// `call` unwraps the Outcome and throws a StudioError carrying the core's code, message and field;
// `on` keeps its own listener sets so a bridge can be swapped (tests) without losing subscribers.
import {
  type ApiRequest,
  type ApiResponse,
  type EventName,
  type Events,
  type Method,
  type StudioBridge,
} from '../../../../main/common/contract';
import { fromErrorDto, StudioError } from '../../../../main/common/errors';

export type EventListener<E extends EventName> = (payload: Events[E]) => void;
export type ConnectionListener = (connected: boolean) => void;

/** A bridge that can also say when its event stream drops and comes back (the HTTP bridge can). */
export interface ConnectionAwareBridge extends StudioBridge {
  onConnection(listener: ConnectionListener): () => void;
}

function isConnectionAware(bridge: StudioBridge): bridge is ConnectionAwareBridge {
  return typeof (bridge as Partial<ConnectionAwareBridge>).onConnection === 'function';
}

export class StudioClient {
  #resolve: () => StudioBridge;
  #bridge: StudioBridge | null = null;
  #listeners = new Map<EventName, Set<(payload: never) => void>>();
  #bridgeSubscriptions = new Map<EventName, () => void>();
  #connectionListeners = new Set<ConnectionListener>();
  #connectionSubscription: (() => void) | null = null;

  /** `resolve` picks the transport on first use (see transport.ts). */
  constructor(resolve: () => StudioBridge) {
    this.#resolve = resolve;
  }

  /** Replaces the transport; current subscribers move to the new one. */
  use(bridge: StudioBridge): void {
    for (const unsubscribe of this.#bridgeSubscriptions.values()) unsubscribe();
    this.#bridgeSubscriptions.clear();
    this.#connectionSubscription?.();
    this.#connectionSubscription = null;
    this.#bridge = bridge;
    for (const event of this.#listeners.keys()) this.#subscribeBridge(event);
    if (this.#connectionListeners.size > 0) this.#subscribeConnection();
  }

  /** Calls one API method; resolves with its value or throws a StudioError. */
  async call<M extends Method>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    let outcome;
    try {
      outcome = await this.#current().invoke(method, request);
    } catch (error) {
      if (error instanceof StudioError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new StudioError('internal', `${method} failed in transport: ${message}`);
    }
    if (outcome.ok) return outcome.value;
    throw fromErrorDto(outcome.error);
  }

  /** Subscribes to a core event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    if (!this.#bridgeSubscriptions.has(event)) this.#subscribeBridge(event);
    return () => {
      set.delete(listener as (payload: never) => void);
      if (set.size === 0) {
        this.#listeners.delete(event);
        this.#bridgeSubscriptions.get(event)?.();
        this.#bridgeSubscriptions.delete(event);
      }
    };
  }

  /** Told `false` when the live event stream drops and `true` when it is back (HTTP bridge only). */
  onConnection(listener: ConnectionListener): () => void {
    this.#connectionListeners.add(listener);
    if (!this.#connectionSubscription) this.#subscribeConnection();
    return () => {
      this.#connectionListeners.delete(listener);
    };
  }

  #current(): StudioBridge {
    if (!this.#bridge) this.use(this.#resolve());
    return this.#bridge as StudioBridge;
  }

  #subscribeBridge(event: EventName): void {
    const bridge = this.#current(); // resolving the bridge may already have subscribed this event
    if (this.#bridgeSubscriptions.has(event)) return;
    const unsubscribe = bridge.on(event, (payload) => {
      for (const listener of [...(this.#listeners.get(event) ?? [])]) {
        try {
          (listener as (p: typeof payload) => void)(payload);
        } catch (error) {
          console.error(`Listener for ${event} failed`, error);
        }
      }
    });
    this.#bridgeSubscriptions.set(event, unsubscribe);
  }

  #subscribeConnection(): void {
    const bridge = this.#current();
    if (this.#connectionSubscription || !isConnectionAware(bridge)) return;
    this.#connectionSubscription = bridge.onConnection((connected) => {
      for (const listener of [...this.#connectionListeners]) listener(connected);
    });
  }
}
