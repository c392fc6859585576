// config.json of a Hugging Face model folder: read (missing / malformed → clear error), the keys that
// decide the weights' shapes required explicitly, then parsed by the architecture registry (which
// refuses unknown model types and unsupported options by name).
import { StudioError } from '../../common/errors';
import { readModelConfig, SUPPORTED_MODEL_TYPES, type ModelSpec } from '../models/registry';

/** Keys whose absence would silently give the architecture's defaults and a model of the wrong size. */
export const REQUIRED_CONFIG_KEYS: Readonly<Record<string, readonly string[]>> = {
  bert: ['vocab_size', 'hidden_size', 'num_hidden_layers', 'num_attention_heads', 'intermediate_size'],
  roberta: ['vocab_size', 'hidden_size', 'num_hidden_layers', 'num_attention_heads', 'intermediate_size'],
  distilbert: ['vocab_size', 'dim', 'n_layers', 'n_heads', 'hidden_dim'],
  gpt2: ['vocab_size', 'n_embd', 'n_layer', 'n_head'],
  llama: ['vocab_size', 'hidden_size', 'num_hidden_layers', 'num_attention_heads', 'intermediate_size'],
};

export { SUPPORTED_MODEL_TYPES };

/** Reads and validates `<folder>/config.json`; returns the architecture and its parsed config. */
export async function readHfConfig(folder: string): Promise<ModelSpec> {
  const spec = await readModelConfig(folder);
  const raw = spec.config.raw;
  const required = REQUIRED_CONFIG_KEYS[spec.config.model_type] ?? [];
  const missing = required.filter((key) => raw[key] === undefined || raw[key] === null);
  if (missing.length > 0) {
    throw new StudioError(
      'bad_input',
      `config.json (${spec.config.model_type}) lacks ${missing.join(', ')}: these decide the size of the model's weights. ` +
        'Use the config.json that came with the weights.',
      { field: missing[0]! },
    );
  }
  return spec;
}
