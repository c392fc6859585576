// Electron IPC for the whole contract. The design names one <domain>.ipc.ts per domain; because the
// contract has a single generic invoke channel (CHANNELS.invoke, method name as the first argument),
// the per-domain split lives in main/services and this one handler serves every domain the same way:
// check the sender frame is the app's own page, then `dispatch` (method check, validation, call,
// errors as values). Events go to the window over CHANNELS.event.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, type Api, type EventFrame, type Outcome } from '../common/contract';
import { logger } from '../platform/log';
import { dispatch } from '../services/dispatch';

const log = logger('ipc');

export interface IpcOptions {
  /** True when the frame that sent a message is the app's own main frame. */
  isTrustedSender(frame: IpcMainInvokeEvent['senderFrame']): boolean;
}

/** Registers the invoke handler; returns the function that removes it. */
export function setupIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, services: Api, options: IpcOptions): () => void {
  ipcMain.handle(CHANNELS.invoke, (event, method: unknown, request: unknown) => handleInvoke(services, options, event, method, request));
  return () => ipcMain.removeHandler(CHANNELS.invoke);
}

export async function handleInvoke(
  services: Api,
  options: IpcOptions,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  method: unknown,
  request: unknown,
): Promise<Outcome<unknown>> {
  if (!options.isTrustedSender(event.senderFrame)) {
    log.warn('refused an IPC call from a foreign frame', { url: event.senderFrame?.url ?? null });
    return { ok: false, error: { code: 'forbidden_origin', message: 'Refused: this page is not part of the app.' } };
  }
  return dispatch(services, method, request);
}

/** Forwards every event frame to `contents` while it lives; returns the unsubscribe function. */
export function forwardEvents(
  subscribe: (listener: (frame: EventFrame) => void) => () => void,
  contents: Pick<WebContents, 'send' | 'isDestroyed' | 'once'>,
): () => void {
  const unsubscribe = subscribe((frame) => {
    if (!contents.isDestroyed()) contents.send(CHANNELS.event, frame.event, frame.payload);
  });
  contents.once('destroyed', unsubscribe);
  return unsubscribe;
}
