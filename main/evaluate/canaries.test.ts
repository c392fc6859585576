// Canaries: deterministic per seed, in the digit format the audit draws alternatives from; planting
// inserts each one `repeats` times without touching the input; the record round-trips and a damaged
// one is refused with a clear error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CANARY_FILE, canaryText, makeCanaries, plantCanaries, readCanaryRecord, writeCanaryRecord } from './canaries';

const dir = mkdtempSync(join(tmpdir(), 'canaries-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('canaries', () => {
  test('made from a seed: same seed same secrets, six spaced digits each', () => {
    const a = makeCanaries(7, 4);
    expect(a).toEqual(makeCanaries(7, 4));
    expect(a).not.toEqual(makeCanaries(8, 4));
    for (const c of a) expect(c.secret).toMatch(/^\d( \d){5}$/);
    expect(new Set(a.map((c) => c.secret)).size).toBe(4);
    expect(canaryText(a[0]!)).toBe(`${a[0]!.prefix} ${a[0]!.secret}`);
    expect(() => makeCanaries(1, 65)).toThrow(/0 to 64/);
  });

  test('planted repeats times at seeded places; the input is left alone', () => {
    const docs = ['a', 'b', 'c', 'd'];
    const out = plantCanaries(docs, ['X', 'Y'], 3, 5);
    expect(out).toHaveLength(10);
    expect(out.filter((d) => d === 'X')).toHaveLength(3);
    expect(out.filter((d) => d !== 'X' && d !== 'Y')).toEqual(docs);
    expect(docs).toEqual(['a', 'b', 'c', 'd']);
    expect(plantCanaries(docs, ['X', 'Y'], 3, 5)).toEqual(out);
    expect(() => plantCanaries(docs, ['X'], 0, 5)).toThrow(/repeats/);
  });

  test('the run record round-trips; none → null; damaged → bad_input', () => {
    expect(readCanaryRecord(dir)).toBeNull();
    const canaries = makeCanaries(3, 2);
    writeCanaryRecord(dir, { seed: 3, repeats: 2, canaries });
    expect(readCanaryRecord(dir)).toEqual({ version: 1, seed: 3, repeats: 2, canaries });
    writeFileSync(join(dir, CANARY_FILE), JSON.stringify({ version: 1, seed: 3, repeats: 2, canaries: [{ prefix: 'x', secret: 'abc' }] }));
    expect(() => readCanaryRecord(dir)).toThrow(expect.objectContaining({ code: 'bad_input' }));
  });
});
