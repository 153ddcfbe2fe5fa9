import { afterAll } from 'vitest';
import { removeTestStores } from './fixtures';
import { removeServerFolders } from './helpers/server';

// Each test file's SQLite stores go with it.
afterAll(() => {
  removeTestStores();
  removeServerFolders();
});
