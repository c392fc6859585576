// `studio train …` (plan with --plan, or train and wait: progress on stderr, the outcome on stdout),
// `studio runs list|show R`, `studio pause R`, `studio resume R` (waits like train), `studio cancel R`.
// With --json, train and resume print one object { run, status, metrics } when the run ends, where
// metrics.domain_perplexity and metrics.general_perplexity hold { before, after }.
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { ApiRequest } from '../../common/contract';
import type { RunDetail, RunMetrics, RunSummary, TrainPlan, TrainResult, TrainStartResult } from '../../common/dto';
import { type CliContext } from '../context';
import { table } from '../output';
import { followJob } from '../run-job';

/** Any number: range checks belong to the request schema, which names the field in its error. */
function num(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('must be a number');
  return n;
}
const ref = (value: string): string | number => (/^\d+$/.test(value) ? Number(value) : value);
function runId(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError('must be a run id (a positive whole number)');
  return Number(value);
}

interface TrainOptions {
  corpus?: string;
  task?: string;
  taskKind?: string;
  labels?: string;
  validationFraction?: number;
  base?: string;
  method: string;
  plan?: boolean;
  maxSteps?: number;
  maxMinutes?: number;
  seed?: number;
  batch?: number;
  seqLen?: number;
  lr?: number;
  warmup?: number;
  schedule?: string;
  minLrRatio?: number;
  weightDecay?: number;
  clip?: number;
  noClip?: boolean;
  accumulation?: number;
  loraR?: number;
  loraAlpha?: number;
  loraDropout?: number;
  loraTargets?: string;
  loraSave?: string;
  replayRatio?: number;
  replay?: string;
  evalEvery?: number;
  patience?: number;
  keepLast?: number;
  checkpointEvery?: number;
  evalTokens?: number;
  wholeWordMasking?: boolean;
  arch?: string;
  size?: string;
  vocabSize?: number;
  minFrequency?: number;
  workers?: number;
  canaries?: number;
}

function request(o: TrainOptions): ApiRequest<'train.start'> {
  const lora = {
    ...(o.loraR !== undefined ? { r: o.loraR } : {}),
    ...(o.loraAlpha !== undefined ? { alpha: o.loraAlpha } : {}),
    ...(o.loraDropout !== undefined ? { dropout: o.loraDropout } : {}),
    ...(o.loraTargets !== undefined ? { targets: o.loraTargets.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(o.loraSave !== undefined ? { modules_to_save: o.loraSave.trim() === 'none' ? [] : o.loraSave.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
  };
  const task = o.task === undefined ? undefined : {
    file: resolve(o.task),
    ...(o.taskKind !== undefined ? { kind: o.taskKind } : {}),
    ...(o.labels !== undefined ? { labels: o.labels.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(o.validationFraction !== undefined ? { validation_fraction: o.validationFraction } : {}),
  };
  const scratch = {
    ...(o.arch !== undefined ? { architecture: o.arch } : {}),
    ...(o.size !== undefined ? { size: o.size } : {}),
    ...(o.vocabSize !== undefined ? { vocab_size: o.vocabSize } : {}),
    ...(o.minFrequency !== undefined ? { min_frequency: o.minFrequency } : {}),
  };
  const entries: Record<string, unknown> = {
    scratch: Object.keys(scratch).length > 0 || o.method === 'scratch' ? scratch : undefined,
    corpus: o.corpus === undefined ? undefined : ref(o.corpus),
    task,
    base: o.base === undefined ? undefined : ref(o.base),
    method: o.method,
    seed: o.seed,
    max_steps: o.maxSteps,
    max_minutes: o.maxMinutes,
    batch: o.batch,
    seq_len: o.seqLen,
    lr: o.lr,
    warmup: o.warmup,
    schedule: o.schedule,
    min_lr_ratio: o.minLrRatio,
    weight_decay: o.weightDecay,
    clip: o.noClip ? null : o.clip,
    accumulation: o.accumulation,
    lora: Object.keys(lora).length > 0 ? lora : undefined,
    replay_ratio: o.replayRatio,
    replay: o.replay === undefined ? undefined : o.replay === 'general' || o.replay === 'none' ? o.replay : ref(o.replay),
    eval_every: o.evalEvery,
    patience: o.patience,
    keep_last: o.keepLast,
    checkpoint_every: o.checkpointEvery,
    eval_tokens: o.evalTokens,
    whole_word_masking: o.wholeWordMasking,
    workers: o.workers,
    canaries: o.canaries,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as ApiRequest<'train.start'>;
}

const MiB = 2 ** 20;
const size = (bytes: number) => (bytes >= 10 * MiB ? `${Math.round(bytes / MiB)} MiB` : bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);
const duration = (s: number) => (s < 90 ? `${Math.ceil(s)} s` : s < 5400 ? `${Math.ceil(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);
const pct = (before: number, after: number) => `${after < before ? '−' : '+'}${Math.abs((100 * (after - before)) / before).toFixed(1)}%`;

export function formatPlan(p: TrainPlan): string {
  const lines = [
    `Plan: ${p.method} of "${p.base_model}" on "${p.corpus}" (${p.backend} backend)`,
    `  parameters:   ${p.parameters.total.toLocaleString('en')} (trainable ${p.parameters.trainable.toLocaleString('en')}, ${(p.parameters.trainable_fraction * 100).toFixed(2)}%)`,
    `  data:         ${p.data.train_tokens.toLocaleString('en')} training tokens, ${p.data.train_sequences} sequences; ${p.estimate.epochs.toFixed(2)} epochs in ${p.estimate.steps} steps`,
    `  memory:       ${size(p.memory.total)} needed (weights ${size(p.memory.weights)}, gradients ${size(p.memory.gradients)}, optimizer ${size(p.memory.optimizer)}, activations ${size(p.memory.activations)}) of ${size(p.memory.free)} free`,
    `  speed:        ${Math.round(p.calibration.tokens_per_second)} tokens/s measured (${p.calibration.ms_per_step.toFixed(0)} ms a step) on ${p.calibration.workers === 1 ? '1 thread' : `${p.calibration.workers} threads`}: ${p.calibration.workers_reason}`,
    `  time:         about ${duration(p.estimate.seconds)} for ${p.estimate.tokens.toLocaleString('en')} tokens`,
    ...(p.task ? [`  labels:       ${p.task.labels.join(', ')}`, `  class balance (train): ${Object.entries(p.task.class_balance.train).map(([k, n]) => `${k} ${n}`).join(', ')}`] : []),
    '  recommended:',
    ...p.recommendations.map((r) => `    ${r.name} = ${r.value}: ${r.reason}`),
  ];
  lines.push(p.refusal === null ? '  This plan fits: start it without --plan.' : `  REFUSED: ${p.refusal}`);
  return lines.join('\n');
}

export function formatOutcome(r: { run: number; status: string; metrics: RunMetrics }): string {
  const m = r.metrics;
  const d = m.domain_perplexity;
  const g = m.general_perplexity;
  const lines = [`Run ${r.run} ${r.status} after ${m.steps} steps (${m.stopped_by}; weights of step ${m.saved_step} saved)`];
  if (d !== null) lines.push(`  domain perplexity:  ${d.before.toFixed(2)} → ${d.after.toFixed(2)} (${pct(d.before, d.after)})`);
  if (d !== null) lines.push(g === null ? '  general perplexity: not measured (no general text)' : `  general perplexity: ${g.before.toFixed(2)} → ${g.after.toFixed(2)} (${pct(g.before, g.after)})`);
  if (m.task) {
    const t = m.task;
    lines.push(`  ${t.kind} on ${t.examples.train} examples (${t.examples.validation} held out): macro-F1 ${t.macro_f1.toFixed(3)}, accuracy ${t.accuracy.toFixed(3)}`);
    lines.push(`  majority-class baseline ("${t.majority_baseline.label}"): macro-F1 ${t.majority_baseline.macro_f1.toFixed(3)}, accuracy ${t.majority_baseline.accuracy.toFixed(3)}`);
    lines.push(`  class balance (train): ${Object.entries(t.class_balance.train).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  lines.push(`  last training loss: ${m.train_loss === null ? '—' : m.train_loss.toFixed(4)}`);
  return lines.join('\n');
}

function formatRun(r: RunDetail): string {
  const last = (name: string) => r.series[name]?.at(-1);
  const loss = last('loss');
  const lines = [
    `Run ${r.id}: ${r.method} of "${r.base_model ?? '?'}" on "${r.corpus ?? '?'}" — ${r.status}${r.resumable ? ' (resumable: `studio resume ' + r.id + '`)' : ''}`,
    `  created ${r.created_at}${r.finished_at ? `, finished ${r.finished_at}` : ''}`,
    `  last step: ${loss ? `${loss[0]} (loss ${loss[1].toFixed(4)})` : 'none yet'}`,
    `  checkpoints: ${r.checkpoints.length === 0 ? 'none' : r.checkpoints.map((c) => `${c.step}${c.best ? ' (best)' : ''}`).join(', ')}`,
    `  outputs: ${[r.outputs.model, r.outputs.adapter].filter(Boolean).join(', ') || 'none yet'}`,
    `  threads: ${typeof r.config.workers === 'number' ? r.config.workers : 1}; canaries planted: ${typeof r.config.canaries === 'number' && ['cpt-full', 'cpt-lora', 'scratch'].includes(r.method) ? r.config.canaries : 0}`,
  ];
  const dp = r.series.domain_perplexity;
  if (dp && dp.length > 0) lines.push(`  domain perplexity by step: ${dp.map(([s, v]) => `${s}: ${v.toFixed(2)}`).join(', ')}`);
  const gp = r.series.general_perplexity;
  if (gp && gp.length > 0) lines.push(`  general perplexity by step: ${gp.map(([s, v]) => `${s}: ${v.toFixed(2)}`).join(', ')}`);
  return lines.join('\n');
}

function formatList(list: RunSummary[]): string {
  if (list.length === 0) return 'No runs yet. `studio train --corpus N --base M --method cpt-lora` starts one.';
  return table(
    ['ID', 'METHOD', 'BASE', 'CORPUS', 'STATUS', 'DOMAIN PPL'],
    list.map((r) => {
      const d = r.metrics.domain_perplexity as { before?: number; after?: number } | undefined;
      return [String(r.id), r.method, r.base_model ?? '', r.corpus ?? '', r.status, d?.before !== undefined && d.after !== undefined ? `${d.before.toFixed(1)} → ${d.after.toFixed(1)}` : ''];
    }),
  );
}

/** Waits for the run's job and prints { run, status, metrics }. */
async function follow(ctx: CliContext, title: string, start: () => Promise<TrainStartResult>): Promise<void> {
  let runNo = 0;
  const { result } = await followJob(
    ctx,
    'train',
    async () => {
      const started = await start();
      runNo = started.run.id;
      ctx.note(`Run ${runNo} (job ${started.job.id}): pause with \`studio pause ${runNo}\`, cancel with \`studio cancel ${runNo}\`.`);
      return started.job;
    },
    { title },
  );
  const r = result as TrainResult;
  const out = { run: r.run ?? runNo, status: r.status, metrics: r.metrics };
  ctx.print(out, () => formatOutcome(out));
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('train')
    .description('adapt a base model to a corpus (continued pre-training, full or LoRA), a task (lora-task), or pre-train a new model (scratch); --plan shows the advisor')
    .option('--corpus <corpus>', 'corpus name or id (cpt-full, cpt-lora)')
    .option('--task <file>', 'lora-task: labelled CSV/JSONL, text,label or tokens,tags (BIO)')
    .option('--task-kind <kind>', 'sequence-classification | token-classification (default: from the columns)')
    .option('--labels <list>', 'lora-task: the allowed labels, comma-separated (default: those in the file)')
    .option('--validation-fraction <f>', 'lora-task: share of rows held out (default 0.1)', num)
    .option('--base <model>', 'base model name or id (every method but scratch)')
    .option('--arch <architecture>', 'scratch: bert (encoder, WordPiece tokenizer) | gpt2 (decoder, byte-level BPE); default bert')
    .option('--size <preset>', 'scratch: tiny | mini | small (default tiny)')
    .option('--vocab-size <n>', 'scratch: tokenizer vocabulary size, 256 to 65536 (default 8000)', num)
    .option('--min-frequency <n>', 'scratch: least occurrences of a merge/piece in the corpus (default 2)', num)
    .requiredOption('--method <method>', 'cpt-full | cpt-lora | lora-task | scratch')
    .option('--plan', 'show memory, speed, time and recommendations; do not train')
    .option('--max-steps <n>', 'optimizer steps (default 200)', num)
    .option('--max-minutes <x>', 'stop, checkpoint and save after this many minutes', num)
    .option('--seed <k>', 'random seed (default 1234): same seed, same data, same backend → same run', num)
    .option('--batch <n>', 'sequences per micro-batch (default 8)', num)
    .option('--seq-len <n>', 'tokens per sequence (default 128)', num)
    .option('--lr <rate>', 'peak learning rate (default: full 1e-4, LoRA 1e-3, scratch 5e-4)', num)
    .option('--warmup <steps>', 'warm-up steps (default 6% of the steps)', num)
    .option('--schedule <kind>', 'cosine | linear | constant (default cosine)')
    .option('--min-lr-ratio <r>', 'decay floor as a share of the peak rate (default 0.1)', num)
    .option('--weight-decay <w>', 'AdamW decoupled weight decay (default 0.01)', num)
    .option('--clip <norm>', 'gradient clipping norm (default 1)', num)
    .option('--no-clip', 'no gradient clipping')
    .option('--accumulation <n>', 'micro-batches per optimizer step (default 1)', num)
    .option('--lora-r <r>', 'LoRA rank (default 8)', num)
    .option('--lora-alpha <a>', 'LoRA alpha (default 16)', num)
    .option('--lora-dropout <p>', 'LoRA dropout (default 0)', num)
    .option('--lora-targets <list>', 'comma-separated module names (default: attention and MLP projections)')
    .option('--lora-save <list>', 'modules trained in full beside the adapter, comma-separated, or "none" (default for cpt-lora: the LM head of BERT-style encoders)')
    .option('--replay-ratio <r>', 'share of general text mixed into each batch (default 0.1)', num)
    .option('--replay <corpus>', 'general text: general (bundled), none, or a corpus name or id')
    .option('--eval-every <n>', 'evaluate every n steps (default 50; 0 = before and after only)', num)
    .option('--patience <n>', 'stop after n evaluations without improvement', num)
    .option('--keep-last <k>', 'checkpoints kept besides the best (default 2)', num)
    .option('--checkpoint-every <n>', 'checkpoint every n steps (default 50)', num)
    .option('--eval-tokens <n>', 'validation tokens evaluated per split (default 16384)', num)
    .option('--whole-word-masking', 'mask whole words (WordPiece models)')
    .option('--workers <n>', 'training threads, each with a copy of the model (default: 2 on a multi-core computer when steps are large enough to gain, else 1); the same count gives the same run; with LoRA dropout above 0 each thread draws its own dropout masks', num)
    .option('--canaries <n>', 'cpt-full, cpt-lora, scratch: synthetic secret sentences planted in the training split for the privacy audit (default 4; 0 = none)', num)
    .action(async (o: Omit<TrainOptions, 'clip'> & { clip?: number | boolean }) => {
      // --no-clip sets clip to false; neither flag leaves commander's default true (= the schema's default).
      const opts: TrainOptions = { ...o, noClip: o.clip === false, clip: typeof o.clip === 'number' ? o.clip : undefined };
      const req = request(opts);
      if (o.plan) {
        const plan = await ctx.call('train.plan', req);
        ctx.print(plan, () => formatPlan(plan));
        if (plan.refusal !== null) ctx.exitCode = 1;
        return;
      }
      const what = o.method === 'scratch' ? `a new ${o.size ?? 'tiny'} ${o.arch ?? 'bert'} model` : `"${o.base}"`;
      await follow(ctx, `Training ${o.method} of ${what} on "${o.corpus ?? o.task}"`, () => ctx.call('train.start', req));
    });

  const runs = program.command('runs').description('training runs');
  runs
    .command('list')
    .description('the runs of the workspace, newest first')
    .action(async () => {
      const list = await ctx.call('runs.list', {});
      ctx.print(list, () => formatList(list));
    });
  runs
    .command('show')
    .description('a run: settings, checkpoints, outputs and metrics by step')
    .argument('<run>', 'run id', runId)
    .action(async (run: number) => {
      const detail = await ctx.call('runs.show', { run });
      ctx.print(detail, () => formatRun(detail));
    });

  program
    .command('pause')
    .description('checkpoint and stop a running run (resume it later exactly where it stopped)')
    .argument('<run>', 'run id', runId)
    .action(async (run: number) => {
      const detail = await ctx.call('runs.pause', { run });
      ctx.print(detail, () => `Run ${run} paused; \`studio resume ${run}\` continues it.`);
    });
  program
    .command('resume')
    .description('continue a paused or interrupted run from its latest checkpoint, and wait for it')
    .argument('<run>', 'run id', runId)
    .action(async (run: number) => {
      await follow(ctx, `Resuming run ${run}`, () => ctx.call('runs.resume', { run }));
    });
  program
    .command('cancel')
    .description('stop a run for good (its checkpoints stay on disk)')
    .argument('<run>', 'run id', runId)
    .action(async (run: number) => {
      const detail = await ctx.call('runs.cancel', { run });
      ctx.print(detail, () => `Run ${run} cancelled.`);
    });
}
