// PII scanner benchmark: throughput on generated clinical/legal text and on the bundled SPDX licence texts (real legal
// prose, far fewer identifiers), plus recall and precision on the seeded synthetic benchmark with held-out names.
// MB/s is measured on one thread after a warm-up pass; `*_cpu` divides by the process CPU time instead of wall time,
// which stays meaningful when other work shares the machine. The generated notes are extremely dense in identifiers
// (one per ~45 bytes, see *_findings_per_mb), so their MB/s is a worst case; the licence texts are ordinary prose.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildLexicon, createScanner, isHeldOutName, scanPii } from '../main/corpus/pii';
import { evaluate } from '../main/corpus/pii/evaluate';
import { generateCorpus, syntheticText } from '../main/corpus/synthetic';
import { DIAGNOSES, DRUGS, LEGAL_TERMS_IN_USE, PRECEDENTS, PROCEDURES, STATUTES } from '../main/corpus/synthetic/vocab';

const BENCHMARK_SEED = 20261126;

function throughput(texts: readonly string[]): { mbPerS: number; mbPerCpuS: number; findingsPerMb: number } {
  for (const t of texts.slice(0, 400)) scanPii(t); // warm-up (JIT)
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  // Best of three passes: the machine is shared, and the best pass is the closest to the scanner's own cost.
  let best = { mbPerS: 0, mbPerCpuS: 0, findingsPerMb: 0 };
  for (let pass = 0; pass < 3; pass++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let findings = 0;
    for (const t of texts) findings += scanPii(t).length;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const result = { mbPerS: mb / seconds, mbPerCpuS: mb / ((cpu.user + cpu.system) / 1e6), findingsPerMb: findings / mb };
    if (result.mbPerCpuS > best.mbPerCpuS) best = result;
  }
  return best;
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

export async function run(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const generated = [...syntheticText({ seed: 7, bytes: 4e6 })];
  const gen = throughput(generated);
  out.pii_generated_mb_per_s = round(gen.mbPerS, 1);
  out.pii_generated_mb_per_cpu_s = round(gen.mbPerCpuS, 1);
  out.pii_generated_findings_per_mb = Math.round(gen.findingsPerMb);

  const legalDir = join('resources', 'corpora', 'sample-legal');
  if (existsSync(legalDir)) {
    const legal = readdirSync(legalDir).sort().map((f) => readFileSync(join(legalDir, f), 'utf8'));
    const real = throughput(legal);
    out.pii_spdx_legal_mb_per_s = round(real.mbPerS, 1);
    out.pii_spdx_legal_mb_per_cpu_s = round(real.mbPerCpuS, 1);
    out.pii_spdx_legal_findings_per_mb = Math.round(real.findingsPerMb);
  }

  const docs = generateCorpus({ seed: BENCHMARK_SEED, documents: 60 });
  const scanner = createScanner({ lexicon: buildLexicon({ exclude: isHeldOutName }) });
  const scanned = docs.map((d) => ({ text: d.text, truth: d.truth, findings: scanner.scan(d.text) }));
  const ev = evaluate(scanned);
  // Domain terms planted as hard negatives (drugs, eponymous diagnoses, legal terms, precedents) that a finding touches.
  const terms = [...DRUGS, ...DIAGNOSES, ...PROCEDURES, ...LEGAL_TERMS_IN_USE, ...PRECEDENTS, ...STATUTES];
  let termRedactions = 0;
  for (const d of scanned) {
    for (const term of terms) {
      for (let at = d.text.indexOf(term); at !== -1; at = d.text.indexOf(term, at + 1)) {
        if (d.findings.some((f) => f.start < at + term.length && f.end > at)) termRedactions++;
      }
    }
  }
  out.pii_benchmark_identifiers = ev.overall.truth;
  out.pii_recall_structured = round(ev.structured.recall);
  out.pii_recall_names = round(ev.names.recall);
  out.pii_recall_addresses = round(ev.addresses.recall);
  out.pii_recall_overall = round(ev.overall.recall);
  out.pii_precision_overall = round(ev.overall.precision);
  out.pii_domain_term_redactions = termRedactions;
  for (const [type, score] of Object.entries(ev.byType)) {
    if (score.truth > 0) out[`pii_recall_${type.toLowerCase()}`] = round(score.recall);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
