// The four ways to adapt a model, in plain words for a clinician or lawyer, and which of them this
// version can run (all four: lora-task learns from a labelled file, scratch builds its own model).
export type Method = 'cpt-lora' | 'cpt-full' | 'lora-task' | 'scratch';

export interface Strategy {
  id: Method;
  title: string;
  text: string;
  /** When it is the right choice. */
  when: string;
  available: boolean;
}

export const STRATEGIES: readonly Strategy[] = [
  {
    id: 'cpt-lora',
    title: 'Continued pre-training with LoRA',
    text: 'Teaches the model your field’s vocabulary and phrasing by training small add-on weights. Fast, light on memory, and the original model stays intact.',
    when: 'The usual first choice.',
    available: true,
  },
  {
    id: 'cpt-full',
    title: 'Full continued pre-training',
    text: 'Trains every weight of the model on your documents. Can learn more than LoRA, but needs more memory and time.',
    when: 'When you have a large corpus and LoRA was not enough.',
    available: true,
  },
  {
    id: 'lora-task',
    title: 'Task fine-tuning with LoRA',
    text: 'Teaches one job from labelled examples you provide — for example sorting letters by type, or marking drug names in a note.',
    when: 'When you have examples with the right answers.',
    available: true,
  },
  {
    id: 'scratch',
    title: 'A new model from scratch',
    text: 'Builds a vocabulary and a model only from your documents.',
    when: 'Needs a very large corpus; rarely the right choice.',
    available: true,
  },
];

export function strategyTitle(method: string): string {
  return STRATEGIES.find((s) => s.id === method)?.title ?? method;
}
