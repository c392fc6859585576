// `app.*`: what the running app is (name, version, workspace, mode, the last probed training backend).
import { type Api } from '../common/contract';
import { APP_NAME } from '../platform/paths';
import { getSetting } from '../store/queries/settings';
import packageJson from '../../package.json';
import { type ServicesContext } from './context';

export const APP_VERSION: string = packageJson.version;
/** Settings key under which doctor records the backend training will use. */
export const SELECTED_BACKEND_SETTING = 'training.backend';

export function appServices(ctx: ServicesContext): Pick<Api, 'app.info'> {
  return {
    async 'app.info'() {
      return {
        name: APP_NAME,
        version: APP_VERSION,
        workspace: ctx.workspace,
        mode: ctx.mode,
        backend: getSetting<string>(ctx.db, SELECTED_BACKEND_SETTING) ?? null,
      };
    },
  };
}
