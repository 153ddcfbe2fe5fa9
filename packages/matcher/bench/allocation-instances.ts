// The instances the allocation benchmarks share: a seeded cohort and registry, the transportation
// problem allocate builds from them (the same eligible pairs), and that problem as an LP for HiGHS.
import { buildProblem } from '../src/allocation/allocate';
import { parseAllocateOptions } from '../src/allocation/parse';
import { UNLIMITED, type TransportationProblem } from '../src/allocation/problem';
import { indexByService } from '../src/candidates';
import { resolveOptions } from '../src/options';
import { preparePartner } from '../src/prepare';
import { seededInstance, type Instance } from '../test/allocation-arbitraries';

export interface BenchInstance extends Instance {
  readonly problem: TransportationProblem;
}

/** Each client 1 to 3 needs, about 20 eligible partners per need, fewer places than needs. */
export function benchInstance(clients: number, partners: number, seed = 42): BenchInstance {
  const instance = seededInstance(seed, { clients, partners });
  const settings = parseAllocateOptions({});
  const prepared = instance.partners.map(preparePartner);
  const { problem } = buildProblem(instance.clients, prepared, indexByService(prepared), resolveOptions(settings.scoring), settings);
  return { ...instance, problem };
}

/**
 * The problem in CPLEX LP format, continuous: its constraint matrix (a bipartite incidence
 * matrix) is totally unimodular, so the LP has an integral optimum equal to the 0-1 one.
 */
export function lpText(problem: TransportationProblem): string {
  const { items, capacity, arcStart, arcPartner, arcValue } = problem;
  const terms: string[] = [];
  for (let a = 0; a < arcPartner.length; a++) terms.push(`${arcValue[a]} x${a}`);
  const lines = ['Maximize', ` obj: ${terms.join(' + ')}`, 'Subject To'];
  for (let i = 0; i < items; i++) {
    if (arcStart[i + 1]! === arcStart[i]!) continue;
    const vars: string[] = [];
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) vars.push(`x${a}`);
    lines.push(` n${i}: ${vars.join(' + ')} <= 1`);
  }
  const byPartner: string[][] = Array.from({ length: capacity.length }, () => []);
  for (let a = 0; a < arcPartner.length; a++) byPartner[arcPartner[a]!]!.push(`x${a}`);
  byPartner.forEach((vars, p) => {
    if (vars.length > 0 && capacity[p] !== UNLIMITED) lines.push(` p${p}: ${vars.join(' + ')} <= ${capacity[p]}`);
  });
  lines.push('End');
  return lines.join('\n');
}
