// `studio try <model-name-or-folder-or-run> (--text T | --ids 2,17,…) [--top-k K] [--logits] [--generate N]`:
// the quick check of a model. Masked LMs: the top-k fillers of each mask token; causal LMs: the
// next-token distribution at every position, and greedy tokens with --generate.
import { parseCount } from '../args';
import { InvalidArgumentError, type Command } from 'commander';
import type { ModelTryResult } from '../../common/dto';
import { type CliContext } from '../context';

function parseIds(value: string): number[] {
  const parts = value.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  const ids = parts.map(Number);
  if (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new InvalidArgumentError('must be comma-separated token ids, e.g. 2,17,4,3');
  }
  return ids;
}

function parseFraction(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError('must be a number in (0, 1], e.g. 0.9');
  return n;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('must be a number > 0, e.g. 0.8');
  return n;
}

const percent = (p: number) => `${(100 * p).toFixed(p >= 0.001 ? 1 : 3)}%`;

export function formatTry(r: ModelTryResult): string {
  const shown = (i: number) => r.tokens?.[i] ?? String(r.input_ids[i]);
  const lines = [`${r.model_type} ${r.task} on ${r.backend}: ${r.input_ids.length} tokens`];
  lines.push(`  input: ${r.input_ids.map((id, i) => (r.tokens ? `${shown(i)}` : String(id))).join(' ')}`);
  for (const { position, candidates } of r.top) {
    const what =
      r.task === 'sequence-classification' ? 'labels:'
      : r.task === 'causal-lm' ? `after ${position} (${shown(position)}) →`
      : `position ${position} (${shown(position)})`;
    lines.push(`  ${what} ${candidates.map((c) => `${c.token ?? c.id} ${percent(c.probability)}`).join(', ')}`);
  }
  if (r.generated) {
    lines.push(`  generated: ${r.generated.text ?? r.generated.ids.join(' ')}`);
  }
  return lines.join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('try')
    .description('run a model on one input: mask fillers (masked LM) or next tokens (causal LM)')
    .argument('<model>', 'a registered model name, a Hugging Face model folder, or a finished run id (a LoRA run: its base with the adapter merged in)')
    .option('--text <text>', 'text to tokenize (put the mask token where a masked LM should fill in)')
    .option('--ids <ids>', 'comma-separated token ids to run as they are', parseIds)
    .option('--top-k <k>', 'candidates per position', parseCount(1), 5)
    .option('--logits', 'include the raw logits, one vocabulary-size array per position')
    .option('--generate <n>', 'tokens to generate (causal LMs; greedy unless --top-p)', parseCount(0), 0)
    .option('--top-p <p>', 'generate by nucleus sampling with this probability mass (0 < p ≤ 1)', parseFraction)
    .option('--temperature <t>', 'divide the logits by t before sampling', parsePositive)
    .option('--seed <n>', 'seed of the sampling draws (same seed, same text)', parseCount(0))
    .option('--onnx <file>', 'run this exported model.onnx with onnxruntime instead of the engine')
    .action(async (model: string, options: { text?: string; ids?: number[]; topK: number; logits?: boolean; generate: number; topP?: number; temperature?: number; seed?: number; onnx?: string }) => {
      const result = await ctx.call('model.try', {
        model,
        text: options.text,
        ids: options.ids,
        top_k: options.topK,
        logits: Boolean(options.logits),
        generate: options.generate,
        top_p: options.topP,
        temperature: options.temperature,
        seed: options.seed,
        onnx: options.onnx,
      });
      ctx.print(result, () => formatTry(result));
    });
}
