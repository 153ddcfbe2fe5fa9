/**
 * The transportation problem the allocator hands to its solver, in compact arrays.
 *
 * Supply nodes are the items (one per client need to place, supply 1 each); demand nodes are
 * the partners (free places, or unlimited). The arcs of item `i` are
 * `arcStart[i] .. arcStart[i + 1] - 1` (a CSR layout), each to partner `arcPartner[a]` with the
 * integer value `arcValue[a]`. The solver maximises the total value of the chosen arcs with
 * every item on at most one arc and every partner on at most its capacity.
 */
export interface TransportationProblem {
  readonly items: number;
  /** Free places per partner; `UNLIMITED` for a partner without a capacity. */
  readonly capacity: Int32Array;
  readonly arcStart: Int32Array;
  readonly arcPartner: Int32Array;
  /** Non-negative integers (scaled scores), so that objectives compare exactly. */
  readonly arcValue: Float64Array;
}

/** What a solver returns: the chosen arc per item and the partners' prices (the LP duals). */
export interface TransportationSolution {
  /** The chosen arc of each item, or -1 when the item stays unplaced. */
  readonly arcOf: Int32Array;
  /** The dual price of one place at each partner (>= 0; 0 for unlimited partners). */
  readonly partnerPrice: Float64Array;
  /** Pivots (network simplex) or augmentations: the solver's unit of work. */
  readonly iterations: number;
}

export const UNLIMITED = -1;
