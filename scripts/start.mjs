// `npm start`: builds the renderer when renderer/dist is missing and the main-process bundle (dist/), then runs
// the Electron app where its binary is installed, and otherwise the bundled `studio serve` (the same app in a
// browser, on 127.0.0.1), which prints the URL to open. Extra arguments go to the app (e.g. `npm start -- --workspace DIR`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function runStep(script) {
  const result = spawnSync(npm, ['run', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: \`npm run ${script}\` failed; fix the error above and run \`npm start\` again.`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(join(root, 'renderer', 'dist', 'index.html'))) {
  console.error('start: building the user interface (renderer/dist is missing)…');
  runStep('build:renderer');
}

const electron = findElectronBinary(root);
// Both ways run the bundled main-process code (dist/, built anew here in under a second), as the packaged app does:
// the job processes and their worker threads then load plain JavaScript instead of compiling TypeScript through tsx
// at every start, and what is tried here is what ships.
runStep('build:main');
let child;
if (electron.path) {
  child = spawn(electron.path, [root, ...args], { cwd: root, stdio: 'inherit' });
} else {
  console.error(`start: Electron is not available (${electron.reason}); serving the app for a browser instead.`);
  child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'serve', ...args], { cwd: root, stdio: 'inherit' });
}

// Ctrl-C reaches the child through the terminal; a SIGTERM sent to npm is passed on so it closes cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
