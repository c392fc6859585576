// The header reads app.info and doctor.run through the client: workspace, mode, backend, and
// what it shows while the doctor is still probing or when it failed.
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { app } from '../state/app.svelte';
import { doctorReport, INFO, installFake } from '../../test/fake-bridge';
import AppHeader from './AppHeader.svelte';

afterEach(() => cleanup());

describe('AppHeader', () => {
  it('shows the workspace, how the app runs and the selected training backend', async () => {
    installFake({ 'app.info': () => INFO, 'doctor.run': () => doctorReport('wasm') });
    render(AppHeader);
    app.start();
    await waitFor(() => expect(screen.getByTestId('workspace-path').textContent).toContain('/home/dr.lee/Studio Workspace'));
    expect(screen.getByText('Local server')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('backend').textContent?.trim()).toBe('WebAssembly on the CPU'));
    expect(screen.queryByText('Workspace database problem')).toBeNull();
  });

  it('warns when the doctor finds the workspace database damaged', async () => {
    const report = doctorReport('cpu');
    report.workspace.database = { ...report.workspace.database, ok: false, integrity: 'row 12 missing from index', message: 'studio.db is damaged.' };
    installFake({ 'app.info': () => INFO, 'doctor.run': () => report });
    render(AppHeader);
    app.start();
    const badge = await screen.findByText('Workspace database problem');
    expect(badge.parentElement?.getAttribute('title')).toBe('studio.db is damaged.');
  });

  it('says the backend check failed instead of showing nothing', async () => {
    installFake({
      'app.info': () => INFO,
      'doctor.run': () => ({ code: 'internal', message: 'probe crashed' }),
    });
    render(AppHeader);
    app.start();
    await waitFor(() => expect(screen.getByTestId('backend').textContent).toContain('check failed'));
  });

  it('cycles the theme and sets it on the document', async () => {
    installFake({ 'app.info': () => INFO, 'doctor.run': () => doctorReport('cpu') });
    render(AppHeader);
    const button = screen.getByRole('button', { name: /Theme: system/ });
    button.click();
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    screen.getByRole('button', { name: /Theme: light/ }).click();
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    screen.getByRole('button', { name: /Theme: dark/ }).click();
    await waitFor(() => expect(document.documentElement.dataset.theme).toBeUndefined());
  });
});
