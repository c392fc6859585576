// Finding and loading the weights of a Hugging Face model folder. Only safetensors are ever read:
// a folder with nothing but pickle checkpoints (pytorch_model.bin, *.pt, *.pth, *.ckpt) is refused,
// because unpickling can run arbitrary code, and the message says how to convert it.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { isFloatDtype } from '../checkpoint/dtypes';
import { INDEX_FILE, readShardIndex, SINGLE_FILE } from '../checkpoint/sharded';
import { readSafetensorsHeader, streamSafetensors, type LoadedTensor, type TensorEntry } from '../checkpoint/safetensors';

export const CONVERT_HINT =
  'To convert it, in a trusted environment with Python and transformers run: ' +
  '`from transformers import AutoModel; AutoModel.from_pretrained(dir).save_pretrained(out, safe_serialization=True)` ' +
  '(use the AutoModelFor… class of your model to keep its head), then choose the new folder.';

const PICKLE = /^(pytorch_model.*\.bin|.*\.pt|.*\.pth|.*\.ckpt)$/i;
const OTHER_FRAMEWORK = /^(tf_model.*\.h5|flax_model.*\.msgpack)$/i;

/**
 * Non-persistent buffers that some older checkpoints still carry (integer position ids, causal-mask
 * `bias`, rotary `inv_freq`). transformers ignores them on load; so do we when they are not float.
 */
const IGNORABLE_BUFFER = /(^|\.)(position_ids|attn\.bias|attn\.masked_bias|rotary_emb\.inv_freq)$/;

export interface HfWeightFiles {
  readonly kind: 'single' | 'sharded';
  /** Safetensors files relative to the folder, in load order. */
  readonly files: readonly string[];
  /** The index file, when sharded. */
  readonly index: string | null;
}

async function listFolder(folder: string): Promise<string[]> {
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new StudioError('bad_input', `${folder} is a file; choose the model's folder (the one holding config.json)`);
    return await readdir(folder);
  } catch (error) {
    if (error instanceof StudioError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('bad_input', `Model folder not found: ${folder}`);
    throw new StudioError('bad_input', `Cannot read the model folder ${folder}: ${(error as Error).message}`);
  }
}

/** Locates the safetensors weights; refuses pickle-only folders and folders without weights. */
export async function findHfWeights(folder: string): Promise<HfWeightFiles> {
  const entries = await listFolder(folder);
  if (entries.includes(SINGLE_FILE)) return { kind: 'single', files: [SINGLE_FILE], index: null };
  if (entries.includes(INDEX_FILE)) {
    const index = await readShardIndex(folder);
    return { kind: 'sharded', files: index.shards, index: INDEX_FILE };
  }
  const pickles = entries.filter((e) => PICKLE.test(e));
  if (pickles.length > 0) {
    throw new StudioError(
      'unsupported',
      `${folder} has only ${pickles.join(', ')}: pickle checkpoints are never loaded, because opening one can run ` +
        `arbitrary code on this computer. Domain Studio reads safetensors (model.safetensors). ${CONVERT_HINT}`,
    );
  }
  const foreign = entries.filter((e) => OTHER_FRAMEWORK.test(e));
  if (foreign.length > 0) {
    throw new StudioError(
      'unsupported',
      `${folder} has only ${foreign.join(', ')} (TensorFlow/Flax weights). Domain Studio reads safetensors (model.safetensors). ` +
        'To convert, in an environment with Python and transformers run: ' +
        '`AutoModel.from_pretrained(dir, from_tf=True).save_pretrained(out, safe_serialization=True)` (from_flax=True for Flax), then choose the new folder.',
    );
  }
  const other = entries.filter((e) => e.endsWith('.safetensors'));
  const hint = other.length > 0 ? ` It has ${other.join(', ')}, but no ${SINGLE_FILE} or ${INDEX_FILE}.` : '';
  throw new StudioError('bad_input', `${folder} has no model weights: expected ${SINGLE_FILE} or ${INDEX_FILE}.${hint}`);
}

function includeWeight(entry: TensorEntry): boolean {
  return isFloatDtype(entry.dtype) || !IGNORABLE_BUFFER.test(entry.name);
}

/** Every weight tensor of the folder as float32, keyed by its state_dict name. */
export async function loadHfWeights(folder: string): Promise<Map<string, LoadedTensor>> {
  const { files } = await findHfWeights(folder);
  const tensors = new Map<string, LoadedTensor>();
  for (const file of files) {
    for await (const [name, tensor] of streamSafetensors(join(folder, file), { include: includeWeight })) {
      if (tensors.has(name)) throw new StudioError('bad_input', `Tensor "${name}" appears in more than one weight file of ${folder}`);
      tensors.set(name, tensor);
    }
  }
  return tensors;
}

export interface WeightShapes {
  /** name → shape, for every weight (ignorable integer buffers left out). */
  readonly shapes: Map<string, number[]>;
  readonly dtypes: Map<string, string>;
  readonly parameters: number;
  /** Bytes of tensor data in the weight files. */
  readonly bytes: number;
  readonly ignored: string[];
}

/** Shapes and sizes from the headers alone (no tensor data is read). */
export async function readHfWeightShapes(folder: string): Promise<WeightShapes & { files: HfWeightFiles }> {
  const files = await findHfWeights(folder);
  const shapes = new Map<string, number[]>();
  const dtypes = new Map<string, string>();
  const ignored: string[] = [];
  let parameters = 0;
  let bytes = 0;
  for (const file of files.files) {
    const header = await readSafetensorsHeader(join(folder, file));
    for (const entry of header.tensors) {
      if (!includeWeight(entry)) {
        ignored.push(entry.name);
        continue;
      }
      if (!isFloatDtype(entry.dtype)) {
        throw new StudioError('unsupported', `${file}: tensor "${entry.name}" is stored as ${entry.dtype}; weights must be F32, F16, BF16 or F64`);
      }
      shapes.set(entry.name, [...entry.shape]);
      dtypes.set(entry.name, entry.dtype);
      parameters += entry.shape.reduce((a, b) => a * b, 1);
      bytes += entry.end - entry.begin;
    }
  }
  return { shapes, dtypes, parameters, bytes, ignored, files };
}
