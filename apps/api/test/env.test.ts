import { describe, expect, test } from 'vitest';
import { ConfigError, parseConfig } from '../src/env';

describe('configuration', () => {
  test('defaults: port 3000 on 127.0.0.1, the demo registry, no proxy trusted, no CORS, info logs, 64 KiB bodies', () => {
    expect(parseConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      trustProxy: false,
      corsOrigins: [],
      logLevel: 'info',
      maxBodyBytes: 65536,
      queueLimit: 16,
      drainMs: 10_000,
      referralExpiryDays: 14,
      retentionDays: 730,
    });
  });

  test('reads every setting; lists are comma-separated; empty values count as unset', () => {
    const config = parseConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      REGISTRY_FILE: '/data/partners.csv',
      TRUST_PROXY: 'true',
      DATABASE_URL: 'postgres://pokmas:secret@db.example:5432/pokmas',
      DATA_DIR: '/var/lib/pokmas',
      CORS_ORIGINS: 'https://a.example,http://localhost:5173',
      LOG_LEVEL: 'warn',
      MAX_BODY_BYTES: '4096',
      WORKERS: '3',
      QUEUE_LIMIT: '0',
      DRAIN_MS: '1500',
      REFERRAL_EXPIRY_DAYS: '7',
      RETENTION_DAYS: '365',
      UNRELATED: 'ignored',
    });
    expect(config).toEqual({
      port: 0,
      host: '0.0.0.0',
      registryFile: '/data/partners.csv',
      trustProxy: true,
      databaseUrl: 'postgres://pokmas:secret@db.example:5432/pokmas',
      dataDir: '/var/lib/pokmas',
      corsOrigins: ['https://a.example', 'http://localhost:5173'],
      logLevel: 'warn',
      maxBodyBytes: 4096,
      workers: 3,
      queueLimit: 0,
      drainMs: 1500,
      referralExpiryDays: 7,
      retentionDays: 365,
    });
    expect(parseConfig({ PORT: '', API_KEYS: '  ', LOG_LEVEL: '' })).toMatchObject({ port: 3000, logLevel: 'info' });
  });

  test('a bad setting stops with every variable at fault named, and never its value', () => {
    const secret = 'short-secret';
    let error: unknown;
    try {
      parseConfig({
        PORT: '70000',
        REGISTRY_FILE: 'partners.xlsx',
        API_KEYS: secret,
        DATABASE_URL: `mysql://pokmas:${secret}@db.example/pokmas`,
        CORS_ORIGINS: 'https://a.example/',
        LOG_LEVEL: 'verbose',
        MAX_BODY_BYTES: '10',
        TRUST_PROXY: 'yes',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'REGISTRY_FILE', 'API_KEYS', 'DATABASE_URL', 'CORS_ORIGINS', 'LOG_LEVEL', 'MAX_BODY_BYTES', 'TRUST_PROXY'])
      expect(message).toContain(`${name}: `);
    expect(message).not.toContain(secret);
  });

  test.each([
    ['WORKERS', '0', 'from 1 to 64 threads'],
    ['WORKERS', 'two', 'a whole number'],
    ['QUEUE_LIMIT', '1001', 'from 0 to 1000 tasks'],
    ['REFERRAL_EXPIRY_DAYS', '0', 'from 1 to 365 days'],
    ['RETENTION_DAYS', '40000', 'from 1 to 36500 days'],
    ['DRAIN_MS', '50', 'from 100 to 600000 ms'],
  ])('%s=%s is refused, naming the range', (name, value, hint) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`${name}: .*${hint}`));
  });

  test('a set API_KEYS stops the start, naming what replaces it (even "," once opened everything)', () => {
    for (const value of ['a-long-random-key-0123', ',']) {
      expect(() => parseConfig({ API_KEYS: value })).toThrow(ConfigError);
      expect(() => parseConfig({ API_KEYS: value })).toThrow(
        /API_KEYS: no longer read; accounts and tokens replace it.*npm run accounts -- add --login NAME --role admin/,
      );
    }
  });

  test.each([['abc'], ['-1'], ['3000.5'], ['65536']])('PORT=%s is refused', (port) => {
    expect(() => parseConfig({ PORT: port })).toThrow(/PORT: /);
  });
});
