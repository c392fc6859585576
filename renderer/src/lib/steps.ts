// The wizard's pages in order, with the words the navigator and the page headings use.
export const STEPS = [
  { id: 'corpus', number: 1, title: 'Corpus', summary: 'Your documents, cleaned and de-identified' },
  { id: 'base-model', number: 2, title: 'Base model', summary: 'The model you start from' },
  { id: 'strategy', number: 3, title: 'Strategy', summary: 'How to adapt it, and what it costs' },
  { id: 'train', number: 4, title: 'Train', summary: 'Watch it learn' },
  { id: 'evaluate', number: 5, title: 'Evaluate', summary: 'Measure gains and audit privacy' },
  { id: 'export', number: 6, title: 'Export', summary: 'Package and share' },
] as const;

export const EXPERIMENTS = { id: 'experiments', title: 'Experiments', summary: 'Every training run and its results' } as const;

export type StepId = (typeof STEPS)[number]['id'];
export type RouteId = StepId | typeof EXPERIMENTS.id;

export const ROUTE_IDS: readonly RouteId[] = [...STEPS.map((step) => step.id), EXPERIMENTS.id];

export function routeTitle(id: RouteId): string {
  return id === EXPERIMENTS.id ? EXPERIMENTS.title : (STEPS.find((step) => step.id === id)?.title ?? id);
}

export function routeHref(id: RouteId): string {
  return `#/${id}`;
}

/** Something a step needs before it can run, with where to get it. */
export interface Requirement {
  label: string;
  met: boolean;
  /** Shown when met, e.g. "2 corpora". */
  detail?: string;
  href: string;
  linkText: string;
}
