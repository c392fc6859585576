// The Export step over a fake core: formats that apply to the source with rough sizes, the signing
// key's fingerprint, starting an export and following it to the verified files; and the bundle
// import a colleague uses (trust only after comparing the fingerprint; a tampered bundle refused).
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { BundleVerifyResult, ExportDto, ExportPlanDto, ModelSummary, RunSummary } from '../../../main/common/dto';
import { jobs } from '../lib/state/jobs.svelte';
import { installFake, job } from '../test/fake-bridge';
import ExportStep from './ExportStep.svelte';
import BundleImport from './export/BundleImport.svelte';

afterEach(() => cleanup());

const run: RunSummary = {
  id: 7,
  corpus: 'contracts',
  base_model: 'legal-bert',
  method: 'cpt-lora',
  status: 'succeeded',
  created_at: '2026-03-01T09:00:00.000Z',
  finished_at: '2026-03-01T10:00:00.000Z',
  metrics: { parameters: { total: 110e6, trainable: 300_000 } },
};
const model: ModelSummary = {
  id: 2,
  name: 'legal-bert',
  model_type: 'bert',
  path: '/models/legal-bert',
  parameters: 110e6,
  bytes: 440e6,
  vocab_size: 30522,
  created_at: '2026-03-01T09:00:00.000Z',
};
const FINGERPRINT = 'AB12 CD34 EF56 7890';
const written: ExportDto = {
  id: 1,
  run_id: 7,
  model_id: null,
  source_name: 'run-7',
  format: 'hf',
  path: '/exports/contracts/hf',
  files: 5,
  bytes: 441e6,
  sha256: 'f'.repeat(64),
  verified: true,
  verification: { tensors: 201, checked: 'tensor-sha256' },
  job_id: 30,
  created_at: '2026-03-01T11:00:00.000Z',
};

function exportPlan(lora: boolean, audit: ExportPlanDto['audit'] = { verdict: null, override: null, blocks_export: false }): ExportPlanDto {
  const adapter = (available: boolean) => ({ available, reason: available ? null : 'Only a run trained with LoRA has an adapter.' });
  return {
    source: { run_id: lora ? 7 : null, model_id: lora ? null : 2, name: 'legal-bert', model_type: 'bert' },
    formats: [
      { format: 'hf', available: true, reason: null, estimated_bytes: 440e6 },
      { format: 'peft', ...adapter(lora), estimated_bytes: lora ? 1.2e6 : 0 },
      { format: 'merged', ...adapter(lora), estimated_bytes: lora ? 440e6 : 0 },
      { format: 'onnx', available: true, reason: null, estimated_bytes: 441e6 },
      { format: 'bundle', available: true, reason: null, estimated_bytes: 442e6 },
    ],
    audit,
  };
}

describe('Export step', () => {
  it('exports a LoRA run in the chosen formats and lists the verified result', async () => {
    let exports: ExportDto[] = [];
    const fake = installFake({
      'runs.list': () => [run],
      'model.list': () => [model],
      'keys.fingerprint': () => ({ fingerprint: FINGERPRINT, public_key: 'x', trusted: [] }),
      'export.list': () => exports,
      'export.plan': () => exportPlan(true),
      'export.start': () => job(30, { kind: 'export', status: 'queued' }),
      'jobs.list': () => [],
    });
    await jobs.connect();
    render(ExportStep);
    expect((await screen.findByTestId('fingerprint')).textContent).toBe(FINGERPRINT);
    const peft = screen.getByRole('checkbox', { name: /LoRA adapter only/ });
    await waitFor(() => expect(peft).toHaveProperty('disabled', false));
    expect(peft.closest('li')?.textContent).toContain('about 1.2 MB');
    expect(screen.getByRole('checkbox', { name: /Hugging Face folder/ }).closest('li')?.textContent).toContain('about 440 MB');
    expect(screen.getByText(/Privacy audit:/).parentElement?.textContent).toContain('not audited');
    await screen.findByText('None yet.');

    await fireEvent.click(screen.getByRole('checkbox', { name: /Hugging Face folder/ }));
    await fireEvent.input(screen.getByRole('textbox', { name: 'Output folder' }), { target: { value: '/exports/contracts' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await screen.findByRole('progressbar', { name: 'Export 30' });
    expect(fake.callsOf('export.start')).toEqual([{ run: 7, formats: ['hf', 'bundle'], out: '/exports/contracts' }]);

    fake.emit('job.progress', { job_id: 30, kind: 'export', progress: 0.5, message: 'Checking the ONNX file with onnxruntime', counters: {}, at: '2026-03-01T11:00:01.000Z' });
    await screen.findByText('Checking the ONNX file with onnxruntime');
    exports = [written];
    fake.emit('job.finished', { job_id: 30, kind: 'export', status: 'succeeded', result: null, error: null, at: '2026-03-01T11:00:09.000Z' });
    await screen.findByText('Written and checked. The files are listed below.');
    const row = await screen.findByRole('row', { name: /Hugging Face folder/ });
    expect(row.textContent).toContain('/exports/contracts/hf');
    expect(row.textContent).toContain('441 MB');
    expect(row.textContent).toContain('✓ Verified');
    expect(row.textContent).toContain('checked: tensor-sha256');
  });

  it('offers only whole-model formats for a registered model', async () => {
    installFake({
      'runs.list': () => [],
      'model.list': () => [model],
      'keys.fingerprint': () => ({ fingerprint: FINGERPRINT, public_key: 'x', trusted: [] }),
      'export.list': () => [],
      'export.plan': () => exportPlan(false),
    });
    render(ExportStep);
    const peft = await screen.findByRole('checkbox', { name: /LoRA adapter only/ });
    await waitFor(() => expect(peft.closest('li')?.textContent).toContain('Only a run trained with LoRA has an adapter.'));
    expect(peft).toHaveProperty('disabled', true);
    expect(screen.getByText('No finished training run yet: only registered models can be exported.')).toBeTruthy();
    // The output folder may stay empty: the workspace's exports folder is used.
    expect(screen.getByRole('button', { name: 'Export' })).toHaveProperty('disabled', false);
  });

  it('blocks export after a failed privacy audit and points at step 5', async () => {
    installFake({
      'runs.list': () => [run],
      'model.list': () => [model],
      'keys.fingerprint': () => ({ fingerprint: FINGERPRINT, public_key: 'x', trusted: [] }),
      'export.list': () => [],
      'export.plan': () => exportPlan(true, { verdict: 'fail', override: null, blocks_export: true }),
    });
    render(ExportStep);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Privacy audit: failed.');
    expect(alert.querySelector('a')?.getAttribute('href')).toBe('#/evaluate');
    expect(screen.getByRole('button', { name: 'Export' })).toHaveProperty('disabled', true);
  });

  it('shows the empty state without runs or models', async () => {
    installFake({ 'runs.list': () => [], 'model.list': () => [], 'export.plan': () => exportPlan(false), 'keys.fingerprint': () => ({ fingerprint: FINGERPRINT, public_key: 'x', trusted: [] }) });
    render(ExportStep);
    await screen.findByText('Nothing to export yet — finish a training run first');
  });
});

describe('Importing a colleague’s bundle', () => {
  const verified: BundleVerifyResult = {
    ok: true,
    signer_fingerprint: FINGERPRINT,
    trusted: false,
    files: [{ path: 'hf/model.safetensors', size: 10, sha256: 'a'.repeat(64), ok: true }],
    reason: null,
    model: { name: 'contracts-model', model_type: 'bert', method: 'cpt-lora', base_model: 'legal-bert' },
    created_at: '2026-03-01T11:00:00.000Z',
  };

  it('imports only after the user trusts the signer’s key', async () => {
    const fake = installFake({
      'bundle.verify': () => verified,
      'bundle.import': ({ name }) => ({
        model: { ...model, id: 9, name: name ?? 'contracts-model' },
        signer_fingerprint: FINGERPRINT,
        was_trusted: false,
        files: 6,
        bytes: 442e6,
        contents: [{ format: 'hf', folder: 'hf' }],
      }),
    });
    render(BundleImport);
    await fireEvent.input(screen.getByRole('textbox', { name: 'Bundle file (.dsbundle)' }), { target: { value: '/in/contracts.dsbundle' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check bundle' }));
    const verdict = await screen.findByRole('region', { name: 'Bundle check' });
    expect(verdict.textContent).toContain('Intact and signed.');
    expect(within(verdict).getByTestId('signer').textContent).toBe(FINGERPRINT);
    expect(verdict.textContent).toContain('not a key you trust yet');
    const importButton = screen.getByRole('button', { name: 'Import model' });
    expect(importButton).toHaveProperty('disabled', true);
    await fireEvent.click(screen.getByRole('checkbox', { name: /I compared the fingerprint with the sender/ }));
    await fireEvent.click(importButton);
    await screen.findByText(/“contracts-model” is registered \(6 files, 442 MB\)/);
    expect(fake.callsOf('bundle.import')).toEqual([{ file: '/in/contracts.dsbundle', name: 'contracts-model', trust: true }]);
  });

  it('refuses a tampered bundle with the reason, and offers no import', async () => {
    installFake({
      'bundle.verify': () => ({
        ...verified,
        ok: false,
        reason: 'hf/model.safetensors does not match the manifest: the file was changed after signing.',
        files: [{ path: 'hf/model.safetensors', size: 10, sha256: 'b'.repeat(64), ok: false }],
      }),
    });
    render(BundleImport);
    await fireEvent.input(screen.getByRole('textbox', { name: 'Bundle file (.dsbundle)' }), { target: { value: '/in/x.dsbundle' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check bundle' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Refused.');
    expect(alert.textContent).toContain('changed after signing');
    expect(screen.getByText('✗ hf/model.safetensors')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Import model' })).toBeNull();
  });
});
