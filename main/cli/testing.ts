// In-process `studio` for the CLI's tests: main() run against one workspace, non-interactive, with
// everything it writes to stdout and stderr collected (so a test can parse `--json` output).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from './main';

export interface StudioOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `studio --workspace <workspace> …args` in-process; its exit code and what it wrote. */
export async function runStudio(workspace: string, ...args: string[]): Promise<StudioOutput> {
  let stdout = '';
  let stderr = '';
  const code = await main(['--workspace', workspace, ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), interactive: false });
  return { code, stdout, stderr };
}

/** `studio(…args)` bound to one workspace. */
export function studioAt(workspace: string): (...args: string[]) => Promise<StudioOutput> {
  return (...args) => runStudio(workspace, ...args);
}

const TOPICS = ['renal function', 'blood pressure', 'the wound', 'the fracture', 'the cough', 'the rash', 'sleep', 'the diet'];
const VERBS = ['was checked', 'improved', 'was reviewed', 'is stable', 'got worse', 'was treated'];

/** Writes `count` short clinical notes (note-<i>.txt), all different (the import removes near duplicates). */
export function writeNotes(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const sentences = Array.from({ length: 6 }, (_, k) => `On day ${i * 7 + k} ${TOPICS[(i + k) % TOPICS.length]} ${VERBS[(i * 3 + k) % VERBS.length]} and the patient ${k % 2 ? 'went home' : 'stayed in'} after ${i + k} hours.`);
    writeFileSync(join(dir, `note-${i}.txt`), sentences.join(' '));
  }
}
