import { loadDirectory, type Directory, type Registry } from '@pokmas/directory';
import type { Partner } from '@pokmas/matcher';
import { createApp } from '../src/app';
import { parseConfig } from '../src/env';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@pokmas/store';
import { silentLogger, type Logger } from '../src/lib/logger';
import { followStore, type LiveRegistry } from '../src/store/live-registry';
import { openAppStore } from '../src/store/open';

/** A small registry around Bandung (Bapas 026, Kota Bandung 32.73) and one partner in Jakarta. */
export const PARTNERS: Partner[] = [
  {
    id: 'P-001',
    name: 'BLK Bandung',
    kind: 'government',
    bapasId: '026',
    pokmasId: 'PK-026-SR',
    location: { lat: -6.93, lon: 107.62 },
    regencyCode: '32.73',
    offerings: [{ service: 'skills-training', sectors: ['industry'] }, { service: 'job-placement' }],
    capacity: { total: 10, used: 2 },
    contact: { person: 'Ibu Sari', phone: '+62 22 000 0001' },
  },
  {
    id: 'P-002',
    name: 'Pesantren Al-Ikhlas',
    kind: 'religious-institution',
    bapasId: '026',
    pokmasId: 'PK-026-SR',
    location: { lat: -6.95, lon: 107.55 },
    regencyCode: '32.04',
    offerings: [{ service: 'religious-guidance', religions: ['islam'] }, { service: 'mental-strengthening' }],
    eligibility: { ageGroups: ['adult', 'juvenile'] },
  },
  {
    id: 'P-003',
    name: 'LBH Bandung',
    kind: 'civil-society',
    bapasId: '026',
    pokmasId: 'PK-026-LS',
    regencyCode: '32.73',
    offerings: [{ service: 'legal-aid', modes: ['in-person', 'remote'] }],
  },
  {
    id: 'P-004',
    name: 'Yayasan Jakarta Mandiri',
    kind: 'civil-society',
    bapasId: '001',
    location: { lat: -6.2, lon: 106.82 },
    regencyCode: '31.71',
    offerings: [{ service: 'job-placement' }, { service: 'legal-aid' }],
    active: false,
  },
];

export function fixtureRegistry(version = 'fixture-1', partners: Partner[] = PARTNERS): Registry {
  return {
    version,
    source: 'fixture',
    partners,
    pokmas: [
      { id: 'PK-026-SR', bapasId: '026', name: 'POKMAS Kemandirian Bandung', field: 'self-reliance' },
      { id: 'PK-026-LS', bapasId: '026', name: 'POKMAS Hukum Bandung', field: 'law-society' },
    ],
  };
}

let directory: Promise<Directory> | undefined;
/** The real directory, loaded once per test file. */
export const getDirectory = (): Promise<Directory> => (directory ??= loadDirectory());

export interface TestApp {
  app: ReturnType<typeof createApp>;
  /** The registry the app serves, following `store`. */
  live: LiveRegistry;
  store: Store;
  directory: Directory;
}

// Every store of a test file lives under one folder, removed after the file (test/setup.ts).
let storesFolder: string | undefined;
function storeFolder(): string {
  storesFolder ??= mkdtempSync(join(tmpdir(), 'pokmas-api-test-'));
  return mkdtempSync(join(storesFolder, 'store-'));
}

/** Removes the stores the test file made. */
export function removeTestStores(): void {
  if (storesFolder) rmSync(storesFolder, { recursive: true, force: true });
  storesFolder = undefined;
}

/**
 * A real store (SQLite in a folder of its own) seeded with `registry`, and the registry served
 * from it, as the server opens them.
 */
export async function makeStore(registry: Pick<Registry, 'partners' | 'pokmas' | 'source'> = fixtureRegistry(), logger?: Logger) {
  const dir = await getDirectory();
  const store = await openAppStore({ dataDir: storeFolder() }, dir);
  await store.seedIfEmpty(registry);
  const live = await followStore(store, logger ?? silentLogger);
  return { store, live, directory: dir };
}

/** An app over a store seeded with the fixture registry; `env` as the process would see it. */
export async function makeApp(env: Record<string, string> = {}, registry: Registry = fixtureRegistry(), logger?: Logger): Promise<TestApp> {
  const { store, live, directory: dir } = await makeStore(registry, logger);
  const app = createApp({ directory: dir, registry: live, store, config: parseConfig(env), ...(logger ? { logger } : {}) });
  return { app, live, store, directory: dir };
}

export const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** A JSON POST whose body is streamed, with no Content-Length: the body limit must count it. */
export const streamedJson = (text: string): RequestInit =>
  ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
    duplex: 'half',
  }) as RequestInit;

export interface TestAccount {
  login: string;
  password: string;
  /** A live bearer token of the account. */
  token: string;
  tokenId: number;
  /** `Authorization: Bearer <token>`, ready for a request's headers. */
  headers: { Authorization: string };
}

/** Creates an account (with a password of its own and a token) in `store`, as the command line would. */
export async function addAccount(
  store: Store,
  login: string,
  role: 'admin' | 'bapas-admin' | 'counsellor' | 'partner' | 'planner',
  scope: { bapasId?: string; partnerId?: string } = {},
): Promise<TestAccount> {
  const password = `${login}-password-0123`;
  await store.createAccount({ login, role, password, ...scope }, { login: null, role: null });
  const { token, info } = await store.createToken(login, {}, { login: null, role: null });
  return { login, password, token, tokenId: info.id, headers: { Authorization: `Bearer ${token}` } };
}
