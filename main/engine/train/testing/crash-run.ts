// Test support for the crash test (crash.test.ts): a small continued pre-training run over the BERT
// fixture and a synthetic domain language. Run as a script (`node --import tsx crash-run.ts <outDir>`) it
// trains with a checkpoint after every step and prints "step N" lines, so a test can SIGKILL it mid-run.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../../../../native/tfjs-backend';
import { runPretraining, type PretrainSpec } from '../pretrain';
import { Rng } from '../rng';

const FIXTURES = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../test/fixtures/hf-reference');

/** Documents of a Markov chain over ids first..first+19. */
function language(first: number, seed: number, docs: number, length: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: docs }, () => {
    let id = first + rng.int(20);
    return Array.from({ length }, () => {
      id = first + (((id - first) * 7 + 3 + (rng.next() < 0.8 ? 0 : 5)) % 20);
      return id;
    });
  });
}

export const CRASH_RUN_STEPS = 12;

export function crashRunSpec(outDir: string, resume: boolean): PretrainSpec {
  return {
    modelFolder: join(FIXTURES, 'bert'),
    method: 'lora',
    lora: { r: 4, alpha: 8, targetModules: ['query', 'value'] },
    special: { cls: 2, sep: 3, mask: 4, pad: 0, bos: null, eos: null },
    corpus: { train: language(100, 1, 30, 50), validation: language(100, 2, 4, 50) },
    general: { train: language(300, 3, 30, 50), validation: language(300, 4, 4, 50) },
    replayRatio: 0.2,
    seqLen: 32,
    batch: 4,
    accumulation: 2,
    steps: CRASH_RUN_STEPS,
    peakLr: 1e-2,
    warmupSteps: 2,
    decay: 'cosine',
    minLrRatio: 0.1,
    weightDecay: 0.01,
    clipNorm: 1,
    evalEvery: 4,
    patience: null,
    maxEvalBlocks: 4,
    checkpointEvery: 1,
    keepLast: 2,
    seed: 21,
    outDir,
    resume,
  };
}

async function main(outDir: string): Promise<void> {
  await initBackend('wasm');
  await runPretraining(crashRunSpec(outDir, true), { onStep: (e) => process.stdout.write(`step ${e.step}\n`) });
  process.stdout.write('done\n');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2] as string).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
