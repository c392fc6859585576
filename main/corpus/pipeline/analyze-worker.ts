// Worker-thread entry for pass 2: builds an Analyzer from the settings it is given, then answers
// each batch of staged documents with their analyses (signatures transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer, type AnalyzeSettings } from './analyze';

export interface BatchRequest {
  id: number;
  texts: string[];
}

const analyzer = new Analyzer((workerData as { settings: AnalyzeSettings }).settings);
const port = parentPort!;
port.on('message', (request: BatchRequest) => {
  try {
    const results = request.texts.map((t) => analyzer.analyze(t));
    const transfer = results.flatMap((r) => (r.signature ? [r.signature.buffer as ArrayBuffer] : []));
    port.postMessage({ id: request.id, results, ms: analyzer.takeMs() }, transfer);
  } catch (error) {
    port.postMessage({ id: request.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
  }
});
port.postMessage({ ready: true });
