/**
 * `@pokmas/matcher/test-support`: what the project's allocation tests and its benchmark share,
 * so that they check and measure the same things: the oracle (eligible pairs found through
 * `recommend`, the problem written as an LP program, every constraint checked from the inputs)
 * and the seeded instances. Not a stable API. It imports no LP solver: callers hand one in
 * (`lpObjective(solver, lp)`), so the package needs nothing more at run time for it.
 */
export { eligiblePairs, lpObjective, lpText, problemLp, violations, type LpSolver, type Pair } from './oracle';
export { seededInstance, type Instance, type SeededOptions } from './instances';
