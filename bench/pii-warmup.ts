// The scanner's warm-up in a fresh process (a fresh V8 isolate, as each of the import's worker threads is): the CPU
// each MB of generated notes costs, MB after MB, from the first. Run by pii.bench.ts, which prints what the first MBs
// cost beyond the steady rate. Prints one JSON array: CPU ms per MB (every thread of the process: V8 compiles the hot
// code on threads of its own).
import { createScanner } from '../main/corpus/pii';
import { syntheticText } from '../main/corpus/synthetic';

const MBS = Number(process.argv[2] ?? 12);
const texts = [...syntheticText({ seed: 77, bytes: MBS * 1e6 })];
const scanner = createScanner();
scanner.scan(''); // the name table loads here, not in the first MB
const perMb: number[] = [];
let bytes = 0;
let cpu0 = process.cpuUsage();
for (let i = 0; i < texts.length; i += 64) {
  const batch = texts.slice(i, i + 64); // batches of the import's size
  scanner.scanBatch(batch);
  for (const t of batch) bytes += Buffer.byteLength(t);
  if (bytes >= 1e6) {
    const cpu = process.cpuUsage(cpu0);
    perMb.push(Math.round((cpu.user + cpu.system) / 1000 / (bytes / 1e6)));
    bytes = 0;
    cpu0 = process.cpuUsage();
  }
}
console.log(JSON.stringify(perMb));
