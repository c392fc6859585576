// `npm run make:base-models`: the bundled tiny base models, reproducibly. For each of tiny-bert (BERT,
// masked LM, WordPiece) and tiny-gpt (GPT-2, causal LM, byte-level BPE): train the tokenizer on the
// bundled general English corpus, initialise the model from scratch as transformers does, pre-train it
// with the app's own trainer, and write it to resources/models/<name> as an ordinary Hugging Face folder,
// with inspection.json (for registration), resources/models/README.md (recipe, figures) and recipe.json.
// Same seed and backend ⇒ the same models.
//   node --import tsx scripts/make-base-models.ts [--seed N] [--steps N] [--only tiny-bert|tiny-gpt] [--out DIR]
//   … --inspect-only rewrites inspection.json of the existing folders and README.md from recipe.json.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../native/tfjs-backend';
import { inspectModelFolder } from '../main/engine/hf/inspect';
import type { ModelSize } from '../main/engine/models/init';
import { createScratchBase } from '../main/engine/models/scratch';
import { loadTokenizer } from '../main/engine/tokenizers/index';
import { runPretraining, type PretrainResult } from '../main/engine/train/pretrain';
import { writeFileAtomicSync } from '../main/platform/atomic';

const ROOT = resolve(import.meta.dirname, '..');
const GENERAL = join(ROOT, 'resources', 'corpora', 'general-en');

interface Recipe {
  name: 'tiny-bert' | 'tiny-gpt';
  modelType: 'bert' | 'gpt2';
  tokenizer: 'wordpiece' | 'bpe';
  vocabSize: number;
  size: ModelSize;
  seqLen: number;
  batch: number;
  peakLr: number;
  /** Optimizer steps (--steps overrides): the masked LM learns more slowly, so tiny-bert gets more. */
  steps: number;
}

const RECIPES: Recipe[] = [
  { name: 'tiny-bert', modelType: 'bert', tokenizer: 'wordpiece', vocabSize: 4096, size: { layers: 2, hidden: 128, heads: 2, ffn: 512, maxPositions: 256 }, seqLen: 64, batch: 16, peakLr: 1e-3, steps: 700 },
  { name: 'tiny-gpt', modelType: 'gpt2', tokenizer: 'bpe', vocabSize: 4096, size: { layers: 2, hidden: 128, heads: 2, ffn: 512, maxPositions: 256 }, seqLen: 64, batch: 16, peakLr: 1e-3, steps: 300 },
];

interface Outcome {
  name: string;
  model_type: string;
  tokenizer: string;
  vocab_size: number;
  size: ModelSize;
  parameters: number;
  bytes: number;
  steps: number;
  tokens_seen: number;
  seq_len: number;
  batch: number;
  peak_lr: number;
  validation_perplexity: { before: number; after: number };
  seconds: number;
  backend: string;
}

/** The general corpus's lines, split as the trainer's bundled replay splits them: every 20th line is validation. */
function generalLines(): { train: string[]; validation: string[] } {
  const train: string[] = [];
  const validation: string[] = [];
  for (const file of readdirSync(GENERAL).filter((f) => f.endsWith('.txt')).sort()) {
    readFileSync(join(GENERAL, file), 'utf8').split('\n').forEach((line, i) => {
      const text = line.trim();
      if (text.length === 0) return;
      (i % 20 === 19 ? validation : train).push(text);
    });
  }
  return { train, validation };
}

/**
 * inspection.json: what model.import would compute, so a workspace registers the model without reading its
 * weights (main/services/bundled.ts). The folder is stored by name; registration fills in the real path.
 */
async function writeInspection(folder: string, name: string): Promise<void> {
  const file = join(folder, 'inspection.json');
  rmSync(file, { force: true });
  const inspection = await inspectModelFolder(folder);
  writeFileAtomicSync(file, `${JSON.stringify({ ...inspection, folder: name }, null, 2)}\n`);
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

async function makeOne(recipe: Recipe, seed: number, steps: number, outRoot: string, work: string, backend: string): Promise<Outcome> {
  const started = Date.now();
  const lines = generalLines();
  const log = (msg: string) => process.stderr.write(`[${recipe.name}] ${msg}\n`);
  log(`training a ${recipe.tokenizer} tokenizer (${recipe.vocabSize}) on ${lines.train.length} lines, then initialising`);
  const created = await createScratchBase(join(work, recipe.name), { modelType: recipe.modelType, size: recipe.size, vocabSize: recipe.vocabSize, texts: lines.train, seed });
  const initDir = created.folder;
  const tokenizer = await loadTokenizer(initDir);
  log(`initialised ${created.parameters} parameters`);
  const encode = (texts: string[]) => texts.map((t) => Uint16Array.from(tokenizer.encodeIds(t)));
  const train = encode(lines.train);
  const validation = encode(lines.validation);
  const s = tokenizer.special;
  let result: PretrainResult;
  let tokens = 0;
  try {
    result = await runPretraining(
      {
        modelFolder: initDir,
        method: 'full',
        special: { cls: s.cls, sep: s.sep, mask: s.mask, pad: s.pad, bos: s.bos, eos: s.eos },
        corpus: { train, validation },
        general: null,
        replayRatio: 0,
        seqLen: recipe.seqLen,
        batch: recipe.batch,
        accumulation: 1,
        steps,
        peakLr: recipe.peakLr,
        warmupSteps: Math.max(1, Math.round(steps * 0.05)),
        decay: 'cosine',
        minLrRatio: 0.1,
        weightDecay: 0.01,
        clipNorm: 1,
        evalEvery: Math.max(1, Math.round(steps / 4)),
        patience: null,
        maxEvalBlocks: 64,
        checkpointEvery: steps,
        keepLast: 1,
        seed,
        outDir: join(work, `${recipe.name}-run`),
        resume: false,
      },
      {
        onStep: (e) => {
          tokens += recipe.batch * recipe.seqLen;
          if (e.step % 50 === 0 || e.step === e.totalSteps) log(`step ${e.step}/${e.totalSteps} loss ${e.loss.toFixed(3)} lr ${e.lr.toExponential(2)} ${Math.round(e.tokensPerSecond)} tok/s`);
        },
        onEval: (e) => log(`step ${e.step}: validation perplexity ${e.domainPerplexity.toFixed(1)}`),
        onPhase: (m) => log(m),
      },
    );
  } catch (error) {
    log(`failed: ${(error as Error).message}`);
    throw error;
  }
  if (result.outputs.model === null) throw new Error(`${recipe.name}: the trainer saved no model`);
  const target = join(outRoot, recipe.name);
  const staging = `${target}.partial`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(result.outputs.model, staging, { recursive: true });
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  await writeInspection(target, recipe.name);
  const ppl = result.metrics.domain_perplexity;
  log(`validation perplexity ${ppl.before.toFixed(1)} → ${ppl.after.toFixed(1)}; written to ${target}`);
  return {
    name: recipe.name,
    model_type: recipe.modelType,
    tokenizer: recipe.tokenizer,
    vocab_size: tokenizer.vocab_size,
    size: recipe.size,
    parameters: result.parameters.total,
    bytes: folderBytes(target),
    steps: result.steps,
    tokens_seen: tokens,
    seq_len: recipe.seqLen,
    batch: recipe.batch,
    peak_lr: recipe.peakLr,
    validation_perplexity: { before: Number(ppl.before.toFixed(2)), after: Number(ppl.after.toFixed(2)) },
    seconds: Math.round((Date.now() - started) / 1000),
    backend,
  };
}

function readme(seed: number, outcomes: Outcome[]): string {
  const stepsFlag = outcomes.some((o) => o.steps !== RECIPES.find((r) => r.name === o.name)?.steps) ? ' --steps N' : '';
  const rows = outcomes.map(
    (o) =>
      `| \`${o.name}\` | ${o.model_type} | ${o.tokenizer === 'bpe' ? 'byte-level BPE' : 'WordPiece (lower-case)'}, ${o.vocab_size} | ${o.size.layers} × ${o.size.hidden}, ${o.size.heads} heads, FFN ${o.size.ffn}, ${o.size.maxPositions} positions | ${(o.parameters / 1e6).toFixed(2)} M | ${(o.bytes / 1e6).toFixed(1)} MB | ${o.steps} × ${o.batch} × ${o.seq_len} | ${o.validation_perplexity.before} → ${o.validation_perplexity.after} |`,
  );
  return `# Bundled base models

Two tiny models so that a first run works out of the box, on any workstation, in minutes. They are ordinary
Hugging Face folders (config.json, model.safetensors in F32, tokenizer files) and every new workspace registers
them as the base models \`tiny-bert\` and \`tiny-gpt\`. They are far too small to be useful language models on their
own; they exist to show the whole path — import a corpus, adapt, evaluate, export — quickly.

| name | architecture | tokenizer, vocabulary | layers × hidden | parameters | size | steps × batch × tokens | validation perplexity (before → after) |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Validation perplexity is on the held-out lines of the general corpus (every 20th line), before training
(fresh initialisation) and after; for \`tiny-bert\` it is the masked-LM perplexity (15 % of tokens masked, 80/10/10),
for \`tiny-gpt\` the causal-LM perplexity.

## Recipe

1. Text: \`resources/corpora/general-en\` (WordNet glosses, see \`resources/corpora/README.md\`); every non-empty line is a
   document; every 20th line is held out for validation.
2. Tokenizer, trained on the training lines by the app's trainer (\`main/engine/tokenizers/train\`): WordPiece for
   \`tiny-bert\` ([PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4, most frequent pair merged first, as Hugging Face's
   WordPieceTrainer), byte-level BPE for \`tiny-gpt\` (GPT-2's byte map and pre-tokenisation, \`<|endoftext|>\` = 0).
3. Initialisation as transformers' \`_init_weights\` (\`main/engine/models/init.ts\`): normal(0, 0.02) matrices and
   embeddings, zero biases, LayerNorm 1/0, the padding row zero, GPT-2's c_proj scaled by 1/√(2·layers); seeded.
4. Pre-training with the app's trainer (\`runPretraining\`, full method): AdamW (weight decay 0.01, none on biases and
   norms), peak learning rate ${outcomes[0]?.peak_lr ?? 1e-3}, 5 % warm-up then cosine decay to 10 %, gradient clipping at 1,
   packed sequences; the best validation checkpoint is kept. Backend: ${outcomes[0]?.backend ?? 'cpu'}.

Seed: ${seed}. Steps: ${outcomes.map((o) => `${o.name} ${o.steps}`).join(', ')}. Reproduce (same seed, same backend ⇒ the same weights):

\`\`\`
npm run make:base-models -- --seed ${seed}${stepsFlag}
\`\`\`

(\`--only tiny-bert\` or \`--only tiny-gpt\` rebuilds one; \`--out DIR\` writes elsewhere.) \`recipe.json\` holds the same
figures, machine-readable.

## Licence of the training text

The text is from Princeton WordNet 3.1 (WordNet 3.1 Copyright 2011 by Princeton University), under the WordNet
licence: a permissive licence that allows use, copying, modification and distribution for any purpose without fee,
provided the copyright notice and licence statements are kept (quoted in \`resources/corpora/README.md\`). The models
and tokenizers here are derived from it and are distributed with this application under its licence (Apache-2.0).
`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '20261126' },
      steps: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      'inspect-only': { type: 'boolean', default: false },
    },
  });
  const seed = Number(values.seed);
  const steps = values.steps === undefined ? null : Number(values.steps);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer (got ${values.seed})`);
  if (steps !== null && (!Number.isInteger(steps) || steps < 1)) throw new Error(`--steps must be a positive integer (got ${values.steps})`);
  const outRoot = resolve(values.out ?? join(ROOT, 'resources', 'models'));
  const recipes = RECIPES.filter((r) => values.only === undefined || r.name === values.only);
  if (recipes.length === 0) throw new Error(`--only must be one of ${RECIPES.map((r) => r.name).join(', ')}`);
  if (values['inspect-only']) {
    for (const r of recipes) await writeInspection(join(outRoot, r.name), r.name);
    const recipeFile = join(outRoot, 'recipe.json');
    if (existsSync(recipeFile)) {
      const saved = JSON.parse(readFileSync(recipeFile, 'utf8')) as { seed: number; models: Outcome[] };
      writeFileAtomicSync(join(outRoot, 'README.md'), readme(saved.seed, saved.models));
    }
    return;
  }
  const backend = await initBackend();
  process.stderr.write(`backend ${backend.name}, seed ${seed}${steps === null ? '' : `, ${steps} steps`}\n`);
  const work = mkdtempSync(join(tmpdir(), 'studio-base-models-'));
  const recipeFile = join(outRoot, 'recipe.json');
  const previous = existsSync(recipeFile) ? (JSON.parse(readFileSync(recipeFile, 'utf8')) as { models?: Outcome[] }).models ?? [] : [];
  try {
    const outcomes: Outcome[] = [];
    for (const recipe of recipes) outcomes.push(await makeOne(recipe, seed, steps ?? recipe.steps, outRoot, work, backend.name));
    const all = RECIPES.map((r) => outcomes.find((o) => o.name === r.name) ?? previous.find((o) => o.name === r.name)).filter((o): o is Outcome => o !== undefined);
    writeFileAtomicSync(recipeFile, `${JSON.stringify({ seed, corpus: 'resources/corpora/general-en', models: all }, null, 2)}\n`);
    writeFileAtomicSync(join(outRoot, 'README.md'), readme(seed, all));
    process.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`make-base-models: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
