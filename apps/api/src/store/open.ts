import { bapasProblem, loadDemoRegistry, loadRegistryFile, partnerDirectoryIssues, type Directory } from '@pokmas/directory';
import { openStore, StoreError, type Store } from '@pokmas/store';
import type { Config } from '../env';

/**
 * Opens the store the settings name (PostgreSQL at DATABASE_URL, else SQLite under DATA_DIR),
 * migrated, with the directory's checks on every partner and account written: the server and
 * the command-line tools open it here alike.
 */
export async function openAppStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>, directory: Directory): Promise<Store> {
  try {
    return await openWithChecks(config, directory);
  } catch (error) {
    if (error instanceof StoreError || !(error instanceof Error)) throw error;
    // The driver's message names the host, never the password; say where, without credentials.
    const where = config.databaseUrl
      ? `the PostgreSQL server at DATABASE_URL (${withoutCredentials(config.databaseUrl)})`
      : `the SQLite store under DATA_DIR (${config.dataDir})`;
    throw new Error(
      `${where} cannot be opened: ${error.message}${config.databaseUrl ? '; check that the server runs and accepts this user' : ''}`,
    );
  }
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'an unreadable URL';
  }
}

function openWithChecks(config: Pick<Config, 'databaseUrl' | 'dataDir'>, directory: Directory): Promise<Store> {
  return openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    checks: {
      partner: (partner) => partnerDirectoryIssues(directory, partner).map((issue) => ({ ...issue, code: 'directory' })),
      bapasId: (bapasId) => bapasProblem(directory, bapasId),
    },
  });
}

/** What the start found in the store, as the start line tells it. */
export interface SeedOutcome {
  /** Whether the store was empty and now holds `source`. */
  readonly seeded: boolean;
  /** The file or `demo` that seeded it; absent when the store held a registry already. */
  readonly source?: string;
  /** Set when REGISTRY_FILE was given to a store that holds a registry: it was not applied. */
  readonly ignoredFile?: string;
}

/**
 * Seeds an empty store from REGISTRY_FILE, or from the demo registry without it. A store that
 * holds a registry is the truth: a REGISTRY_FILE given later is neither read nor applied.
 */
export async function seedStore(store: Store, config: Pick<Config, 'registryFile'>, directory: Directory): Promise<SeedOutcome> {
  if ((await store.registryVersion()) > 0)
    return config.registryFile ? { seeded: false, ignoredFile: config.registryFile } : { seeded: false };
  const registry = config.registryFile ? await readable(config.registryFile, directory) : await loadDemoRegistry(directory);
  const result = await store.seedIfEmpty(registry);
  return { seeded: result.seeded, source: registry.source };
}

/** A file that cannot be read at all says which setting to change. */
async function readable(file: string, directory: Directory) {
  try {
    return await loadRegistryFile(file, directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string') {
      throw new Error(
        `REGISTRY_FILE ${file} cannot be read (${code}): give a readable .json or .csv file, or leave REGISTRY_FILE unset for the demo registry`,
      );
    }
    throw error;
  }
}
