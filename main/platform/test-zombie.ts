// For tests (Linux only): a real zombie — a process that has exited and that its parent never reaps. Node reaps its
// own children at once, so the zombie is a grandchild: `sh` starts `sleep 0` and becomes `sleep 30` by exec; that
// sleep never waits, so the exited `sleep 0` stays a zombie until `release` kills its parent (init then reaps it).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { procState } from './process-alive';

export interface Zombie {
  pid: number;
  release(): void;
}

export async function makeZombie(timeoutMs = 5000): Promise<Zombie> {
  const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const release = () => parent.kill('SIGKILL');
  try {
    const pid = await new Promise<number>((resolve, reject) => {
      parent.once('error', reject);
      parent.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
    });
    for (const deadline = Date.now() + timeoutMs; procState(readFileSync(`/proc/${pid}/stat`, 'utf8')) !== 'Z'; await sleep(10)) {
      if (Date.now() > deadline) throw new Error(`process ${pid} did not become a zombie within ${timeoutMs} ms`);
    }
    return { pid, release };
  } catch (error) {
    release();
    throw error;
  }
}
