// The Base model step over a fake core: check a folder (summary, warnings), register it under a
// name (chosen for the next steps), plain errors for folders that cannot be used, "Try it" for a
// masked and a causal model, and vocabulary coverage on the chosen corpus.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelInspection, ModelSummary, ModelTryResult } from '../../../main/common/dto';
import { selection } from '../lib/state/selection.svelte';
import { installFake } from '../test/fake-bridge';
import BaseModelStep from './BaseModelStep.svelte';

afterEach(() => cleanup());

const inspection: ModelInspection = {
  folder: '/models/legal-bert-base',
  model_type: 'bert',
  architectures: ['BertForMaskedLM'],
  head: 'masked-lm',
  parameters: 109_514_298,
  bytes: 440_473_133,
  vocab_size: 30522,
  max_positions: 512,
  hidden_size: 768,
  layers: 12,
  heads: 12,
  dtypes: ['F32'],
  weight_files: ['model.safetensors'],
  tokenizer: { kind: 'wordpiece', vocab_size: 30522 },
  content_hash: 'ab'.repeat(32),
  warnings: ['generation_config.json is ignored for masked language models.'],
};

const summary = (name: string, model_type = 'bert'): ModelSummary => ({
  id: name.length,
  name,
  model_type,
  path: `/models/${name}`,
  parameters: 109_514_298,
  bytes: 440_473_133,
  vocab_size: 30522,
  created_at: '2026-03-01T09:00:00.000Z',
});

function tryResult(patch: Partial<ModelTryResult>): ModelTryResult {
  return {
    model: '/models/x',
    model_type: 'bert',
    task: 'masked-lm',
    backend: 'wasm',
    input_ids: [2, 10, 4, 3],
    tokens: ['[CLS]', 'renal', '[MASK]', '[SEP]'],
    positions: [2],
    top: [
      {
        position: 2,
        candidates: [
          { id: 11, token: 'failure', probability: 0.62 },
          { id: 12, token: '##itis', probability: 0.05 },
        ],
      },
    ],
    ...patch,
  };
}

describe('Base model step: register a folder', () => {
  it('checks the folder, shows its summary, registers it under a name and chooses it', async () => {
    let models: ModelSummary[] = [];
    const fake = installFake({
      'model.list': () => models,
      'corpus.list': () => [],
      'model.inspect': () => inspection,
      'model.import': ({ name }) => {
        models = [summary(name)];
        return { ...summary(name), inspection };
      },
    });
    render(BaseModelStep);
    await fireEvent.input(await screen.findByRole('textbox', { name: 'Model folder' }), { target: { value: ' /models/legal-bert-base/ ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check folder' }));
    const preview = await screen.findByRole('region', { name: 'What the folder holds' });
    expect(fake.callsOf('model.inspect')).toEqual([{ folder: '/models/legal-bert-base/' }]);
    expect(preview.textContent).toContain('110 million');
    expect(preview.textContent).toContain('Filling in missing words');
    expect(preview.textContent).toContain('512 tokens');
    expect(preview.textContent).toContain('wordpiece, 30,522 entries');
    expect(within(preview).getByRole('list', { name: 'Warnings' }).textContent).toContain('generation_config.json is ignored');
    expect(fake.callsOf('model.import')).toEqual([]); // checking records nothing

    const name = screen.getByRole('textbox', { name: 'Name in this workspace' }) as HTMLInputElement;
    expect(name.value).toBe('legal-bert-base');
    await fireEvent.input(name, { target: { value: 'Legal BERT' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Register model' }));
    await screen.findByText('“Legal BERT” is registered and chosen for the next steps.');
    expect(fake.callsOf('model.import')).toEqual([{ folder: '/models/legal-bert-base', name: 'Legal BERT' }]);
    await expect.poll(() => selection.model).toBe('Legal BERT');
    expect(await screen.findByRole('radio', { name: 'Use Legal BERT' })).toHaveProperty('checked', true);
    expect(screen.getByRole('heading', { name: 'Try “Legal BERT”' })).toBeTruthy();
  });

  it('says plainly why a folder cannot be used', async () => {
    installFake({
      'model.list': () => [],
      'corpus.list': () => [],
      'model.inspect': () => ({
        code: 'bad_input',
        message: '/models/old has only pytorch_model.bin: pickle files can run code, so they are not loaded. Convert it to safetensors.',
      }),
    });
    render(BaseModelStep);
    await fireEvent.input(await screen.findByRole('textbox', { name: 'Model folder' }), { target: { value: '/models/old' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check folder' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This folder cannot be used');
    expect(alert.textContent).toContain('pickle files can run code');
    expect(screen.queryByRole('button', { name: 'Register model' })).toBeNull();
  });

  it('keeps the summary and shows the refusal when the name is taken', async () => {
    installFake({
      'model.list': () => [summary('bert')],
      'corpus.list': () => [],
      'model.inspect': () => inspection,
      'model.import': () => ({ code: 'conflict', message: 'A model named "bert" already exists; choose another name.', field: 'name' }),
    });
    render(BaseModelStep);
    await fireEvent.click(await screen.findByRole('button', { name: 'Register another model' }));
    await fireEvent.input(screen.getByRole('textbox', { name: 'Model folder' }), { target: { value: '/models/bert' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check folder' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Register model' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The model was not registered');
    expect(alert.textContent).toContain('already exists');
    expect(screen.getByRole('textbox', { name: 'Name in this workspace' }).getAttribute('aria-invalid')).toBe('true');
  });
});

describe('Base model step: try it', () => {
  it('fills in the blank of a masked language model', async () => {
    const fake = installFake({ 'model.list': () => [summary('clinical-bert')], 'corpus.list': () => [], 'model.try': () => tryResult({}) });
    selection.chooseModel('clinical-bert');
    render(BaseModelStep);
    const text = (await screen.findByRole('textbox', { name: 'Text' })) as HTMLTextAreaElement;
    expect(text.value).toContain('[MASK]');
    await fireEvent.input(text, { target: { value: 'renal ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Insert [MASK]' }));
    expect(text.value).toBe('renal [MASK]');
    await fireEvent.click(screen.getByRole('button', { name: 'Try it' }));
    const result = await screen.findByRole('region', { name: 'What the model suggests' });
    expect(fake.callsOf('model.try')).toEqual([{ model: 'clinical-bert', text: 'renal [MASK]', top_k: 5, generate: 0 }]);
    const items = within(result).getAllByRole('listitem');
    expect(items[0]?.textContent).toMatch(/failure\s*62%/);
    expect(items[1]?.textContent).toMatch(/…itis\s*5\.0%/);
  });

  it('shows next tokens and a continuation for a causal model, and the core’s error otherwise', async () => {
    let fail = false;
    const fake = installFake({
      'model.list': () => [summary('gpt', 'gpt2')],
      'corpus.list': () => [],
      'model.try': () =>
        fail
          ? { code: 'bad_input', message: 'The input is longer than the model’s 1024 positions.' }
          : tryResult({
              task: 'causal-lm',
              model_type: 'gpt2',
              positions: [0, 1],
              top: [
                { position: 0, candidates: [{ id: 1, token: 'Ġfirst', probability: 0.3 }] },
                { position: 1, candidates: [{ id: 2, token: 'Ġfever', probability: 0.4 }] },
              ],
              generated: { ids: [2, 3], tokens: ['Ġfever', 'Ġand'], text: ' fever and' },
            }),
    });
    selection.chooseModel('gpt');
    render(BaseModelStep);
    await screen.findByText(/Write the start of a sentence/);
    expect(screen.queryByRole('button', { name: /Insert/ })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Try it' }));
    const result = await screen.findByRole('region', { name: 'What the model suggests' });
    expect(fake.callsOf('model.try')).toEqual([{ model: 'gpt', text: 'The patient was admitted with', top_k: 5, generate: 20 }]);
    expect(result.textContent).toContain('The patient was admitted with fever and');
    // Only the last position's distribution: what comes next.
    expect(within(result).getAllByRole('listitem').map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['␣fever 40%']);
    fail = true;
    await fireEvent.click(screen.getByRole('button', { name: 'Try it' }));
    expect((await screen.findByRole('alert')).textContent).toContain('longer than the model’s 1024 positions');
    expect(screen.queryByRole('region', { name: 'What the model suggests' })).toBeNull();
  });

  it('points at step 1 for vocabulary coverage until a corpus is chosen', async () => {
    installFake({ 'model.list': () => [summary('clinical-bert')], 'corpus.list': () => [], 'model.try': () => tryResult({}) });
    selection.chooseModel('clinical-bert');
    render(BaseModelStep);
    const note = await screen.findByText(/to see how well this model’s vocabulary covers it/);
    expect(within(note).getByRole('link', { name: 'step 1' }).getAttribute('href')).toBe('#/corpus');
  });
});
