/**
 * The sanctioned door to the matcher's internals, for the project's own tests, benchmarks and
 * tools (`@pokmas/matcher/internal`). Nothing here is a stable API: callers outside this
 * repository use `@pokmas/matcher`.
 */
export { assess, score } from './rank';
export { buildProblem } from './allocation/allocate';
export { certify } from './allocation/certify';
export { networkSimplex } from './allocation/network-simplex';
export { parseAllocateOptions } from './allocation/parse';
export { UNLIMITED, type TransportationProblem } from './allocation/problem';
export { parseOptions, resolveOptions } from './options';
export { parseClient, prepareClient, preparePartner, prepareRegistry, type PreparedRegistry } from './prepare';
export { QueryScoring, FactorColumns } from './factors/columns';
export { compareStrings } from './order';
export { createRandom, type Random } from './random';
export type { PreparedClient, PreparedPartner, ResolvedOptions } from './context';
