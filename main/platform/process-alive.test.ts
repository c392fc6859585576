// isProcessAlive: a running process is alive; one that exited is not, even while nobody has reaped it (a zombie).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isProcessAlive, procState } from './process-alive';
import { makeZombie } from './test-zombie';

describe('isProcessAlive', () => {
  it('answers true for a running process and false for one that exited and was reaped', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(spawnSync(process.execPath, ['-e', '']).pid)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('answers false for a zombie, which process.kill(pid, 0) still finds', async () => {
    const zombie = await makeZombie();
    try {
      expect(() => process.kill(zombie.pid, 0)).not.toThrow();
      expect(isProcessAlive(zombie.pid)).toBe(false);
    } finally {
      zombie.release();
    }
  });
});

describe('procState', () => {
  it('reads the state after the last parenthesis, whatever the process name holds', () => {
    expect(procState('21806 (sleep) Z 21805 21801 18679 0 -1 4227084 98 0 0 0')).toBe('Z');
    expect(procState('42 (my (odd) name) R 1 42 42 0 -1')).toBe('R');
    expect(procState('7 (a) Z (b)) S 1 7 7 0 -1')).toBe('S');
    expect(procState('9 (x) X 1')).toBe('X');
    expect(procState('not a stat line')).toBeNull();
    expect(procState('1 (x)')).toBeNull();
  });
});
