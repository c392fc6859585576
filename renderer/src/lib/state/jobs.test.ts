// Job list merging: events can overtake answers, and a job never moves backwards.
import { describe, expect, it } from 'vitest';
import { StudioClient } from '../api/client';
import { FakeBridge, job, type Handlers } from '../../test/fake-bridge';
import { JobsState } from './jobs.svelte';

function setup(handlers: Handlers) {
  const fake = new FakeBridge(handlers);
  const state = new JobsState(new StudioClient(() => fake));
  return { fake, state };
}

const finished = (job_id: number) =>
  ({ job_id, kind: 'workspace.check', status: 'succeeded', result: null, error: null, at: '2026-03-01T09:00:05.000Z' }) as const;

describe('JobsState', () => {
  it('keeps a job finished when its finished event arrives before the answer to jobs.start', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { fake, state } = setup({
      'jobs.list': () => [job(4, { status: 'running' })],
      'jobs.start': async () => {
        await gate;
        return job(4, { status: 'running' });
      },
    });
    await state.connect();
    const started = state.start('workspace.check', {});
    fake.emit('job.finished', finished(4));
    release();
    await started;
    expect(state.list[0]?.status).toBe('succeeded');
    expect(state.list[0]?.progress).toBe(1);
    expect(state.active).toHaveLength(0);
  });

  it('loads the list again when progress arrives for a job it does not know', async () => {
    const listed: number[][] = [];
    let rows = [job(1, { status: 'succeeded' })];
    const { fake, state } = setup({
      'jobs.list': () => {
        listed.push(rows.map((r) => r.id));
        return rows;
      },
    });
    await state.connect();
    rows = [job(2, { status: 'running' }), ...rows];
    fake.emit('job.progress', { job_id: 2, kind: 'workspace.check', progress: 0.2, message: 'started elsewhere', counters: {}, at: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(listed).toEqual([[1], [2, 1]]);
    expect(state.list.map((j) => j.id)).toEqual([2, 1]);
    expect(state.live[2]?.message).toBe('started elsewhere');
  });

  it('reloads after the event stream reconnects, so missed events do not leave a job stuck', async () => {
    let status: 'running' | 'succeeded' = 'running';
    const { fake, state } = setup({ 'jobs.list': () => [job(3, { status })] });
    await state.connect();
    expect(state.active).toHaveLength(1);
    fake.setConnected(false);
    status = 'succeeded';
    fake.setConnected(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(state.list[0]?.status).toBe('succeeded');
  });
});
