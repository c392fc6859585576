// Worker-thread entry for pass 2: builds an Analyzer from the settings it is given, then answers
// each batch of staged documents with their analyses (signatures transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer, type AnalyzeSettings } from './analyze';

export interface BatchRequest {
  id: number;
  texts: string[];
  first: number;
}

const analyzer = new Analyzer((workerData as { settings: AnalyzeSettings }).settings);
const port = parentPort!;
// Batches are analysed one after another, in the order they arrive (a batch may wait for the language model).
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: BatchRequest) => {
  queue = queue.then(async () => {
    try {
      const results = await analyzer.analyzeBatch(request.texts, request.first);
      const transfer = results.flatMap((r) => (r.signature ? [r.signature.buffer as ArrayBuffer] : []));
      port.postMessage({ id: request.id, results, ms: analyzer.takeMs() }, transfer);
    } catch (error) {
      port.postMessage({ id: request.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
    }
  });
});
port.postMessage({ ready: true });
