// `studio train --method scratch` end to end (CLI → services → train job process → tokenizer training →
// model initialisation → the cpt-full loop): a tokenizer trained on the corpus's train split (WordPiece for
// bert, byte-level BPE for gpt2), a new model saved as runs/<id>/base, a handful of pre-training steps,
// and the refusals of bad options before anything is recorded.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgressEvent, RunDetail, TrainResult } from '../../common/dto';
import { openCore } from '../../services/core';
import { studioAt, writeNotes } from '../testing';

// Job processes inherit these: every training step takes at least 250 ms, so a pause, cancel or kill sent at
// step N lands while the run is still training, on a fast machine as on a slow one.
process.env.STUDIO_TEST_JOBS = '1';
process.env.STUDIO_TEST_STEP_DELAY_MS = '250';

const root = mkdtempSync(join(tmpdir(), 'studio-scratch-cli-'));
const workspace = join(root, 'ws');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const studio = studioAt(workspace);

const RUN = ['--corpus', 'notes', '--method', 'scratch', '--max-steps', '6', '--batch', '2', '--seq-len', '32', '--eval-every', '0', '--checkpoint-every', '3', '--seed', '5', '--eval-tokens', '128', '--replay', 'none', '--vocab-size', '300'];

beforeAll(async () => {
  const src = join(root, 'notes');
  writeNotes(src, 40);
  const imported = await studio('--json', 'corpus', 'import', src, '--name', 'notes', '--pii', 'report');
  expect(imported.code, imported.stderr).toBe(0);
}, 120_000);

let reference: TrainResult;

describe('studio train --method scratch', () => {
  it('trains a WordPiece tokenizer and a tiny BERT from its initialisation, then pre-trains it', async () => {
    const r = await studio('--json', 'train', ...RUN);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Training a WordPiece tokenizer of up to 300 tokens/);
    const out = JSON.parse(r.stdout) as TrainResult;
    expect(out.status).toBe('succeeded');
    expect(out.metrics.steps).toBe(6);
    reference = out;
    const ppl = out.metrics.domain_perplexity!;
    expect(ppl.after).toBeLessThan(ppl.before);

    const base = join(workspace, 'runs', String(out.run), 'base');
    const config = JSON.parse(readFileSync(join(base, 'config.json'), 'utf8')) as { model_type: string; vocab_size: number; num_hidden_layers: number; hidden_size: number };
    const vocab = readFileSync(join(base, 'vocab.txt'), 'utf8').trimEnd().split('\n');
    expect(config).toMatchObject({ model_type: 'bert', num_hidden_layers: 2, hidden_size: 128 });
    expect(config.vocab_size).toBe(vocab.length);
    expect(vocab.length).toBeLessThanOrEqual(300);
    expect(vocab.slice(0, 5)).toEqual(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']);
    expect(vocab).toContain('patient'); // learnt from the corpus
    expect(existsSync(join(base, 'model.safetensors'))).toBe(true);
    expect(existsSync(join(workspace, 'runs', String(out.run), 'base.partial'))).toBe(false);

    const shown = JSON.parse((await studio('--json', 'runs', 'show', String(out.run))).stdout) as RunDetail;
    expect(shown).toMatchObject({ status: 'succeeded', method: 'scratch', base_model: null, corpus: 'notes' });
    expect(existsSync(join(shown.outputs.model!, 'model.safetensors'))).toBe(true);
    expect(existsSync(join(shown.outputs.model!, 'vocab.txt'))).toBe(true);
  }, 240_000);

  it('trains a byte-level BPE tokenizer for a GPT-2 decoder', async () => {
    const r = await studio('--json', 'train', ...RUN, '--arch', 'gpt2', '--max-steps', '3');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/byte-level BPE tokenizer/);
    const out = JSON.parse(r.stdout) as TrainResult;
    expect(out.status).toBe('succeeded');
    const base = join(workspace, 'runs', String(out.run), 'base');
    const config = JSON.parse(readFileSync(join(base, 'config.json'), 'utf8')) as { model_type: string; vocab_size: number };
    const vocab = JSON.parse(readFileSync(join(base, 'vocab.json'), 'utf8')) as Record<string, number>;
    expect(config.model_type).toBe('gpt2');
    expect(config.vocab_size).toBe(Object.keys(vocab).length);
    expect(existsSync(join(base, 'merges.txt'))).toBe(true);
    expect(Number.isFinite(out.metrics.train_loss)).toBe(true);
  }, 240_000);

  it('refuses bad options before recording a run, naming what to change', async () => {
    const runsBefore = (JSON.parse((await studio('--json', 'runs', 'list')).stdout) as unknown[]).length;
    const refused = async (args: string[], pattern: RegExp) => {
      const r = await studio('--json', 'train', ...RUN, ...args);
      expect(r.code, r.stdout).toBe(1);
      expect(JSON.parse(r.stdout).error.message).toMatch(pattern);
    };
    await refused(['--vocab-size', '10'], /vocab_size must be at least 256/);
    await refused(['--vocab-size', '100000'], /vocab_size must be at most 65536/);
    await refused(['--vocab-size', '300.5'], /scratch\.vocab_size.*int/);
    await refused(['--size', 'huge'], /size/);
    await refused(['--arch', 'llama'], /architecture/);
    await refused(['--seq-len', '300'], /longer than a tiny model reads \(256 positions\)/);
    await refused(['--base', 'anything'], /scratch makes its own model: leave out --base/);
    await refused(['--corpus', 'missing'], /No ready corpus "missing"/);
    // The scratch options belong to scratch; the other methods still need a base model.
    const cpt = async (args: string[], pattern: RegExp) => {
      const r = await studio('--json', 'train', '--corpus', 'notes', '--method', 'cpt-full', ...args);
      expect(r.code, r.stdout).toBe(1);
      expect(JSON.parse(r.stdout).error.message).toMatch(pattern);
    };
    await cpt(['--arch', 'gpt2', '--base', 'anything'], /for --method scratch only/);
    await cpt([], /cpt-full trains from a base model: name it with --base/);
    const runs = JSON.parse((await studio('--json', 'runs', 'list')).stdout) as unknown[];
    expect(runs).toHaveLength(runsBefore);
  }, 120_000);
});

describe('a paused scratch run', () => {
  it('resumes on the same base model and ends exactly like the uninterrupted run', async () => {
    expect(reference).toBeDefined();
    const core = openCore({ workspace, mode: 'cli' });
    try {
      const request = { corpus: 'notes', method: 'scratch' as const, max_steps: 6, batch: 2, seq_len: 32, eval_every: 0, checkpoint_every: 3, seed: 5, eval_tokens: 128, replay: 'none' as const, scratch: { vocab_size: 300 } };
      const { run, job } = await core.services['train.start'](request);
      let paused = false;
      const unsubscribe = core.supervisor.subscribe((frame) => {
        if (frame.event !== 'job.progress' || paused) return;
        const p = frame.payload as JobProgressEvent;
        if (p.job_id !== job.id || (p.counters.step ?? 0) < 2) return;
        paused = true;
        void core.services['runs.pause']({ run: run.id });
      });
      const first = await core.supervisor.waitFor(job.id);
      unsubscribe();
      expect(first.result).toMatchObject({ status: 'paused' });
      const weights = join(workspace, 'runs', String(run.id), 'base', 'model.safetensors');
      const made = statSync(weights).mtimeMs;

      const resumed = await core.services['runs.resume']({ run: run.id });
      const done = await core.supervisor.waitFor(resumed.job.id);
      expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
      expect((done.result as TrainResult).metrics.train_loss).toBe(reference.metrics.train_loss);
      expect(statSync(weights).mtimeMs).toBe(made); // the base was not made again
    } finally {
      await core.close();
    }
  }, 240_000);
});
