// The one implementation of the contract's Api: each domain's methods live in their own module and are
// merged here. Add a domain: a new file exporting `<domain>Services(ctx)` and one line below.
import { type Api } from '../common/contract';
import { appServices } from './app';
import { type ServicesContext } from './context';
import { corpusServices } from './corpus';
import { doctorServices } from './doctor';
import { evaluateServices } from './evaluate';
import { exportServices } from './export';
import { jobServices } from './jobs';
import { modelServices } from './models';
import { registryServices } from './registry';
import { runServices } from './runs';
import { tryServices } from './try';

export type { ServicesContext } from './context';

export function createServices(ctx: ServicesContext): Api {
  return {
    ...appServices(ctx),
    ...doctorServices(ctx),
    ...jobServices(ctx),
    ...registryServices(ctx),
    ...tryServices(ctx),
    ...modelServices(ctx),
    ...corpusServices(ctx),
    ...exportServices(ctx),
    ...runServices(ctx),
    ...evaluateServices(ctx),
  };
}
