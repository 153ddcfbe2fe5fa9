import { z } from 'zod';
import { IdSchema, ServiceIdSchema } from './common';
import { PrioritySchema } from './client';
import { RecommendOptionsSchema } from './options';

/** Which of each client's needs to place: all of them, only the urgent ones, or from a priority up. */
export const AllocationNeedsSchema = z.union([
  z.enum(['all', 'priority-3']),
  z.strictObject({
    /** Place the needs of at least this priority (3 is the most urgent). */
    minPriority: PrioritySchema,
  }),
]);
export type AllocationNeeds = z.infer<typeof AllocationNeedsSchema>;

/**
 * What the solver maximises:
 * - `score` (default): the sum of the placements' match scores;
 * - `priority`: the sum of score x the need's priority (1 to 3). Scarce places go to urgent
 *   needs first, at the cost of a lower total score; see docs/allocation.md.
 */
export const ALLOCATION_WEIGHTINGS = ['score', 'priority'] as const;
export type AllocationWeighting = (typeof ALLOCATION_WEIGHTINGS)[number];

/**
 * Options of `allocate`: which needs to place, a floor on the score, the fairness weighting,
 * and the scoring options of `recommend` (weights, proximity, default service radius), which
 * score each pair exactly as `recommend` would.
 */
export const AllocateOptionsSchema = RecommendOptionsSchema.pick({
  weights: true,
  proximity: true,
  defaultServiceRadiusKm: true,
}).extend({
  /** Which needs to place (default `all`). */
  needs: AllocationNeedsSchema.optional(),
  /** Pairs scoring below this are never assigned (default 0). */
  minScore: z.number().min(0).max(1).optional(),
  /** What is maximised (default `score`). */
  weighting: z.enum(ALLOCATION_WEIGHTINGS).optional(),
});
export type AllocateOptions = z.input<typeof AllocateOptionsSchema>;

export const UNASSIGNED_REASONS = ['no-eligible-partner', 'below-min-score', 'capacity-exhausted'] as const;
export type UnassignedReason = (typeof UNASSIGNED_REASONS)[number];

/** One need placed with one partner; `score` is the partner's `recommend` score for the client. */
export const AssignmentSchema = z.object({
  clientId: IdSchema,
  service: ServiceIdSchema,
  partnerId: IdSchema,
  score: z.number().min(0).max(1),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

/**
 * A need left unplaced, and why:
 * - `no-eligible-partner`: no partner passes the hard rules for it (widen the search);
 * - `below-min-score`: some do, but every one scores below `minScore` (lower it);
 * - `capacity-exhausted`: partners qualify, but their places went to better-scoring placements
 *   (more places are needed).
 */
export const UnassignedSchema = z.object({
  clientId: IdSchema,
  service: ServiceIdSchema,
  reason: z.enum(UNASSIGNED_REASONS),
});
export type Unassigned = z.infer<typeof UnassignedSchema>;

export const AllocationStatsSchema = z.object({
  /** The solver that produced the allocation (the only one: there is no fallback). */
  algorithm: z.enum(['network-simplex']),
  /** Clients with at least one need considered. */
  clients: z.number().int(),
  /** The (client, need) pairs considered for placement. */
  needs: z.number().int(),
  /** Eligible (client, need, partner) triples at or above `minScore`: the arcs of the flow problem. */
  eligiblePairs: z.number().int(),
  partners: z.number().int(),
  partnersUsed: z.number().int(),
  assigned: z.number().int(),
  unassigned: z.number().int(),
  /** Solver pivots. */
  iterations: z.number().int(),
  /** The objective in the solver's integer units (scores x 1e6, times the priority if weighted). */
  objectiveUnits: z.number().int(),
});
export type AllocationStats = z.infer<typeof AllocationStatsSchema>;

export const AllocationSchema = z.object({
  /** Sorted by client id, then service. */
  assignments: z.array(AssignmentSchema),
  /** Sorted by client id, then service. */
  unassigned: z.array(UnassignedSchema),
  /** What was maximised: the sum of scores (times priorities when weighted), each rounded to 6 decimals. */
  objective: z.number(),
  /** Always true: the optimum is proven by a duality certificate, or `allocate` throws `ALLOCATION_UNPROVEN`. */
  optimal: z.boolean(),
  stats: AllocationStatsSchema,
});
export type Allocation = z.infer<typeof AllocationSchema>;
