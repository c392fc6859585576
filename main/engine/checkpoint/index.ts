// Checkpoint files: safetensors (read, stream, write) and Hugging Face sharded checkpoints.
export {
  readSafetensors,
  readSafetensorsHeader,
  streamSafetensors,
  writeSafetensors,
  encodeHeader,
  type LoadedTensor,
  type TensorToWrite,
  type TensorEntry,
  type SafetensorsHeader,
  type ReadOptions,
} from './safetensors';
export { readShardIndex, writeHfWeights, SINGLE_FILE, INDEX_FILE, DEFAULT_MAX_SHARD_BYTES, type ShardIndex, type WrittenWeights } from './sharded';
export { MAX_HEADER_BYTES, parseSafetensorsHeader } from './header';
export type { Dtype, WritableDtype } from './dtypes';
