// Architectures by config.json's `model_type`. Registration is data: add a line to ARCHITECTURES.
// An unknown model_type is refused with the list of those we support.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { bert } from './bert/model';
import { distilbert } from './distilbert/model';
import { gpt2 } from './gpt2/model';
import { llama } from './llama/model';
import { roberta } from './roberta/model';
import type { Architecture, BaseConfig } from './types';

/** Each architecture's functions receive only configs its own parseConfig made. */
function entry<C extends BaseConfig>(arch: Architecture<C>): Architecture {
  return arch as unknown as Architecture;
}

export const ARCHITECTURES: Readonly<Record<string, Architecture>> = {
  bert: entry(bert),
  roberta: entry(roberta),
  distilbert: entry(distilbert),
  gpt2: entry(gpt2),
  llama: entry(llama),
};

export const SUPPORTED_MODEL_TYPES = Object.keys(ARCHITECTURES);

export function architectureFor(modelType: string): Architecture {
  const arch = Object.hasOwn(ARCHITECTURES, modelType) ? ARCHITECTURES[modelType] : undefined;
  if (arch === undefined) {
    throw new StudioError('unsupported', `Model type "${modelType}" is not supported (supported: ${SUPPORTED_MODEL_TYPES.join(', ')})`, { field: 'model_type' });
  }
  return arch;
}

export interface ModelSpec {
  arch: Architecture;
  config: BaseConfig;
}

/** config.json's object → its architecture and parsed config. */
export function parseModelConfig(raw: unknown): ModelSpec {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new StudioError('bad_input', 'config.json must hold a JSON object');
  }
  const record = raw as Record<string, unknown>;
  if (typeof record.model_type !== 'string') {
    throw new StudioError('bad_input', 'config.json has no "model_type": is this a Hugging Face model folder?', { field: 'model_type' });
  }
  const arch = architectureFor(record.model_type);
  return { arch, config: arch.parseConfig(record) };
}

/** Reads and parses `<folder>/config.json`. */
export async function readModelConfig(folder: string): Promise<ModelSpec> {
  const file = join(folder, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StudioError('bad_input', code === 'ENOENT' ? `${folder} has no config.json: not a Hugging Face model folder` : `Cannot read ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StudioError('bad_input', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseModelConfig(raw);
}
