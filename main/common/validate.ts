// Validation at the boundary: every transport calls `validateRequest` before a service sees the input.
// Unknown methods and malformed payloads become StudioErrors that name the method or the field.
import { type z } from 'zod';
import { METHODS, requestSchemas, type Method, type ValidRequest } from './contract';
import { StudioError } from './errors';

export function isMethod(value: unknown): value is Method {
  return typeof value === 'string' && (METHODS as string[]).includes(value);
}

export function assertMethod(value: unknown): Method {
  if (!isMethod(value)) {
    const shown = typeof value === 'string' ? `"${value.slice(0, 80)}"` : typeof value;
    throw new StudioError('unknown_method', `Unknown method ${shown}. Known methods: ${METHODS.join(', ')}.`);
  }
  return value;
}

/** Parses `payload` with the method's schema; throws `invalid_request` naming the first bad field. */
export function validateRequest<M extends Method>(method: M, payload: unknown): ValidRequest<M> {
  return parseWith(requestSchemas[method] as unknown as z.ZodType<ValidRequest<M>>, payload ?? {}, method);
}

/** Parses with any schema; `context` prefixes the message (a method or job kind). */
export function parseWith<T>(schema: z.ZodType<T>, payload: unknown, context: string): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue ? [...issue.path.map(String), ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])] : [];
  const field = path.length > 0 ? path.join('.') : undefined;
  const where = field === undefined ? 'request' : `field "${field}"`;
  const detail = issue ? describeIssue(issue) : 'is invalid';
  return (() => {
    throw new StudioError('invalid_request', `${context}: ${where} ${detail}.`, field === undefined ? undefined : { field });
  })();
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `has unknown key(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') return `must be ${issue.expected}`;
  return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
}
