// The `studio` command line (DESIGN.md §7): one commander program with the global options --workspace
// and --json; each command lives in commands/<domain>.ts and registers itself. Add a command: a new
// file plus one line in COMMANDS. Returns the exit code: 0 success, 1 user error, 2 internal error.
import { Command, CommanderError } from 'commander';
import { StudioError } from '../common/errors';
import { APP_VERSION } from '../services/app';
import { CliContext } from './context';
import { processIo, reportError, type CliIo } from './output';
import * as corpus from './commands/corpus';
import * as doctor from './commands/doctor';
import * as evalCommands from './commands/eval';
import * as exportCommands from './commands/export';
import * as jobs from './commands/jobs';
import * as model from './commands/model';
import * as serve from './commands/serve';
import * as workspace from './commands/workspace';
import * as tryCommand from './commands/try';
import * as train from './commands/train';

const COMMANDS: ReadonlyArray<{ register(program: Command, ctx: CliContext): void }> = [doctor, serve, jobs, workspace, corpus, model, tryCommand, exportCommands, train, evalCommands];

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('studio')
    .description('Domain Studio: adapt a language model to your own private corpus, offline.')
    .version(APP_VERSION, '-V, --version')
    .option('--workspace <dir>', 'workspace folder (default: $STUDIO_WORKSPACE or the per-user data folder)')
    .option('--json', 'print one JSON value on stdout (progress and notes go to stderr)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: () => undefined, // printed below, as one line with what to do
    });
  const ctx = new CliContext(program, io);
  for (const command of COMMANDS) command.register(program, ctx);
  program.commands.forEach(applyOverrides);

  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      if (error.code === 'commander.help') return 1; // no subcommand given: the help above says which exist
      const message = error.message.replace(/^error:\s*/i, '');
      return reportError(io, json, new StudioError('invalid_request', `${capitalise(message)}. Run \`studio --help\` for usage.`));
    }
    return reportError(io, json, error);
  } finally {
    await ctx.close();
  }
}

/** Subcommands throw instead of exiting and print errors through main's one-line report. */
function applyOverrides(command: Command): void {
  command.exitOverride().configureOutput({ ...command.configureOutput(), outputError: () => undefined }).showSuggestionAfterError(true);
  command.commands.forEach(applyOverrides);
}

function capitalise(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}
