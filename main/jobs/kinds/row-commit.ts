// An import's rows stored on a thread of their own (commit-worker.ts) while the job's thread tokenizes the
// documents: both cores busy where the commit used to wait for the tokenization, then the tokenization for nothing.
import type { Worker } from 'node:worker_threads';
import { StudioError, fromErrorDto } from '../../common/errors';
import { startModuleWorker } from '../../platform/module-worker';
import type { CommitMessage, CommitRequest } from './commit-worker';

export class RowCommit {
  /** performance.now() when the thread was started. */
  readonly started = performance.now();
  /** Rows stored so far (from the thread's progress messages). */
  rows = 0;
  /** Called with `rows` on each progress message. */
  onRows: (rows: number) => void = () => undefined;
  private readonly worker: Worker;
  private readonly cancel = new SharedArrayBuffer(4);
  private readonly exited: Promise<void>;
  private readonly outcome: Promise<number>;

  /** Starts storing the rows of `dir` (FILES.documents, FILES.findings) for `corpusId` in the database at `database`. */
  constructor(database: string, corpusId: number, dir: string) {
    this.worker = startModuleWorker(import.meta.url, 'commit-worker');
    let result: { rows: number } | { error: Error } | null = null;
    this.worker.on('message', (m: CommitMessage) => {
      if ('rows' in m) {
        this.rows = m.rows;
        this.onRows(m.rows);
      } else if ('done' in m) result = { rows: m.done };
      else result = { error: fromErrorDto(m.error) };
    });
    this.worker.on('error', (e) => {
      result ??= { error: new StudioError('internal', `The thread storing the corpus rows failed: ${e.message}`) };
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    // Settled once the thread is gone (its database connection closed), with what it said last.
    this.outcome = this.exited.then(() => {
      const r = result as { rows: number } | { error: Error } | null;
      if (r === null) throw new StudioError('internal', 'The thread storing the corpus rows stopped before it finished.');
      if ('error' in r) throw r.error;
      return r.rows;
    });
    this.outcome.catch(() => undefined); // raised by finish()
    this.worker.postMessage({ database, corpusId, dir, cancel: this.cancel } satisfies CommitRequest);
  }

  /** The number of rows stored, once the thread has finished; its error if it failed ('cancelled' if stopped). */
  finish(): Promise<number> {
    return this.outcome;
  }

  /** Asks the thread to stop before its next chunk (the chunk being written completes) and waits until it is gone. */
  async stop(): Promise<void> {
    Atomics.store(new Int32Array(this.cancel), 0, 1);
    await this.exited;
  }
}
