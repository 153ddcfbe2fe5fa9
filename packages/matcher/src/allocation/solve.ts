import { MatcherError } from '../errors';
import { certify, type Certificate } from './certify';
import { networkSimplex } from './network-simplex';
import { UNLIMITED, type TransportationProblem, type TransportationSolution } from './problem';

/** What solves a transportation problem; `solveProven` takes another only from a test. */
export type Solver = (problem: TransportationProblem) => TransportationSolution;

/** A solver's answer with every free place a zero-value pair can use filled, proven optimal. */
export interface ProvenSolution {
  /** The chosen arc of each item, or -1 when the item stays unplaced. */
  readonly arcOf: Int32Array;
  /** Always `optimal`: an answer the certificate cannot prove is thrown, not returned. */
  readonly certificate: Certificate;
  readonly iterations: number;
}

/**
 * Solves the problem and proves the answer optimal, independently of the solver, twice: the
 * solver's own answer, and the answer once the remaining free places are filled. An answer
 * the certificate cannot prove is a bug in the matcher, never a property of the input, so it
 * throws `ALLOCATION_UNPROVEN` instead of handing back an allocation that might not be the best.
 */
export function solveProven(problem: TransportationProblem, solver: Solver = networkSimplex): ProvenSolution {
  const solution = solver(problem);
  prove(problem, solution.arcOf, solution.partnerPrice);
  const arcOf = Int32Array.from(solution.arcOf);
  fillFreePlaces(problem, arcOf);
  return { arcOf, certificate: prove(problem, arcOf, solution.partnerPrice), iterations: solution.iterations };
}

function prove(problem: TransportationProblem, arcOf: Int32Array, partnerPrice: Float64Array): Certificate {
  const certificate = certify(problem, arcOf, partnerPrice);
  if (certificate.optimal) return certificate;
  // Counts and integer totals only: nothing here can name a client or a partner.
  const why = certificate.feasible
    ? `its value ${certificate.primal} is below the dual bound ${certificate.dual}`
    : 'it is not feasible (an item off its own arcs, or a partner over its places)';
  throw new MatcherError('ALLOCATION_UNPROVEN', [
    {
      path: [],
      code: 'certificate',
      message: `the solver's allocation failed its optimality certificate: ${why}; this is a bug in the matcher, please report it`,
    },
  ]);
}

/**
 * Places still-unplaced items on their first arc to a partner with a place left. On an optimal
 * allocation only arcs of value 0 can qualify (any other would raise the objective), so this
 * changes nothing but the number of needs served.
 */
function fillFreePlaces(problem: TransportationProblem, arcOf: Int32Array): void {
  const { items, capacity, arcStart, arcPartner } = problem;
  const left = Int32Array.from(capacity);
  for (let i = 0; i < items; i++) {
    const a = arcOf[i]!;
    if (a === -1) continue;
    const p = arcPartner[a]!;
    if (left[p] !== UNLIMITED) left[p] = left[p]! - 1;
  }
  for (let i = 0; i < items; i++) {
    if (arcOf[i] !== -1) continue;
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      const p = arcPartner[a]!;
      if (left[p] === 0) continue;
      arcOf[i] = a;
      if (left[p] !== UNLIMITED) left[p] = left[p]! - 1;
      break;
    }
  }
}
