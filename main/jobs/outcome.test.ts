import { describe, expect, it } from 'vitest';
import { crashReason } from './outcome';

const trap = { code: null, signal: 'SIGTRAP' as NodeJS.Signals };

describe('crashReason', () => {
  it('names the fatal error a native crash printed, not the last frame of the native stack trace after it', () => {
    const v8Check = [
      'Importing…', '', '#', '# Fatal error in , line 0', '# Check failed: !object.IsSmi().', '#', '#', '#',
      '#FailureMessage Object: 0x7ffd5c2a3e10', '----- Native stack trace -----', '',
      ' 1: 0xc9c3a1  [node]', ' 2: 0x1f8f4b1 V8_Fatal(char const*, ...) [node]', '15: 0x7f56de7278ec  [/lib/x86_64-linux-gnu/libc.so.6]', '',
    ].join('\n');
    expect(crashReason(trap, v8Check)).toBe('The job process was killed by SIGTRAP. Last output: # Check failed: !object.IsSmi().');
    const oom = [
      '<--- Last few GCs --->', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
      ' 1: 0xb8d0a3 node::Abort() [node]', ' 2: 0xa96834  [node]',
    ].join('\n');
    expect(crashReason({ code: null, signal: 'SIGABRT' }, oom)).toMatch(/Last output: FATAL ERROR: Reached heap limit .* out of memory$/);
  });

  it('otherwise gives the last line that is not a stack frame, or none', () => {
    const thrown = ['Error: disk full', '    at write (file.js:1:1)', '    at main (file.js:2:2)'].join('\n');
    expect(crashReason({ code: 1, signal: null }, thrown)).toBe('The job process exited unexpectedly with code 1. Last output: Error: disk full');
    expect(crashReason({ code: 1, signal: null }, '')).toBe('The job process exited unexpectedly with code 1.');
  });
});
