// JSON column helpers shared by the query modules: TEXT in the table, values in the DTOs.
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJson<T = unknown>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** True for SQLite's UNIQUE constraint failure (better-sqlite3 puts the extended code on `.code`). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** True for a foreign key refusal (ON DELETE RESTRICT reports SQLITE_CONSTRAINT_TRIGGER, others _FOREIGNKEY). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT') && /FOREIGN KEY/.test((error as Error).message);
}
