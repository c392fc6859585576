// "This computer" reads the doctor's report: unavailable backends say why and how to fix it.
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { app } from '../state/app.svelte';
import { doctorReport, INFO, installFake } from '../../test/fake-bridge';
import SystemPanel from './SystemPanel.svelte';

afterEach(() => cleanup());

describe('SystemPanel', () => {
  it('lists each backend with its state, and the reason and fix for one that does not load', async () => {
    const report = doctorReport('wasm');
    report.backends = [
      {
        name: 'tensorflow-gpu',
        package: '@tensorflow/tfjs-node-gpu',
        available: false,
        selected: false,
        version: null,
        device: null,
        reason: 'The package @tensorflow/tfjs-node-gpu is not installed.',
        fix: 'Install CUDA 11.8 and cuDNN 8, then run npm install @tensorflow/tfjs-node-gpu.',
      },
      { name: 'wasm', package: '@tensorflow/tfjs-backend-wasm', available: true, selected: true, version: '4.22.0', device: 'SIMD, 1 thread', reason: null, fix: null },
    ];
    installFake({ 'app.info': () => INFO, 'doctor.run': () => report });
    render(SystemPanel);
    app.start();
    const gpu = await screen.findByTestId('backend-tensorflow-gpu');
    expect(gpu.textContent).toContain('Not available');
    expect(gpu.textContent).toContain('The package @tensorflow/tfjs-node-gpu is not installed.');
    expect(gpu.textContent).toContain('To fix: Install CUDA 11.8');
    const wasm = screen.getByTestId('backend-wasm');
    expect(wasm.textContent).toContain('In use');
    expect(wasm.textContent).toContain('SIMD, 1 thread');
    expect(screen.getByText('2 cores · 8.0 GB')).toBeTruthy();
    expect(screen.getByText(/healthy \(schema 1\)/)).toBeTruthy();
  });

  it('offers a retry when the check fails', async () => {
    installFake({ 'app.info': () => INFO, 'doctor.run': () => ({ code: 'internal', message: 'probe crashed' }) });
    render(SystemPanel);
    app.start();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('probe crashed');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
