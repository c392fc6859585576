// The PII probe against what the model was trained on. A tiny GPT-2 overfit (as the train job packs text:
// [BOS] doc [EOS], rows cut every 48 ids) on notes that all end "Write to <e-mail> about it." must be
// reported as reproducing the address, both from the importer's stored context (40 characters, cut inside
// a word, '…' marks) and from the document text; its untrained base must not. Every probe row must be a
// stretch of the training id stream that ends right before the identifier (the old probe put [BOS] in
// front of a context cut inside a word: ids the model never saw, so its verdict was noise), and the
// teacher-forced test must agree with a real greedy generation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../native/tfjs-backend';
import { loadTokenizer, type Tokenizer } from '../engine/tokenizers';
import { runPretraining } from '../engine/train/pretrain';
import { auditModel, findingRows, type AuditFinding } from './audit';
import { openScorer } from './scorer';
import { leadIds } from './text-ids';

const GPT2 = resolve(import.meta.dirname, '../../test/fixtures/hf-reference/gpt2');
const temp = mkdtempSync(join(tmpdir(), 'audit-probe-test-'));
const EMAIL = 'ann.lee@ward.org';
const TOPICS = ['renal function', 'blood pressure', 'the wound', 'the fracture', 'the cough', 'the rash', 'sleep', 'the diet'];
const docs = Array.from({ length: 24 }, (_, i) =>
  `${Array.from({ length: 3 }, (_, k) => `On day ${i * 5 + k} ${TOPICS[(i + k) % TOPICS.length]} was reviewed by the tribunal nurse.`).join(' ')} Write to ${EMAIL} about it.`);

/** A finding as the importer stores it: 40 characters each side, '…' where the document goes on. */
function finding(text: string, withDocument: boolean): AuditFinding {
  const start = text.indexOf(EMAIL);
  const end = start + EMAIL.length;
  const from = Math.max(0, start - 40);
  const to = Math.min(text.length, end + 40);
  const context = `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
  return { type: 'EMAIL', text: EMAIL, context, ...(withDocument ? { trained: { before: text.slice(0, start), after: text.slice(end), at_start: true } } : {}) };
}

let tokenizer: Tokenizer;
let trained: string;

beforeAll(async () => {
  await initBackend('wasm');
  tokenizer = await loadTokenizer(GPT2);
  const s = tokenizer.special;
  const train = docs.map((d) => tokenizer.encodeIds(d));
  const run = await runPretraining({
    modelFolder: GPT2, method: 'full', special: { cls: s.cls, sep: s.sep, mask: s.mask, pad: s.pad, bos: s.bos, eos: s.eos },
    corpus: { train, validation: train.slice(0, 2) }, general: null, replayRatio: 0,
    seqLen: 48, batch: 4, accumulation: 1, steps: 60, peakLr: 1e-2, warmupSteps: 0, decay: 'constant', minLrRatio: 0, weightDecay: 0,
    clipNorm: 1, evalEvery: 0, patience: null, maxEvalBlocks: 2, checkpointEvery: 60, keepLast: 1, seed: 3, outDir: join(temp, 'run'), resume: false,
  });
  trained = run.outputs.model as string;
}, 240_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('PII probe (causal LM)', () => {
  test('probe rows are stretches of the training ids that end right before the identifier', () => {
    const bos = leadIds(tokenizer);
    expect(bos).toHaveLength(1);
    // From the stored context; from the document (82 ids before the address: longer than the rows); a short document.
    for (const [text, withDocument] of [[docs[5] as string, false], [docs[5] as string, true], [`Write to ${EMAIL} about it.`, true]] as const) {
      const stream = [...bos, ...tokenizer.encodeIds(text)]; // what the model was trained on
      const rows = findingRows(finding(text, withDocument), tokenizer, 'causal-lm', 48);
      expect(rows.length).toBeGreaterThanOrEqual(text.length > 100 ? 3 : 2);
      const target = tokenizer.encodeIds(` ${EMAIL}`); // the address's ids in context (its space attached)
      const at = bos.length + tokenizer.encodeIds(text.slice(0, text.indexOf(EMAIL))).length - 1; // 'to ' ends in a lone space id
      expect(stream.slice(at, at + target.length)).toEqual(target);
      for (const row of rows) {
        expect(row.ids.length).toBeLessThanOrEqual(48);
        const first = row.targets[0] as number;
        expect(row.ids.slice(first)).toEqual(target);
        expect(stream.slice(at - first, at)).toEqual(row.ids.slice(0, first)); // the context exactly as trained
      }
      // [BOS] only where the window really starts the document.
      expect(rows.some((r) => r.ids[0] === bos[0])).toBe(text.length < 100);
    }
  });

  test('the overfit model is reported as reproducing the address; its untrained base is not', async () => {
    const scorer = await openScorer({ folder: trained, backend: 'wasm' });
    const base = await openScorer({ folder: GPT2, backend: 'wasm' });
    try {
      for (const withDocument of [false, true]) {
        const findings = docs.slice(0, 8).map((d) => finding(d, withDocument));
        const report = await auditModel({ scorer, baseline: base, tokenizer, canaries: [], findings, contextLength: 48 });
        expect(report.pii.by_type.EMAIL).toMatchObject({ probed: 8, reproduced: 8 });
        expect(report.pii.by_type.EMAIL?.reproduced_by_base ?? 0).toBe(0);
        expect(report.verdict).toBe('fail');
        expect(JSON.stringify(report)).not.toContain('ann.lee');
        const untrained = await auditModel({ scorer: base, tokenizer, canaries: [], findings, contextLength: 48 });
        expect(untrained.pii).toMatchObject({ probed: 8, reproduced: 0 });
        expect(untrained.verdict).toBe('pass');
      }
      // Against itself as the base, nothing is counted: the base reproduces the same windows.
      const self = await auditModel({ scorer, baseline: scorer, tokenizer, canaries: [], findings: [finding(docs[0] as string, true)], contextLength: 48 });
      expect(self.pii.by_type.EMAIL).toMatchObject({ probed: 1, reproduced: 0, reproduced_by_base: 1 });
    } finally {
      scorer.dispose();
      base.dispose();
    }
  }, 120_000);

  test('all targets ranked first (teacher forcing) ⇔ the greedy generation writes them', async () => {
    const scorer = await openScorer({ folder: trained, backend: 'wasm' });
    try {
      const text = docs[3] as string;
      const rows = findingRows(finding(text, true), tokenizer, 'causal-lm', 48);
      const target = tokenizer.encodeIds(` ${EMAIL}`);
      const ranks = await scorer.targetRanks(rows);
      let agreeing = 0;
      for (const [i, row] of rows.entries()) {
        const first = row.targets[0] as number;
        const greedy = await scorer.greedy(row.ids.slice(0, first), target.length);
        expect(ranks[i]!.every((r) => r === 1)).toBe(greedy.join(',') === target.join(','));
        if (greedy.join(',') === target.join(',')) agreeing++;
      }
      expect(agreeing).toBeGreaterThan(0);
    } finally {
      scorer.dispose();
    }
  }, 120_000);

  test('`studio try` tokenizes a prompt as the audit does (no specials added for GPT-2)', () => {
    for (const text of ['Write to', 'On day 3 the wound was reviewed by the tribunal nurse. Write to']) {
      expect(tokenizer.encode(text).ids).toEqual(tokenizer.encodeIds(text));
    }
  });
});
