// "Try it" on an exported ONNX model: the call carries the model.onnx path, the result says it ran on
// ONNX Runtime, and a classifier's answer shows its labels with their probabilities.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelTryResult } from '../../../../main/common/dto';
import { installFake } from '../../test/fake-bridge';
import TryBox from './TryBox.svelte';

afterEach(() => cleanup());

const classified: ModelTryResult = {
  model: '/exports/triage/onnx/model.onnx',
  model_type: 'distilbert',
  task: 'sequence-classification',
  backend: 'onnxruntime',
  input_ids: [101, 2054, 102],
  tokens: ['[CLS]', 'urgent', '[SEP]'],
  positions: [0],
  top: [{ position: 0, candidates: [{ id: 1, token: 'urgent', probability: 0.83 }, { id: 0, token: 'routine', probability: 0.17 }] }],
};

describe('TryBox on an exported ONNX model', () => {
  it('runs the ONNX file and shows a classifier’s labels', async () => {
    const fake = installFake({ 'model.try': () => classified });
    render(TryBox, { model: { name: 'triage', model_type: 'gpt2' }, onnx: '/exports/triage/onnx/model.onnx' });
    await fireEvent.input(screen.getByRole('textbox', { name: 'Text' }), { target: { value: 'chest pain' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Try it' }));
    const result = await screen.findByRole('region', { name: 'What the model suggests' });
    expect(fake.callsOf('model.try')).toEqual([{ model: 'triage', text: 'chest pain', top_k: 5, generate: 20, onnx: '/exports/triage/onnx/model.onnx' }]);
    expect(within(result).getByRole('heading', { name: 'Labels' })).toBeTruthy();
    const items = within(result).getAllByRole('listitem');
    expect(items[0]?.textContent).toMatch(/urgent\s*83%/);
    expect(items[1]?.textContent).toMatch(/routine\s*17%/);
    expect(result.textContent).toMatch(/Ran on ONNX Runtime/);
  });

  it('runs the engine when no ONNX file is given', async () => {
    const fake = installFake({ 'model.try': () => ({ ...classified, task: 'causal-lm', backend: 'wasm', positions: [0, 1, 2] }) });
    render(TryBox, { model: { name: 'triage', model_type: 'gpt2' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Try it' }));
    await screen.findByRole('region', { name: 'What the model suggests' });
    expect(fake.callsOf('model.try')[0]).not.toHaveProperty('onnx');
  });
});
