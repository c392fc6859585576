// LoRA settings as PEFT's adapter_config.json states them, and the default target modules per
// architecture. Parsing refuses what this engine does not implement (another peft_type, trained
// biases, per-module rank patterns, DoRA) with a message that names the field.
import { StudioError } from '../../common/errors';

export interface LoraConfig {
  /** Rank r of the low-rank update. */
  readonly r: number;
  /** lora_alpha: the update is scaled by alpha / r (alpha / sqrt(r) with rsLoRA). */
  readonly alpha: number;
  /** Dropout on the LoRA branch's input during training. */
  readonly dropout: number;
  /** Module-name suffixes (PEFT: a key matches when it equals one or ends with "." + one), or one regex matched in full. */
  readonly targetModules: readonly string[] | string;
  /** Base parameters trained in full and saved with the adapter (a new head, or embeddings for new tokens). */
  readonly modulesToSave: readonly string[];
  /** rsLoRA scaling alpha / sqrt(r) (PEFT ≥ 0.7 `use_rslora`). */
  readonly useRslora: boolean;
}

/**
 * Architecture → target modules: `attention` (the PEFT defaults) and `all` (attention and MLP projections).
 * BERT/RoBERTa name their projections `dense` everywhere, the masked-LM head's transform and the pooler
 * included, so `all` names the layer's own: `output.dense` (attention output and MLP output) and
 * `intermediate.dense` — never a module inside the LM head, which cpt-lora trains in full (modules_to_save)
 * and PEFT cannot also give LoRA layers.
 */
export const DEFAULT_TARGET_MODULES: Readonly<Record<string, { readonly attention: readonly string[]; readonly all: readonly string[] }>> = {
  bert: { attention: ['query', 'value'], all: ['query', 'key', 'value', 'output.dense', 'intermediate.dense'] },
  roberta: { attention: ['query', 'value'], all: ['query', 'key', 'value', 'output.dense', 'intermediate.dense'] },
  distilbert: { attention: ['q_lin', 'v_lin'], all: ['q_lin', 'k_lin', 'v_lin', 'out_lin', 'lin1', 'lin2'] },
  gpt2: { attention: ['c_attn'], all: ['c_attn', 'c_proj', 'c_fc'] },
  llama: { attention: ['q_proj', 'v_proj'], all: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] },
};

export function defaultTargetModules(modelType: string, scope: 'attention' | 'all' = 'all'): readonly string[] {
  const entry = DEFAULT_TARGET_MODULES[modelType];
  if (entry === undefined) {
    throw new StudioError('unsupported', `No default LoRA target modules for model type "${modelType}" (known: ${Object.keys(DEFAULT_TARGET_MODULES).join(', ')}); name the target modules explicitly`);
  }
  return entry[scope];
}

/** The factor that multiplies B·A. */
export function loraScaling(config: Pick<LoraConfig, 'r' | 'alpha' | 'useRslora'>): number {
  return config.useRslora ? config.alpha / Math.sqrt(config.r) : config.alpha / config.r;
}

/** Problems with a config (empty when valid). */
export function loraConfigProblems(config: LoraConfig): string[] {
  const problems: string[] = [];
  if (!(Number.isInteger(config.r) && config.r >= 1 && config.r <= 4096)) problems.push(`LoRA rank r must be a whole number from 1 to 4096, got ${config.r}`);
  if (!(Number.isFinite(config.alpha) && config.alpha > 0)) problems.push(`lora_alpha must be a positive number, got ${config.alpha}`);
  if (!(Number.isFinite(config.dropout) && config.dropout >= 0 && config.dropout < 1)) problems.push(`LoRA dropout must be within [0, 1), got ${config.dropout}`);
  const targets = config.targetModules;
  if (typeof targets === 'string' ? targets.length === 0 : targets.length === 0 || targets.some((t) => typeof t !== 'string' || t.length === 0)) {
    problems.push('LoRA target modules must name at least one module');
  }
  return problems;
}

function fail(source: string, message: string): never {
  throw new StudioError('bad_input', `${source}: ${message}`);
}

function isEmptyPattern(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);
}

/**
 * Reads the fields of a parsed adapter_config.json. `source` names the file in messages.
 * Unknown extra fields are allowed (PEFT adds new ones in every release); ones that change the math are checked.
 */
export function parseAdapterConfig(raw: unknown, source: string): LoraConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(source, 'is not a JSON object');
  const c = raw as Record<string, unknown>;
  const peftType = c.peft_type ?? 'LORA';
  if (peftType !== 'LORA') throw new StudioError('unsupported', `${source}: peft_type "${String(peftType)}" is not supported; only LoRA adapters are`);
  if ((c.bias ?? 'none') !== 'none') {
    throw new StudioError('unsupported', `${source}: bias "${String(c.bias)}" (trained biases) is not supported; train the adapter with bias="none"`);
  }
  if (!isEmptyPattern(c.rank_pattern) || !isEmptyPattern(c.alpha_pattern)) {
    throw new StudioError('unsupported', `${source}: per-module rank_pattern / alpha_pattern is not supported`);
  }
  if (c.use_dora === true) throw new StudioError('unsupported', `${source}: DoRA adapters (use_dora) are not supported`);
  if (c.layers_to_transform !== undefined && c.layers_to_transform !== null) {
    throw new StudioError('unsupported', `${source}: layers_to_transform is not supported; list the target modules instead`);
  }
  const r = c.r;
  const alpha = c.lora_alpha ?? 8;
  if (typeof r !== 'number') fail(source, 'field "r" (the LoRA rank) is missing or not a number');
  if (typeof alpha !== 'number') fail(source, 'field "lora_alpha" is not a number');
  const dropout = c.lora_dropout ?? 0;
  if (typeof dropout !== 'number') fail(source, 'field "lora_dropout" is not a number');
  const targets = c.target_modules;
  let targetModules: readonly string[] | string;
  if (typeof targets === 'string') targetModules = targets;
  else if (Array.isArray(targets) && targets.every((t) => typeof t === 'string')) targetModules = targets as string[];
  else fail(source, 'field "target_modules" must be a list of module names or one regular expression');
  const save = c.modules_to_save ?? [];
  if (!Array.isArray(save) || !save.every((m) => typeof m === 'string')) fail(source, 'field "modules_to_save" must be a list of module names');
  const config: LoraConfig = {
    r,
    alpha,
    dropout,
    targetModules,
    modulesToSave: save as string[],
    useRslora: c.use_rslora === true,
  };
  const problems = loraConfigProblems(config);
  if (problems.length > 0) fail(source, problems.join('; '));
  return config;
}

/**
 * adapter_config.json as PEFT 0.5 writes it. `fanInFanOut` is true for GPT-2's Conv1D layers (PEFT sets it
 * itself for them). Fields of `previous` (a loaded config) that we do not interpret are kept.
 */
export function adapterConfigJson(
  config: LoraConfig,
  options: { baseModelNameOrPath: string | null; taskType: string | null; fanInFanOut: boolean; previous?: Record<string, unknown> },
): Record<string, unknown> {
  return {
    ...(options.previous ?? {}),
    base_model_name_or_path: options.baseModelNameOrPath,
    bias: 'none',
    fan_in_fan_out: options.fanInFanOut,
    inference_mode: true,
    init_lora_weights: true,
    layers_pattern: null,
    layers_to_transform: null,
    lora_alpha: config.alpha,
    lora_dropout: config.dropout,
    modules_to_save: config.modulesToSave.length > 0 ? [...config.modulesToSave] : null,
    peft_type: 'LORA',
    r: config.r,
    revision: null,
    target_modules: typeof config.targetModules === 'string' ? config.targetModules : [...config.targetModules],
    task_type: options.taskType,
    ...(config.useRslora ? { use_rslora: true } : {}),
  };
}
