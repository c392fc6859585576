// What every CLI command shares: the global options (--workspace, --json), the output channels, and the
// core (database + job supervisor + services), opened on first use and closed when the command ends.
// The core and the dispatcher (zod schemas) are imported lazily: `studio --version`, `--help` or a usage
// error should load neither SQLite nor the contract's schemas nor any engine code.
import { type Command } from 'commander';
import { type Method, type ApiRequest, type ApiResponse } from '../common/contract';
import { fromErrorDto } from '../common/errors';
import { resolveWorkspace } from '../platform/paths';
import type { Core } from '../services/core';
import { type CliIo } from './output';

export class CliContext {
  #core: Promise<Core> | null = null;
  /** Set by a command that finished but wants a non-zero exit (e.g. doctor found a problem). */
  exitCode = 0;

  constructor(
    private readonly program: Command,
    readonly io: CliIo,
  ) {}

  get json(): boolean {
    return Boolean(this.program.opts<{ json?: boolean }>().json);
  }

  get workspace(): string {
    return resolveWorkspace(this.program.opts<{ workspace?: string }>().workspace ?? null);
  }

  /** Opens the workspace (creating it when new); the same core for the rest of the command. */
  core(): Promise<Core> {
    this.#core ??= import('../services/core').then(({ openCore }) => openCore({ workspace: this.workspace, mode: 'cli' }));
    return this.#core;
  }

  /** Calls the API through the same dispatch as every other transport; throws its error. */
  async call<M extends Method>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    const [{ dispatch }, core] = await Promise.all([import('../services/dispatch'), this.core()]);
    const outcome = await dispatch(core.services, method, request);
    if (!outcome.ok) throw fromErrorDto(outcome.error);
    return outcome.value as ApiResponse<M>;
  }

  /** The command's result: `value` as JSON with --json, else the human text. */
  print(value: unknown, human: () => string): void {
    if (this.json) this.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
    else this.io.stdout(`${human()}\n`);
  }

  /** A note for people, on stderr (never mixed into --json output). */
  note(line: string): void {
    this.io.stderr(`${line}\n`);
  }

  async close(): Promise<void> {
    const core = this.#core;
    this.#core = null;
    // A core that failed to open has nothing to close.
    await (await core?.catch(() => null))?.close();
  }
}
