// Jobs as the user sees them: the recent list from `jobs.list`, kept live by `job.progress` and
// `job.finished` events, and the actions to start and cancel one. Events can overtake the answer
// to `jobs.start` (a quick job may finish first), so merging never moves a job backwards.
import type { JobKind, JobParams } from '../../../../main/common/contract';
import type { JobDto, JobFinishedEvent, JobProgressEvent, JobStatus } from '../../../../main/common/dto';
import type { StudioError } from '../../../../main/common/errors';
import { api, type StudioClient } from '../api';
import { asStudioError } from './resource.svelte';

const STAGE: Record<JobStatus, number> = {
  queued: 0,
  running: 1,
  succeeded: 2,
  failed: 2,
  cancelled: 2,
  interrupted: 2,
};

export function isActive(job: Pick<JobDto, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}

export class JobsState {
  list = $state.raw<JobDto[]>([]);
  /** The latest progress event per job id (counters, message). */
  live = $state.raw<Record<number, JobProgressEvent>>({});
  loading = $state(false);
  loaded = $state(false);
  error = $state.raw<StudioError | null>(null);
  /** Kind being started right now, so its button can show it is busy. */
  starting = $state<JobKind | null>(null);
  startError = $state.raw<StudioError | null>(null);

  active = $derived(this.list.filter(isActive));

  readonly #client: StudioClient;
  readonly #limit: number;
  #unsubscribe: (() => void)[] = [];

  constructor(client: StudioClient, limit = 20) {
    this.#client = client;
    this.#limit = limit;
  }

  /** Subscribes to job events and loads the list; refreshes after the event stream reconnects. */
  connect(): Promise<void> {
    if (this.#unsubscribe.length === 0) {
      this.#unsubscribe = [
        this.#client.on('job.progress', (event) => this.#onProgress(event)),
        this.#client.on('job.finished', (event) => this.#onFinished(event)),
        this.#client.onConnection((connected) => {
          if (connected) void this.refresh();
        }),
      ];
    }
    return this.refresh();
  }

  disconnect(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
  }

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const fresh = await this.#client.call('jobs.list', { limit: this.#limit });
      const known = new Map(this.list.map((job) => [job.id, job]));
      this.list = fresh.map((job) => {
        const mine = known.get(job.id);
        return mine ? newer(mine, job) : job;
      });
      this.error = null;
      this.loaded = true;
    } catch (error) {
      this.error = asStudioError(error);
    } finally {
      this.loading = false;
    }
  }

  /** Starts a job; resolves with it, or with null when the core refused (see `startError`). */
  async start<K extends JobKind>(kind: K, params: JobParams<K>): Promise<JobDto | null> {
    this.starting = kind;
    this.startError = null;
    try {
      const job = await this.#client.call('jobs.start', { kind, params: params as Record<string, unknown> });
      this.#upsert(job);
      return job;
    } catch (error) {
      this.startError = asStudioError(error);
      return null;
    } finally {
      this.starting = null;
    }
  }

  /** Adds a job started through a dedicated method (such as `corpus.import`), so events update it. */
  track(job: JobDto): void {
    this.#upsert(job);
  }

  async cancel(id: number): Promise<void> {
    try {
      this.#upsert(await this.#client.call('jobs.cancel', { id }));
    } catch (error) {
      this.error = asStudioError(error);
    }
  }

  /** The most recent job of a kind, if any. */
  latest(kind: JobKind): JobDto | undefined {
    return this.list.find((job) => job.kind === kind);
  }

  reset(): void {
    this.disconnect();
    this.list = [];
    this.live = {};
    this.loaded = false;
    this.error = null;
    this.startError = null;
    this.starting = null;
  }

  #upsert(job: JobDto): void {
    const index = this.list.findIndex((j) => j.id === job.id);
    if (index === -1) {
      this.list = [job, ...this.list].sort((a, b) => b.id - a.id).slice(0, this.#limit);
    } else {
      const next = [...this.list];
      next[index] = newer(this.list[index] as JobDto, job);
      this.list = next;
    }
  }

  #onProgress(event: JobProgressEvent): void {
    this.live = { ...this.live, [event.job_id]: event };
    const job = this.list.find((j) => j.id === event.job_id);
    if (!job) {
      void this.refresh();
      return;
    }
    if (STAGE[job.status] > STAGE.running) return;
    this.#upsert({ ...job, status: 'running', progress: event.progress, message: event.message });
  }

  #onFinished(event: JobFinishedEvent): void {
    const job = this.list.find((j) => j.id === event.job_id);
    if (!job) {
      void this.refresh();
      return;
    }
    this.#upsert({
      ...job,
      status: event.status,
      result: event.result,
      error: event.error,
      progress: event.status === 'succeeded' ? 1 : job.progress,
      finished_at: event.at,
    });
  }
}

/** Keeps whichever of two versions of a job is further along; ties go to the incoming one. */
function newer(current: JobDto, incoming: JobDto): JobDto {
  return STAGE[incoming.status] >= STAGE[current.status] ? incoming : current;
}

export const jobs = new JobsState(api);
