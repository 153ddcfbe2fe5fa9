import type { Partner } from '@pokmas/matcher';
import { countBy } from 'lodash-es';

export interface RegistrySummary {
  partners: number;
  /** Partners per Bapas id, ids in order. */
  byBapas: Record<string, number>;
  /** Partners offering each service, services in order (a partner counts once per service). */
  byService: Record<string, number>;
  /** Partners per kind, kinds in order. */
  byKind: Record<string, number>;
  /** Partners marked inactive, and partners with no free place. */
  inactive: number;
  full: number;
}

/** Counts per key, keys in sorted order. */
const countSorted = (keys: readonly string[]): Record<string, number> => countBy([...keys].sort());

/**
 * Counts a registry's partners per Bapas, per service and per kind, for the `check` command
 * and for scripts that describe a registry.
 *
 * @example
 * summarizeRegistry(registry.partners).byService['legal-aid']; // partners offering legal aid
 */
export function summarizeRegistry(partners: readonly Partner[]): RegistrySummary {
  return {
    partners: partners.length,
    byBapas: countSorted(partners.map((partner) => partner.bapasId)),
    byService: countSorted(partners.flatMap((partner) => partner.offerings.map((offering) => offering.service))),
    byKind: countSorted(partners.map((partner) => partner.kind)),
    inactive: partners.filter((partner) => partner.active === false).length,
    full: partners.filter((partner) => partner.capacity !== undefined && partner.capacity.used >= partner.capacity.total).length,
  };
}
