// The whole shell over a fake core: it loads the header, the lists and the jobs at start, follows
// the address's hash between pages, moves focus to the new page's heading, and marks done steps.
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { doctorReport, INFO, installFake, type FakeBridge } from './test/fake-bridge';

let fake: FakeBridge;

beforeEach(() => {
  window.location.hash = '';
  fake = installFake({
    'app.info': () => INFO,
    'doctor.run': () => doctorReport('wasm'),
    'jobs.list': () => [],
    'corpus.list': () => [
      { id: 1, name: 'contracts', status: 'ready', documents: 12, bytes: 40_000, tokens: 9_000, created_at: '2026-03-01T09:00:00.000Z' },
    ],
    'model.list': () => [],
    'runs.list': () => [],
  });
});

afterEach(() => cleanup());

async function go(hash: string) {
  window.location.hash = hash;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

describe('App', () => {
  it('starts on the Corpus step and loads what the header and the steps need', async () => {
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'Corpus' });
    await screen.findByRole('row', { name: /contracts/ });
    await waitFor(() => expect(screen.getByTestId('backend').textContent).toContain('WebAssembly'));
    const called = new Set(fake.calls.map((call) => call.method));
    for (const method of ['app.info', 'doctor.run', 'jobs.list', 'corpus.list', 'model.list', 'runs.list'] as const) {
      expect(called.has(method)).toBe(true);
    }
    expect(document.title).toBe('Corpus · Domain Studio');
  });

  it('follows the hash to another page and focuses its heading', async () => {
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'Corpus' });
    await go('#/evaluate');
    const heading = await screen.findByRole('heading', { level: 1, name: 'Evaluate' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('link', { name: /Evaluate/, current: 'step' })).toBeTruthy();
    expect(document.title).toBe('Evaluate · Domain Studio');
    await go('#/no-such-page');
    await screen.findByRole('heading', { level: 1, name: 'Corpus' });
  });

  it('marks the Corpus step done once a corpus exists, and not the Base model step', async () => {
    render(App);
    await screen.findByRole('row', { name: /contracts/ });
    const nav = screen.getByRole('navigation', { name: 'Wizard steps' });
    const step = (id: string) => nav.querySelector(`a[data-route="${id}"]`)?.textContent ?? '';
    await waitFor(() => expect(step('corpus')).toContain('(done)'));
    expect(step('base-model')).not.toContain('(done)');
  });

  it('reloads the lists when a job finishes, since it may have added a corpus, model or run', async () => {
    render(App);
    await screen.findByRole('row', { name: /contracts/ });
    const before = fake.callsOf('corpus.list').length;
    fake.emit('job.finished', { job_id: 1, kind: 'workspace.check', status: 'succeeded', result: null, error: null, at: '2026-03-01T09:00:00.000Z' });
    await waitFor(() => expect(fake.callsOf('corpus.list').length).toBeGreaterThan(before));
  });

  it('shows a banner when the core cannot be reached', async () => {
    fake.handlers['app.info'] = () => ({ code: 'unauthorized', message: 'This page was opened without its access token.' });
    render(App);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Domain Studio cannot reach its core');
    expect(alert.textContent).toContain('This page was opened without its access token.');
  });
});
