// Wording of numbers for people: sizes, durations, job counters and results.
import { describe, expect, it } from 'vitest';
import { describeCounters, describeResult, formatBytes, formatDuration } from './format';
import { job } from '../test/fake-bridge';

describe('format', () => {
  it('writes sizes in decimal units with one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(1_250_000)).toBe('1.3 MB');
    expect(formatBytes(42_000_000_000)).toBe('42 GB');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('writes durations in seconds, minutes or hours', () => {
    expect(formatDuration(0.2)).toBe('1 s');
    expect(formatDuration(59)).toBe('59 s');
    expect(formatDuration(130)).toBe('2 min');
    expect(formatDuration(9600)).toBe('2 h 40 min');
  });

  it('pairs done/total counters and spells out known units, keeping unknown ones readable', () => {
    expect(describeCounters({ files_done: 3, files: 7, eta_s: 0, mb_per_s: 0 })).toBe('3 of 7 files');
    expect(describeCounters({ files: 7, files_done: 3 })).toBe('3 of 7 files');
    expect(describeCounters({ step: 12, tokens_per_s: 2450 })).toBe('step: 12 · tokens per s: 2,450');
    expect(describeCounters({})).toBe('');
    // What a corpus import reports while it reads files.
    expect(
      describeCounters({ files_done: 4, files_total: 10, mb_per_s: 12.5, eta_s: 130, bytes_done: 1e6, bytes_total: 5e6 }),
    ).toBe('4 of 10 files · 12.5 MB/s · about 2 min left · 1.0 MB of 5.0 MB');
    expect(describeCounters({ files_total: 10, files_done: 4 })).toBe('4 of 10 files');
  });

  it('describes a finished workspace check, and nothing for unknown or unfinished jobs', () => {
    const result = { files: 1, bytes: 2048, digest: '0123456789abcdef0123', integrity: 'ok' };
    expect(describeResult(job(1, { status: 'succeeded', result }))).toBe('1 file, 2.0 KB, database healthy. Fingerprint 0123456789ab…');
    expect(describeResult(job(1, { status: 'succeeded', result: { ...result, integrity: 'page 4 is never used' } }))).toContain(
      'database: page 4 is never used',
    );
    expect(describeResult(job(1, { status: 'running', result }))).toBeNull();
    expect(describeResult(job(1, { status: 'succeeded', kind: 'corpus.import', result: {} }))).toBeNull();
    const report = { corpus: { name: 'notes' }, documents: { in: 1200, kept: 1100 }, tokens: { total: 250_000 } };
    expect(describeResult(job(1, { status: 'succeeded', kind: 'corpus.import', result: report }))).toBe(
      '“notes”: 1,100 of 1,200 documents kept, 250,000 tokens.',
    );
    const trained = { run: 4, status: 'succeeded', metrics: { steps: 200, domain_perplexity: { before: 35.24, after: 12.31 } } };
    expect(describeResult(job(2, { status: 'succeeded', kind: 'train', result: trained }))).toBe(
      'Run #4 finished: perplexity on your documents 35.2 → 12.3.',
    );
    const exported = {
      source: { run_id: 3, model_id: null, name: 'bert-run-3' },
      out: '/exports/a',
      exports: [
        { format: 'hf', bytes: 1_500_000, verified: true },
        { format: 'bundle', bytes: 1_600_000, verified: true },
      ],
    };
    expect(describeResult(job(1, { status: 'succeeded', kind: 'export', result: exported }))).toBe(
      '“bert-run-3”: hf, bundle written to /exports/a (3.1 MB, all verified).',
    );
  });
});
