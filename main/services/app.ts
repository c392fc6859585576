// `app.*`: what the running app is (name, version, workspace, mode, the last probed training backend).
import { type Api } from '../common/contract';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type SampleCorpus } from '../common/dto';
import { APP_NAME } from '../platform/paths';
import { resourcesDir } from '../platform/resources';
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
        sample_corpora: sampleCorpora(resourcesDir()),
      };
    },
  };
}

const SAMPLES: readonly Omit<SampleCorpus, 'path'>[] = [
  { name: 'sample-legal', description: 'Legal prose: the full texts of 666 open-source licences (SPDX), about 5 MB.' },
  { name: 'general-en', description: 'General English (WordNet glosses), used as replay text against forgetting.' },
];

/** The bundled corpora that exist in this installation. */
export function sampleCorpora(resources: string | null): SampleCorpus[] {
  if (resources === null) return [];
  return SAMPLES.map((s) => ({ ...s, path: join(resources, 'corpora', s.name) })).filter((s) => existsSync(s.path));
}
