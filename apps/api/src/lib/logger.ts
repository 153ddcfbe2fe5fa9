export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type Fields = Record<string, unknown>;

/** Structured logs: one JSON line per event. Never give it a request body or a client field. */
export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * A logger writing JSON lines at or above `level`.
 *
 * @example
 * const logger = createLogger('info');
 * logger.info('listening', { url: 'http://127.0.0.1:3000' });
 * // {"time":"2026-11-30T12:00:00.000Z","level":"info","msg":"listening","url":"http://127.0.0.1:3000"}
 */
export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const at =
    (name: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields?: Fields): void => {
      if (RANK[name] < RANK[level]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: name, msg, ...fields }));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A logger that drops everything (the default for an app built in a test). */
export const silentLogger: Logger = createLogger('silent');
