// The activity panel over a fake core: "Check workspace" really calls jobs.start, live progress
// events move the bar, the finished event shows the result, and a refused start shows why.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { jobs } from '../state/jobs.svelte';
import { installFake, job } from '../../test/fake-bridge';
import JobsPanel from './JobsPanel.svelte';

afterEach(() => cleanup());

describe('JobsPanel', () => {
  it('says there are no jobs yet when the list is empty', async () => {
    installFake({ 'jobs.list': () => [] });
    await jobs.connect();
    render(JobsPanel);
    expect(screen.getByText(/No jobs yet/)).toBeTruthy();
  });

  it('starts a workspace check and follows it to its result', async () => {
    const fake = installFake({
      'jobs.list': () => [],
      'jobs.start': () => job(7, { status: 'running', started_at: '2026-03-01T09:00:01.000Z' }),
    });
    await jobs.connect();
    render(JobsPanel);

    await fireEvent.click(screen.getByRole('button', { name: 'Check workspace' }));
    expect(fake.callsOf('jobs.start')).toEqual([{ kind: 'workspace.check', params: {} }]);
    await screen.findByText('Running');
    expect(screen.getByRole('button', { name: /Checking workspace/ }).hasAttribute('disabled')).toBe(true);

    fake.emit('job.progress', {
      job_id: 7,
      kind: 'workspace.check',
      progress: 0.4,
      message: 'Hashing corpora/1/shard-0.bin',
      counters: { files_done: 4, files: 10, bytes_done: 1_200_000, bytes: 3_000_000, mb_per_s: 12.5, eta_s: 130 },
      at: '2026-03-01T09:00:02.000Z',
    });
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40'));
    expect(screen.getByText('Hashing corpora/1/shard-0.bin')).toBeTruthy();
    expect(screen.getByText('4 of 10 files · 1.2 MB of 3.0 MB · 12.5 MB/s · about 2 min left')).toBeTruthy();

    fake.emit('job.finished', {
      job_id: 7,
      kind: 'workspace.check',
      status: 'succeeded',
      result: { files: 12, bytes: 2_400_000, digest: 'ab12cd34ef56ab12cd34', integrity: 'ok' },
      error: null,
      at: '2026-03-01T09:00:03.000Z',
    });
    await screen.findByText('Done');
    expect(screen.getByText('12 files, 2.4 MB, database healthy. Fingerprint ab12cd34ef56…')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByTestId('jobs-announcement').textContent).toBe(
      'Workspace check: Done. 12 files, 2.4 MB, database healthy. Fingerprint ab12cd34ef56…',
    );
    expect(screen.getByRole('button', { name: 'Check workspace' }).hasAttribute('disabled')).toBe(false);
  });

  it('shows why a job failed', async () => {
    installFake({
      'jobs.list': () => [
        job(3, { status: 'failed', error: { code: 'job_failed', message: 'The job process exited with code 137 (killed).' } }),
      ],
    });
    await jobs.connect();
    render(JobsPanel);
    expect(screen.getByText('Failed')).toBeTruthy();
    expect(screen.getByText('The job process exited with code 137 (killed).')).toBeTruthy();
  });

  it('shows the core’s reason when a check cannot start', async () => {
    installFake({
      'jobs.list': () => [],
      'jobs.start': () => ({ code: 'conflict', message: 'A workspace check is already running.' }),
    });
    await jobs.connect();
    render(JobsPanel);
    await fireEvent.click(screen.getByRole('button', { name: 'Check workspace' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('A workspace check is already running.');
    expect(alert.textContent).toContain('conflict');
  });

  it('cancels a running job through jobs.cancel', async () => {
    const fake = installFake({
      'jobs.list': () => [job(5, { status: 'running', progress: 0.1 })],
      'jobs.cancel': ({ id }) => job(id, { status: 'cancelled' }),
    });
    await jobs.connect();
    render(JobsPanel);
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.callsOf('jobs.cancel')).toEqual([{ id: 5 }]);
    await screen.findByText('Cancelled');
  });
});
