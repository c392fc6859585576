// Minimal structured logging to stderr (stdout is reserved for `--json` output of the CLI).
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const wanted = (process.env.STUDIO_LOG ?? 'info').toLowerCase() as Level;
  return ORDER[wanted] ?? ORDER.info;
}

function emit(level: Level, scope: string, message: string, data?: Record<string, unknown>): void {
  if (ORDER[level] < threshold()) return;
  const line = `[${new Date().toISOString()}] ${level.toUpperCase()} ${scope}: ${message}`;
  process.stderr.write(data ? `${line} ${JSON.stringify(data)}\n` : `${line}\n`);
}

export function logger(scope: string) {
  return {
    debug: (message: string, data?: Record<string, unknown>) => emit('debug', scope, message, data),
    info: (message: string, data?: Record<string, unknown>) => emit('info', scope, message, data),
    warn: (message: string, data?: Record<string, unknown>) => emit('warn', scope, message, data),
    error: (message: string, data?: Record<string, unknown>) => emit('error', scope, message, data),
  };
}
