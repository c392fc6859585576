// `studio model import <folder> --name M`, `studio model inspect <folder>`, `studio model fertility <model>
// --corpus N` and `studio model list`: register a Hugging Face model folder
// as a base model (validated: config, weight shapes, tokenizer; weights are not copied) and list them.
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { ModelFertilityResult, ModelImportResult, ModelInspection, ModelSummary } from '../../common/dto';
import { type CliContext } from '../context';
import { table } from '../output';

const MiB = 1024 * 1024;

function count(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} K`;
  return String(n);
}

export function formatImport(r: ModelImportResult): string {
  return `Model ${r.id} "${r.name}" registered.\n${formatInspection(r.inspection)}`;
}

export function formatInspection(i: ModelInspection): string {
  const lines = [
    `${i.model_type} (${i.architectures.join(', ') || i.head}) at ${i.folder}`,
    `  parameters:  ${count(i.parameters)} (${i.dtypes.join(', ')}; ${(i.bytes / MiB).toFixed(1)} MiB in ${i.weight_files.join(', ')})`,
    `  shape:       ${i.layers} layers, hidden ${i.hidden_size}, ${i.heads} heads, up to ${i.max_positions} positions`,
    `  vocabulary:  ${i.vocab_size} (tokenizer: ${i.tokenizer.kind}, ${i.tokenizer.vocab_size} tokens)`,
    `  sha256:      ${i.content_hash}`,
  ];
  for (const w of i.warnings) lines.push(`  note: ${w}`);
  return lines.join('\n');
}

export function formatFertility(r: ModelFertilityResult): string {
  const lines = [
    `Tokenizer of ${r.model_folder} (${r.tokenizer.kind}, ${r.tokenizer.vocab_size} tokens) on corpus "${r.corpus}"`,
    `  read:            ${r.documents} documents, ${(r.bytes / MiB).toFixed(1)} MiB`,
    `  tokens per word: ${r.tokens_per_word} (${r.tokens} tokens for ${r.words} words)`,
  ];
  if (r.fragmented.length > 0) {
    lines.push('  most fragmented frequent words:');
    for (const w of r.fragmented.slice(0, 15)) lines.push(`    ${w.word} (${w.count}×) → ${w.tokens.join(' ')}`);
  }
  return lines.join('\n');
}

function formatList(list: ModelSummary[]): string {
  return table(
    ['ID', 'NAME', 'TYPE', 'PARAMETERS', 'VOCAB', 'SIZE', 'PATH'],
    list.map((m) => [String(m.id), m.name, m.model_type, count(m.parameters), String(m.vocab_size), `${(m.bytes / MiB).toFixed(1)} MiB`, m.path]),
  );
}

export function register(program: Command, ctx: CliContext): void {
  const model = program.command('model').description('register and list base models');

  model
    .command('import')
    .description('validate a Hugging Face model folder (config.json, model.safetensors, tokenizer) and register it')
    .argument('<folder>', 'the model folder')
    .requiredOption('--name <name>', 'name of the model in this workspace')
    .action(async (folder: string, o: { name: string }) => {
      const result = await ctx.call('model.import', { folder: resolve(folder), name: o.name });
      ctx.print(result, () => formatImport(result));
    });

  model
    .command('inspect')
    .description('check a Hugging Face model folder as import would, without registering it')
    .argument('<folder>', 'the model folder')
    .action(async (folder: string) => {
      const inspection = await ctx.call('model.inspect', { folder: resolve(folder) });
      ctx.print(inspection, () => formatInspection(inspection));
    });

  model
    .command('fertility')
    .description("how the model's tokenizer splits a corpus: tokens per word and the most fragmented frequent words")
    .argument('<model>', 'registered model name, or a Hugging Face folder')
    .requiredOption('--corpus <corpus>', 'corpus name or id')
    .option('--max-mb <n>', 'read at most this many MB of the corpus (default 8)', (v) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
      return n;
    })
    .action(async (ref: string, o: { corpus: string; maxMb?: number }) => {
      const corpus = /^\d+$/.test(o.corpus) ? Number(o.corpus) : o.corpus;
      const model = existsSync(ref) ? resolve(ref) : ref;
      const r = await ctx.call('model.fertility', { model, corpus, ...(o.maxMb ? { max_bytes: Math.round(o.maxMb * MiB) } : {}) });
      ctx.print(r, () => formatFertility(r));
    });

  model
    .command('list')
    .description('the models of the workspace')
    .action(async () => {
      const list = await ctx.call('model.list', {});
      ctx.print(list, () => (list.length === 0 ? 'No models yet. `studio model import <folder> --name M` registers one.' : formatList(list)));
    });
}
