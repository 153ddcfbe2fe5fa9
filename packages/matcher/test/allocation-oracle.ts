import highsLoader from 'highs';
import { SCORE_UNITS, recommend, type AllocateOptions, type Allocation, type Client, type Partner } from '../src/index';

// The independent side of the oracle tests: eligible pairs come from `recommend` (every partner
// it matches to a client, with the needs it covers), the optimum from HiGHS solving the same
// problem as a MIP, and the constraints are checked from the inputs alone.

export interface Pair {
  readonly clientId: string;
  readonly service: string;
  readonly partnerId: string;
  readonly score: number;
  /** The integer the objective counts: the score in millionths, times the priority if weighted. */
  readonly units: number;
}

const key = (clientId: string, service: string) => `${clientId} ${service}`;

/** Every (client, need, partner) that `recommend` allows, at or above `minScore`. */
export function eligiblePairs(clients: readonly Client[], partners: readonly Partner[], options: AllocateOptions = {}): Pair[] {
  const minPriority = options.needs === undefined || options.needs === 'all' ? 1 : options.needs === 'priority-3' ? 3 : options.needs.minPriority;
  const scoring = { weights: options.weights, proximity: options.proximity, defaultServiceRadiusKm: options.defaultServiceRadiusKm };
  const pairs: Pair[] = [];
  for (const client of clients) {
    const needs = client.needs.filter((need) => (need.priority ?? 2) >= minPriority);
    if (needs.length === 0) continue;
    const { matches } = recommend(client, partners, { ...scoring, limit: Math.max(1, partners.length) });
    for (const match of matches) {
      if (match.score < (options.minScore ?? 0)) continue;
      for (const need of needs) {
        if (!match.covered.some((covered) => covered.service === need.service)) continue;
        const weight = options.weighting === 'priority' ? (need.priority ?? 2) : 1;
        pairs.push({
          clientId: client.id,
          service: need.service,
          partnerId: match.partnerId,
          score: match.score,
          units: Math.round(match.score * SCORE_UNITS) * weight,
        });
      }
    }
  }
  return pairs;
}

const free = (partner: Partner): number | null => (partner.capacity ? partner.capacity.total - partner.capacity.used : null);

/** The problem in CPLEX LP format: one binary per pair, one row per need and per limited partner. */
export function lpText(pairs: readonly Pair[], partners: readonly Partner[], integral = true): string {
  const byNeed = new Map<string, number[]>();
  const byPartner = new Map<string, number[]>();
  pairs.forEach((pair, index) => {
    const need = key(pair.clientId, pair.service);
    byNeed.set(need, [...(byNeed.get(need) ?? []), index]);
    byPartner.set(pair.partnerId, [...(byPartner.get(pair.partnerId) ?? []), index]);
  });
  const sum = (indices: readonly number[]) => indices.map((index) => `x${index}`).join(' + ');
  const lines = ['Maximize', ` obj: ${pairs.length === 0 ? '0 z' : pairs.map((pair, index) => `${pair.units} x${index}`).join(' + ')}`, 'Subject To'];
  let row = 0;
  for (const indices of byNeed.values()) lines.push(` r${row++}: ${sum(indices)} <= 1`);
  for (const partner of partners) {
    const places = free(partner);
    const indices = byPartner.get(partner.id);
    if (places !== null && indices) lines.push(` r${row++}: ${sum(indices)} <= ${places}`);
  }
  if (row === 0) lines.push(' r0: z >= 0');
  lines.push('Bounds');
  pairs.forEach((_, index) => lines.push(` 0 <= x${index} <= 1`));
  if (integral && pairs.length > 0) {
    // One name per line: HiGHS's LP reader fails on very long lines.
    lines.push('Binaries', ...pairs.map((_, index) => ` x${index}`));
  }
  lines.push('End');
  return lines.join('\n');
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let loaded: Promise<Highs> | undefined;
export const highs = (): Promise<Highs> => (loaded ??= highsLoader());

/** HiGHS's optimum, rounded: the objective coefficients are integers, so the optimum is one. */
export async function oracleObjective(pairs: readonly Pair[], partners: readonly Partner[]): Promise<number> {
  const solver = await highs();
  const result = solver.solve(lpText(pairs, partners), { output_flag: false, mip_rel_gap: 0 });
  if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
  return Math.round(result.ObjectiveValue);
}

/** Every constraint of an allocation, checked from the inputs and the eligible pairs alone. */
export function violations(allocation: Allocation, pairs: readonly Pair[], partners: readonly Partner[]): string[] {
  const problems: string[] = [];
  const allowed = new Map(pairs.map((pair) => [`${key(pair.clientId, pair.service)} ${pair.partnerId}`, pair]));
  const placed = new Set<string>();
  const load = new Map<string, number>();
  let units = 0;
  for (const assignment of allocation.assignments) {
    const need = key(assignment.clientId, assignment.service);
    const pair = allowed.get(`${need} ${assignment.partnerId}`);
    if (!pair) problems.push(`ineligible: ${need} -> ${assignment.partnerId}`);
    else {
      units += pair.units;
      if (pair.score !== assignment.score) problems.push(`score of ${need} is ${assignment.score}, recommend says ${pair.score}`);
    }
    if (placed.has(need)) problems.push(`placed twice: ${need}`);
    placed.add(need);
    load.set(assignment.partnerId, (load.get(assignment.partnerId) ?? 0) + 1);
  }
  for (const partner of partners) {
    const places = free(partner);
    if (places !== null && (load.get(partner.id) ?? 0) > places) problems.push(`over capacity: ${partner.id}`);
  }
  if (units !== allocation.stats.objectiveUnits) problems.push(`objective ${allocation.stats.objectiveUnits} but the placements add up to ${units}`);
  for (const item of allocation.unassigned) {
    const need = key(item.clientId, item.service);
    if (placed.has(need)) problems.push(`both placed and unassigned: ${need}`);
  }
  return problems;
}
