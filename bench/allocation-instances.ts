// The allocation section's instances: a seeded cohort and registry, and the transportation problem
// allocate builds from them (the same eligible pairs); `problemLp` from @pokmas/matcher/test-support
// writes that problem as an LP for HiGHS.
import { buildProblem, parseAllocateOptions, prepareRegistry, resolveOptions, type TransportationProblem } from '@pokmas/matcher/internal';
import { seededInstance, type Instance } from '@pokmas/matcher/test-support';

export interface BenchInstance extends Instance {
  readonly problem: TransportationProblem;
}

/** Each client 1 to 3 needs, about 20 eligible partners per need, fewer places than needs. */
export function benchInstance(clients: number, partners: number, seed = 42): BenchInstance {
  const instance = seededInstance(seed, { clients, partners });
  const settings = parseAllocateOptions({});
  const { problem } = buildProblem(instance.clients, prepareRegistry(instance.partners), resolveOptions(settings.scoring), settings);
  return { ...instance, problem };
}
