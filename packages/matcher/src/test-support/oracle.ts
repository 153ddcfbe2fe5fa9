import { UNLIMITED, type TransportationProblem } from '../allocation/problem';
import { SCORE_UNITS, recommend, type AllocateOptions, type Allocation, type Client, type Partner } from '../index';

// The independent side of the oracle tests: eligible pairs come from `recommend` (every partner
// it matches to a client, with the needs it covers), the optimum from an LP solver (HiGHS, in
// the tests and the bench) solving the same problem as a program written here, and the
// constraints are checked from the inputs alone.

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
  const minPriority =
    options.needs === undefined || options.needs === 'all' ? 1 : options.needs === 'priority-3' ? 3 : options.needs.minPriority;
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

interface Row {
  readonly vars: readonly number[];
  readonly bound: number;
}

/**
 * A packing program in CPLEX LP format: maximise `sum values[j] x_j` subject to each row's sum
 * of `x` at most its bound, `x >= 0`, binary when `integral`. Every variable sits in a need's
 * row with bound 1, so `x <= 1` needs no bound of its own.
 */
function packingLp(values: ArrayLike<number>, rows: readonly Row[], integral: boolean): string {
  const names = Array.from({ length: values.length }, (_, index) => `x${index}`);
  const objective = names.length === 0 ? '0 z' : names.map((name, index) => `${values[index]} ${name}`).join(' + ');
  const lines = ['Maximize', ` obj: ${objective}`, 'Subject To'];
  rows.forEach((row, index) => lines.push(` r${index}: ${row.vars.map((j) => names[j]).join(' + ')} <= ${row.bound}`));
  if (rows.length === 0) lines.push(' r0: z >= 0');
  // One name per line: HiGHS's LP reader fails on very long lines.
  if (integral && names.length > 0) lines.push('Binaries', ...names.map((name) => ` ${name}`));
  lines.push('End');
  return lines.join('\n');
}

const group = <T>(values: readonly T[], keyOf: (value: T) => string | number): Map<string | number, number[]> => {
  const groups = new Map<string | number, number[]>();
  values.forEach((value, index) => {
    const key = keyOf(value);
    const list = groups.get(key);
    if (list) list.push(index);
    else groups.set(key, [index]);
  });
  return groups;
};

/** The pairs as a 0-1 program: one variable per pair, one row per need and per limited partner. */
export function lpText(pairs: readonly Pair[], partners: readonly Partner[]): string {
  const byPartner = group(pairs, (pair) => pair.partnerId);
  const rows: Row[] = [...group(pairs, (pair) => key(pair.clientId, pair.service)).values()].map((vars) => ({ vars, bound: 1 }));
  for (const partner of partners) {
    const places = free(partner);
    const vars = byPartner.get(partner.id);
    if (places !== null && vars) rows.push({ vars, bound: places });
  }
  return packingLp(
    pairs.map((pair) => pair.units),
    rows,
    true,
  );
}

/**
 * A solver-level problem as a program, for HiGHS. Continuous by default: the constraint matrix
 * (a bipartite incidence matrix) is totally unimodular, so the LP optimum is the 0-1 optimum.
 */
export function problemLp(problem: TransportationProblem, integral = false): string {
  const { items, capacity, arcStart, arcPartner, arcValue } = problem;
  const rows: Row[] = [];
  for (let i = 0; i < items; i++) {
    const vars: number[] = [];
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) vars.push(a);
    if (vars.length > 0) rows.push({ vars, bound: 1 });
  }
  for (const [p, vars] of group(Array.from(arcPartner), (p) => p)) {
    if (capacity[p as number] !== UNLIMITED) rows.push({ vars, bound: capacity[p as number]! });
  }
  return packingLp(arcValue, rows, integral);
}

/**
 * What the oracle needs of an LP solver: a `solve` of CPLEX LP text, as HiGHS's (the `highs`
 * package, a devDependency of the repository) has. The caller loads the solver and hands it in,
 * so this module imports no solver and ships with no dependency beyond the matcher's own.
 */
export interface LpSolver {
  solve(lp: string, options?: Record<string, string | number | boolean>): { readonly Status: string; readonly ObjectiveValue: number };
}

/** The solver's optimum of a program, rounded: the objective coefficients are integers, so the optimum is one. */
export function lpObjective(solver: LpSolver, lp: string): number {
  const result = solver.solve(lp, { output_flag: false, mip_rel_gap: 0 });
  if (result.Status !== 'Optimal') throw new Error(`LP solver: ${result.Status}`);
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
  if (units !== allocation.stats.objectiveUnits)
    problems.push(`objective ${allocation.stats.objectiveUnits} but the placements add up to ${units}`);
  for (const item of allocation.unassigned) {
    const need = key(item.clientId, item.service);
    if (placed.has(need)) problems.push(`both placed and unassigned: ${need}`);
  }
  return problems;
}
