// Types of electron-binary.mjs (plain JS so that `npm start` runs without a TypeScript loader).
export function findElectronBinary(root: string, env?: NodeJS.ProcessEnv): { path: string; reason: null } | { path: null; reason: string };
