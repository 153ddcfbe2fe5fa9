import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Role } from '@pokmas/store';
import { CHROMIUM } from '../../../../vitest.requirements';
import { openAppStore } from '../../src/store/open';
import { getDirectory } from '../fixtures';
import { startServer, type RunningServer } from './server';

export interface BrowserAccount {
  readonly login: string;
  readonly role: Role;
  readonly password: string;
  readonly bapasId?: string;
  readonly partnerId?: string;
}

/** Creates accounts in the store under `dataDir`, as `npm run accounts` would (the server may be running). */
export async function addStoreAccounts(dataDir: string, accounts: readonly BrowserAccount[]): Promise<void> {
  const store = await openAppStore({ dataDir }, await getDirectory());
  try {
    for (const account of accounts) await store.createAccount(account, { login: null, role: null });
  } finally {
    await store.close();
  }
}

/**
 * The real server over a fresh store holding `accounts`, and Debian's Chromium to drive it: what
 * every browser test with accounts starts from.
 */
export async function serverAndBrowser(
  folderPrefix: string,
  accounts: readonly BrowserAccount[],
): Promise<{ server: RunningServer; browser: Browser; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
  await addStoreAccounts(dataDir, accounts);
  const server = await startServer({ DATA_DIR: dataDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  return { server, browser, dataDir };
}
