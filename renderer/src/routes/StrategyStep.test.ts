// The Strategy step over a fake core: what is missing links back, the four strategies (task fine-tuning
// asks for its labelled file instead of a corpus; a new model from scratch for its shape instead of a
// base model), the advisor's figures and advice, a refusal that blocks the start, and starting a run
// that opens it in step 4.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { CorpusSummary, ModelSummary, TrainPlan } from '../../../main/common/dto';
import { jobs } from '../lib/state/jobs.svelte';
import { selection } from '../lib/state/selection.svelte';
import { installFake, job } from '../test/fake-bridge';
import StrategyStep from './StrategyStep.svelte';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const corpus: CorpusSummary = { id: 1, name: 'contracts', status: 'ready', documents: 10, bytes: 1000, tokens: 200, created_at: '2026-03-01T09:00:00.000Z' };
const model: ModelSummary = {
  id: 1,
  name: 'legal-bert',
  model_type: 'bert',
  path: '/models/legal-bert',
  parameters: 110e6,
  bytes: 440e6,
  vocab_size: 30522,
  created_at: '2026-03-01T09:00:00.000Z',
};

function plan(patch: Partial<TrainPlan> = {}): TrainPlan {
  return {
    method: 'cpt-lora',
    base_model: 'legal-bert',
    corpus: 'contracts',
    backend: 'wasm',
    parameters: { total: 110e6, trainable: 294_912, trainable_fraction: 0.00268 },
    data: { train_tokens: 488_347, validation_tokens: 37_762, train_sequences: 3815, tokenizer: 'wordpiece' },
    memory: { weights: 440e6, gradients: 1.2e6, optimizer: 2.4e6, activations: 300e6, total: 744e6, free: 8e9, measured_peak: 700e6 },
    calibration: { ms_per_step: 4200, tokens_per_second: 244, workers: 2, workers_reason: 'each step is large enough to split' },
    estimate: { steps: 200, tokens: 204_800, seconds: 840, epochs: 0.42 },
    recommendations: [{ name: 'lr', value: 0.0005, reason: 'A smaller corpus learns more safely with a lower rate.' }],
    refusal: null,
    ...patch,
  };
}

describe('Strategy step', () => {
  it('links to steps 1 and 2 while no corpus or model is chosen, and cannot start', async () => {
    installFake({ 'corpus.list': () => [corpus], 'model.list': () => [] });
    render(StrategyStep);
    const list = await screen.findByRole('list', { name: 'What this step needs' });
    expect((await within(list).findByRole('link', { name: 'Choose one in step 1' })).getAttribute('href')).toBe('#/corpus');
    expect(within(list).getByRole('link', { name: 'Choose one in step 2' }).getAttribute('href')).toBe('#/base-model');
    expect(screen.getByRole('button', { name: 'Start training' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Estimate time and memory' })).toHaveProperty('disabled', true);
    // Four strategies, all of which this version runs.
    expect(screen.getAllByRole('radio')).toHaveLength(4);
    for (const radio of screen.getAllByRole('radio')) expect(radio).toHaveProperty('disabled', false);
    expect(screen.queryByText('Not available in this version.')).toBeNull();
  });

  it('asks task fine-tuning for its labelled file instead of a corpus', async () => {
    const fake = installFake({ 'corpus.list': () => [], 'model.list': () => [model], 'train.plan': () => plan({ method: 'lora-task', corpus: 'letters.csv' }) });
    selection.chooseModel('legal-bert');
    render(StrategyStep);
    await fireEvent.click(await screen.findByRole('radio', { name: /Task fine-tuning with LoRA/ }));
    const list = screen.getByRole('list', { name: 'What this step needs' });
    expect(within(list).queryByText('A corpus of your documents')).toBeNull();
    expect(within(list).getByText('A base model')).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Estimate time and memory' });
    // Without the file there is nothing to estimate.
    expect(button).toHaveProperty('disabled', true);
    await fireEvent.input(screen.getByRole('textbox', { name: 'Labelled examples file (CSV or JSONL)' }), { target: { value: ' /data/letters.csv ' } });
    await waitFor(() => expect(button).toHaveProperty('disabled', false));
    await fireEvent.click(button);
    await screen.findByRole('region', { name: 'The advisor’s estimate' });
    const sent = fake.callsOf('train.plan')[0];
    expect(sent).toMatchObject({ method: 'lora-task', base: 'legal-bert', task: { file: '/data/letters.csv' }, replay: 'none', replay_ratio: 0 });
    expect(screen.queryByRole('combobox', { name: 'General text mixed in against forgetting' })).toBeNull();
    expect(sent).not.toHaveProperty('corpus');
  });

  it('asks a new model from scratch for its shape instead of a base model, and starts it without an estimate', async () => {
    const fake = installFake({
      'corpus.list': () => [corpus],
      'model.list': () => [],
      'train.start': (req) => ({
        run: { id: 8, corpus: 'contracts', base_model: null, method: req.method, status: 'queued', created_at: '2026-03-01T09:00:00.000Z', finished_at: null, metrics: {} },
        job: job(22, { kind: 'train', status: 'queued' }),
      }),
      'runs.list': () => [],
    });
    selection.chooseCorpus('contracts');
    render(StrategyStep);
    await fireEvent.click(await screen.findByRole('radio', { name: /A new model from scratch/ }));
    const list = screen.getByRole('list', { name: 'What this step needs' });
    expect(within(list).queryByText('A base model')).toBeNull();
    await fireEvent.change(screen.getByRole('combobox', { name: 'Architecture' }), { target: { value: 'gpt2' } });
    await fireEvent.change(screen.getByRole('combobox', { name: 'Size' }), { target: { value: 'mini' } });
    await fireEvent.input(screen.getByRole('spinbutton', { name: 'Vocabulary size (tokens)' }), { target: { value: '4000' } });
    // The advisor cannot estimate a new model: said in words, and the start is checked by the core instead.
    expect(screen.getByRole('button', { name: 'Estimate time and memory' })).toHaveProperty('disabled', true);
    expect(screen.getByText(/no estimate for a new model yet/)).toBeTruthy();
    const start = screen.getByRole('button', { name: 'Start training' });
    await waitFor(() => expect(start).toHaveProperty('disabled', false));
    await fireEvent.click(start);
    await expect.poll(() => window.location.hash).toBe('#/train/8');
    const sent = fake.callsOf('train.start')[0];
    expect(sent).toMatchObject({ method: 'scratch', corpus: 'contracts', scratch: { architecture: 'gpt2', size: 'mini', vocab_size: 4000 } });
    expect(sent).not.toHaveProperty('base');
  });

  it('shows the advisor’s figures, applies its advice, and starts the run', async () => {
    const fake = installFake({
      'corpus.list': () => [corpus],
      'model.list': () => [model],
      'train.plan': () => plan(),
      'train.start': (req) => ({
        run: { id: 7, corpus: 'contracts', base_model: 'legal-bert', method: req.method, status: 'queued', created_at: '2026-03-01T09:00:00.000Z', finished_at: null, metrics: {} },
        job: job(21, { kind: 'train', status: 'queued' }),
      }),
      'runs.list': () => [],
    });
    selection.chooseCorpus('contracts');
    selection.chooseModel('legal-bert');
    render(StrategyStep);
    await fireEvent.input(await screen.findByRole('spinbutton', { name: 'Training steps' }), { target: { value: '300' } });
    const button = screen.getByRole('button', { name: 'Estimate time and memory' });
    await waitFor(() => expect(button).toHaveProperty('disabled', false));
    await fireEvent.click(button);
    const estimate = await screen.findByRole('region', { name: 'The advisor’s estimate' });
    expect(fake.callsOf('train.plan')[0]).toMatchObject({ corpus: 'contracts', base: 'legal-bert', method: 'cpt-lora', max_steps: 300 });
    expect(estimate.textContent).toContain('about 14 min');
    expect(estimate.textContent).toContain('244 tokens/s');
    expect(estimate.textContent).toMatch(/ms a step, measured with .* on 2 threads/);
    expect(estimate.textContent).toContain('0.27% of 110 million');
    expect(estimate.textContent).toContain('744 MB');
    expect(estimate.textContent).toContain('A smaller corpus learns more safely');

    // Applying advice changes a setting, which makes the estimate stale.
    await fireEvent.click(within(estimate).getByRole('button', { name: 'Use lr 0.0005' }));
    expect((screen.getByRole('spinbutton', { name: 'Learning rate' }) as HTMLInputElement).value).toBe('0.0005');
    expect(screen.queryByRole('region', { name: 'The advisor’s estimate' })).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Start training' }));
    await expect.poll(() => window.location.hash).toBe('#/train/7');
    expect(fake.callsOf('train.start')[0]).toMatchObject({ method: 'cpt-lora', lr: 0.0005, max_steps: 300 });
    expect(jobs.list.map((j) => j.id)).toEqual([21]);
  });

  it('blocks the start when the advisor refuses, and says why', async () => {
    installFake({
      'corpus.list': () => [corpus],
      'model.list': () => [model],
      'train.plan': () => plan({ refusal: 'Needs about 12 GB but 3 GB are free: use LoRA or a shorter sequence length.' }),
    });
    selection.chooseCorpus('contracts');
    selection.chooseModel('legal-bert');
    render(StrategyStep);
    await fireEvent.click(await screen.findByRole('radio', { name: /Full continued pre-training/ }));
    const button = screen.getByRole('button', { name: 'Estimate time and memory' });
    await waitFor(() => expect(button).toHaveProperty('disabled', false));
    await fireEvent.click(button);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This run cannot start.');
    expect(alert.textContent).toContain('use LoRA');
    expect(screen.getByRole('button', { name: 'Start training' })).toHaveProperty('disabled', true);
  });

  it('shows the core’s error when planning fails', async () => {
    installFake({
      'corpus.list': () => [corpus],
      'model.list': () => [model],
      'train.plan': () => ({ code: 'invalid_request', message: 'seq_len must be at least 8', field: 'seq_len' }),
    });
    selection.chooseCorpus('contracts');
    selection.chooseModel('legal-bert');
    render(StrategyStep);
    const button = await screen.findByRole('button', { name: 'Estimate time and memory' });
    await waitFor(() => expect(button).toHaveProperty('disabled', false));
    await fireEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toContain('seq_len must be at least 8');
    // The refused setting is marked, and the advanced settings holding it are open.
    const field = screen.getByRole('spinbutton', { name: 'Sequence length (tokens)' });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.closest('details')?.open).toBe(true);
  });
});
