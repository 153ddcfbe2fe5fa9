import type { BapasOffice, Directory } from '@pokmas/directory';
import type { Coverage, CoveragePlace } from '@pokmas/matcher';
import type { LoadedRegistry } from '../../lib/types';
import { inlineWorkers, type Workers } from '../../workers/pool';

/** A Bapas seat as a coverage place: its id, its name as `label` and its Kanwil as `group`. */
export const toPlace = (office: BapasOffice): CoveragePlace => ({
  id: office.id,
  location: office.location,
  regencyCode: office.regencyCode,
  label: office.name,
  group: office.kanwil,
});

interface Cached {
  readonly version: string;
  readonly directory: Directory;
  readonly coverage: Promise<Coverage>;
}

// A reload brings a new registry object, so entries of old registries are collected with them;
// the version and directory are checked too, so that nothing stale is ever served.
const cache = new WeakMap<LoadedRegistry, Cached>();

/**
 * Coverage at the seat of every office of the directory (`offices`: planned Bapas left out) for
 * every service, computed once per registry version (in `workers`, off the event loop): filtered
 * answers are cut from it with `selectCoverage`. Requests that arrive while it is measured wait
 * for the same measurement; one that failed (a full pool) is not kept, so the next request measures.
 */
export function bapasCoverage(registry: LoadedRegistry, directory: Directory, workers: Workers = inlineWorkers): Promise<Coverage> {
  const hit = cache.get(registry);
  if (hit && hit.version === registry.version && hit.directory === directory) return hit.coverage;
  const result = workers.coverage(registry, directory.offices.map(toPlace));
  cache.set(registry, { version: registry.version, directory, coverage: result });
  result.catch(() => {
    if (cache.get(registry)?.coverage === result) cache.delete(registry);
  });
  return result;
}
