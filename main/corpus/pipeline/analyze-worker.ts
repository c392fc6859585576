// Worker-thread entry for both passes of an import. Its first message holds the settings (sent once
// they are built: the thread loads its modules meanwhile); it then builds an Analyzer and says it is
// ready. Pass 1: prepares batches of extracted texts, whole files, or chunks of JSON Lines files (read,
// normalize, count boilerplate into the shared sketch; see prepare.ts). Pass 2: answers each batch of staged
// documents with their analyses (texts, signatures and findings blocks transferred, not copied).
import { parentPort } from 'node:worker_threads';
import type { ExtractOptions } from '../extract';
import { BoilerplateDetector } from '../stages/boilerplate';
import { Analyzer, type Analysis, type AnalyzeSettings } from './analyze';
import { prepareFiles, prepareJsonlChunk, prepareTexts } from './prepare';
import { decodeTexts, transferList, type EncodedTexts } from './staging';
import { clockFn } from './timings';
import type { BatchResult } from './pool';

export type WorkerCall =
  | { kind: 'prepare'; raws: string[] }
  | { kind: 'files'; paths: string[]; options: ExtractOptions }
  | { kind: 'jsonl'; bytes: Uint8Array; opensFile: boolean; field: string }
  | { kind: 'analyze'; texts: EncodedTexts; first: number; scannedBytes?: Int32Array };
export type WorkerRequest = WorkerCall & { id: number };
/** The first message a worker gets. */
export interface WorkerStart {
  settings: AnalyzeSettings;
}

let boilerplate: BoilerplateDetector;
let now: () => number;
let analyzer: Analyzer;
const port = parentPort!;

/** Moves the batch's signatures into one buffer (each becomes a view of it); that buffer, or null when there are none. */
function packSignatures(results: readonly Analysis[]): ArrayBuffer | null {
  let length = 0;
  for (const r of results) if (r.signature) length += r.signature.length;
  if (length === 0) return null;
  const all = new Uint32Array(length);
  let at = 0;
  for (const r of results) {
    if (!r.signature) continue;
    all.set(r.signature, at);
    r.signature = all.subarray(at, at + r.signature.length);
    at += r.signature.length;
  }
  return all.buffer;
}

const failed = (id: number, error: unknown) =>
  port.postMessage({ id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });

// Analysis batches are answered one after another, in the order they arrive (a batch may wait for the language
// model). Pass-1 requests are answered as they come: files read concurrently overlap their waits for the disk.
let queue: Promise<void> = Promise.resolve();
let started = false;
port.on('message', (message: WorkerRequest | WorkerStart) => {
  if (!started) {
    const { settings } = message as WorkerStart;
    boilerplate = BoilerplateDetector.fromShared(settings.boilerplate);
    now = clockFn(settings.clock);
    analyzer = new Analyzer(settings);
    started = true;
    port.postMessage({ ready: true });
    return;
  }
  const request = message as WorkerRequest;
  switch (request.kind) {
    case 'prepare':
      try {
        const result = prepareTexts(request.raws, boilerplate, now);
        port.postMessage({ id: request.id, result }, transferList(result.texts));
      } catch (error) {
        failed(request.id, error);
      }
      return;
    case 'files':
      prepareFiles(request.paths, request.options, boilerplate, now).then(
        (result) => port.postMessage({ id: request.id, result }, result.flatMap((r) => transferList(r.texts))),
        (error: unknown) => failed(request.id, error),
      );
      return;
    case 'jsonl':
      prepareJsonlChunk(request.bytes, request.opensFile, request.field, boilerplate, now).then(
        (result) => port.postMessage({ id: request.id, result }, transferList(result.texts)),
        (error: unknown) => failed(request.id, error),
      );
      return;
    case 'analyze':
      queue = queue.then(async () => {
        try {
          const { analyses: results, texts } = await analyzer.analyzeBatch(decodeTexts(request.texts), request.first, request.scannedBytes);
          // The texts, the signatures and the findings blocks of a batch leave in one buffer each: every transferred
          // buffer costs both threads a detach and a new backing store.
          const signatures = packSignatures(results);
          const transfer: ArrayBuffer[] = transferList(texts);
          if (signatures) transfer.push(signatures);
          for (const r of results) {
            if (r.findings) {
              transfer.push(r.findings.buffer as ArrayBuffer);
              break; // shared by every block of the batch
            }
          }
          port.postMessage({ id: request.id, result: { results, texts, ms: analyzer.takeMs() } satisfies BatchResult }, transfer);
        } catch (error) {
          failed(request.id, error);
        }
      });
  }
});
