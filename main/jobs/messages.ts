// The typed messages between the supervisor (parent) and a job process (child), validated on arrival:
// a process never acts on a message it does not understand.
//   parent → child: start (once), cancel
//   child → parent: progress, log, done | error (exactly one of the last two, then the child exits)
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../common/errors';

const errorDto = z.object({
  code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  field: z.string().optional(),
});

export const parentMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    job_id: z.number().int().positive(),
    kind: z.string().min(1),
    params: z.unknown(),
    workspace: z.string().min(1),
  }),
  z.object({ type: z.literal('cancel') }),
]);

export const childMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    progress: z.number().min(0).max(1).nullable(),
    message: z.string().max(2000),
    counters: z.record(z.string(), z.number()),
  }),
  z.object({
    type: z.literal('log'),
    level: z.enum(['debug', 'info', 'warn', 'error']),
    message: z.string().max(10_000),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({ type: z.literal('done'), result: z.unknown() }),
  z.object({ type: z.literal('error'), error: errorDto }),
]);

export type ParentMessage = z.infer<typeof parentMessageSchema>;
export type ChildMessage = z.infer<typeof childMessageSchema>;
export type ProgressMessage = Extract<ChildMessage, { type: 'progress' }>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

function parse<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
  return { ok: false, reason: `${issue?.message ?? 'invalid message'}${where}` };
}

export const parseParentMessage = (raw: unknown): Parsed<ParentMessage> => parse(parentMessageSchema, raw);
export const parseChildMessage = (raw: unknown): Parsed<ChildMessage> => parse(childMessageSchema, raw);

/** Counters travel as JSON: drop values JSON cannot carry (NaN, ±Infinity) rather than lose the message. */
export function finiteCounters(counters: Record<string, number> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(counters ?? {})) if (Number.isFinite(value)) out[key] = value;
  return out;
}
