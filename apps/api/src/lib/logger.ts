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

/** Lines waiting for the end of this turn of the event loop; written at once beyond this many characters. */
const FLUSH_AT = 64 * 1024;
let pending = '';
let exitHooked = false;

function flushStdout(): void {
  if (pending === '') return;
  const lines = pending;
  pending = '';
  process.stdout.write(lines);
}

/**
 * Writes a line to stdout with the other lines of the same turn of the event loop, in one write.
 * Writing to a file or a pipe is a synchronous system call per write; under load, a write per
 * request cost the server about a quarter more CPU per request than this (bench/http.ts). Lines still waiting when the process exits (`process.exit`, an
 * uncaught error) are written by the `exit` hook; only a kill without a handler (SIGKILL) loses
 * the lines of the turn in progress.
 */
export function writeLineToStdout(line: string): void {
  if (!exitHooked) {
    process.on('exit', flushStdout);
    exitHooked = true;
  }
  if (pending === '') setImmediate(flushStdout);
  pending += `${line}\n`;
  if (pending.length >= FLUSH_AT) flushStdout();
}

/**
 * A logger writing JSON lines at or above `level`.
 *
 * @example
 * const logger = createLogger('info');
 * logger.info('listening', { url: 'http://127.0.0.1:3000' });
 * // {"time":"2026-11-30T12:00:00.000Z","level":"info","msg":"listening","url":"http://127.0.0.1:3000"}
 */
export function createLogger(level: LogLevel = 'info', write: (line: string) => void = writeLineToStdout): Logger {
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
