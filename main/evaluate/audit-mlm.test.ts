// Masked LM probe on the BERT fixture (64 positions): rows are [CLS] + the training ids before the
// identifier + one [MASK] per identifier id + the training ids after it + [SEP], and never exceed the
// model's positions however long the text around the identifier (a probe of 72 ids used to stop the
// audit with "exceeds the model's 64 positions"); the untrained model does not fill the address.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../native/tfjs-backend';
import { loadTokenizer, type Tokenizer } from '../engine/tokenizers';
import { auditModel, findingRows, type AuditFinding } from './audit';
import { openScorer } from './scorer';

const BERT = resolve(import.meta.dirname, '../../test/fixtures/hf-reference/bert');
const EMAIL = 'ann.lee@ward.org';
const LONG = `${'The tribunal nurse reviewed the notes again. '.repeat(20)}Write to ${EMAIL} about it. ${'Nothing else was said that day. '.repeat(20)}`;

function finding(text: string, withDocument: boolean): AuditFinding {
  const start = text.indexOf(EMAIL);
  const end = start + EMAIL.length;
  const context = `…${text.slice(start - 40, end + 40)}…`;
  return { type: 'EMAIL', text: EMAIL, context, ...(withDocument ? { trained: { before: text.slice(0, start), after: text.slice(end), at_start: true } } : {}) };
}

let tokenizer: Tokenizer;
beforeAll(async () => {
  await initBackend('wasm');
  tokenizer = await loadTokenizer(BERT);
});

describe('PII probe (masked LM)', () => {
  test('rows are the training ids around the masked identifier and fit the positions', () => {
    const stream = tokenizer.encodeIds(LONG);
    const target = tokenizer.encodeIds(EMAIL);
    const at = tokenizer.encodeIds(LONG.slice(0, LONG.indexOf(EMAIL))).length;
    expect(stream.slice(at, at + target.length)).toEqual(target);
    for (const withDocument of [false, true]) {
      const rows = findingRows(finding(LONG, withDocument), tokenizer, 'masked-lm', 64);
      expect(rows.length).toBeGreaterThan(1);
      for (const r of rows) {
        expect(r.ids.length).toBeLessThanOrEqual(64);
        expect(r.ids[0]).toBe(tokenizer.special.cls);
        expect(r.ids.at(-1)).toBe(tokenizer.special.sep);
        const first = r.targets[0] as number;
        const last = r.targets.at(-1) as number;
        expect(r.targets.map((t) => r.ids[t])).toEqual(target);
        const before = r.ids.slice(1, first);
        const after = r.ids.slice(last + 1, -1);
        expect(before.length + after.length).toBeGreaterThan(0);
        expect(stream.slice(at - before.length, at)).toEqual(before);
        expect(stream.slice(at + target.length, at + target.length + after.length)).toEqual(after);
      }
      // With the document, the widest window uses all 64 positions.
      if (withDocument) expect(Math.max(...rows.map((r) => r.ids.length))).toBe(64);
    }
  });

  test('the untrained model is audited without error at its 64 positions and fills nothing', async () => {
    const scorer = await openScorer({ folder: BERT, backend: 'wasm' });
    try {
      const findings = [finding(LONG, true), finding(LONG, false)];
      const report = await auditModel({ scorer, tokenizer, canaries: [], findings });
      expect(report.pii.by_type.EMAIL).toMatchObject({ probed: 2, reproduced: 0, reproduced_top_k: 0 });
      expect(report.pii.method).toMatch(/masked in windows/);
      expect(report.verdict).toBe('pass');
    } finally {
      scorer.dispose();
    }
  }, 60_000);
});
