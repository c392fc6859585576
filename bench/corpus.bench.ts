// Corpus import throughput: synthetic clinical/legal documents (seeded) imported end to end, as JSON
// Lines files and as one .txt file per document, with the PII scan in redact mode (and once without).
// Prints MB per CPU-second per stage and end to end (independent of the machine's load), MB per wall
// second as the app runs it (target ≥ 20 MB/s before tokenization on 2 idle cores), the load average,
// and peak RSS. The generated corpus is a worst case for the PII scan (about 11,000 identifiers per MB); the bundled
// SPDX licence texts (sample_legal_app) are real legal prose, imported file by file as the app does.
// CORPUS_BENCH_MB sets the size (default 40 MB for JSONL, half of it as .txt files). Peak memory of a
// large import (1 GB) is measured by corpus-memory.bench.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importOptions, runImport, type PipelineReport } from '../main/corpus/pipeline';
import { syntheticText } from '../main/corpus/synthetic';
import { wordTokenizer } from '../main/corpus/tokenize/word-tokenizer';
import { writeSyntheticJsonl } from './synthetic-corpus';

const MB = 1e6;
const SAMPLE_LEGAL = join('resources', 'corpora', 'sample-legal');


function writeTxt(dir: string, bytes: number): number {
  let total = 0;
  let i = 0;
  for (const text of syntheticText({ seed: 77, bytes })) {
    writeFileSync(join(dir, `note-${String(i++).padStart(6, '0')}.txt`), text);
    total += Buffer.byteLength(text);
  }
  return total;
}

const STAGES = ['extract', 'normalize', 'boilerplate', 'quality', 'language', 'dedup', 'near_dedup', 'pii', 'tokenize', 'fertility'];

/**
 * One import of `src`. With `perStage`, the analysis runs on the main thread (workers: 0) and the stage
 * timers read process CPU time, so each stage's MB per CPU-second is its own cost rather than the other
 * tenants' share of the machine (contention for caches still inflates it somewhat); `setup` loads the
 * analyzer (language model, name lists); `other` is what no stage timer covers (reading and writing the
 * intermediate JSON Lines files, module loading).
 * Without it, the import runs as the app runs it (worker threads when they pay) and the figures are
 * end to end: MB per wall second and MB per CPU-second of all threads.
 */
async function measure(label: string, src: string, out: string, opts: { scanPii: boolean; perStage: boolean }): Promise<Record<string, number>> {
  const pii = opts.scanPii ? { mode: 'redact' as const, allow: [] } : null;
  rmSync(out, { recursive: true, force: true });
  const cpu0 = process.cpuUsage(); // worker threads included: they are threads of this process
  const wall0 = performance.now();
  const report: PipelineReport = await runImport(importOptions({
    paths: [src], outDir: out, tokenizer: wordTokenizer(), pii, ...(opts.perStage ? { workers: 0, clock: 'cpu' as const } : {}),
  }));
  const wallSeconds = (performance.now() - wall0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const t = report.timings_ms;
  const mbIn = report.bytes.in / MB;
  const rate = (ms: number | undefined) => (ms ? Number((mbIn / (ms / 1000)).toFixed(1)) : 0);
  const figures: Record<string, number> = {
    [`${label}_mb`]: Number(mbIn.toFixed(1)),
    [`${label}_documents`]: report.documents.in,
    [`${label}_mb_per_cpu_s_end_to_end`]: Number((mbIn / cpuSeconds).toFixed(2)),
  };
  if (!opts.perStage) {
    figures[`${label}_worker_threads`] = t.worker_threads ?? 0;
    figures[`${label}_mb_per_s_end_to_end`] = Number((mbIn / wallSeconds).toFixed(2));
    figures[`${label}_mb_per_s_before_tokenize`] = rate(t.before_tokenize_total);
    return figures;
  }
  figures[`${label}_mb_per_cpu_s_before_tokenize`] = rate(t.before_tokenize_total);
  let covered = 0;
  for (const stage of STAGES) {
    covered += t[stage] ?? 0;
    figures[`${label}_stage_${stage}_mb_per_cpu_s`] = rate(t[stage]);
    figures[`${label}_stage_${stage}_cpu_ms`] = t[stage] ?? 0;
  }
  figures[`${label}_setup_cpu_ms`] = t.setup ?? 0;
  covered += t.setup ?? 0;
  figures[`${label}_stage_other_cpu_ms`] = Math.max(0, (t.total ?? 0) - covered);
  return figures;
}

export async function run(): Promise<Record<string, number | string>> {
  const size = Number(process.env.CORPUS_BENCH_MB ?? 40) * MB;
  const root = mkdtempSync(join(tmpdir(), 'studio-corpus-bench-'));
  try {
    const jsonl = join(root, 'jsonl');
    const txt = join(root, 'txt');
    mkdirSync(jsonl);
    mkdirSync(txt);
    await writeSyntheticJsonl(jsonl, size, 8, 1000);
    writeTxt(txt, size / 2);
    const load = loadavg()[0]!;
    // Per stage, on one thread, on the CPU clock; then end to end as the app runs an import.
    const a = await measure('jsonl', jsonl, join(root, 'out'), { scanPii: true, perStage: true });
    const c = await measure('jsonl_no_pii', jsonl, join(root, 'out'), { scanPii: false, perStage: true });
    const b = await measure('txt_files', txt, join(root, 'out'), { scanPii: true, perStage: true });
    const e2e = await measure('jsonl_app', jsonl, join(root, 'out'), { scanPii: true, perStage: false });
    const e2eNoPii = await measure('jsonl_no_pii_app', jsonl, join(root, 'out'), { scanPii: false, perStage: false });
    // Plain text as most folders hold it: one .txt file per document, as the app imports it.
    const txtApp = await measure('txt_files_app', txt, join(root, 'out'), { scanPii: true, perStage: false });
    // The bundled real corpus (666 SPDX licence texts, one file each: ordinary legal prose with few identifiers), as
    // the app imports it: small, so start-up costs weigh in.
    const legal = await measure('sample_legal_app', SAMPLE_LEGAL, join(root, 'out'), { scanPii: true, perStage: false });
    return {
      ...a, ...c, ...b, ...e2e, ...e2eNoPii, ...txtApp, ...legal,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      cores: availableParallelism(),
      load_average_1m_at_start: Number(load.toFixed(1)),
      load_average_1m_at_end: Number(loadavg()[0]!.toFixed(1)),
      target_mb_per_s_before_tokenize: 20,
      note: 'stage figures: one thread, process CPU time (far less load-dependent than wall time, though a heavily loaded machine still inflates it by up to ~30%: compare runs at similar load); *_app: wall clock and all threads, so they depend on the load shown',
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
