// Defaults of the `train` job that depend on the base model: the peak learning rate (peakLrFor, by method
// and parameter count) and, for cpt-lora, the LoRA target modules and the modules trained in full beside the
// adapter — recorded in the run's config when it starts, so that resuming it (even after the defaults
// change) trains the same tensors — and the checks of those settings before a run is recorded.
import { StudioError } from '../../common/errors';
import { readHfWeightShapes } from '../../engine/hf/weights';
import { findLoraTargets, isModuleToSave, targetsBesideSavedModules } from '../../engine/lora/adapter';
import { DEFAULT_TARGET_MODULES, defaultTargetModules, type LoraConfig } from '../../engine/lora/config';
import { readModelConfig } from '../../engine/models/registry';
import { parameterCount } from '../../engine/models/weights';
import { cptLoraModulesToSave, peakLrFor } from '../../engine/train/defaults';
import type { TrainConfig } from './train';
import { chooseWorkers, scratchParameters, withWorkers, type WorkerChoice } from './train-workers';

/** The run's peak learning rate: its own `lr`, else the default for its method and the base model's size. */
export async function peakLrOf(config: Pick<TrainConfig, 'lr' | 'method'>, modelFolder: string): Promise<number> {
  if (config.lr !== undefined) return config.lr;
  if (config.method === 'scratch') return peakLrFor('scratch', 0);
  const { arch, config: modelConfig } = await readModelConfig(modelFolder);
  return peakLrFor(config.method, parameterCount(arch, modelConfig, modelConfig.head));
}

/**
 * A new run's config with cpt-lora's LoRA layout filled in for this model type — the target modules and the
 * modules trained in full (the LM head of a masked-LM encoder) — so a resume, even after the defaults change,
 * builds the same tensors as the checkpoint holds. Other methods are unchanged.
 */
export function withLoraDefaults<C extends Pick<TrainConfig, 'method' | 'lora'>>(config: C, modelType: string): C {
  if (config.method !== 'cpt-lora') return config;
  const targets = config.lora.targets ?? DEFAULT_TARGET_MODULES[modelType]?.all;
  return {
    ...config,
    lora: {
      ...config.lora,
      ...(targets === undefined ? {} : { targets: [...targets] }),
      modules_to_save: [...(config.lora.modules_to_save ?? cptLoraModulesToSave(modelType))],
    },
  };
}

/**
 * A new run's config as it is recorded (by train.start, or the train job given no run): cpt-lora's LoRA layout
 * for the base model's type and the thread count — `choice` when the caller already decided it (train.start,
 * with its memory check), else chosen here from the base model's (or the scratch model's) parameters.
 */
export async function recordedRunConfig<C extends Pick<TrainConfig, 'method' | 'lora' | 'workers' | 'batch' | 'seq_len' | 'scratch'>>(
  config: C,
  base: { readonly model_type: string; readonly parameters: number } | null,
  choice?: WorkerChoice,
): Promise<C> {
  const workers = choice ?? (await chooseWorkers(config, config.method === 'scratch' ? await scratchParameters(config) : (base?.parameters ?? null)));
  return withWorkers(base === null ? config : withLoraDefaults(config, base.model_type), workers);
}

/** BERT/RoBERTa's default target modules before the LM head was trained in full ('dense' also hit the head's transform). */
const LEGACY_ALL_TARGETS: Readonly<Record<string, readonly string[]>> = {
  bert: ['query', 'key', 'value', 'dense'],
  roberta: ['query', 'key', 'value', 'dense'],
};

/** The engine's LoRA settings from a request's or recorded config's `lora` field, as given (no defaults filled in). */
export function loraSettings(lora: TrainConfig['lora']): Partial<LoraConfig> {
  return {
    r: lora.r,
    alpha: lora.alpha,
    dropout: lora.dropout,
    ...(lora.targets ? { targetModules: lora.targets } : {}),
    ...(lora.modules_to_save ? { modulesToSave: lora.modules_to_save } : {}),
  };
}

/**
 * The LoRA settings of a cpt-lora run being trained, from its recorded config. A run recorded without
 * modules_to_save started before the layout was recorded: it trained LoRA alone on the then-default targets,
 * and resumes so (its checkpoints hold exactly those tensors).
 */
export async function loraSpecOf(config: Pick<TrainConfig, 'method' | 'lora'>, modelFolder: string): Promise<Partial<LoraConfig>> {
  const legacy = config.method === 'cpt-lora' && config.lora.modules_to_save === undefined;
  const modelType = legacy && config.lora.targets === undefined ? (await readModelConfig(modelFolder)).config.model_type : null;
  const targets = config.lora.targets ?? (modelType === null ? undefined : LEGACY_ALL_TARGETS[modelType]);
  return {
    r: config.lora.r,
    alpha: config.lora.alpha,
    dropout: config.lora.dropout,
    ...(targets === undefined ? {} : { targetModules: [...targets] }),
    modulesToSave: [...(config.lora.modules_to_save ?? [])],
  };
}

/**
 * Refuses, before a cpt-lora run is recorded, LoRA settings the run would fail on (from the weight headers,
 * no weights read): target modules that match no linear layer, modules_to_save that name no parameter, and a
 * target inside a module trained in full (PEFT cannot load such an adapter). Errors name the field.
 */
export async function checkLoraModules(modelFolder: string, modelType: string, config: Pick<TrainConfig, 'method' | 'lora'>): Promise<void> {
  if (config.method !== 'cpt-lora') return;
  const saved = config.lora.modules_to_save ?? cptLoraModulesToSave(modelType);
  const { shapes } = await readHfWeightShapes(modelFolder);
  const base = new Map([...shapes].map(([name, shape]) => [name, { shape }]));
  let targets;
  try {
    targets = findLoraTargets(modelType, base, config.lora.targets ?? defaultTargetModules(modelType, 'all'));
  } catch (error) {
    if (error instanceof StudioError) throw new StudioError('invalid_request', error.message, { field: 'lora.targets' });
    throw error;
  }
  if (saved.length > 0 && ![...base.keys()].some((key) => isModuleToSave(key, saved))) {
    throw new StudioError('invalid_request', `modules_to_save ${JSON.stringify(saved)} names no module of this ${modelType} model`, { field: 'lora.modules_to_save' });
  }
  if (targetsBesideSavedModules(targets, saved).length === 0) {
    throw new StudioError('invalid_request', `Every LoRA target is also in modules_to_save ${JSON.stringify(saved)}: there is nothing left for LoRA to adapt`, { field: 'lora.targets' });
  }
}
