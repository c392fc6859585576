// `studio eval R [--task FILE]`: evaluates run R — perplexity and cloze probes of the base model against
// the trained one, task metrics of a classifier on a labelled file, and the privacy audit — and stores it.
// `studio eval R --show`: the newest stored evaluation. `studio audit override R --reason "…"`: records
// who overrides a failed audit and why, so the run can be exported.
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { EvalReport, EvaluationDto } from '../../common/dto';
import { type CliContext } from '../context';
import { followJob } from '../run-job';

const runId = (v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('must be a run id (a whole number)');
  return Number(v);
};
const num = (x: number | null | undefined, digits = 2): string => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '—');
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function formatEval(r: EvalReport): string {
  const lines = [`Evaluation ${r.evaluation_id} of run ${r.run} (${r.created_at.slice(0, 16).replace('T', ' ')}):`];
  if (r.perplexity) {
    lines.push(`  domain perplexity   ${num(r.perplexity.domain.before)} → ${num(r.perplexity.domain.after)}`);
    if (r.perplexity.general) lines.push(`  general perplexity  ${num(r.perplexity.general.before)} → ${num(r.perplexity.general.after)}`);
  }
  if (r.probes) {
    const p = r.probes;
    const was = (x: string | number | null | undefined) => (p.before ? `${x ?? '—'} → ` : '');
    const rank = p.after.median_rank === null ? '' : `, median rank ${was(p.before?.median_rank)}${p.after.median_rank}`;
    lines.push(`  cloze probes        ${p.after.probes} on ${p.terms} domain terms: top-1 ${was(p.before ? pct(p.before.top1) : null)}${pct(p.after.top1)}, top-5 ${was(p.before ? pct(p.before.top5) : null)}${pct(p.after.top5)}${rank}`);
  }
  if (r.task) {
    const t = r.task as Record<string, number | string | Record<string, number | string>>;
    const base = t.majority_baseline as Record<string, number | string>;
    if (t.kind === 'sequence-classification') {
      lines.push(`  task (${t.examples} examples)  accuracy ${num(t.accuracy as number, 3)}, macro-F1 ${num(t.macro_f1 as number, 3)}; majority "${base.label}": accuracy ${num(base.accuracy as number, 3)}, macro-F1 ${num(base.macro_f1 as number, 3)}`);
    } else {
      lines.push(`  task (${t.sentences} sentences)  entity P ${num(t.precision as number, 3)} R ${num(t.recall as number, 3)} F1 ${num(t.f1 as number, 3)}; all-O baseline: token accuracy ${num(base.token_accuracy as number, 3)}, F1 0`);
    }
  }
  if (r.audit) {
    const a = r.audit;
    lines.push(`  privacy audit       ${a.verdict.toUpperCase()}: ${a.summary}`);
    if (a.canaries.planted > 0) lines.push(`    canaries: ${a.canaries.results.map((c) => `rank ${c.rank}/${c.candidates + 1} (${num(c.exposure)} bits)`).join(', ')}`);
    if (a.pii.method) lines.push(`    identifiers: ${a.pii.method}`);
    for (const [type, c] of Object.entries(a.pii.by_type)) lines.push(`    ${type}: ${c.reproduced} of ${c.probed} reproduced${c.reproduced_top_k === null ? '' : `, ${c.reproduced_top_k} within top-${a.pii.top_k}`}${c.reproduced_by_base ? `; ${c.reproduced_by_base} more reproduced by the base model too (not counted)` : ''}`);
    for (const e of a.pii.examples) lines.push(`    e.g. ${e.type} ${e.masked} (${e.how})`);
    if (a.override) lines.push(`    overridden by ${a.override.by} on ${a.override.at.slice(0, 10)}: ${a.override.reason}`);
    else if (a.verdict === 'fail') lines.push(`    Export is blocked. If you accept the risk: studio audit override ${r.run} --reason "…"`);
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('eval')
    .description('evaluate a trained run: perplexity and cloze probes before/after, task metrics (--task), privacy audit')
    .argument('<run>', 'the run id', runId)
    .option('--task <file>', 'labelled CSV/TSV/JSONL (text,label or tokens,tags) to score a classifier run on')
    .option('--show', 'print the newest stored evaluation instead of evaluating again')
    .action(async (run: number, o: { task?: string; show?: boolean }) => {
      if (o.show) {
        const r = await ctx.call('eval.show', { run });
        ctx.print(r, () => formatEval(r));
        return;
      }
      const { result } = await followJob(ctx, 'eval', () => ctx.call('eval.start', { run, ...(o.task ? { task: resolve(o.task) } : {}) }), { title: `Evaluating run ${run}` });
      const r = result as EvalReport;
      ctx.print(r, () => formatEval(r));
    });

  const audit = program.command('audit').description("a run's privacy audit");
  audit
    .command('override')
    .description('record that you export a run despite its failed privacy audit, and why (kept with the run and in its model card)')
    .argument('<run>', 'the run id', runId)
    .requiredOption('--reason <text>', 'why the failed audit is acceptable, in a sentence')
    .option('--by <name>', 'who decides (default: your user name)')
    .action(async (run: number, o: { reason: string; by?: string }) => {
      const e: EvaluationDto = await ctx.call('audit.override', { run, reason: o.reason, ...(o.by ? { by: o.by } : {}) });
      ctx.print(e, () => `Recorded: the failed audit of run ${run} is overridden by ${e.override?.by} (${e.override?.at}). Export is allowed.`);
    });
}
