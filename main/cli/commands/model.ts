// `studio model import <folder> --name M`, `studio model inspect <folder>` and `studio model list`: register a Hugging Face model folder
// as a base model (validated: config, weight shapes, tokenizer; weights are not copied) and list them.
import { resolve } from 'node:path';
import { type Command } from 'commander';
import type { ModelImportResult, ModelInspection, ModelSummary } from '../../common/dto';
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
    .command('list')
    .description('the models of the workspace')
    .action(async () => {
      const list = await ctx.call('model.list', {});
      ctx.print(list, () => (list.length === 0 ? 'No models yet. `studio model import <folder> --name M` registers one.' : formatList(list)));
    });
}
