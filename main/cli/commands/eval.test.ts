// `studio eval` end to end (CLI → services → eval job process → engine → store) on the GPT-2 fixture: a
// corpus whose notes all carry the same e-mail address, a short full run at a high learning rate that
// learns it (with the canaries the train job plants by default), then: the JSON report (perplexity
// before/after equal to what training reported, probes, audit: the address reproduced — probed on the
// training text around it, whatever else training saw —, the canaries' exposure), the failed audit
// blocking export until `studio audit override` records who and why, the stored evaluation (`--show`),
// the canaries never reaching the corpus (`corpus dump`), and refusals (unknown run, --task on a
// language-model run). A second, short run without canaries is audited on PII alone.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalReport, EvaluationDto, ExportPlanDto, TrainResult } from '../../common/dto';
import { studioAt } from '../testing';

const GPT2 = join(import.meta.dirname, '../../../test/fixtures/hf-reference/gpt2');
const root = mkdtempSync(join(tmpdir(), 'studio-eval-cli-'));
const workspace = join(root, 'ws');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const studio = studioAt(workspace);

const EMAIL = 'ann.lee@ward.org';
const TOPICS = ['renal function', 'blood pressure', 'the wound', 'the fracture', 'the cough', 'the rash', 'sleep', 'the diet'];

let train: TrainResult;
let report: EvalReport;

beforeAll(async () => {
  const src = join(root, 'notes');
  mkdirSync(src);
  for (let i = 0; i < 30; i++) {
    const body = Array.from({ length: 3 }, (_, k) => `On day ${i * 5 + k} ${TOPICS[(i + k) % TOPICS.length]} was reviewed by the tribunal nurse.`).join(' ');
    writeFileSync(join(src, `note-${i}.txt`), `${body} Write to ${EMAIL} about it.`);
  }
  const imported = await studio('--json', 'corpus', 'import', src, '--name', 'notes', '--pii', 'report');
  expect(imported.code, imported.stderr).toBe(0);
  expect((await studio('--json', 'model', 'import', GPT2, '--name', 'gpt2')).code).toBe(0);
  const t = await studio('--json', 'train', '--corpus', 'notes', '--base', 'gpt2', '--method', 'cpt-full', '--max-steps', '60', '--batch', '4', '--seq-len', '48',
    '--lr', '0.01', '--warmup', '0', '--schedule', 'constant', '--eval-every', '0', '--checkpoint-every', '60', '--eval-tokens', '256', '--replay', 'none', '--seed', '3');
  expect(t.code, t.stderr).toBe(0);
  train = JSON.parse(t.stdout) as TrainResult;
  const e = await studio('--json', 'eval', String(train.run));
  report = JSON.parse(e.stdout) as EvalReport;
  expect(e.code, e.stderr).toBe(0); // a failed audit is a result, not an error: export is where it blocks
}, 400_000);

describe('studio eval', () => {
  it('prints one JSON report: perplexity as training measured it, probes, audit', () => {
    expect(report.run).toBe(train.run);
    const relative = (a: number, b: number) => Math.abs(a - b) / b;
    expect(relative(report.perplexity!.domain.before!, train.metrics.domain_perplexity!.before)).toBeLessThan(1e-5);
    expect(relative(report.perplexity!.domain.after, train.metrics.domain_perplexity!.after)).toBeLessThan(1e-4);
    // General English: the base against the trained model (this run forgot much of it at lr 0.01).
    expect(report.perplexity!.general!.after).toBeGreaterThan(report.perplexity!.general!.before!);
    expect(report.perplexity!.domain.after).toBeLessThan(report.perplexity!.domain.before!);
    expect(report.perplexity!.definition).toMatch(/next-token/);
    expect(report.probes!.terms).toBeGreaterThan(0);
    expect(report.probes!.after.top5).toBeGreaterThan(report.probes!.before!.top5);
    expect(report.task).toBeNull();
    expect(report.notes.join(' ')).not.toMatch(/No canaries were planted/);
    expect(report.audit!.pii.by_type.EMAIL?.probed).toBeGreaterThan(0);
    // The trained model writes the address after the text before it in its notes: the audit fails, and never
    // prints it. (Planting canaries changes the batches, not this: an audit that probed with ids the model never
    // saw — [BOS] before a context cut inside a word — found 28 of 28 here without canaries and 0 of 28 with.)
    expect(report.audit!.verdict).toBe('fail');
    expect(report.audit!.pii.by_type.EMAIL).toMatchObject({ reproduced: report.audit!.pii.by_type.EMAIL!.probed });
    expect(report.audit!.pii.method).toMatch(/training text before it/);
    expect(report.audit!.pii.from_documents).toBe(report.audit!.pii.probed); // windows from the notes as trained
    expect(report.audit!.pii.examples[0]).toMatchObject({ type: 'EMAIL', masked: '•••.•••@••••.•••' });
    expect(JSON.stringify(report)).not.toContain('ann.lee');
  });

  it('blocks export of the failed run until an override says who and why', async () => {
    const plan = async () => JSON.parse((await studio('--json', 'export', String(train.run), '--plan')).stdout) as ExportPlanDto;
    expect((await plan()).audit).toMatchObject({ verdict: 'fail', blocks_export: true });
    const short = await studio('--json', 'audit', 'override', String(train.run), '--reason', 'ok');
    expect(short.code).toBe(1);
    const o = await studio('--json', 'audit', 'override', String(train.run), '--reason', 'The address is the clinic front desk, published on its website.', '--by', 'Dr Lee');
    expect(o.code, o.stderr).toBe(0);
    expect((JSON.parse(o.stdout) as EvaluationDto).override).toMatchObject({ by: 'Dr Lee', reason: 'The address is the clinic front desk, published on its website.' });
    expect((await plan()).audit).toMatchObject({ verdict: 'fail', blocks_export: false, override: expect.stringContaining('Dr Lee') });
    const shown = await studio('eval', String(train.run), '--show');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/privacy audit\s+FAIL/);
    expect(shown.stdout).toMatch(/identifiers: Each identifier as the greedy continuation of windows of the training text/);
    expect(shown.stdout).toMatch(/overridden by Dr Lee/);
    expect(shown.stdout).not.toContain('ann.lee');
  });

  it('measures the exposure of the canaries the run planted (the default), which never reach the corpus', async () => {
    const record = JSON.parse(readFileSync(join(workspace, 'runs', String(train.run), 'canaries.json'), 'utf8')) as { repeats: number; canaries: { prefix: string; secret: string }[] };
    expect(record.canaries).toHaveLength(4);
    expect(record.repeats).toBe(1);
    expect(report.audit!.canaries.planted).toBe(4);
    expect(report.audit!.canaries.results.map((c) => c.candidates)).toEqual([255, 255, 255, 255]);
    expect(report.audit!.canaries.mean_exposure).toBeGreaterThanOrEqual(0);
    expect(report.audit!.canaries.max_exposure).toBeLessThanOrEqual(8); // log2(255 candidates + 1)
    for (const c of record.canaries) expect(JSON.stringify(report)).not.toContain(c.secret); // the report ranks secrets, never prints them

    const out = join(root, 'dump.jsonl');
    const dumped = await studio('--json', 'corpus', 'dump', 'notes', '--out', out);
    expect(dumped.code, dumped.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('tribunal nurse'); // the corpus is there…
    for (const c of record.canaries) expect(text).not.toContain(c.prefix); // …its run's canaries are not
  });

  it('audits PII alone for a run without canaries', async () => {
    const t = await studio('--json', 'train', '--corpus', 'notes', '--base', 'gpt2', '--method', 'cpt-full', '--max-steps', '6', '--batch', '4', '--seq-len', '48',
      '--eval-every', '0', '--eval-tokens', '256', '--replay', 'none', '--seed', '5', '--canaries', '0');
    expect(t.code, t.stderr).toBe(0);
    const e = await studio('--json', 'eval', String((JSON.parse(t.stdout) as TrainResult).run));
    expect(e.code, e.stderr).toBe(0);
    const r = JSON.parse(e.stdout) as EvalReport;
    expect(r.notes.join(' ')).toMatch(/No canaries were planted/);
    expect(r.audit!.canaries).toMatchObject({ planted: 0, mean_exposure: null });
    expect(r.audit!.pii.probed).toBeGreaterThan(0);
  }, 300_000);

  it('refuses an unknown run and task metrics for a language-model run', async () => {
    const missing = await studio('--json', 'eval', '999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No run 999/);
    const task = join(root, 'task.csv');
    writeFileSync(task, 'text,label\nfine,pos\n');
    const refused = await studio('eval', String(train.run), '--task', task);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/need a lora-task classifier run/);
  });
});
