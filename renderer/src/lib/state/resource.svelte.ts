// One piece of data read from the core (a list, a report), with its loading flag and last error.
// `load()` can be called by every component that shows it: concurrent calls share one request.
import { StudioError } from '../../../../main/common/errors';

export function asStudioError(error: unknown): StudioError {
  if (error instanceof StudioError) return error;
  return new StudioError('internal', error instanceof Error ? error.message : String(error));
}

export class Resource<T> {
  data = $state.raw<T | null>(null);
  loading = $state(false);
  error = $state.raw<StudioError | null>(null);
  /** True once a first answer (data or error) arrived. */
  settled = $derived(this.data !== null || this.error !== null);

  readonly #fetch: () => Promise<T>;
  #pending: Promise<void> | null = null;

  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  /** Fetches now (or joins the request in flight). Never throws: the error is kept in `error`. */
  load(): Promise<void> {
    this.#pending ??= this.#run().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /** Loads only if nothing was loaded yet. */
  ensure(): Promise<void> {
    return this.data === null && !this.loading ? this.load() : (this.#pending ?? Promise.resolve());
  }

  reset(): void {
    this.data = null;
    this.error = null;
    this.loading = false;
    this.#pending = null;
  }

  async #run(): Promise<void> {
    this.loading = true;
    try {
      this.data = await this.#fetch();
      this.error = null;
    } catch (error) {
      this.error = asStudioError(error);
    } finally {
      this.loading = false;
    }
  }
}
