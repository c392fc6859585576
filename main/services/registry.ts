// `corpus.list`, `model.list`, `runs.list`: what the workspace holds, newest first as the store orders it.
import { type Api } from '../common/contract';
import { listCorpora } from '../store/queries/corpora';
import { listModels } from '../store/queries/models';
import { listRuns } from '../store/queries/runs';
import { type ServicesContext } from './context';
import { listRunsReconciled } from './runs';

export function registryServices(ctx: ServicesContext): Pick<Api, 'corpus.list' | 'model.list' | 'runs.list'> {
  return {
    async 'corpus.list'() {
      // A corpus whose import has not committed yet is not a corpus: its job shows the progress.
      return listCorpora(ctx.db).filter((c) => c.status === 'ready');
    },
    async 'model.list'() {
      return listModels(ctx.db);
    },
    async 'runs.list'() {
      return listRunsReconciled(ctx, listRuns(ctx.db));
    },
  };
}
