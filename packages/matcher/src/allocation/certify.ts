import { UNLIMITED, type TransportationProblem } from './problem';

/** The outcome of checking a solution against the problem, independently of the solver. */
export interface Certificate {
  /** Every item on at most one of its own arcs, no partner over capacity. */
  readonly feasible: boolean;
  /** The total value of the chosen arcs (an integer). */
  readonly primal: number;
  /** The value of the dual solution built from the partner prices (an integer, >= primal). */
  readonly dual: number;
  /** Feasible and primal = dual: by weak LP duality no allocation can be worth more. */
  readonly optimal: boolean;
}

/**
 * Proves (or fails to prove) that an allocation is optimal. The LP relaxation of the problem,
 * `max sum v_a x_a` subject to `sum_{a of i} x_a <= 1`, `sum_{a to p} x_a <= c_p`, `x >= 0`,
 * has the dual `min sum_i u_i + sum_p c_p y_p` subject to `u_i + y_p >= v_a`, `u, y >= 0`.
 * Given the partner prices `y`, the best `u_i` is `max(0, max_a (v_a - y_p))`; any dual
 * feasible point bounds every allocation from above, so an allocation whose value equals it is
 * optimal. Everything is an integer below 2^53, so the comparison is exact.
 */
export function certify(problem: TransportationProblem, arcOf: Int32Array, partnerPrice: Float64Array): Certificate {
  const { items, capacity, arcStart, arcPartner, arcValue } = problem;
  const used = new Int32Array(capacity.length);
  let feasible = arcOf.length === items;
  let primal = 0;
  for (let i = 0; i < items && feasible; i++) {
    const a = arcOf[i]!;
    if (a === -1) continue;
    if (a < arcStart[i]! || a >= arcStart[i + 1]!) feasible = false;
    else {
      primal += arcValue[a]!;
      used[arcPartner[a]!] = used[arcPartner[a]!]! + 1;
    }
  }
  let dual = 0;
  for (let p = 0; p < capacity.length; p++) {
    const price = partnerPrice[p]!;
    if (!(price >= 0)) return { feasible, primal, dual: Number.POSITIVE_INFINITY, optimal: false };
    if (capacity[p] === UNLIMITED) {
      if (price > 0) dual = Number.POSITIVE_INFINITY;
    } else {
      if (used[p]! > capacity[p]!) feasible = false;
      dual += capacity[p]! * price;
    }
  }
  for (let i = 0; i < items; i++) {
    let best = 0;
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      const slack = arcValue[a]! - partnerPrice[arcPartner[a]!]!;
      if (slack > best) best = slack;
    }
    dual += best;
  }
  return { feasible, primal, dual, optimal: feasible && primal === dual };
}
