// When an import starts worker threads: by the size of its sources, since a worker's start-up costs about a
// CPU-second whatever the number of documents.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { threadsFor } from './pool';

describe('threadsFor', () => {
  const many = Math.min(2, availableParallelism()) >= 2 ? 2 : 0;

  it('runs a small import on the main thread, however many documents it has', () => {
    expect(threadsFor(1e6, 'auto', true)).toBe(0);
    expect(threadsFor(5e6, 'auto', true)).toBe(0);
    expect(threadsFor(20e6, 'auto', false)).toBe(0);
  });

  it('starts threads from ten MB to scan for PII, and from more without the scan', () => {
    expect(threadsFor(12e6, 'auto', true)).toBe(many);
    expect(threadsFor(30e6, 'auto', false)).toBe(many);
  });

  it('honours an explicit number of threads', () => {
    expect(threadsFor(1, 3, true)).toBe(3);
    expect(threadsFor(1e9, 0, true)).toBe(0);
  });
});
