// The Train step over a fake core: a running run's live figures from progress events, its curves
// (captions carry the latest values), pause then resume, the outcome of a finished run, a failed
// run's reason, and the empty state.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../../main/common/dto';
import { jobs } from '../lib/state/jobs.svelte';
import { installFake, job } from '../test/fake-bridge';
import TrainStep from './TrainStep.svelte';

beforeAll(() => {
  // jsdom draws no canvas: the charts keep their captions only.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
});

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const summary = (status: string, metrics: Record<string, unknown> = {}): RunSummary => ({
  id: 7,
  corpus: 'contracts',
  base_model: 'legal-bert',
  method: 'cpt-lora',
  status,
  created_at: '2026-03-01T09:00:00.000Z',
  finished_at: null,
  metrics,
});

function detail(status: string, patch: Partial<RunDetail> = {}): RunDetail {
  return {
    ...summary(status),
    config: {},
    job_id: 21,
    started_at: '2026-03-01T09:00:00.000Z',
    series: {
      loss: [
        [1, 7.2],
        [2, 6.8],
      ],
      lr: [
        [1, 1e-4],
        [2, 2e-4],
      ],
      domain_perplexity: [
        [0, 40],
        [2, 30],
      ],
    },
    checkpoints: [{ step: 2, metric: 30, best: true }],
    outputs: { model: null, adapter: null },
    resumable: status === 'paused' || status === 'interrupted',
    ...patch,
  };
}

describe('Train step', () => {
  it('follows a running run live, pauses it and resumes it', async () => {
    let status = 'running';
    const fake = installFake({
      'runs.list': () => [summary(status)],
      'runs.show': () => detail(status),
      'jobs.list': () => [job(21, { kind: 'train', status: 'running' })],
      'runs.pause': () => {
        status = 'paused';
        return detail(status);
      },
      'runs.resume': () => {
        status = 'running';
        return { run: summary(status), job: job(22, { kind: 'train', status: 'queued' }) };
      },
    });
    await jobs.connect();
    render(TrainStep);
    await screen.findByRole('heading', { name: 'Run #7' });
    expect(screen.getByText('Training')).toBeTruthy();
    expect(screen.getByText('Waiting for the training process to start…')).toBeTruthy();
    fake.emit('job.progress', {
      job_id: 21,
      kind: 'train',
      progress: null,
      message: 'Measuring perplexity before training',
      counters: {},
      at: '2026-03-01T09:00:02.000Z',
    });
    await screen.findByText('Measuring perplexity before training');
    fake.emit('job.progress', {
      job_id: 21,
      kind: 'train',
      progress: 0.01,
      message: 'Step 2/200',
      counters: { step: 2, steps: 200, loss: 6.8, lr: 2e-4, tokens_per_s: 250, eta_s: 600, memory_mb: 700 },
      at: '2026-03-01T09:00:05.000Z',
    });
    expect(await screen.findByText('2 of 200')).toBeTruthy();
    expect(screen.getByText('6.800')).toBeTruthy();
    expect(screen.getByText('250 tokens/s')).toBeTruthy();
    expect(screen.getByText('about 10 min')).toBeTruthy();
    expect(screen.getByText('700 MB')).toBeTruthy();
    const captions = screen.getAllByTestId('chart-summary').map((c) => c.textContent);
    expect(captions).toContain('Loss 6.800 at step 2 (from 7.200)');
    expect(captions).toContain('Your documents 30.0 at step 2 (from 40.0)');
    expect(captions).toContain('No points yet'); // speed: nothing recorded yet

    await fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await screen.findByText('Paused');
    expect(fake.callsOf('runs.pause')).toEqual([{ run: 7 }]);
    expect(screen.getByText(/Resuming continues from the last checkpoint \(step 2\)/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await screen.findByRole('button', { name: 'Pause' });
    expect(fake.callsOf('runs.resume')).toEqual([{ run: 7 }]);
    expect(jobs.list.some((j) => j.id === 22)).toBe(true);
  });

  it('shows the before/after perplexities of a finished run', async () => {
    const metrics = { domain_perplexity: { before: 40, after: 20 }, general_perplexity: { before: 30, after: 31.5 } };
    installFake({
      'runs.list': () => [summary('succeeded', metrics)],
      'runs.show': () => ({ ...detail('succeeded'), metrics }),
    });
    render(TrainStep);
    const domain = (await screen.findByText('Perplexity on your documents')).parentElement as HTMLElement;
    expect(domain.textContent).toContain('40.0 → 20.0');
    expect(domain.textContent).toContain('-50%');
    const general = screen.getByText('Perplexity on general English').parentElement as HTMLElement;
    expect(general.textContent).toContain('30.0 → 31.5');
    expect(general.textContent).toContain('+5%');
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();
  });

  it('lets the user try a finished run on a sentence (model.try with the run id)', async () => {
    const fake = installFake({
      'runs.list': () => [summary('succeeded')],
      'runs.show': () => detail('succeeded'),
      'model.list': () => [
        { id: 1, name: 'legal-bert', model_type: 'bert', path: '/models/legal-bert', parameters: 1, bytes: 1, vocab_size: 10, created_at: '2026-03-01T09:00:00.000Z' },
      ],
      'model.try': () => ({
        model: '/runs/7/model',
        model_type: 'bert',
        task: 'masked-lm',
        backend: 'wasm',
        input_ids: [2, 10, 4, 3],
        tokens: ['[CLS]', 'breach', '[MASK]', '[SEP]'],
        positions: [2],
        top: [{ position: 2, candidates: [{ id: 11, token: 'contract', probability: 0.5 }] }],
      }),
    });
    render(TrainStep);
    await screen.findByText('Try the trained model');
    await fireEvent.click(screen.getByRole('button', { name: 'Try it' }));
    await screen.findByRole('region', { name: 'What the model suggests' });
    expect(fake.callsOf('model.try')[0]).toMatchObject({ model: '7' });
  });

  it('offers no try-out for a run that has not finished', async () => {
    installFake({ 'runs.list': () => [summary('paused')], 'runs.show': () => detail('paused'), 'model.list': () => [] });
    render(TrainStep);
    await screen.findByText('Perplexity (lower is better)');
    expect(screen.queryByText('Try the trained model')).toBeNull();
  });

  it('says why a run failed and offers to resume it', async () => {
    const metrics = { error: { code: 'unsupported', message: 'The scratch method is not in this version of Domain Studio.' } };
    installFake({
      'runs.list': () => [summary('failed', metrics)],
      'runs.show': () => ({ ...detail('failed'), metrics, resumable: true }),
    });
    render(TrainStep);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The run failed');
    expect(alert.textContent).toContain('not in this version');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
  });

  it('opens the run named in the address', async () => {
    const fake = installFake({
      'runs.list': () => [summary('succeeded'), { ...summary('succeeded'), id: 3 }],
      'runs.show': ({ run }) => ({ ...detail('succeeded'), id: run }),
    });
    window.location.hash = '#/train/3';
    const { router } = await import('../lib/state/router.svelte');
    router.start();
    render(TrainStep);
    await screen.findByRole('heading', { name: 'Run #3' });
    expect(fake.callsOf('runs.show')).toEqual([{ run: 3 }]);
    router.stop();
    window.location.hash = '';
    router.start(); // back to no detail for the next tests
    router.stop();
  });

  it('points at step 3 when there is no run', async () => {
    installFake({ 'runs.list': () => [] });
    render(TrainStep);
    await screen.findByText('No training run yet');
    expect(screen.getByRole('link', { name: 'Go to step 3: Strategy' }).getAttribute('href')).toBe('#/strategy');
  });
});
