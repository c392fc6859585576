// Why a native add-on failed to load, and what the user should run to fix it. Shared by the probes of
// better-sqlite3 and onnxruntime-node (the tfjs probe has its own): turns Node's loader messages into
// one line of reason and one concrete command.
export interface LoadFailure {
  reason: string;
  fix: string;
}

export interface AddonInfo {
  /** npm package name. */
  package: string;
  /** The version to reinstall. */
  version: string;
  /** True when the add-on is compiled per Node/Electron ABI (not N-API), so a rebuild fixes a mismatch. */
  abiSpecific: boolean;
}

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 400);
}

export function explainLoadError(addon: AddonInfo, error: unknown): LoadFailure {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const reinstall = `npm install ${addon.package}@${addon.version}`;

  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(addon.package) && !message.includes('.node')) {
    return { reason: `${addon.package} is not installed.`, fix: `Run \`npm ci\` in the app folder (or \`${reinstall}\`).` };
  }
  const abi = /NODE_MODULE_VERSION (\d+)[\s\S]*NODE_MODULE_VERSION (\d+)/.exec(message);
  if (abi) {
    return {
      reason: `${addon.package} was compiled for another Node.js or Electron version (module version ${abi[1]}; this runtime needs ${abi[2]}).`,
      fix: addon.abiSpecific
        ? `For the CLI and \`studio serve\`: \`npm rebuild ${addon.package}\`. For the desktop app: \`npx @electron/rebuild -f -w ${addon.package}\`.`
        : `Reinstall it for this runtime: \`${reinstall}\`.`,
    };
  }
  if (/Could not locate the bindings file|\.node'? *$|Cannot find module .*\.node/m.test(message)) {
    return {
      reason: `The native part of ${addon.package} was never built or was removed.`,
      fix: `Run \`npm rebuild ${addon.package}\` (building needs python3, make and a C++ compiler).`,
    };
  }
  const glibc = /(GLIBC(?:XX)?_[\d.]+)' not found/.exec(message);
  if (glibc) {
    return {
      reason: `${addon.package} needs a newer system C library (${glibc[1]}) than this system has.`,
      fix: `Build it from source for this system: \`npm rebuild ${addon.package} --build-from-source\`, or use a newer operating system.`,
    };
  }
  if (/cannot open shared object file|image not found|The specified module could not be found/i.test(message)) {
    return {
      reason: `${addon.package} could not load a shared library it needs: ${oneLine(error)}`,
      fix: `Reinstall it (\`${reinstall}\`); if the library is a system one, install it with the system's package manager.`,
    };
  }
  return { reason: `${addon.package} failed to load: ${oneLine(error)}`, fix: `Reinstall it: \`${reinstall}\`, then run \`studio doctor\` again.` };
}
