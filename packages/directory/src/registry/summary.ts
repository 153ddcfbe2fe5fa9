import type { Partner } from '@pokmas/matcher';

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

function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of [...keys].sort()) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/**
 * Counts a registry's partners per Bapas, per service and per kind, for the `check` command
 * and for the API's health page.
 *
 * @example
 * summarizeRegistry(registry.partners).byService['legal-aid']; // partners offering legal aid
 */
export function summarizeRegistry(partners: readonly Partner[]): RegistrySummary {
  return {
    partners: partners.length,
    byBapas: countBy(partners.map((partner) => partner.bapasId)),
    byService: countBy(partners.flatMap((partner) => partner.offerings.map((offering) => offering.service))),
    byKind: countBy(partners.map((partner) => partner.kind)),
    inactive: partners.filter((partner) => partner.active === false).length,
    full: partners.filter((partner) => partner.capacity !== undefined && partner.capacity.used >= partner.capacity.total).length,
  };
}
