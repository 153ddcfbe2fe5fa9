import { loadDemoRegistry, type Registry } from '@pokmas/directory';
import { SERVICE_IDS, type Client, type Partner } from '@pokmas/matcher';
import type { Store } from '@pokmas/store';
import { describe, expect, test } from 'vitest';
import { prepareRegistry } from '../src/lib/registry-store';
import type { LoadedRegistry } from '../src/lib/types';
import { REBUILD_AFTER_EDITS, type LiveRegistry } from '../src/store/live-registry';
import { makeStore } from './fixtures';

const ACTOR = { login: 'test', role: 'admin' } as const;

/** A registry built afresh from everything the store holds now: what the live one must equal. */
async function fresh(store: Store): Promise<LoadedRegistry> {
  const all = await store.changesSince(0);
  return prepareRegistry({
    version: `r${all.version}`,
    source: store.location,
    partners: all.partners.map((record) => record.partner),
    pokmas: [...all.pokmas],
  });
}

/** Clients spread over the registry's own partners' places, each with a need the registry offers. */
function clientsOver(partners: readonly Partner[], count: number): Client[] {
  return Array.from({ length: count }, (_, i) => {
    const near = partners[(i * 37) % partners.length]!;
    return {
      id: `K-${i}`,
      location: { lat: near.location!.lat + ((i % 7) - 3) * 0.05, lon: near.location!.lon + ((i % 5) - 2) * 0.05 },
      needs: [{ service: SERVICE_IDS[i % SERVICE_IDS.length]!, priority: 1 + (i % 3) }],
    } as Client;
  });
}

function expectSameRegistry(live: LiveRegistry, oracle: LoadedRegistry, clients: readonly Client[]) {
  const served = live.current();
  expect(served.version).toBe(oracle.version);
  // Partners added since the start come last in the served list; the store lists them by id.
  expect(served.partners.map((partner) => partner.id).sort()).toEqual(oracle.partners.map((partner) => partner.id).sort());
  expect(served.byId.size).toBe(oracle.byId.size);
  for (const partner of oracle.partners) {
    expect(served.byId.get(partner.id)).toEqual(partner);
    expect(served.summaries.get(partner.id)).toEqual(oracle.summaries.get(partner.id));
  }
  expect([...served.pokmasById.keys()].sort()).toEqual([...oracle.pokmasById.keys()].sort());
  for (const client of clients) expect(served.matcher.recommend(client)).toEqual(oracle.matcher.recommend(client));
}

describe('the registry served follows the store without building its index again', () => {
  test('after creates, replaces, merge patches and retirements it answers as a registry built afresh', async () => {
    const demo = await loadDemoRegistry();
    const { store, live } = await makeStore(demo);
    const clients = clientsOver(demo.partners, 40);
    const ids = demo.partners.map((partner) => partner.id);
    for (let step = 0; step < 30; step++) {
      const id = ids[(step * 53) % ids.length]!;
      const { partner, version } = (await store.getPartner(id))!;
      let write;
      if (step % 4 === 0) write = await store.patchPartner(id, { active: !partner.active }, version, ACTOR);
      else if (step % 4 === 1)
        write = await store.patchPartner(id, { capacity: { total: partner.capacity!.total + 5, used: 0 } }, version, ACTOR);
      else if (step % 4 === 2)
        write = await store.replacePartner(
          id,
          { ...partner, location: { lat: partner.location!.lat + 0.2, lon: partner.location!.lon - 0.1 } },
          version,
          ACTOR,
        );
      else write = await store.createPartner({ ...partner, id: `P-NEW-${step}`, name: `Mitra Baru ${step}` }, ACTOR);
      await live.catchUp(write.registryVersion);
      // Each edit is made on the matcher in place: no fresh build until there are many.
      expect(live.current().matcher.editsSinceBuild).toBe(step + 1);
      if (step % 10 === 9) expectSameRegistry(live, await fresh(store), clients);
    }
    live.close();
    await store.close();
  });

  test('an import that changes a tenth of the registry or more builds the index afresh', async () => {
    const demo = await loadDemoRegistry();
    const { store, live } = await makeStore(demo);
    const { partner, version } = (await store.getPartner(demo.partners[0]!.id))!;
    await live.catchUp((await store.patchPartner(partner.id, { active: !partner.active }, version, ACTOR)).registryVersion);
    expect(live.current().matcher.editsSinceBuild).toBe(1);

    const changed = demo.partners.slice(0, Math.ceil(demo.partners.length / 5)).map((p) => ({ ...p, name: `${p.name} (baru)` }));
    const result = await store.importRegistry({ ...(demo as Registry), partners: changed }, { mode: 'upsert' }, ACTOR);
    await live.catchUp(result.registryVersion);
    expect(live.current().matcher.editsSinceBuild).toBe(0);
    expectSameRegistry(live, await fresh(store), clientsOver(demo.partners, 20));
    expect(REBUILD_AFTER_EDITS).toBeGreaterThan(changed.length); // the tenth, not the edit count, made it build
    live.close();
    await store.close();
  });
});
