// Error codes and the error value that crosses every boundary (IPC, HTTP, job messages, CLI).
// Inside a process we throw StudioError; at a boundary it becomes an ErrorDto `{ code, message, field? }`.
// Plain TypeScript: imported by the renderer and the job process alike.

/** Codes a caller can branch on. `user` codes mean "the input or the situation is wrong: read the message". */
export const ERROR_CODES = {
  invalid_request: 'user', // a field failed validation; `field` names it
  unknown_method: 'user', // no such API method
  not_found: 'user', // a corpus, model, run or job that does not exist
  conflict: 'user', // e.g. a name already taken, a job already running
  bad_input: 'user', // a file or folder the user gave cannot be used
  unsupported: 'user', // a valid but unsupported option (architecture, format)
  unauthorized: 'user', // loopback bridge: missing or wrong token
  forbidden_origin: 'user', // loopback bridge: foreign Origin or Host
  workspace_newer: 'user', // the database was written by a newer version of the app
  workspace_corrupt: 'user', // the database is damaged or not ours
  cancelled: 'user', // the user cancelled the operation
  job_failed: 'internal', // a job process crashed or reported an error
  internal: 'internal', // a bug: the message says what broke
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The serialisable form of an error, as sent over IPC, HTTP and job messages. */
export interface ErrorDto {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending request field, for `invalid_request`. */
  field?: string;
}

export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, options?: { field?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StudioError';
    this.code = code;
    if (options?.field !== undefined) this.field = options.field;
  }

  toDto(): ErrorDto {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function isUserError(code: ErrorCode): boolean {
  return ERROR_CODES[code] === 'user';
}

/** Any thrown value to an ErrorDto; unknown errors become `internal` with their message kept. */
export function toErrorDto(error: unknown): ErrorDto {
  if (error instanceof StudioError) return error.toDto();
  if (isErrorDto(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message || 'Unknown internal error' };
}

export function isErrorDto(value: unknown): value is ErrorDto {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && v.code in ERROR_CODES && typeof v.message === 'string';
}

export function fromErrorDto(dto: ErrorDto): StudioError {
  return new StudioError(dto.code, dto.message, dto.field === undefined ? undefined : { field: dto.field });
}

/** Exit codes of the CLI (DESIGN.md §7): 0 success, 1 user error, 2 internal error. */
export function exitCodeFor(code: ErrorCode): 1 | 2 {
  return isUserError(code) ? 1 : 2;
}
