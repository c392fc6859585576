// Wizard pages over a fake core: each reads the real lists through the client and shows either
// the data or an empty state that says what to do next, and errors with a working retry.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { app } from '../lib/state/app.svelte';
import { INFO, installFake } from '../test/fake-bridge';
import type { RunSummary } from '../../../main/common/dto';
import BaseModelStep from './BaseModelStep.svelte';
import CorpusStep from './CorpusStep.svelte';
import EvaluateStep from './EvaluateStep.svelte';
import ExperimentsPage from './ExperimentsPage.svelte';

afterEach(() => cleanup());

const run = (id: number, status: string): RunSummary => ({
  id,
  corpus: 'discharge-2024',
  base_model: 'clinical-bert',
  method: 'cpt-lora',
  status,
  created_at: '2026-03-01T09:00:00.000Z',
  finished_at: null,
  metrics: { domain_perplexity: 12.3456 },
});

describe('Corpus step', () => {
  it('shows the empty state with the command for this workspace when there is no corpus', async () => {
    installFake({ 'corpus.list': () => [], 'app.info': () => INFO });
    await app.info.load();
    render(CorpusStep);
    await screen.findByRole('heading', { name: 'No corpus yet — import a folder of documents' });
    expect(screen.getByRole('figure', { name: 'From the command line' }).querySelector('pre')?.textContent).toBe(
      "studio corpus import /path/to/your/documents --name my-corpus --pii redact --workspace '/home/dr.lee/Studio Workspace'",
    );
    expect(screen.getByRole('textbox', { name: 'Files and folders to import' })).toBeTruthy();
  });

  it('lists the corpora the core returns', async () => {
    installFake({
      'corpus.list': () => [
        { id: 1, name: 'discharge-2024', status: 'ready', documents: 40000, bytes: 1_250_000_000, tokens: 310_000_000, created_at: '2026-03-01T09:00:00.000Z' },
      ],
    });
    render(CorpusStep);
    const row = await screen.findByRole('row', { name: /discharge-2024/ });
    expect(row.textContent).toContain('40,000');
    expect(row.textContent).toContain('1.3 GB');
    expect(screen.queryByText(/No corpus yet/)).toBeNull();
  });

  it('shows the core’s error and loads again on retry', async () => {
    let fail = true;
    const fake = installFake({
      'corpus.list': () => (fail ? { code: 'workspace_corrupt', message: 'studio.db is not a Domain Studio database.' } : []),
    });
    render(CorpusStep);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('studio.db is not a Domain Studio database.');
    fail = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('No corpus yet — import a folder of documents');
    expect(fake.callsOf('corpus.list')).toHaveLength(2);
  });
});

describe('Base model step', () => {
  it('explains how to register a model folder when none is registered', async () => {
    installFake({ 'model.list': () => [] });
    render(BaseModelStep);
    await screen.findByText('No base model yet — register a model folder');
    expect(screen.getByRole('figure', { name: 'From the command line' }).textContent).toMatch(
      /studio model import \/path\/to\/hugging-face-model-folder --name my-base-model/,
    );
  });
});

describe('Evaluate step', () => {
  it('needs a finished run and links to Train when there is none', async () => {
    installFake({ 'runs.list': () => [run(1, 'running')] });
    render(EvaluateStep);
    await screen.findByText('Nothing to evaluate yet — finish a training run first');
    expect(screen.getByRole('link', { name: 'Go to step 4: Train' }).getAttribute('href')).toBe('#/train');
  });

  it('lists finished runs and says when the chosen one has not been evaluated', async () => {
    installFake({
      'runs.list': () => [run(1, 'running'), run(2, 'succeeded')],
      'eval.show': ({ run: id }) => ({ code: 'not_found', message: `Run ${id} has not been evaluated.` }),
    });
    render(EvaluateStep);
    const row = await screen.findByRole('row', { name: /#2/ });
    expect(row.textContent).toContain('domain perplexity 12.35');
    expect(screen.queryByRole('row', { name: /#1/ })).toBeNull();
    await screen.findByText('Run #2 has not been evaluated yet.');
  });
});

describe('Experiments page', () => {
  it('shows an empty state pointing at the first step', async () => {
    installFake({ 'runs.list': () => [] });
    render(ExperimentsPage);
    await screen.findByText('No experiments yet');
    expect(screen.getByRole('link', { name: 'Start with step 1: Corpus' }).getAttribute('href')).toBe('#/corpus');
  });
});
