// The train job's model-dependent defaults: the peak learning rate by method and base-model size, and
// cpt-lora's LoRA layout recorded in a new run (an older run, recorded without it, resumes as it was trained),
// and the checks of LoRA settings before a run is recorded.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainSchema } from '../../common/contract';
import { peakLrFor, TRAIN_DEFAULTS } from '../../engine/train/defaults';
import { checkLoraModules, loraSpecOf, peakLrOf, withLoraDefaults } from './train-defaults';

const TINY_BERT = join(import.meta.dirname, '../../../resources/models/tiny-bert');
const parse = (extra: Record<string, unknown>) => trainSchema.parse({ corpus: 'c', base: 'b', ...extra });

describe('train job defaults', () => {
  it('takes the peak rate from the method and the base model size unless the run names one', async () => {
    // tiny-bert: about 1 M parameters, a small model.
    expect(await peakLrOf(parse({ method: 'cpt-lora' }), TINY_BERT)).toBe(peakLrFor('cpt-lora', 1e6));
    expect(await peakLrOf(parse({ method: 'cpt-full' }), TINY_BERT)).toBe(TRAIN_DEFAULTS.smallModelPeakLr['cpt-full']);
    expect(await peakLrOf(parse({ method: 'lora-task' }), TINY_BERT)).toBe(TRAIN_DEFAULTS.smallModelPeakLr['lora-task']);
    expect(await peakLrOf(parse({ method: 'scratch' }), '/no/such/folder')).toBe(TRAIN_DEFAULTS.scratchPeakLr);
    expect(await peakLrOf(parse({ method: 'cpt-lora', lr: 0.0002 }), TINY_BERT)).toBe(0.0002);
  });

  it("records cpt-lora's LoRA layout for the base model's architecture, and keeps what the user gave", () => {
    const bert = withLoraDefaults(parse({ method: 'cpt-lora' }), 'bert');
    expect(bert.lora).toMatchObject({ modules_to_save: ['cls.predictions'], targets: ['query', 'key', 'value', 'output.dense', 'intermediate.dense'] });
    expect(withLoraDefaults(parse({ method: 'cpt-lora' }), 'roberta').lora.modules_to_save).toEqual(['lm_head']);
    expect(withLoraDefaults(parse({ method: 'cpt-lora' }), 'gpt2').lora).toMatchObject({ modules_to_save: [], targets: ['c_attn', 'c_proj', 'c_fc'] });
    expect(withLoraDefaults(parse({ method: 'cpt-lora', lora: { modules_to_save: [], targets: ['query'] } }), 'bert').lora).toMatchObject({ modules_to_save: [], targets: ['query'] });
    expect(withLoraDefaults(parse({ method: 'cpt-full' }), 'bert').lora.modules_to_save).toBeUndefined();
  });

  it('trains a run as recorded: the recorded layout, or an older run (recorded without it) as LoRA alone on the old targets', async () => {
    // The recorded config survives the schema (runs.resume parses it again).
    const recorded = trainSchema.parse(JSON.parse(JSON.stringify(withLoraDefaults(parse({ method: 'cpt-lora' }), 'bert'))));
    expect(await loraSpecOf(recorded, TINY_BERT)).toMatchObject({ r: 8, alpha: 16, modulesToSave: ['cls.predictions'], targetModules: ['query', 'key', 'value', 'output.dense', 'intermediate.dense'] });
    expect(await loraSpecOf(parse({ method: 'cpt-lora' }), TINY_BERT)).toMatchObject({ modulesToSave: [], targetModules: ['query', 'key', 'value', 'dense'] });
    expect(await loraSpecOf(parse({ method: 'cpt-lora', lora: { targets: ['query'] } }), TINY_BERT)).toMatchObject({ modulesToSave: [], targetModules: ['query'] });
  });

  it('refuses LoRA settings the run would fail on before it is recorded, naming the field', async () => {
    await expect(checkLoraModules(TINY_BERT, 'bert', parse({ method: 'cpt-lora' }))).resolves.toBeUndefined();
    await expect(checkLoraModules(TINY_BERT, 'bert', parse({ method: 'cpt-lora', lora: { targets: ['query', 'dense'] } }))).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'lora.targets',
      message: expect.stringMatching(/lies inside "cls\.predictions"/),
    });
    // The same targets with LoRA alone are fine (the head is not trained in full).
    await expect(checkLoraModules(TINY_BERT, 'bert', parse({ method: 'cpt-lora', lora: { targets: ['query', 'dense'], modules_to_save: [] } }))).resolves.toBeUndefined();
    await expect(checkLoraModules(TINY_BERT, 'bert', parse({ method: 'cpt-lora', lora: { targets: ['q_proj'] } }))).rejects.toMatchObject({ field: 'lora.targets', message: expect.stringMatching(/match no linear layer/) });
    await expect(checkLoraModules(TINY_BERT, 'bert', parse({ method: 'cpt-lora', lora: { modules_to_save: ['lm_head'] } }))).rejects.toMatchObject({ field: 'lora.modules_to_save' });
    await expect(checkLoraModules(TINY_BERT, 'bert', parse({ method: 'cpt-full', lora: { targets: ['q_proj'] } }))).resolves.toBeUndefined();
  });
});
