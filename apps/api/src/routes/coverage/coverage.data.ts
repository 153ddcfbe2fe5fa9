import type { BapasOffice, Directory } from '@pokmas/directory';
import { coverage, type Coverage, type CoveragePlace } from '@pokmas/matcher';
import type { LoadedRegistry } from '../../lib/types';

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
  readonly coverage: Coverage;
}

// A reload brings a new registry object, so entries of old registries are collected with them;
// the version and directory are checked too, so that nothing stale is ever served.
const cache = new WeakMap<LoadedRegistry, Cached>();

/**
 * Coverage at the seat of every office of the directory (`offices`: planned Bapas left out) for
 * every service, computed once per registry version: filtered answers are cut from it with
 * `selectCoverage`.
 */
export function bapasCoverage(registry: LoadedRegistry, directory: Directory): Coverage {
  const hit = cache.get(registry);
  if (hit && hit.version === registry.version && hit.directory === directory) return hit.coverage;
  const result = coverage(registry.partners, directory.offices.map(toPlace));
  cache.set(registry, { version: registry.version, directory, coverage: result });
  return result;
}
