// `window.studio` as exposed by the Electron preload (absent when served by `studio serve`).
import type { StudioBridge } from '../../main/common/contract';

declare global {
  interface Window {
    studio?: StudioBridge;
  }
}

export {};
