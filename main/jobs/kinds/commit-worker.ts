// Worker-thread entry that stores an import's rows (commitRows) with its own connection to the workspace database,
// while the job's thread tokenizes the documents (see corpus-import.ts, RowCommit). One message in (CommitRequest);
// progress messages out, then exactly one `done` or `error`. A cancellation is read between chunks from a shared
// flag: the thread never leaves a transaction half-written, and the job removes the rows it stored.
import { parentPort } from 'node:worker_threads';
import { toErrorDto, type ErrorDto } from '../../common/errors';
import { openWorkspaceDb } from '../../store/db';
import { commitRows } from './corpus-commit';

export interface CommitRequest {
  database: string;
  corpusId: number;
  dir: string;
  /** Int32Array[0] set to 1 by the job: stop before the next chunk. */
  cancel: SharedArrayBuffer;
}

export type CommitMessage = { rows: number } | { done: number } | { error: ErrorDto };

const port = parentPort!;
port.once('message', (request: CommitRequest) => {
  const flag = new Int32Array(request.cancel);
  const send = (message: CommitMessage) => port.postMessage(message);
  let db: ReturnType<typeof openWorkspaceDb> | null = null;
  try {
    db = openWorkspaceDb(request.database);
    const rows = commitRows(db, request.corpusId, request.dir, { get aborted() { return Atomics.load(flag, 0) === 1; } }, (done) => send({ rows: done }));
    send({ done: rows });
  } catch (error) {
    send({ error: toErrorDto(error) });
  } finally {
    db?.close();
  }
});
