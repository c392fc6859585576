// Writing a Hugging Face model folder that `from_pretrained` loads: config.json (sorted keys, two-space
// indent, Python-style floats, as transformers writes it), model.safetensors (or shards + index), the
// tokenizer files copied, and generation_config.json for decoders. A new folder is built beside the
// target and renamed into place, so it appears complete or not at all.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { StudioError } from '../../common/errors';
import { fsyncDirSync, writeFileAtomicSync } from '../../platform/atomic';
import type { TensorToWrite } from '../checkpoint/safetensors';
import { writeHfWeights } from '../checkpoint/sharded';
import { TOKENIZER_FILES } from '../tokenizers/index';

const DECODERS = new Set(['gpt2', 'llama']);

/** A number as Python's json.dumps writes a float or an int (1e-05, 500000.0 stays 500000.0 only if fractional). */
function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(value)) return String(value);
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent >= -4 && exponent < 16) return String(value);
  const [mantissa, exp] = value.toExponential().split('e') as [string, string];
  const sign = exp.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
}

function pythonString(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** json.dumps(obj, indent=2, sort_keys=True) — the format of transformers' config files. */
export function pythonJson(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + pythonJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${pythonString(k)}: ${pythonJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

export interface SaveHfFolderInput {
  /** config.json's content (must have model_type). */
  config: Record<string, unknown>;
  tensors: ReadonlyMap<string, TensorToWrite>;
  /** A folder whose tokenizer files (and generation_config.json) are copied. */
  tokenizerFrom?: string;
  /** Or: tokenizer files to copy, by path (each keeps its file name). */
  tokenizerFiles?: readonly string[];
  /** Write into an existing non-empty folder, replacing its model files. */
  overwrite?: boolean;
  maxShardBytes?: number;
}

export interface SavedHfFolder {
  folder: string;
  files: string[];
}

async function writeInto(dir: string, input: SaveHfFolderInput): Promise<string[]> {
  const files: string[] = [];
  writeFileAtomicSync(join(dir, 'config.json'), `${pythonJson(input.config)}\n`);
  files.push('config.json');
  const written = await writeHfWeights(dir, input.tensors, { maxShardBytes: input.maxShardBytes });
  files.push(...written.files);
  const source = input.tokenizerFrom;
  if (source) {
    for (const name of TOKENIZER_FILES) {
      if (existsSync(join(source, name)) && resolve(source) !== resolve(dir)) {
        await copyFile(join(source, name), join(dir, name));
        files.push(name);
      }
    }
  }
  for (const file of input.tokenizerFiles ?? []) {
    const name = basename(file);
    if (!(TOKENIZER_FILES as readonly string[]).includes(name)) {
      throw new StudioError('internal', `saveHfFolder: ${name} is not a tokenizer file (${TOKENIZER_FILES.join(', ')})`);
    }
    if (resolve(file) !== resolve(join(dir, name))) await copyFile(file, join(dir, name));
    if (!files.includes(name)) files.push(name);
  }
  const modelType = String(input.config.model_type);
  if (source && existsSync(join(source, 'generation_config.json'))) {
    if (resolve(source) !== resolve(dir)) await copyFile(join(source, 'generation_config.json'), join(dir, 'generation_config.json'));
    files.push('generation_config.json');
  } else if (DECODERS.has(modelType)) {
    const generation: Record<string, unknown> = { _from_model_config: true };
    for (const key of ['bos_token_id', 'eos_token_id', 'pad_token_id', 'decoder_start_token_id']) {
      if (input.config[key] !== undefined && input.config[key] !== null) generation[key] = input.config[key];
    }
    if (typeof input.config.transformers_version === 'string') generation.transformers_version = input.config.transformers_version;
    writeFileAtomicSync(join(dir, 'generation_config.json'), `${pythonJson(generation)}\n`);
    files.push('generation_config.json');
  }
  return files;
}

export async function saveHfFolder(target: string, input: SaveHfFolderInput): Promise<SavedHfFolder> {
  if (typeof input.config.model_type !== 'string') throw new StudioError('internal', 'saveHfFolder: config has no model_type');
  const folder = resolve(target);
  const existing = existsSync(folder) ? await readdir(folder) : null;
  if (existing && existing.length > 0) {
    if (!input.overwrite) throw new StudioError('conflict', `${folder} already exists and is not empty; choose a new folder.`);
    return { folder, files: await writeInto(folder, input) };
  }
  await mkdir(dirname(folder), { recursive: true });
  const staging = join(dirname(folder), `.${basename(folder)}.${randomBytes(4).toString('hex')}.partial`);
  await mkdir(staging);
  try {
    const files = await writeInto(staging, input);
    if (existing) await rm(folder, { recursive: true, force: true }); // an empty folder the caller made
    await rename(staging, folder);
    fsyncDirSync(dirname(folder));
    return { folder, files };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
