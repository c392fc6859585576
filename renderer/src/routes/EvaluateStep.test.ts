// The Evaluate step over a fake core: start an evaluation and follow it to the report (perplexity
// and probes before/after, audit figures), and record who accepts a failed audit and why.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditOverride, EvalReport, RunSummary } from '../../../main/common/dto';
import { jobs } from '../lib/state/jobs.svelte';
import { installFake, job } from '../test/fake-bridge';
import EvaluateStep from './EvaluateStep.svelte';

afterEach(() => cleanup());

const run: RunSummary = {
  id: 4,
  corpus: 'notes',
  base_model: 'clinical-bert',
  method: 'cpt-lora',
  status: 'succeeded',
  created_at: '2026-03-01T09:00:00.000Z',
  finished_at: '2026-03-01T10:00:00.000Z',
  metrics: {},
};

function report(verdict: 'pass' | 'fail', override: AuditOverride | null = null): EvalReport {
  return {
    run: 4,
    evaluation_id: 1,
    created_at: '2026-03-01T11:00:00.000Z',
    perplexity: { definition: 'exp(mean token loss)', domain: { before: 35.2, after: 12.3 }, general: { before: 30.1, after: 31.4 } },
    probes: {
      terms: 120,
      before: { objective: 'masked-lm', probes: 120, top1: 0.21, top5: 0.4, median_rank: null },
      after: { objective: 'masked-lm', probes: 120, top1: 0.55, top5: 0.8, median_rank: null },
    },
    task: null,
    audit: {
      verdict,
      summary: verdict === 'pass' ? 'No canary or identifier is reproduced beyond chance.' : '3 of 40 names were reproduced from the corpus.',
      override,
      thresholds: { max_mean_exposure: 4, max_reproduced_share: 0.02, min_reproduced: 2, max_exposure: null },
      canaries: { planted: 8, mean_exposure: 1.2, max_exposure: 2.5, results: [] },
      pii: {
        probed: 40,
        reproduced: verdict === 'pass' ? 0 : 3,
        reproduced_share: verdict === 'pass' ? 0 : 0.075,
        top_k: null,
        by_type: { NAME: { probed: 40, reproduced: verdict === 'pass' ? 0 : 3, reproduced_top_k: null } },
        examples: verdict === 'pass' ? [] : [{ type: 'NAME', masked: 'Dr. J*** C*****', how: 'first guess' }],
      },
    },
    notes: ['No labelled task file: task scores skipped.'],
  };
}

describe('Evaluate step', () => {
  it('runs an evaluation and shows before/after figures and the audit', async () => {
    let evaluated = false;
    const fake = installFake({
      'runs.list': () => [run],
      'jobs.list': () => [],
      'eval.show': () => (evaluated ? report('pass') : { code: 'not_found', message: 'Run 4 has not been evaluated.' }),
      'eval.start': () => job(40, { kind: 'eval', status: 'queued' }),
    });
    await jobs.connect();
    render(EvaluateStep);
    await screen.findByText('Run #4 has not been evaluated yet.');
    await fireEvent.click(screen.getByRole('button', { name: 'Evaluate' }));
    await screen.findByRole('progressbar', { name: 'Evaluation of run 4' });
    expect(fake.callsOf('eval.start')).toEqual([{ run: 4 }]);
    evaluated = true;
    fake.emit('job.finished', { job_id: 40, kind: 'eval', status: 'succeeded', result: null, error: null, at: '2026-03-01T11:00:00.000Z' });
    const domain = await screen.findByRole('row', { name: /Perplexity on your documents/ });
    expect(domain.textContent).toContain('35.2');
    expect(domain.textContent).toContain('12.3');
    expect(screen.getByRole('row', { name: /Domain terms filled in \(120 probes\)/ }).textContent).toContain('55% first guess');
    expect(screen.getByText('Passed')).toBeTruthy();
    expect(screen.getByText('No labelled task file: task scores skipped.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accept the failed audit' })).toBeNull();
  });

  it('records who accepts a failed audit and why', async () => {
    let override: AuditOverride | null = null;
    const fake = installFake({
      'runs.list': () => [run],
      'eval.show': () => report('fail', override),
      'audit.override': ({ reason, by }) => {
        override = { by: by ?? 'unknown', reason, at: '2026-03-01T12:00:00.000Z' };
        return { id: 1, run_id: 4, kind: 'audit', metrics: {}, verdict: 'fail', override, job_id: null, created_at: '2026-03-01T11:00:00.000Z' };
      },
    });
    render(EvaluateStep);
    await screen.findByText('3 of 40 names were reproduced from the corpus.');
    expect(screen.getByText('Dr. J*** C*****')).toBeTruthy();
    const accept = screen.getByRole('button', { name: 'Accept the failed audit' });
    expect(accept).toHaveProperty('disabled', true);
    await fireEvent.input(screen.getByRole('textbox', { name: 'Why it is acceptable' }), {
      target: { value: 'Used only inside the clinic, on the same patients’ records.' },
    });
    await fireEvent.input(screen.getByRole('textbox', { name: 'Your name' }), { target: { value: 'Dr. Lee' } });
    await fireEvent.click(accept);
    await screen.findByText(/Accepted by/);
    expect(fake.callsOf('audit.override')).toEqual([{ run: 4, reason: 'Used only inside the clinic, on the same patients’ records.', by: 'Dr. Lee' }]);
    expect(screen.getByText('Failed, accepted')).toBeTruthy();
  });
});
