import { formatRegistryIssue, RegistryError, type Pokmas, type Registry } from '@pokmas/directory';
import { createMatcher, formatIssue, MatcherError, type Partner } from '@pokmas/matcher';
import { formatStoreIssue, StoreError } from '@pokmas/store';
import { summarisePartner } from './schemas';
import type { LoadedRegistry } from './types';

/** Holds the registry being served; `swap` replaces it in one assignment. */
export interface RegistryStore {
  current(): LoadedRegistry;
  swap(next: LoadedRegistry): void;
}

export function createRegistryStore(initial: LoadedRegistry): RegistryStore {
  let registry = initial;
  return {
    current: () => registry,
    swap(next) {
      registry = next;
    },
  };
}

/** Validates and indexes a registry once (throws `MatcherError` on partners the matcher refuses). */
export function prepareRegistry(registry: Pick<Registry, 'version' | 'source' | 'partners' | 'pokmas'>): LoadedRegistry {
  const matcher = createMatcher(registry.partners);
  return {
    version: registry.version,
    source: registry.source,
    partners: matcher.partners,
    pokmas: registry.pokmas,
    matcher,
    byId: new Map<string, Partner>(matcher.partners.map((partner) => [partner.id, partner])),
    summaries: new Map(matcher.partners.map((partner) => [partner.id, summarisePartner(partner)])),
    pokmasById: new Map<string, Pokmas>(registry.pokmas.map((group) => [group.id, group])),
  };
}

/** A message that says what to fix: every issue of a refused registry, with its row and field. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines =
    error instanceof RegistryError
      ? error.issues.map(formatRegistryIssue)
      : error instanceof MatcherError
        ? error.issues.map(formatIssue)
        : [];
  if (lines.length === 0) return error.message;
  const head = error instanceof RegistryError ? `${error.file ?? 'the registry'}: registry refused` : 'registry refused';
  const shown = lines.slice(0, 20).map((line) => `  - ${line}`);
  if (lines.length > 20) shown.push(`  ... and ${lines.length - 20} more`);
  return `${head}, ${lines.length} problem${lines.length === 1 ? '' : 's'}:\n${shown.join('\n')}`;
}
