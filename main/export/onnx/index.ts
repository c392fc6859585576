// ONNX export and inference: exportOnnx (Hugging Face folder → verified model.onnx), runOnnx /
// openOnnxSession (onnxruntime-node, CPU), buildOnnxModel (the graph from config + weights).
export { exportOnnx, ONNX_FILE, ONNX_DATA_FILE, type OnnxExportOptions, type OnnxExportResult } from './export';
export { runOnnx, openOnnxSession, type OnnxInputs, type OnnxLogits, type OnnxSession } from './run';
export { buildOnnxModel, ONNX_IR_VERSION, ONNX_OPSET, type BuiltOnnxModel } from './build';
export { readOnnxHeader, type OnnxHeader } from './inspect';
export { estimateOnnxBytes, type OnnxSizeEstimate } from './size';
export type { ParityReport } from './verify';
