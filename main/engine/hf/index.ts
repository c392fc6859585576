// Hugging Face model folders: inspect (validate without loading), load weights, save a folder.
export { inspectModelFolder, modelContentHash, type ModelFolderSummary } from './inspect';
export { findHfWeights, loadHfWeights, readHfWeightShapes, CONVERT_HINT, type HfWeightFiles } from './weights';
export { saveHfFolder, pythonJson, type SaveHfFolderInput, type SavedHfFolder } from './save';
export { readHfConfig, REQUIRED_CONFIG_KEYS } from './config';
