import { afterEach, describe, expect } from 'vitest';
import { openStore } from '../src/index';
import { DATABASES } from './helpers/databases';
import { partner, registry } from './helpers/registry';
import { storeTest } from './helpers/store-test';
import { type Worker, startWorker } from './helpers/worker';

const running = new Set<Worker>();
afterEach(() => {
  for (const worker of running) worker.child.kill('SIGKILL');
  running.clear();
});
function track(worker: Worker): Worker {
  running.add(worker);
  void worker.exited.then(() => running.delete(worker));
  return worker;
}

for (const database of DATABASES) {
  describe.runIf(database.runs)(`reliability on ${database.name}`, () => {
    const it = storeTest(database);

    it('keeps every write a process reported before it was killed with SIGKILL, and opens cleanly', async ({ fresh }) => {
      const worker = track(startWorker('stream', fresh.options));
      await worker.waitFor((line) => line === 'committed S-40', 60_000);
      worker.child.kill('SIGKILL');
      expect((await worker.exited).signal).toBe('SIGKILL');
      const reported = worker.lines.filter((line) => line.startsWith('committed ')).map((line) => line.slice('committed '.length));
      expect(reported.length).toBeGreaterThanOrEqual(41);

      if (database.name === 'SQLite') expect(await fresh.sql('pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const store = await openStore(fresh.options);
      try {
        const stored = new Set((await store.listPartners()).map((record) => record.partner.id));
        expect(reported.filter((id) => !stored.has(id))).toEqual([]);
        // Each write's audit entry committed with it.
        const created = (await store.listAudit({ filters: { action: 'partner.create' }, limit: 500 })).entries.length;
        expect(created).toBe(stored.size - 3);
        // And the store takes writes again.
        expect((await store.createPartner(partner('after-the-kill'), { login: null, role: null })).version).toBe(1);
      } finally {
        await store.close();
      }
    }, 90_000);

    it('lets exactly one of several processes replace a partner at the same version', async ({ fresh, store }) => {
      await store.seedIfEmpty(registry());
      const writers = Array.from({ length: 4 }, (_, index) =>
        track(startWorker('race', fresh.options, 'P-1', '1', `Penulis ${index} (fiktif)`)),
      );
      await Promise.all(writers.map((worker) => worker.waitFor((line) => line === 'ready', 60_000)));
      for (const worker of writers) worker.child.stdin.write('go\n');
      const outcomes = await Promise.all(writers.map((worker) => worker.waitFor((line) => line !== 'ready', 30_000)));
      expect(outcomes.sort()).toEqual(['VERSION_MISMATCH', 'VERSION_MISMATCH', 'VERSION_MISMATCH', 'ok']);
      const winner = writers[outcomes.indexOf('ok')];
      expect(winner).toBeDefined();
      const record = await store.getPartner('P-1');
      expect(record?.version).toBe(2);
      expect(await store.partnerHistory('P-1')).toHaveLength(2);
    }, 90_000);

    it('lets several processes that start together on a new database all open it, migrating once', async ({ fresh }) => {
      const openers = Array.from({ length: 4 }, () => track(startWorker('open', fresh.options)));
      const results = await Promise.all(openers.map((worker) => worker.exited));
      expect(
        results.map((result) => result.code),
        openers.map((worker) => worker.stderr()).join('\n'),
      ).toEqual([0, 0, 0, 0]);
      expect(openers.map((worker) => worker.lines)).toEqual(Array.from({ length: 4 }, () => ['opened 0']));
      expect(await fresh.sql('select name from kysely_migration')).toEqual([
        { name: '0001-registry-accounts-audit' },
        { name: '0002-referrals' },
      ]);
      expect(await fresh.sql('select id, version from registry_state')).toEqual([{ id: 1, version: 0 }]);
    }, 90_000);
  });
}
