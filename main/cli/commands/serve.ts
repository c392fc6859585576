// `studio serve [--port P]`: the app without Electron — the built renderer plus the API on 127.0.0.1,
// behind a random token carried by the printed URL. Runs until Ctrl-C / SIGTERM, then closes cleanly
// (server, running jobs, database).
import { InvalidArgumentError, type Command } from 'commander';
import { type CliContext } from '../context';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the app on 127.0.0.1 for a browser (prints the URL to open)')
    .option('--port <port>', 'port to listen on (default: a free one)', parsePort)
    .action(async (options: { port?: number }) => {
      const { startServer } = await import('../../server/serve');
      const server = await startServer({ workspace: ctx.workspace, ...(options.port !== undefined ? { port: options.port } : {}) });
      const shown = { url: server.url, port: server.port, workspace: server.core.workspace, renderer: server.rendererDir !== null };
      ctx.print(shown, () => server.url);
      if (server.rendererDir === null) ctx.note('The user interface is not built, so only the API is served: run `npm run build:renderer`.');
      ctx.note(`Serving workspace ${server.core.workspace}. Open the URL above in a browser; press Ctrl-C to stop.`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      ctx.note('Stopping…');
      await server.close();
    });
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65535) throw new InvalidArgumentError('Expected a port number from 0 to 65535.');
  return port;
}
