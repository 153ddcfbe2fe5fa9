import type { Pokmas } from '@pokmas/directory';
import type { Matcher, Partner } from '@pokmas/matcher';
import type { ChangeSet, Store } from '@pokmas/store';
import type { Logger } from '../lib/logger';
import { overlay } from '../lib/overlay-map';
import { servedPartner } from '../lib/referral-check';
import { describeError, prepareRegistry, type RegistryStore } from '../lib/registry-store';
import { summarisePartner } from '../lib/schemas';
import type { LoadedRegistry } from '../lib/types';

/**
 * The registry the app serves, following the store: it starts from everything the store holds
 * and applies each committed change (this instance's at once, another instance's when the
 * store tells of it). Recommending reads the registry in memory only, never the database.
 * Each partner is served with the places its open referrals hold counted as used
 * (`servedPartner`), so that recommendations, allocations and coverage see its free places.
 */
export interface LiveRegistry extends RegistryStore {
  /** Resolves once the registry served includes the store's registry version `version`. */
  catchUp(version: number): Promise<void>;
  /** Stops following the store. */
  close(): void;
}

/**
 * Edits made visible on the index in place (`Matcher.withPartners`) before it is built afresh:
 * each edit weakens the index's cuts a little, and at 100,000 partners a fresh build holds the
 * event loop about 1.4 s, an edit a few milliseconds.
 */
export const REBUILD_AFTER_EDITS = 2000;

/**
 * Whether a change of `changed` partners is applied by building the matcher afresh: after many
 * edits, or for one that changes a tenth of the registry (an import), where a build is cheaper.
 */
function rebuildDue(matcher: Matcher, changed: number, total: number): boolean {
  return matcher.editsSinceBuild + changed > REBUILD_AFTER_EDITS || changed > total / 10;
}

/**
 * The registry served after a change: the matcher with the changed partners replaced or added,
 * the lookups overlaid with them (lib/overlay-map.ts); nothing indexed again.
 */
function withChanges(served: LoadedRegistry, version: string, changes: ChangeSet, pokmas: ReadonlyMap<string, Pokmas>): LoadedRegistry {
  const changed = changes.partners.map(servedPartner);
  const matcher = changed.length === 0 ? served.matcher : served.matcher.withPartners(changed);
  const groups = changes.pokmas.length === 0 ? served.pokmas : [...pokmas.values()];
  return {
    version,
    source: served.source,
    // An edited matcher lists its partners at the first read (most requests read only the count).
    get partners() {
      return matcher.partners;
    },
    pokmas: groups,
    matcher,
    byId: overlay(
      served.byId,
      changed.map((partner) => [partner.id, partner] as const),
    ),
    summaries: overlay(
      served.summaries,
      changed.map((partner) => [partner.id, summarisePartner(partner)] as const),
    ),
    pokmasById: changes.pokmas.length === 0 ? served.pokmasById : new Map(groups.map((group) => [group.id, group])),
  };
}

/** The registry version as answers give it: `r` and the store's count of committed changes. */
export const registryVersionLabel = (version: number): string => `r${version}`;

/** The store's registry version a label names (`r12` is 12); NaN for a registry not from the store. */
export const registryVersionOf = (label: string): number => (/^r\d+$/.test(label) ? Number(label.slice(1)) : Number.NaN);

/**
 * Loads the store's registry and follows its changes. A change the matcher refuses (it should
 * not happen: the store validates every write) is logged and the registry served stays as it
 * was, so one bad row never takes the service down.
 *
 * @example
 * const live = await followStore(store, logger);
 * await live.catchUp((await store.createPartner(partner, actor)).registryVersion);
 */
export async function followStore(store: Store, logger: Logger): Promise<LiveRegistry> {
  const partners = new Map<string, Partner>();
  const pokmas = new Map<string, Pokmas>();
  let cursor = 0;
  let served: LoadedRegistry | undefined;

  const apply = (changes: ChangeSet): void => {
    for (const record of changes.partners) partners.set(record.partner.id, servedPartner(record));
    for (const group of changes.pokmas) pokmas.set(group.id, group);
    if (changes.version === cursor && served) return;
    const version = registryVersionLabel(changes.version);
    served =
      served && !rebuildDue(served.matcher, changes.partners.length, partners.size)
        ? withChanges(served, version, changes, pokmas)
        : prepareRegistry({ version, source: store.location, partners: [...partners.values()], pokmas: [...pokmas.values()] });
    cursor = changes.version;
  };

  // One sync at a time; a change told while one runs starts another once it ends.
  let running: Promise<void> | undefined;
  let again = false;
  const sync = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          apply(await store.changesSince(cursor));
        } catch (error) {
          logger.error('the registry could not follow the store; still serving the previous version', {
            version: cursor,
            reason: describeError(error),
          });
        }
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  };

  apply(await store.changesSince(0));
  const stop = await store.onChange((event) => {
    if (event.version > cursor) void sync();
  });

  return {
    current: () => served!,
    swap(next) {
      served = next;
    },
    async catchUp(version) {
      if (version <= cursor) return;
      // A sync asked for now reads after every commit made before it: one is enough.
      await sync();
      if (cursor < version) throw new Error(`the registry served is at version ${cursor}, behind the store's ${version}`);
    },
    close: stop,
  };
}
