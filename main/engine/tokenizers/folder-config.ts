// Reading the small JSON files around a tokenizer: tokenizer_config.json, special_tokens_map.json,
// added_tokens.json and config.json's model_type. Special tokens may be strings or AddedToken objects.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import type { AddedTokenSpec } from './tokenizer';

export interface TokenSpec {
  content: string;
  lstrip: boolean;
  rstrip: boolean;
}

export const SPECIAL_NAMES = ['unk_token', 'pad_token', 'cls_token', 'sep_token', 'mask_token', 'bos_token', 'eos_token'] as const;
export type SpecialName = (typeof SPECIAL_NAMES)[number];

export interface FolderTokenizerConfig {
  /** tokenizer_config.json merged over special_tokens_map.json. */
  config: Record<string, unknown>;
  tokenizerClass: string | null;
  modelType: string | null;
  specials: Partial<Record<SpecialName, TokenSpec | null>>;
  /** added_tokens.json and tokenizer_config's added_tokens_decoder. */
  added: AddedTokenSpec[];
  modelMaxLength: number | null;
}

const MAX_JSON_BYTES = 50_000_000;

export function readJsonFile(file: string): Record<string, unknown> | null {
  if (!existsSync(file)) return null;
  const bytes = readFileSync(file);
  if (bytes.length > MAX_JSON_BYTES) throw new StudioError('bad_input', `${file} is too large (${bytes.length} bytes)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new StudioError('bad_input', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StudioError('bad_input', `${file} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

export function tokenSpec(value: unknown): TokenSpec | null {
  if (typeof value === 'string') return { content: value, lstrip: false, rstrip: false };
  if (typeof value === 'object' && value !== null && typeof (value as { content?: unknown }).content === 'string') {
    const v = value as { content: string; lstrip?: unknown; rstrip?: unknown };
    return { content: v.content, lstrip: v.lstrip === true, rstrip: v.rstrip === true };
  }
  return null;
}

export function readFolderTokenizerConfig(folder: string): FolderTokenizerConfig {
  const map = readJsonFile(join(folder, 'special_tokens_map.json')) ?? {};
  const tokenizerConfig = readJsonFile(join(folder, 'tokenizer_config.json')) ?? {};
  const modelConfig = readJsonFile(join(folder, 'config.json'));
  const config: Record<string, unknown> = { ...map, ...tokenizerConfig };
  const specials: FolderTokenizerConfig['specials'] = {};
  for (const name of SPECIAL_NAMES) {
    if (name in config) specials[name] = tokenSpec(config[name]);
  }

  const added: AddedTokenSpec[] = [];
  const addedJson = readJsonFile(join(folder, 'added_tokens.json'));
  for (const [content, id] of Object.entries(addedJson ?? {})) {
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) added.push({ content, id, lstrip: false, rstrip: false, special: false });
  }
  const decoder = tokenizerConfig.added_tokens_decoder;
  if (typeof decoder === 'object' && decoder !== null) {
    for (const [key, value] of Object.entries(decoder as Record<string, unknown>)) {
      const spec = tokenSpec(value);
      const id = Number(key);
      if (!spec || !Number.isInteger(id) || id < 0) continue;
      const special = (value as { special?: unknown }).special === true;
      const existing = added.findIndex((a) => a.content === spec.content);
      const entry = { ...spec, id, special };
      if (existing >= 0) added[existing] = entry;
      else added.push(entry);
    }
  }

  const rawClass = typeof config.tokenizer_class === 'string' ? config.tokenizer_class : null;
  const maxLength = config.model_max_length;
  return {
    config,
    tokenizerClass: rawClass ? rawClass.replace(/Fast$/, '') : null,
    modelType: typeof modelConfig?.model_type === 'string' ? modelConfig.model_type : null,
    specials,
    added,
    // transformers writes a huge sentinel (1e30) when there is no limit.
    modelMaxLength: typeof maxLength === 'number' && maxLength > 0 && maxLength < 1e9 ? maxLength : null,
  };
}

export function boolOption(config: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = config[key];
  return typeof value === 'boolean' ? value : fallback;
}
