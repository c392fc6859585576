// The prerequisites that several steps share, worded once.
import type { CorpusSummary, ModelSummary, RunSummary } from '../../../main/common/dto';
import { routeHref, type Requirement } from '../lib/steps';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function corpusRequirement(corpora: CorpusSummary[] | null): Requirement {
  const count = corpora?.length ?? 0;
  return {
    label: 'A corpus of your documents',
    met: count > 0,
    detail: plural(count, 'corpus', 'corpora'),
    href: routeHref('corpus'),
    linkText: 'Import one in step 1',
  };
}

export function modelRequirement(models: ModelSummary[] | null): Requirement {
  const count = models?.length ?? 0;
  return {
    label: 'A base model',
    met: count > 0,
    detail: plural(count, 'model', 'models'),
    href: routeHref('base-model'),
    linkText: 'Register one in step 2',
  };
}

export function finishedRunRequirement(finished: RunSummary[]): Requirement {
  return {
    label: 'A finished training run',
    met: finished.length > 0,
    detail: plural(finished.length, 'finished run', 'finished runs'),
    href: routeHref('train'),
    linkText: 'Train one in step 4',
  };
}
