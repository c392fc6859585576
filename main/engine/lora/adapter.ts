// PEFT LoRA adapters: which linear layers get a pair, their initialisation, and the adapter folder
// (adapter_config.json + adapter_model.safetensors) read and written as PEFT does.
//
// Key mapping. PEFT file key:  base_model.model.<module>.lora_A.weight   [r, in]
//                                base_model.model.<module>.lora_B.weight   [out, r]
//                                base_model.model.<base key>               (modules_to_save: a full tensor)
// Params-map key (what layers/linear.ts reads): <module>.lora_A.weight / .lora_B.weight, and <base key>.
// <module> is the base weight's key without ".weight". GPT-2's Conv1D weights are [in, out]; A and B keep
// the nn.Linear orientation all the same, as PEFT stores them.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { writeFileAtomicSync } from '../../platform/atomic';
import { readSafetensors, writeSafetensors } from '../checkpoint/safetensors';
import type { HostTensor } from '../train/params';
import type { Rng } from '../train/rng';
import { adapterConfigJson, loraScaling, parseAdapterConfig, type LoraConfig } from './config';

export const ADAPTER_CONFIG_FILE = 'adapter_config.json';
export const ADAPTER_WEIGHTS_FILE = 'adapter_model.safetensors';
export const PEFT_PREFIX = 'base_model.model.';

export type { HostTensor } from '../train/params';

export type WeightLayout = 'linear' | 'conv1d';

export interface LoraTarget {
  /** Module name = base weight key without ".weight". */
  readonly module: string;
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** 'linear': base weight [out, in]; 'conv1d' (GPT-2): [in, out]. */
  readonly layout: WeightLayout;
}

export interface LoraAdapter {
  readonly config: LoraConfig;
  readonly scaling: number;
  readonly targets: readonly LoraTarget[];
  /** Params-map keys → tensors: every LoRA pair, and the full tensors of modules_to_save. */
  readonly tensors: Map<string, HostTensor>;
  /** The adapter_config.json this adapter was loaded from (its other fields are kept on save). */
  readonly sourceConfig?: Record<string, unknown>;
}

const EMBEDDING_MODULE = /(^|\.)(word_embeddings|position_embeddings|token_type_embeddings|wte|wpe|embed_tokens|embed_positions)$/;
const GPT2_CONV1D = /(^|\.)(c_attn|c_proj|c_fc|q_attn)$/;

/** The storage layout of a linear layer's weight in this architecture. */
export function weightLayout(modelType: string, module: string): WeightLayout {
  return modelType === 'gpt2' && GPT2_CONV1D.test(module) ? 'conv1d' : 'linear';
}

export const loraAKey = (module: string): string => `${module}.lora_A.weight`;
export const loraBKey = (module: string): string => `${module}.lora_B.weight`;

export function isLoraKey(key: string): boolean {
  return key.endsWith('.lora_A.weight') || key.endsWith('.lora_B.weight');
}

/** PEFT's rule: a module is a target when its name equals a target or ends with "." + target; a string is a full-match regex. */
export function matchesTargetModules(module: string, targets: readonly string[] | string): boolean {
  if (typeof targets === 'string') return new RegExp(`^(?:${targets})$`).test(module);
  return targets.some((t) => module === t || module.endsWith(`.${t}`));
}

/** PEFT's modules_to_save rule, applied to parameter keys: some enclosing module's name ends with an entry. */
export function isModuleToSave(key: string, modulesToSave: readonly string[]): boolean {
  const parts = key.split('.');
  for (let i = 1; i < parts.length; i++) {
    const module = parts.slice(0, i).join('.');
    if (modulesToSave.some((m) => module === m || module.endsWith(`.${m}`))) return true;
  }
  return false;
}

/** Linear layers of the base model that the target modules select. */
export function findLoraTargets(
  modelType: string,
  base: ReadonlyMap<string, { readonly shape: readonly number[] }>,
  targetModules: readonly string[] | string,
): LoraTarget[] {
  const targets: LoraTarget[] = [];
  const linearModules: string[] = [];
  for (const [key, t] of base) {
    if (!key.endsWith('.weight') || t.shape.length !== 2 || isLoraKey(key)) continue;
    const module = key.slice(0, -'.weight'.length);
    if (EMBEDDING_MODULE.test(module)) {
      if (matchesTargetModules(module, targetModules)) {
        throw new StudioError('unsupported', `LoRA on the embedding "${module}" is not supported; train embeddings in full with modules_to_save instead`);
      }
      continue;
    }
    linearModules.push(module);
    if (!matchesTargetModules(module, targetModules)) continue;
    const layout = weightLayout(modelType, module);
    const [a, b] = t.shape as [number, number];
    targets.push(layout === 'linear' ? { module, inFeatures: b, outFeatures: a, layout } : { module, inFeatures: a, outFeatures: b, layout });
  }
  if (targets.length === 0) {
    const names = [...new Set(linearModules.map((m) => m.split('.').pop() as string))].join(', ');
    throw new StudioError('bad_input', `LoRA target modules ${JSON.stringify(targetModules)} match no linear layer of this ${modelType} model (its linear layers are named: ${names})`);
  }
  return targets;
}

/** The entry of modules_to_save that names `module` itself (PEFT: the name equals it or ends with "." + it), or null. */
function savedEntryFor(module: string, modulesToSave: readonly string[]): string | null {
  return modulesToSave.find((m) => module === m || module.endsWith(`.${m}`)) ?? null;
}

/**
 * The LoRA targets of a config that also trains modules in full, as PEFT builds them: a module named in
 * modules_to_save gets no LoRA layer (PEFT wraps it and skips it). A target inside a saved module (e.g.
 * `cls.predictions.transform.dense` under `cls.predictions`) is refused: PEFT cannot give a module inside a
 * saved one a LoRA layer (loading such an adapter fails or depends on its version), and it is trained in full anyway.
 */
export function targetsBesideSavedModules(selected: readonly LoraTarget[], modulesToSave: readonly string[]): LoraTarget[] {
  if (modulesToSave.length === 0) return [...selected];
  const kept: LoraTarget[] = [];
  for (const t of selected) {
    if (savedEntryFor(t.module, modulesToSave) !== null) continue;
    const parts = t.module.split('.');
    for (let i = 1; i < parts.length; i++) {
      const outer = savedEntryFor(parts.slice(0, i).join('.'), modulesToSave);
      if (outer !== null) {
        throw new StudioError(
          'invalid_request',
          `The LoRA target "${t.module}" lies inside "${parts.slice(0, i).join('.')}", which modules_to_save ("${outer}") trains in full; a PEFT adapter cannot have both. Leave it out of the target modules (for BERT-style models name the layers' own projections, "output.dense" and "intermediate.dense", instead of "dense")`,
          { field: 'lora.targets' },
        );
      }
    }
    kept.push(t);
  }
  return kept;
}

/**
 * A fresh adapter as PEFT initialises one: A ~ kaiming_uniform(a = √5), i.e. U(−1/√in, 1/√in), B = 0 (so the
 * model starts unchanged), drawn from `rng` in target order. modules_to_save start as copies of the base tensors
 * (tied aliases are not in `base`, so a tied output projection stays tied to the embeddings and frozen).
 */
export function createLoraAdapter(modelType: string, base: ReadonlyMap<string, HostTensor>, config: LoraConfig, rng: Rng): LoraAdapter {
  const targets = targetsBesideSavedModules(findLoraTargets(modelType, base, config.targetModules), config.modulesToSave);
  if (targets.length === 0) {
    throw new StudioError('invalid_request', `Every LoRA target module ${JSON.stringify(config.targetModules)} is also in modules_to_save ${JSON.stringify(config.modulesToSave)}: there is nothing left for LoRA to adapt`, { field: 'lora.targets' });
  }
  const tensors = new Map<string, HostTensor>();
  for (const t of targets) {
    const bound = 1 / Math.sqrt(t.inFeatures);
    const a = new Float32Array(config.r * t.inFeatures);
    for (let i = 0; i < a.length; i++) a[i] = rng.uniform(-bound, bound);
    tensors.set(loraAKey(t.module), { shape: [config.r, t.inFeatures], data: a });
    tensors.set(loraBKey(t.module), { shape: [t.outFeatures, config.r], data: new Float32Array(t.outFeatures * config.r) });
  }
  if (config.modulesToSave.length > 0) {
    let any = false;
    for (const [key, t] of base) {
      if (!isModuleToSave(key, config.modulesToSave)) continue;
      tensors.set(key, { shape: [...t.shape], data: Float32Array.from(t.data) });
      any = true;
    }
    if (!any) throw new StudioError('bad_input', `modules_to_save ${JSON.stringify(config.modulesToSave)} match no parameter of this ${modelType} model`);
  }
  return { config, scaling: loraScaling(config), targets, tensors };
}

/** Scalar values the adapter trains (LoRA pairs and modules_to_save). */
export function loraParameterCount(adapter: LoraAdapter): number {
  let n = 0;
  for (const t of adapter.tensors.values()) n += t.data.length;
  return n;
}

export function peftKeyToParamKey(key: string, source: string): string {
  if (!key.startsWith(PEFT_PREFIX)) {
    throw new StudioError('bad_input', `${source}: tensor "${key}" does not start with "${PEFT_PREFIX}" as PEFT adapter keys do`);
  }
  const rest = key.slice(PEFT_PREFIX.length);
  if (/\.lora_[AB]\.[^.]+\.weight$/.test(rest)) {
    throw new StudioError('bad_input', `${source}: tensor "${key}" still carries an adapter name; save the adapter with PeftModel.save_pretrained`);
  }
  return rest;
}

export const paramKeyToPeftKey = (key: string): string => `${PEFT_PREFIX}${key}`;

/**
 * Output projections that HF ties to another tensor (when the model ties its word embeddings), per
 * architecture: alias → source. PEFT's modules_to_save copies a whole module, so an adapter it wrote for an
 * LM head (e.g. modules_to_save ["cls.predictions"]) also holds the tied decoder weight and bias; this engine
 * keeps them tied, and so never writes them.
 */
export const TIED_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  bert: { 'cls.predictions.decoder.weight': 'bert.embeddings.word_embeddings.weight', 'cls.predictions.decoder.bias': 'cls.predictions.bias' },
  roberta: { 'lm_head.decoder.weight': 'roberta.embeddings.word_embeddings.weight', 'lm_head.decoder.bias': 'lm_head.bias' },
  distilbert: { 'vocab_projector.weight': 'distilbert.embeddings.word_embeddings.weight' },
  gpt2: { 'lm_head.weight': 'transformer.wte.weight' },
};

/**
 * A tied alias in an adapter file is accepted (and dropped) only when it still equals its source — the
 * adapter's own copy of it, else the base model's — so the tied model computes what PEFT's untied copy does.
 */
function checkTiedCopy(
  key: string,
  copy: HostTensor,
  source: string,
  adapterTensors: ReadonlyMap<string, HostTensor>,
  base: ReadonlyMap<string, { readonly shape: readonly number[]; readonly data?: Float32Array }>,
  weightsFile: string,
): void {
  const reference = adapterTensors.get(source)?.data ?? base.get(source)?.data;
  let equal = reference !== undefined && reference.length === copy.data.length;
  for (let i = 0; equal && i < copy.data.length; i++) {
    const a = copy.data[i] as number;
    const b = (reference as Float32Array)[i] as number;
    if (Math.abs(a - b) > 1e-6 * Math.max(1, Math.abs(b))) equal = false;
  }
  if (!equal) {
    throw new StudioError(
      'unsupported',
      `${weightsFile}: the adapter trains "${key}", which this model ties to "${source}"${reference === undefined ? ' (and the base weights were not given to compare them)' : ''}; this engine keeps them tied, so it cannot apply the adapter. Save only the head's transform and bias (e.g. modules_to_save the transform) or merge the adapter with PEFT first`,
    );
  }
}

/**
 * Reads an adapter folder and checks it against the base model's parameter shapes: every LoRA pair complete,
 * A [r, in] and B [out, r] matching the base layer, modules_to_save tensors shaped like the base ones.
 */
export async function loadLoraAdapter(
  folder: string,
  modelType: string,
  base: ReadonlyMap<string, { readonly shape: readonly number[] }>,
): Promise<LoraAdapter> {
  const configFile = join(folder, ADAPTER_CONFIG_FILE);
  const weightsFile = join(folder, ADAPTER_WEIGHTS_FILE);
  if (!existsSync(configFile)) throw new StudioError('bad_input', `No ${ADAPTER_CONFIG_FILE} in ${folder}: this is not a PEFT adapter folder`);
  if (!existsSync(weightsFile)) {
    const pickle = existsSync(join(folder, 'adapter_model.bin'));
    throw new StudioError(
      'bad_input',
      pickle
        ? `${folder} holds only adapter_model.bin, a pickle file that can run code when loaded, so it is never opened. Convert it with PEFT: PeftModel.from_pretrained(base, folder).save_pretrained(out, safe_serialization=True)`
        : `No ${ADAPTER_WEIGHTS_FILE} in ${folder}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(configFile, 'utf8'));
  } catch (error) {
    throw new StudioError('bad_input', `${configFile} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const config = parseAdapterConfig(raw, configFile);
  const loaded = await readSafetensors(weightsFile);
  const tensors = new Map<string, HostTensor>();
  const modules = new Set<string>();
  const aliases: string[] = [];
  for (const [peftKey, t] of loaded) {
    const key = peftKeyToParamKey(peftKey, weightsFile);
    if (!isLoraKey(key) && !base.has(key) && TIED_ALIASES[modelType]?.[key] !== undefined) {
      aliases.push(key);
      continue;
    }
    tensors.set(key, { shape: t.shape, data: t.data });
    if (isLoraKey(key)) modules.add(key.slice(0, -'.lora_A.weight'.length));
    else {
      const b = base.get(key);
      if (b === undefined) throw new StudioError('bad_input', `${weightsFile}: "${peftKey}" names "${key}", which this ${modelType} model does not have`);
      if (b.shape.join() !== t.shape.join()) {
        throw new StudioError('bad_input', `${weightsFile}: "${peftKey}" has shape [${t.shape}] but the model's "${key}" is [${b.shape}]`);
      }
    }
  }
  for (const key of aliases) checkTiedCopy(key, loaded.get(paramKeyToPeftKey(key)) as HostTensor, TIED_ALIASES[modelType]?.[key] as string, tensors, base, weightsFile);
  if (modules.size === 0) throw new StudioError('bad_input', `${weightsFile} holds no lora_A / lora_B weights`);
  const targets: LoraTarget[] = [];
  for (const module of modules) {
    const a = tensors.get(loraAKey(module));
    const b = tensors.get(loraBKey(module));
    if (a === undefined || b === undefined) throw new StudioError('bad_input', `${weightsFile}: "${module}" has only one of lora_A and lora_B`);
    const w = base.get(`${module}.weight`);
    if (w === undefined || w.shape.length !== 2) throw new StudioError('bad_input', `${weightsFile}: the adapter targets "${module}", which is not a linear layer of this ${modelType} model`);
    const layout = weightLayout(modelType, module);
    const [inFeatures, outFeatures] = layout === 'linear' ? [w.shape[1] as number, w.shape[0] as number] : [w.shape[0] as number, w.shape[1] as number];
    if (a.shape.join() !== [config.r, inFeatures].join() || b.shape.join() !== [outFeatures, config.r].join()) {
      throw new StudioError(
        'bad_input',
        `${weightsFile}: "${module}" has lora_A [${a.shape}] and lora_B [${b.shape}]; with r = ${config.r} and the base layer's ${inFeatures} inputs and ${outFeatures} outputs they must be [${config.r},${inFeatures}] and [${outFeatures},${config.r}]`,
      );
    }
    targets.push({ module, inFeatures, outFeatures, layout });
  }
  return { config, scaling: loraScaling(config), targets, tensors, sourceConfig: raw as Record<string, unknown> };
}

export interface SaveAdapterOptions {
  /** Written as base_model_name_or_path (PEFT resolves it when the adapter is loaded); default: the loaded config's. */
  readonly baseModelNameOrPath?: string | null;
  /** PEFT task type: 'CAUSAL_LM', 'SEQ_CLS', 'TOKEN_CLS', or null (masked LM has none); default: the loaded config's. */
  readonly taskType?: string | null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Writes the adapter folder: weights first, then the config, each atomically. */
export async function saveLoraAdapter(folder: string, adapter: LoraAdapter, options: SaveAdapterOptions = {}): Promise<void> {
  const out = new Map<string, HostTensor>();
  for (const [key, t] of adapter.tensors) out.set(paramKeyToPeftKey(key), t);
  await writeSafetensors(join(folder, ADAPTER_WEIGHTS_FILE), out);
  const source = adapter.sourceConfig;
  const json = adapterConfigJson(adapter.config, {
    baseModelNameOrPath: options.baseModelNameOrPath !== undefined ? options.baseModelNameOrPath : stringOrNull(source?.base_model_name_or_path),
    taskType: options.taskType !== undefined ? options.taskType : stringOrNull(source?.task_type),
    fanInFanOut: adapter.targets.some((t) => t.layout === 'conv1d'),
    ...(source === undefined ? {} : { previous: source }),
  });
  writeFileAtomicSync(join(folder, ADAPTER_CONFIG_FILE), `${JSON.stringify(json, null, 2)}\n`);
}
