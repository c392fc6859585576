// The user's things, as listed by the core: corpora, base models, training runs. Each step reads
// the lists it needs and shows a real empty state when one is empty.
import type { CorpusSummary, ModelSummary, RunSummary } from '../../../../main/common/dto';
import { api, type StudioClient } from '../api';
import { Resource } from './resource.svelte';

/** Run statuses that mean "finished with a model to evaluate or export". */
export const FINISHED_RUN_STATUSES: readonly string[] = ['succeeded', 'completed', 'finished'];

export class RegistryState {
  readonly #client: StudioClient;
  readonly corpora = new Resource<CorpusSummary[]>(() => this.#client.call('corpus.list', {}));
  readonly models = new Resource<ModelSummary[]>(() => this.#client.call('model.list', {}));
  readonly runs = new Resource<RunSummary[]>(() => this.#client.call('runs.list', {}));

  finishedRuns = $derived((this.runs.data ?? []).filter((run) => FINISHED_RUN_STATUSES.includes(run.status)));

  constructor(client: StudioClient) {
    this.#client = client;
  }

  loadAll(): Promise<void> {
    return Promise.all([this.corpora.load(), this.models.load(), this.runs.load()]).then(() => undefined);
  }

  reset(): void {
    this.corpora.reset();
    this.models.reset();
    this.runs.reset();
  }
}

export const registry = new RegistryState(api);
