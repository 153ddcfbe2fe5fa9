import { afterAll } from 'vitest';
import { removeServerFolders } from './helpers/server';

// Each test file's SQLite stores go with it. Imported when the file ends, not before it starts,
// so that a test file's vi.mock of an app module (helpers/principal.ts) applies to the app.
afterAll(async () => {
  (await import('./fixtures')).removeTestStores();
  removeServerFolders();
});
