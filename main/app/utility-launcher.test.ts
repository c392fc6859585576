// The utilityProcess adapter, driven by a stand-in with UtilityProcess's event surface (Electron cannot
// run here): messages both ways, one exit report, the output tail kept for crash reasons, no sends or
// kills after exit.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ChildExit } from '../jobs/launcher';
import { utilityLauncher } from './utility-launcher';

class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = undefined;
  stdout = new PassThrough();
  stderr = new PassThrough();
  posted: unknown[] = [];
  kills = 0;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.kills += 1;
    return true;
  }
}

function launch() {
  const forks: Array<{ entry: string; args: string[]; options: { env: NodeJS.ProcessEnv; execArgv: string[]; serviceName: string } }> = [];
  const proc = new FakeUtilityProcess();
  const launcher = utilityLauncher((entry, args, options) => {
    forks.push({ entry, args, options });
    return proc as never;
  }, '/app/dist/job-process.js');
  const child = launcher({ jobId: 12, env: { STUDIO_X: '1' }, v8Flags: ['--max-inlined-bytecode-size=100'] });
  return { child, proc, forks };
}

describe('utilityLauncher', () => {
  it('forks the bundled job process for the job with its environment', () => {
    const { forks, child, proc } = launch();
    expect(forks).toEqual([{ entry: '/app/dist/job-process.js', args: ['--job=12'], options: expect.objectContaining({ env: { STUDIO_X: '1' }, execArgv: ['--max-inlined-bytecode-size=100'], stdio: 'pipe' }) }]);
    expect(child.pid).toBeNull();
    proc.pid = 4242; // known once spawned
    expect(child.pid).toBe(4242);
  });

  it('passes messages both ways and reports the exit once', () => {
    const { child, proc } = launch();
    const received: unknown[] = [];
    const exits: ChildExit[] = [];
    child.onMessage((m) => received.push(m));
    child.onExit((e) => exits.push(e));
    expect(child.send({ type: 'cancel' })).toBe(true);
    expect(proc.posted).toEqual([{ type: 'cancel' }]);
    proc.emit('message', { type: 'progress', progress: 0.5, message: 'half', counters: {} });
    expect(received).toEqual([{ type: 'progress', progress: 0.5, message: 'half', counters: {} }]);
    proc.emit('exit', 3);
    proc.emit('exit', 3);
    expect(exits).toEqual([{ code: 3, signal: null }]);
    expect(child.send({ type: 'cancel' })).toBe(false);
    child.kill();
    expect(proc.kills).toBe(0);
  });

  it('keeps the last output for the crash reason', async () => {
    const { child, proc } = launch();
    proc.stderr.write('x'.repeat(5000));
    proc.stderr.write('\nRangeError: Array buffer allocation failed\n');
    proc.emit('error', 'FatalError', 'v8::ArrayBuffer');
    await new Promise((r) => setImmediate(r));
    expect(child.outputTail()).toContain('RangeError: Array buffer allocation failed');
    expect(child.outputTail()).toContain('FatalError at v8::ArrayBuffer');
    expect(child.outputTail().length).toBeLessThanOrEqual(4096);
  });
});
