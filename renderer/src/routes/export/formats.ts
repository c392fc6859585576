// Export formats in plain words (what each is for); availability and sizes come from `export.plan`.
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
