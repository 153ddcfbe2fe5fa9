import type { PreparedClient, PreparedNeed, PreparedPartner, ResolvedOptions } from '../context';
import { resolveOptions } from '../options';
import { byId, compareStrings } from '../order';
import { QueryScoring } from '../factors/columns';
import { parsePartners, prepareClient, prepareRegistry, type PreparedRegistry } from '../prepare';
import { assess, score } from '../rank';
import type { AllocateOptions, Allocation, Assignment, Unassigned, UnassignedReason } from '../schemas/allocation';
import type { Client } from '../schemas/client';
import type { Partner } from '../schemas/partner';
import type { ServiceId } from '../taxonomy';
import { parseAllocateOptions, parseClients, type AllocationSettings } from './parse';
import { UNLIMITED, type TransportationProblem } from './problem';
import { solveProven } from './solve';

/** Scores become integers in millionths, so that objectives add up and compare exactly. */
export const SCORE_UNITS = 1_000_000;

/** One (client, need) to place, with what the hard rules and `minScore` left for it. */
interface Item {
  readonly client: PreparedClient;
  readonly need: PreparedNeed;
  /** Partners that pass the rules for this need, before `minScore`. */
  readonly eligible: number;
}

/**
 * Builds the transportation problem in a canonical order (clients, needs' services and
 * partners sorted by id), so the same clients and partners give the same allocation in any
 * input order. Exported for the benchmark, not from the package.
 */
export function buildProblem(
  clients: readonly Client[],
  registry: PreparedRegistry,
  options: ResolvedOptions,
  settings: AllocationSettings,
) {
  const { byService } = registry;
  const sorted = [...registry.partners].sort((a, b) => byId(a.partner, b.partner));
  const partnerIndex = new Map(sorted.map((prepared, index) => [prepared, index]));
  const capacity = Int32Array.from(sorted, (prepared) => prepared.freePlaces ?? UNLIMITED);

  const items: Item[] = [];
  const arcStart: number[] = [0];
  const arcPartner: number[] = [];
  const arcValue: number[] = [];
  const arcScore: number[] = [];

  for (const client of [...clients].sort(byId).map(prepareClient)) {
    const needs = client.needs.filter((need) => need.priority >= settings.minPriority).sort((a, b) => compareStrings(a.service, b.service));
    if (needs.length === 0) continue;
    const candidates = new Set<PreparedPartner>();
    for (const need of needs) for (const partner of byService.get(need.service) ?? []) candidates.add(partner);

    const scoring = new QueryScoring(registry.columns, client, options);
    const pairs: (readonly [partner: number, score: number])[][] = needs.map(() => []);
    for (const prepared of candidates) {
      const found = assess(client, prepared, options);
      if (typeof found === 'string') continue;
      const value = score(scoring, found).score;
      for (const covered of found.covered) {
        const k = needs.findIndex((need) => need.service === covered.service);
        if (k !== -1) pairs[k]!.push([partnerIndex.get(prepared)!, value]);
      }
    }
    needs.forEach((need, k) => {
      const eligible = pairs[k]!.sort((a, b) => a[0] - b[0]);
      items.push({ client, need, eligible: eligible.length });
      const weight = settings.weighting === 'priority' ? need.priority : 1;
      for (const [partner, value] of eligible) {
        // A full partner never gets here (the at-capacity rule), so every arc has a place behind it.
        if (value < settings.minScore) continue;
        arcPartner.push(partner);
        arcScore.push(value);
        arcValue.push(Math.round(value * SCORE_UNITS) * weight);
      }
      arcStart.push(arcPartner.length);
    });
  }

  const problem: TransportationProblem = {
    items: items.length,
    capacity,
    arcStart: Int32Array.from(arcStart),
    arcPartner: Int32Array.from(arcPartner),
    arcValue: Float64Array.from(arcValue),
  };
  return { problem, items, partners: sorted, arcScore, clients: new Set(items.map((item) => item.client)).size };
}

function reasonFor(item: Item, arcs: number): UnassignedReason {
  if (item.eligible === 0) return 'no-eligible-partner';
  return arcs === 0 ? 'below-min-score' : 'capacity-exhausted';
}

/**
 * The allocation pipeline once clients, partners and options are valid: eligible pairs by the
 * hard rules, scored as `recommend` scores them; the exact transportation solver and a check of
 * its answer by LP duality (`solveProven`); then the answer in the callers' terms.
 */
export function allocatePrepared(
  clients: readonly Client[],
  registry: PreparedRegistry,
  options: ResolvedOptions,
  settings: AllocationSettings,
): Allocation {
  const built = buildProblem(clients, registry, options, settings);
  const { problem, items } = built;

  const { arcOf, certificate, iterations } = solveProven(problem);

  const assignments: Assignment[] = [];
  const unassigned: Unassigned[] = [];
  const used = new Set<number>();
  items.forEach((item, i) => {
    const a = arcOf[i]!;
    const base = { clientId: item.client.client.id, service: item.need.service };
    if (a === -1) {
      unassigned.push({ ...base, reason: reasonFor(item, problem.arcStart[i + 1]! - problem.arcStart[i]!) });
      return;
    }
    const partner = problem.arcPartner[a]!;
    used.add(partner);
    assignments.push({ ...base, partnerId: built.partners[partner]!.partner.id, score: built.arcScore[a]! });
  });

  return {
    assignments,
    unassigned,
    objective: certificate.primal / SCORE_UNITS,
    optimal: certificate.optimal,
    stats: {
      algorithm: 'network-simplex',
      clients: built.clients,
      needs: items.length,
      eligiblePairs: problem.arcPartner.length,
      partners: registry.partners.length,
      partnersUsed: used.size,
      assigned: assignments.length,
      unassigned: unassigned.length,
      iterations,
      objectiveUnits: certificate.primal,
    },
  };
}

/**
 * Places a cohort of clients' needs with partners so that no partner goes over its free places
 * (`total - used`; a partner without a capacity is unlimited) and the total match score is the
 * highest possible. Each (client, need) is placed at most once, only with a partner that
 * `recommend`'s hard rules allow for that need, and scores what `recommend` scores that
 * partner for that client. Each placement takes one place, so a client who gets two services
 * from one partner takes two.
 *
 * The optimum is exact (network simplex on integer-scaled scores) and proven by an LP duality
 * certificate, so `optimal` is always true: an answer the certificate cannot prove (a bug, never
 * seen) throws a `MatcherError` `ALLOCATION_UNPROVEN` rather than being returned. Needs left out
 * carry a reason a planner can act on. Validates everything first and throws a `MatcherError`
 * (`INVALID_CLIENTS`, `INVALID_PARTNERS`, `INVALID_OPTIONS`) naming every bad field.
 *
 * Options (all optional): `needs` (`'all'`, the default; `'priority-3'`; or
 * `{ minPriority }`), `minScore` (default 0), `weighting` (`'score'`, the default, or
 * `'priority'`: score x priority, so scarce places go to urgent needs first), and `recommend`'s
 * `weights`, `proximity` and `defaultServiceRadiusKm`.
 *
 * @example
 * const { assignments, unassigned, optimal } = allocate(
 *   [
 *     { id: 'K-001', location: { lat: -6.91, lon: 107.61 }, needs: [{ service: 'job-placement', priority: 3 }] },
 *     { id: 'K-002', location: { lat: -6.95, lon: 107.6 }, needs: [{ service: 'job-placement' }] },
 *   ],
 *   partners,
 *   { minScore: 0.3 },
 * );
 */
export function allocate(clients: readonly Client[], partners: readonly Partner[], options?: AllocateOptions): Allocation {
  const settings = parseAllocateOptions(options);
  const resolved = resolveOptions(settings.scoring);
  const valid = parseClients(clients);
  return allocatePrepared(valid, prepareRegistry(parsePartners(partners)), resolved, settings);
}
