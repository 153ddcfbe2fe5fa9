// The instances the allocation benchmarks share: a seeded cohort and registry, the transportation
// problem allocate builds from them (the same eligible pairs); test/allocation-oracle.ts's problemLp
// writes that problem as an LP for HiGHS.
import { buildProblem } from '../src/allocation/allocate';
import { parseAllocateOptions } from '../src/allocation/parse';
import type { TransportationProblem } from '../src/allocation/problem';
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
