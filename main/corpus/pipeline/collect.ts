// Pass 1 of an import: walk the sources, extract and normalize every document, count candidate
// boilerplate lines, and stage the normalized documents in a temporary JSON Lines file. Every
// per-file failure is recorded and the pass goes on with the next file.
import { extractFile } from '../extract';
import { JsonlWriter } from '../jsonl-io';
import { BoilerplateDetector } from '../stages/boilerplate';
import { normalizeText } from '../stages/normalize';
import { FileRejected, type FileProblem } from '../types';
import { walkSources, type FoundFile } from '../walk';
import { READ_SHARE, throwIfAborted, type ImportOptions } from './options';
import type { Timings } from './timings';

/** One line of the staging file. */
export interface StagedDoc {
  /** Index into `files`. */
  f: number;
  r: number | null;
  t: string;
}

export interface CollectResult {
  files: string[];
  filesFound: number;
  filesImported: number;
  documents: number;
  bytesIn: number;
  /** Characters of normalized text staged (what pass 2 analyses). */
  textChars: number;
  invalidRecords: number;
  problems: FileProblem[];
  boilerplate: BoilerplateDetector;
}

function describeUnexpected(error: unknown): { reason: string; message: string } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'unreadable', message: 'Permission denied: the file cannot be read by this user.' };
  if (code === 'ENOENT') return { reason: 'missing', message: 'The file disappeared while the import was running.' };
  if (code === 'EISDIR') return { reason: 'unreadable', message: 'Is a folder, not a file.' };
  return { reason: 'unreadable', message: `Could not be read (${error instanceof Error ? error.message : String(error)}).` };
}

export async function collect(options: ImportOptions, stagingPath: string, timings: Timings): Promise<CollectResult> {
  const problems: FileProblem[] = [];
  const found: FoundFile[] = [];
  for await (const file of walkSources(options.paths, { maxFileBytes: options.maxFileBytes }, (p) => problems.push(p))) {
    throwIfAborted(options.signal);
    found.push(file);
  }
  const bytesTotal = found.reduce((a, f) => a + f.bytes, 0);
  const boilerplate = new BoilerplateDetector(options.boilerplate);
  const writer = new JsonlWriter(stagingPath);
  const result: CollectResult = {
    files: [],
    // Files the walk skipped count as found (a loop is a folder, not a file).
    filesFound: found.length + problems.filter((p) => p.reason !== 'symlink_loop').length,
    filesImported: 0,
    documents: 0,
    bytesIn: 0,
    textChars: 0,
    invalidRecords: 0,
    problems,
    boilerplate,
  };
  const started = performance.now();
  let bytesDone = 0;
  try {
    for (let index = 0; index < found.length; index++) {
      throwIfAborted(options.signal);
      const file = found[index]!;
      result.files.push(file.path);
      let emitted = 0;
      let emptyRecords = 0;
      // Records are normalized and staged in small batches: one clock reading per stage and batch.
      const pending: { raw: string; record: number }[] = [];
      let pendingChars = 0;
      let inner = 0; // time spent in flush, inside the extraction's callbacks
      const flush = async () => {
        const t0 = timings.now();
        const batch = pending.splice(0); // taken first: a failure here is the file's, and is not retried
        pendingChars = 0;
        const texts = batch.map((p) => normalizeText(p.raw));
        const t1 = timings.now();
        timings.add('normalize', t1 - t0);
        for (const text of texts) if (text !== '') boilerplate.add(text);
        const t2 = timings.now();
        timings.add('boilerplate', t2 - t1);
        for (let k = 0; k < texts.length; k++) {
          const text = texts[k]!;
          const record = batch[k]!.record;
          if (text === '') {
            if (record !== 0) emptyRecords++;
            continue;
          }
          emitted++;
          result.textChars += text.length;
          const drainStaged = writer.write({ f: index, r: record === 0 ? null : record, t: text } satisfies StagedDoc);
          if (drainStaged) await drainStaged;
        }
        inner += timings.now() - t0;
      };
      try {
        const t0 = timings.now();
        const outcome = await extractFile(file.path, { textColumn: options.textColumn, jsonField: options.jsonField, zipLimits: options.zipLimits }, async (raw, record) => {
          pending.push({ raw, record });
          pendingChars += raw.length;
          if (pending.length >= 64 || pendingChars >= 1 << 20) await flush();
        });
        await flush();
        timings.add('extract', timings.now() - t0 - inner);
        const invalid = outcome.invalid + emptyRecords;
        if (emitted > 0) {
          result.filesImported++;
          result.bytesIn += file.bytes;
        } else if (invalid === 0) {
          problems.push({ path: file.path, severity: 'error', reason: 'no_text', message: 'No text found (a scanned PDF without a text layer, only markup, or no records). Run OCR or export it as text first.' });
        }
        if (invalid > 0) {
          result.invalidRecords += invalid;
          const at = outcome.invalidAt.length > 0 ? ` (first at record ${outcome.invalidAt.join(', ')})` : '';
          const field = file.path.toLowerCase().endsWith('.csv') ? `column "${options.textColumn}"` : `field "${options.jsonField}"`;
          problems.push({
            path: file.path,
            severity: emitted > 0 ? 'warning' : 'error',
            reason: 'invalid_records',
            message: `${invalid} of ${emitted + invalid} records were skipped: not valid JSON, empty, or without the text ${field}${at}. ${emitted > 0 ? 'The valid records were kept.' : 'Nothing was kept: check the field or column name.'}`,
          });
        }
        result.documents += emitted;
      } catch (error) {
        if ((error as Error).name === 'AbortError') throw error;
        await flush(); // records before a mid-file failure stay staged
        if (emitted > 0) result.documents += emitted;
        if (error instanceof FileRejected) problems.push({ path: file.path, severity: 'error', reason: error.reason, message: error.message });
        else problems.push({ path: file.path, severity: 'error', ...describeUnexpected(error) });
      }
      bytesDone += file.bytes;
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? bytesDone / seconds : 0;
      options.progress?.({
        phase: 'reading',
        fraction: bytesTotal === 0 ? READ_SHARE : READ_SHARE * (bytesDone / bytesTotal),
        message: `Reading ${file.path}`,
        counters: {
          files_done: index + 1,
          files: found.length,
          mb_per_s: Math.round((rate / 1e6) * 10) / 10,
          bytes_done: bytesDone,
          bytes: bytesTotal,
          documents_found: result.documents,
        },
      });
    }
    await writer.close();
  } catch (error) {
    writer.destroy();
    throw error;
  }
  return result;
}
