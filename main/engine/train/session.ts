// A training session over a Hugging Face model folder: the parameters split into trainable Variables
// and frozen tensors for full training or LoRA, a new task head initialised where the checkpoint has
// none, the loss of a labelled batch, and the results written back as a Hugging Face folder (full or
// merged) or a PEFT adapter. The job process builds a session, then drives it with Trainer / runLoop.
import type * as tf from '@tensorflow/tfjs-core';
import { StudioError } from '../../common/errors';
import { loadHfWeights } from '../hf/weights';
import { saveHfFolder } from '../hf/save';
import { createLoraAdapter, loadLoraAdapter, saveLoraAdapter, type LoraAdapter } from '../lora/adapter';
import { defaultTargetModules, type LoraConfig } from '../lora/config';
import { mergeLora } from '../lora/merge';
import { loss } from '../models/forward';
import { readModelConfig } from '../models/registry';
import type { Architecture, BaseConfig, ForwardOptions, HeadKind, Params } from '../models/types';
import { checkWeights } from '../models/weights';
import { type HostTensor, toHost, toTensors, toVariables } from './params';
import type { Rng } from './rng';
import { cptLoraModulesToSave, TRAIN_DEFAULTS } from './defaults';
import type { LabelledBatch } from './collate';
import type { LossFn } from './step';
import { shardable } from './parallel/trainer';
import { headModulesToSave } from './head-init';

export type SessionMethod = 'full' | 'lora';

export interface SessionOptions {
  /** A Hugging Face model folder (config.json + safetensors). */
  readonly folder: string;
  readonly method: SessionMethod;
  /** The head to train; default: the checkpoint's own. */
  readonly head?: HeadKind;
  /** Label names of a classification head (sets num_labels, id2label, label2id). */
  readonly labels?: readonly string[];
  /** LoRA settings; default: TRAIN_DEFAULTS.lora (rank 8, alpha 16, dropout 0), the architecture's attention and
   *  MLP projections, and with an LM head (continued pre-training) that head in modules_to_save
   *  (cptLoraModulesToSave). modulesToSave [] trains LoRA alone. */
  readonly lora?: Partial<LoraConfig>;
  /** Continue training an existing PEFT adapter instead of a fresh one. */
  readonly adapterFrom?: string;
  /** Draws the LoRA initialisation and new head weights. */
  readonly rng: Rng;
}

export interface TrainingSession {
  readonly arch: Architecture;
  readonly config: BaseConfig;
  readonly head: HeadKind;
  /** config.json as it will be written for the trained model. */
  readonly rawConfig: Record<string, unknown>;
  readonly trainable: Map<string, tf.Variable>;
  readonly frozen: Map<string, tf.Tensor>;
  readonly adapter: LoraAdapter | null;
  readonly forwardOptions: ForwardOptions;
  /** Weights the checkpoint lacked, initialised here (a new head). */
  readonly initialised: readonly string[];
  readonly parameterCount: { readonly total: number; readonly trainable: number };
  /**
   * The model's loss on a labelled batch, for Trainer.step. Pass the run's `rng` for a training batch: with
   * a LoRA dropout rate above 0 it draws that batch's dropout seed from it (nothing is drawn at rate 0, so
   * the run is the same as without dropout). Without `rng` (evaluation) no dropout is applied.
   */
  lossFor(batch: Omit<LabelledBatch, 'labels'> & { labels: number[][] | number[] }, rng?: Rng): LossFn;
  /** Writes a Hugging Face folder: the trained weights (LoRA merged in) with the source's tokenizer files. */
  saveModel(target: string): Promise<void>;
  /** Writes the PEFT adapter folder (LoRA sessions only). */
  saveAdapter(target: string): Promise<void>;
  dispose(): void;
}

const DEFAULT_LORA = { r: TRAIN_DEFAULTS.lora.r, alpha: TRAIN_DEFAULTS.lora.alpha, dropout: TRAIN_DEFAULTS.lora.dropout, useRslora: false };

/** The fields that are set (an explicit `undefined` must not override a default). */
function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The HF class to name in `architectures`: the checkpoint's own when it has this head, else the class with the head. */
function classFor(arch: Architecture, head: HeadKind, current: string | null): string {
  if (current !== null && arch.classes[current] === head && /For|LMHead/.test(current)) return current;
  const found = Object.entries(arch.classes).find(([name, h]) => h === head && /For|LMHead/.test(name));
  if (found === undefined) throw new StudioError('unsupported', `${arch.modelType} has no ${head} head`);
  return found[0];
}

/** HF's _init_weights for a weight the checkpoint lacks: normal(0, initializer_range) matrices, zero biases, unit norms. */
function initWeight(name: string, shape: readonly number[], std: number, rng: Rng): HostTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  const module = name.split('.').slice(-2, -1)[0] ?? '';
  if (shape.length >= 2) for (let i = 0; i < size; i++) data[i] = rng.normal(0, std);
  else if (name.endsWith('.weight') && /norm/i.test(module)) data.fill(1);
  return { shape: [...shape], data };
}

function taskTypeOf(head: HeadKind): string | null {
  return head === 'causal-lm' ? 'CAUSAL_LM' : head === 'sequence-classification' ? 'SEQ_CLS' : head === 'token-classification' ? 'TOKEN_CLS' : null;
}

export async function openSession(options: SessionOptions): Promise<TrainingSession> {
  const spec = await readModelConfig(options.folder);
  const arch = spec.arch;
  const head = options.head ?? spec.config.head;
  if (!arch.heads.includes(head)) throw new StudioError('unsupported', `${arch.modelType} has no ${head} head (it has: ${arch.heads.join(', ')})`);
  const rawConfig: Record<string, unknown> = { ...spec.config.raw, architectures: [classFor(arch, head, spec.config.architecture)] };
  if (options.labels !== undefined) {
    if (options.labels.length < 2) throw new StudioError('bad_input', 'A classification task needs at least two labels');
    rawConfig.num_labels = options.labels.length;
    rawConfig.id2label = Object.fromEntries(options.labels.map((l, i) => [String(i), l]));
    rawConfig.label2id = Object.fromEntries(options.labels.map((l, i) => [l, i]));
  }
  const config = arch.parseConfig(rawConfig);

  const weights = await loadHfWeights(options.folder);
  const check = checkWeights(arch, config, new Map([...weights].map(([k, t]) => [k, t.shape])), head);
  const host = new Map<string, HostTensor>();
  for (const [name, original] of check.found) host.set(name, weights.get(original) as HostTensor);
  weights.clear();
  const std = typeof rawConfig.initializer_range === 'number' ? rawConfig.initializer_range : 0.02;
  const specs = new Map(arch.expectedWeights(config, head).map((s) => [s.name, s]));
  for (const name of check.missing) host.set(name, initWeight(name, (specs.get(name) as { shape: number[] }).shape, std, options.rng));
  const initialised = [...check.missing];

  let adapter: LoraAdapter | null = null;
  if (options.method === 'lora') {
    // New weights (a fresh head) must train in full next to the adapter: PEFT's modules_to_save.
    const newModules = [...new Set(initialised.map((n) => n.split('.').slice(0, -1).join('.')))];
    if (options.adapterFrom !== undefined) {
      adapter = await loadLoraAdapter(options.adapterFrom, arch.modelType, host);
    } else {
      // Continued pre-training (an LM head) also trains the architecture's LM head in full unless told otherwise.
      const lmHead = head === 'masked-lm' || head === 'causal-lm';
      const lora: LoraConfig = {
        ...DEFAULT_LORA,
        targetModules: defaultTargetModules(arch.modelType, 'all'),
        modulesToSave: lmHead ? [...cptLoraModulesToSave(arch.modelType)] : [],
        ...stripUndefined(options.lora ?? {}),
      };
      // A new sequence head also trains the last LayerNorm (head-init.ts calibrates it).
      const headModules = headModulesToSave(arch, config, head, initialised);
      adapter = createLoraAdapter(arch.modelType, host, { ...lora, modulesToSave: [...new Set([...lora.modulesToSave, ...newModules, ...headModules])] }, options.rng);
    }
  } else if (options.adapterFrom !== undefined) {
    throw new StudioError('invalid_request', 'An adapter can only be continued with the LoRA method', { field: 'method' });
  }

  const trainableKeys = adapter === null ? [...host.keys()] : [...adapter.tensors.keys()];
  const frozenKeys = adapter === null ? [] : [...host.keys()].filter((k) => !adapter.tensors.has(k));
  const trainable = toVariables(adapter === null ? host : adapter.tensors, trainableKeys);
  const frozen = toTensors(host, frozenKeys);
  host.clear(); // the tensors hold the values now; exports read them back
  const forwardOptions: ForwardOptions = adapter === null ? {} : { loraScaling: adapter.scaling };
  const count = (m: ReadonlyMap<string, tf.Tensor>): number => [...m.values()].reduce((n, t) => n + t.size, 0);
  const trainableCount = count(trainable);
  const baseCount = count(frozen) + (adapter === null ? trainableCount : [...adapter.tensors.keys()].filter((k) => !k.includes('.lora_')).reduce((n, k) => n + (trainable.get(k) as tf.Variable).size, 0));

  const baseHost = async (): Promise<Map<string, HostTensor>> => {
    const out = await toHost(frozen);
    for (const [k, v] of await toHost(trainable)) out.set(k, v);
    return out;
  };
  const currentAdapter = async (): Promise<LoraAdapter> => {
    if (adapter === null) throw new StudioError('invalid_request', 'This run trained every weight: there is no adapter to save; save the model instead');
    return { ...adapter, tensors: await toHost(trainable) };
  };

  return {
    arch,
    config,
    head,
    rawConfig,
    trainable,
    frozen,
    adapter,
    forwardOptions,
    initialised,
    parameterCount: { total: baseCount, trainable: trainableCount },
    lossFor(batch, rng) {
      const inputs = { input_ids: batch.input_ids, attention_mask: batch.attention_mask, ...(batch.token_type_ids ? { token_type_ids: batch.token_type_ids } : {}) };
      const rate = adapter?.config.dropout ?? 0;
      const dropout = rng !== undefined && rate > 0 ? { loraDropout: { rate, seed: rng.seed() } } : {};
      // Tagged with its batch so that a ParallelTrainer can split it across threads (parallel/).
      return shardable((p: Params) => loss(arch, p, config, inputs, batch.labels, { ...forwardOptions, ...dropout, head }), batch, dropout);
    },
    async saveModel(target) {
      let tensors = await baseHost();
      if (adapter !== null) tensors = mergeLora(tensors, await currentAdapter());
      await saveHfFolder(target, { config: rawConfig, tensors, tokenizerFrom: options.folder });
    },
    async saveAdapter(target) {
      await saveLoraAdapter(target, await currentAdapter(), { baseModelNameOrPath: null, taskType: taskTypeOf(head) });
    },
    dispose() {
      for (const v of trainable.values()) v.dispose();
      for (const t of frozen.values()) t.dispose();
    },
  };
}
