// The sandboxed preload: exposes exactly the contract's StudioBridge as `window.studio`, nothing more.
// No logic: validation and dispatch happen in the main process (main/ipc). Bundled to one CommonJS file
// because sandboxed preloads can load neither ES modules nor node_modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS } from '../common/channels';
import type { StudioBridge } from '../common/contract';

const bridge: StudioBridge = {
  invoke: (method, request) => ipcRenderer.invoke(CHANNELS.invoke, method, request),
  on(event, listener) {
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(CHANNELS.event, forward);
    return () => void ipcRenderer.removeListener(CHANNELS.event, forward);
  },
};

contextBridge.exposeInMainWorld('studio', bridge);
