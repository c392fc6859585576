// The renderer's one API client. Components and state import `api` from here and never touch
// `window.studio` or the network themselves.
import { StudioClient } from './client';
import { pickBridge } from './transport';

export const api = new StudioClient(() => pickBridge(window).bridge);
export { StudioClient } from './client';
export { StudioError } from '../../../../main/common/errors';
