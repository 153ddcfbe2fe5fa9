import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './lib/logger';

const list = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const integer = (min: number, max: number, hint: string) =>
  z
    .string()
    .regex(/^\d+$/, `a whole number, ${hint}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${hint}`).max(max, `${hint}`));

const OriginSchema = z.string().refine((value) => {
  if (value === '*') return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}, 'each origin is * or scheme://host[:port] with no path or trailing slash, such as https://sdp.example.go.id');

/** Every setting the server reads, from the environment, parsed once at start. */
const EnvSchema = z.object({
  PORT: integer(0, 65535, 'from 0 (any free port) to 65535').default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  REGISTRY_FILE: z
    .string()
    .regex(/\.(json|csv)$/i, 'a path to a .json or .csv registry file')
    .optional(),
  // Removed: a set API_KEYS stops the start (see parseConfig), so a server never runs open by mistake.
  API_KEYS: z.string().optional(),
  TRUST_PROXY: z
    .enum(['true', 'false'], 'true (behind a reverse proxy that sets X-Forwarded-Proto and X-Forwarded-For) or false')
    .transform((value) => value === 'true')
    .default(false),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//i, 'a postgres:// URL (PostgreSQL 15 or later); leave it unset to keep the data in SQLite under DATA_DIR')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  CORS_ORIGINS: z.string().transform(list).pipe(z.array(OriginSchema)).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, `one of ${LOG_LEVELS.join(', ')}`).default('info'),
  MAX_BODY_BYTES: integer(1024, 10 * 1024 * 1024, 'from 1024 to 10485760 bytes').default(64 * 1024),
  WORKERS: integer(1, 64, 'from 1 to 64 threads').optional(),
  QUEUE_LIMIT: integer(0, 1000, 'from 0 to 1000 tasks').default(16),
  DRAIN_MS: integer(100, 600_000, 'from 100 to 600000 ms').default(10_000),
  REFERRAL_EXPIRY_DAYS: integer(1, 365, 'from 1 to 365 days').default(14),
  RETENTION_DAYS: integer(1, 36_500, 'from 1 to 36500 days').default(730),
});

export interface Config {
  port: number;
  host: string;
  /** The registry file that seeds an empty store; the demo registry when absent. */
  registryFile?: string;
  /**
   * Whether the request's `X-Forwarded-Proto` (for the session cookie's `Secure`) and the last
   * `X-Forwarded-For` hop (for sign-in throttling) are believed: only behind a proxy that sets them.
   */
  trustProxy: boolean;
  /** The PostgreSQL server holding the store; SQLite under `dataDir` when absent. */
  databaseUrl?: string;
  /** The folder of the SQLite store (when `databaseUrl` is absent). */
  dataDir: string;
  /** Origins allowed to call from a browser; `*` for any; no CORS headers when empty. */
  corsOrigins: readonly string[];
  logLevel: LogLevel;
  /** Largest request body accepted, in bytes (413 beyond). */
  maxBodyBytes: number;
  /** Worker threads for allocations and coverage; by default one fewer than the cores, at least 1, at most 4. */
  workers?: number;
  /** Allocations or coverage measurements that may wait for a thread; one more answers 503 with Retry-After. */
  queueLimit: number;
  /** How long SIGTERM waits for requests in flight before cutting them and exiting 1. */
  drainMs: number;
  /** Days a referral waits for the partner's answer before it expires. */
  referralExpiryDays: number;
  /** Days after a referral ends before its pseudonym and notes are erased. */
  retentionDays: number;
}

/** A setting that stops the start; the message names each variable and what to give it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses settings from an environment (empty values count as unset). Throws `ConfigError`
 * naming every bad variable, never echoing its value (a DATABASE_URL may hold a password).
 *
 * @example
 * const config = parseConfig({ PORT: '8080', HOST: '0.0.0.0' });
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = EnvSchema.safeParse(present);
  const lines = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `  - ${issue.path[0] === undefined ? '' : `${String(issue.path[0])}: `}${issue.message}`);
  // API_KEYS is gone, and must not be ignored silently: a server that was closed by keys would open.
  if (present.API_KEYS !== undefined) {
    lines.push(
      '  - API_KEYS: no longer read; accounts and tokens replace it. Unset it, create an account with ' +
        '`npm run accounts -- add --login NAME --role admin` and give each API client a token from `npm run accounts -- token NAME`',
    );
  }
  if (!parsed.success || lines.length > 0) {
    throw new ConfigError(`Invalid configuration; fix these environment variables:\n${lines.join('\n')}`);
  }
  const data = parsed.data;
  return {
    port: data.PORT,
    host: data.HOST,
    ...(data.REGISTRY_FILE ? { registryFile: data.REGISTRY_FILE } : {}),
    trustProxy: data.TRUST_PROXY,
    ...(data.DATABASE_URL ? { databaseUrl: data.DATABASE_URL } : {}),
    dataDir: data.DATA_DIR,
    corsOrigins: data.CORS_ORIGINS ?? [],
    logLevel: data.LOG_LEVEL,
    maxBodyBytes: data.MAX_BODY_BYTES,
    ...(data.WORKERS === undefined ? {} : { workers: data.WORKERS }),
    queueLimit: data.QUEUE_LIMIT,
    drainMs: data.DRAIN_MS,
    referralExpiryDays: data.REFERRAL_EXPIRY_DAYS,
    retentionDays: data.RETENTION_DAYS,
  };
}

/** The settings of this process: the one place that reads `process.env`. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}
