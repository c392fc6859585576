// Export formats in plain words, which apply to a source, and a rough size before writing.
import type { ExportFormat } from '../../../../main/common/dto';

export interface FormatInfo {
  id: ExportFormat;
  title: string;
  text: string;
}

export const FORMATS: readonly FormatInfo[] = [
  { id: 'hf', title: 'Hugging Face folder', text: 'For colleagues who use Python and the transformers library.' },
  { id: 'peft', title: 'LoRA adapter only', text: 'A few megabytes; the colleague needs the same base model.' },
  { id: 'merged', title: 'Merged model', text: 'The adapter folded into the base model: one ordinary model folder.' },
  { id: 'onnx', title: 'ONNX', text: 'For apps that run models with onnxruntime, without Python.' },
  { id: 'bundle', title: 'Signed bundle (.dsbundle)', text: 'For colleagues using Domain Studio: verified and imported in one step, with a model card.' },
];

export interface SourceFacts {
  /** A run trained with LoRA (has an adapter). */
  lora: boolean;
  /** Bytes of the full model's weights. */
  modelBytes: number | null;
  /** Trainable (adapter) parameters. */
  adapterParameters: number | null;
}

/** Why a format does not apply to this source, or null when it does. */
export function unavailableReason(format: ExportFormat, source: SourceFacts): string | null {
  if ((format === 'peft' || format === 'merged') && !source.lora) return 'Only for runs trained with LoRA.';
  return null;
}

/** About how many bytes a format writes (weights dominate; float32). Null when unknown. */
export function estimateBytes(format: ExportFormat, source: SourceFacts, chosen: readonly ExportFormat[]): number | null {
  switch (format) {
    case 'hf':
    case 'merged':
    case 'onnx':
      return source.modelBytes;
    case 'peft':
      return source.adapterParameters === null ? null : source.adapterParameters * 4;
    case 'bundle': {
      const parts = chosen.filter((f) => f !== 'bundle').map((f) => estimateBytes(f, source, chosen));
      if (parts.length === 0) return source.lora ? estimateBytes('peft', source, chosen) : source.modelBytes;
      return parts.some((p) => p === null) ? null : parts.reduce<number>((sum, p) => sum + (p ?? 0), 0);
    }
  }
}
