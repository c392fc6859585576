// Test double of the core for component tests: a StudioBridge whose methods answer from a table
// the test fills, records every call, and can emit events. Components run unchanged on top of it.
import type { ApiRequest, ApiResponse, EventName, Events, Method, Outcome, StudioBridge } from '../../../main/common/contract';
import type { ErrorDto } from '../../../main/common/errors';
import type { AppInfo, DoctorReport, JobDto } from '../../../main/common/dto';
import { api } from '../lib/api';
import { app } from '../lib/state/app.svelte';
import { jobs } from '../lib/state/jobs.svelte';
import { registry } from '../lib/state/registry.svelte';
import { selection } from '../lib/state/selection.svelte';

type Handler<M extends Method> = (request: ApiRequest<M>) => ApiResponse<M> | ErrorDto | Promise<ApiResponse<M> | ErrorDto>;
export type Handlers = { [M in Method]?: Handler<M> };

export class FakeBridge implements StudioBridge {
  readonly calls: { method: Method; request: unknown }[] = [];
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();

  constructor(public handlers: Handlers) {}

  async invoke<M extends Method>(method: M, request: ApiRequest<M>): Promise<Outcome<ApiResponse<M>>> {
    this.calls.push({ method, request });
    const handler = this.handlers[method] as Handler<M> | undefined;
    if (!handler) return { ok: false, error: { code: 'unknown_method', message: `No stub for ${method}` } };
    const value = await handler(request);
    if (isError(value)) return { ok: false, error: value };
    return { ok: true, value };
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    this.#listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  readonly #connection = new Set<(connected: boolean) => void>();

  /** Like the HTTP bridge: says when the live event stream drops and comes back. */
  onConnection(listener: (connected: boolean) => void): () => void {
    this.#connection.add(listener);
    return () => this.#connection.delete(listener);
  }

  setConnected(connected: boolean): void {
    for (const listener of this.#connection) listener(connected);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (p: Events[E]) => void)(payload);
  }

  callsOf(method: Method): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.request);
  }
}

function isError(value: unknown): value is ErrorDto {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value && !('id' in value);
}

/** Installs a fresh fake core behind the app's client and clears every state singleton. */
export function installFake(handlers: Handlers): FakeBridge {
  const fake = new FakeBridge(handlers);
  api.use(fake);
  jobs.reset();
  registry.reset();
  app.info.reset();
  app.doctor.reset();
  selection.reset();
  localStorage.clear();
  return fake;
}

export const INFO: AppInfo = {
  name: 'Domain Studio',
  version: '0.1.0',
  workspace: '/home/dr.lee/Studio Workspace',
  mode: 'serve',
  backend: null,
  sample_corpora: [
    { name: 'sample-legal', path: '/opt/domain-studio/resources/corpora/sample-legal', description: 'Legal prose: licence texts.' },
  ],
};

export function doctorReport(selected: DoctorReport['selected_backend']): DoctorReport {
  return {
    ok: true,
    app_version: '0.1.0',
    node: '20.20.0',
    electron: null,
    platform: 'linux',
    arch: 'x64',
    cpus: 2,
    memory_bytes: 8e9,
    selected_backend: selected,
    backends: [],
    onnxruntime: { available: true, version: '1.30.0', providers: ['cpu'], reason: null, fix: null },
    sqlite: { version: '3.49.0', reason: null },
    workspace: {
      path: INFO.workspace,
      free_bytes: 1e11,
      database: { ok: true, integrity: 'ok', schema_version: 1, app_schema_version: 1, message: null },
    },
  };
}

export function job(id: number, patch: Partial<JobDto> = {}): JobDto {
  return {
    id,
    kind: 'workspace.check',
    status: 'queued',
    params: {},
    progress: null,
    message: null,
    result: null,
    error: null,
    created_at: '2026-03-01T09:00:00.000Z',
    started_at: null,
    finished_at: null,
    ...patch,
  };
}
