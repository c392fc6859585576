// Memory of a large corpus import, as the app runs it: a seeded synthetic corpus of CORPUS_MEMORY_MB
// (default 100; 1000 for the 1 GB target) is streamed to JSON Lines files in a temporary folder (never
// held in memory), then imported with `studio corpus import --pii redact --json` in a fresh workspace
// (CLI process → job process → analysis worker threads); the job's commit of the rows into SQLite is
// printed on its own (commit_seconds, mb_per_s_commit: the report's timings_ms.commit), with the part of it that
// ran beside the tokenization (commit_overlapped_seconds) and the part after the pipeline. The process
// tree is sampled every 200 ms from /proc: the peak of the summed RSS of every process in the tree
// (worker threads are inside the job process), each process's own high-water mark (VmHWM), and their
// CPU seconds.
// Target: peak RSS under 1 GB for a 1 GB corpus. Linux only (reads /proc).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticJsonl } from './synthetic-corpus';

const MB = 1e6;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TICKS_PER_S = 100; // USER_HZ on Linux


interface ProcSample {
  ppid: number;
  rssKb: number;
  hwmKb: number;
  cpuTicks: number;
  name: string;
}

function readProc(pid: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return {
      ppid: Number(fields[1]),
      rssKb: kb('VmRSS'),
      hwmKb: kb('VmHWM'),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    };
  } catch {
    return null; // exited between listing and reading
  }
}

/** `pid` and all its descendants, with their samples. */
function tree(pid: number): Map<number, ProcSample> {
  const all = new Map<number, ProcSample>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readProc(Number(entry));
    if (s) all.set(Number(entry), s);
  }
  const out = new Map<number, ProcSample>();
  const want = [pid];
  while (want.length > 0) {
    const p = want.pop()!;
    const s = all.get(p);
    if (!s) continue;
    out.set(p, s);
    for (const [child, c] of all) if (c.ppid === p) want.push(child);
  }
  return out;
}

export async function run(): Promise<Record<string, number | string>> {
  if (!existsSync('/proc/self/status')) return { skipped: 'needs /proc (Linux)' };
  const size = Number(process.env.CORPUS_MEMORY_MB ?? 100) * MB;
  const dir = mkdtempSync(join(tmpdir(), 'studio-corpus-memory-'));
  try {
    const src = join(dir, 'src');
    const workspace = join(dir, 'workspace');
    mkdirSync(src);
    mkdirSync(workspace);
    const written = await writeSyntheticJsonl(src, size, 8, 5000);
    const load0 = loadavg()[0]!;
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin', 'studio.js'), '--workspace', workspace, 'corpus', 'import', src, '--name', 'memory-bench', '--pii', 'redact', '--json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let peakTreeKb = 0;
    let samples = 0;
    const last = new Map<number, ProcSample>();
    const sample = () => {
      const t = tree(child.pid!);
      let sum = 0;
      for (const [pid, s] of t) {
        sum += s.rssKb;
        // A process that is exiting reads as 0 kB: keep the highest marks and the latest CPU time seen.
        const before = last.get(pid);
        last.set(pid, before ? { ...s, hwmKb: Math.max(before.hwmKb, s.hwmKb), cpuTicks: Math.max(before.cpuTicks, s.cpuTicks) } : s);
      }
      peakTreeKb = Math.max(peakTreeKb, sum);
      // CORPUS_MEMORY_TRACE=1: the tree's RSS every ~2 s with the import's last progress line (where memory goes).
      if (process.env.CORPUS_MEMORY_TRACE === '1' && ++samples % 10 === 0) {
        const progress = stderr.slice(stderr.lastIndexOf('\n', stderr.length - 2) + 1).trim().slice(0, 80);
        process.stderr.write(`${((performance.now() - started) / 1000).toFixed(0)}s tree ${Math.round(sum / 1024)} MB  ${progress}\n`);
      }
    };
    const timer = setInterval(sample, 200);
    const [code] = (await once(child, 'exit')) as [number | null];
    clearInterval(timer);
    const wallSeconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`corpus import exited with ${code}: ${stderr.slice(-1000)}`);
    const report = JSON.parse(stdout) as { bytes: { in: number }; documents: { in: number; kept: number }; timings_ms: Record<string, number> };
    const processes = [...last.values()];
    const maxHwm = Math.max(...processes.map((p) => p.hwmKb));
    const cpuSeconds = processes.reduce((a, p) => a + p.cpuTicks, 0) / TICKS_PER_S;
    const mbIn = report.bytes.in / MB;
    return {
      corpus_mb: Number((written / MB).toFixed(1)),
      documents: report.documents.in,
      documents_kept: report.documents.kept,
      peak_tree_rss_mb: Math.round(peakTreeKb / 1024),
      peak_process_hwm_mb: Math.round(maxHwm / 1024),
      processes: processes.map((p) => `${p.name}:${Math.round(p.hwmKb / 1024)}MB`).join(' '),
      wall_seconds_import: Number(wallSeconds.toFixed(1)),
      mb_per_s_end_to_end: Number((mbIn / wallSeconds).toFixed(2)),
      mb_per_s_before_tokenize: Number((mbIn / ((report.timings_ms.before_tokenize_total ?? 1) / 1000)).toFixed(2)),
      // The job's commit: the documents and findings rows into SQLite (on a thread of their own, started while the
      // pipeline tokenizes) and the folder's rename; what of it came after the pipeline's end, and what the
      // tokenization hid (the commit's time that, run after the pipeline as it used to be, the import would have taken longer).
      commit_seconds: Number(((report.timings_ms.commit ?? 0) / 1000).toFixed(2)),
      mb_per_s_commit: report.timings_ms.commit ? Number((mbIn / (report.timings_ms.commit / 1000)).toFixed(2)) : 'n/a',
      commit_after_pipeline_seconds: Number(((report.timings_ms.commit_after_pipeline ?? 0) / 1000).toFixed(2)),
      commit_overlapped_seconds: Number((((report.timings_ms.commit ?? 0) - (report.timings_ms.commit_after_pipeline ?? 0)) / 1000).toFixed(2)),
      cpu_seconds_tree: Number(cpuSeconds.toFixed(1)),
      mb_per_cpu_s_tree: Number((mbIn / cpuSeconds).toFixed(2)),
      worker_threads: report.timings_ms.worker_threads ?? 0,
      cores: availableParallelism(),
      load_average_1m_at_start: Number(load0.toFixed(1)),
      load_average_1m_at_end: Number(loadavg()[0]!.toFixed(1)),
      target_peak_rss_mb: 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
