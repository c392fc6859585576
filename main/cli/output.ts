// How the CLI talks to people and scripts: results on stdout (one JSON value with --json, text without),
// progress and notes on stderr, errors as one line that says what to do (and, with --json, an
// `{ "error": { code, message } }` object on stdout), and exit codes 0/1/2 (DESIGN.md §7).
import { type ErrorDto, exitCodeFor, toErrorDto } from '../common/errors';
import { asStoreError } from '../store/errors';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal: progress may redraw one line. */
  interactive: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
};

/** Prints `error` and returns the exit code for it. */
export function reportError(io: CliIo, json: boolean, error: unknown): 1 | 2 {
  const dto = toErrorDto(asStoreError(error));
  const code = exitCodeFor(dto.code);
  io.stderr(`studio: ${errorLine(dto)}\n`);
  if (json) io.stdout(`${JSON.stringify({ error: dto })}\n`);
  return code;
}

export function errorLine(dto: ErrorDto): string {
  const message = dto.message.replace(/\s+/g, ' ').trim();
  // A job that failed says how (killed by the system when memory ran out, crashed…): not necessarily a bug.
  if (dto.code === 'job_failed') return `${message} (\`studio doctor\` shows the details worth reporting)`;
  if (exitCodeFor(dto.code) === 2) {
    return `internal error: ${message} (this is a bug; \`studio doctor\` shows the details worth reporting)`;
  }
  return message;
}

/** Renders a progress update as one short line: `[ 42%] hashing files (files 3, bytes 1024)`. */
export function progressLine(progress: number | null, message: string, counters: Record<string, number> = {}): string {
  const percent = progress === null ? '  …  ' : `${Math.round(progress * 100).toString().padStart(3)}%`;
  const shown = Object.entries(counters)
    .slice(0, 4)
    .map(([name, value]) => `${name} ${Number.isInteger(value) ? value : value.toFixed(2)}`)
    .join(', ');
  // One line whatever the message holds (a file name may contain a line break or other control characters).
  const oneLine = message.replace(/[\u0000-\u001f\u007f]/g, '?');
  return `[${percent}] ${oneLine}${shown ? ` (${shown})` : ''}`;
}

/** Fixed-width text table for lists; `rows` are already strings. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
