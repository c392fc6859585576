// The one entry every transport (Electron IPC, the loopback HTTP bridge, the CLI) uses to call the API:
// checks the method name, validates the payload with the contract's schema, calls the service and turns
// any thrown error into an ErrorDto value. Internal errors are logged here so that no transport forgets.
import { type Api, type Method, type Outcome } from '../common/contract';
import { isUserError, toErrorDto } from '../common/errors';
import { assertMethod, validateRequest } from '../common/validate';
import { logger } from '../platform/log';
import { asStoreError } from '../store/errors';

const log = logger('services');

/** Calls `method` on `services` with an untrusted `payload`; never throws. */
export async function dispatch(services: Api, method: unknown, payload: unknown): Promise<Outcome<unknown>> {
  let name: Method | undefined;
  try {
    name = assertMethod(method);
    const request = validateRequest(name, payload);
    const handler = services[name] as (request: unknown) => Promise<unknown>;
    const value = await handler.call(services, request);
    return { ok: true, value };
  } catch (error) {
    // SQLite's own failures (damaged page, disk full, locked) become user errors that say what to do.
    const dto = toErrorDto(asStoreError(error));
    if (!isUserError(dto.code)) {
      log.error(`${name ?? 'dispatch'} failed: ${dto.message}`, {
        code: dto.code,
        stack: error instanceof Error ? error.stack : undefined,
      });
    }
    return { ok: false, error: dto };
  }
}
