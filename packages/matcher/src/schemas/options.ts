import { z } from 'zod';
import { LangSchema } from './common';

export const FACTOR_IDS = ['coverage', 'proximity', 'capacity', 'administrative'] as const;
export type FactorId = (typeof FACTOR_IDS)[number];

/** Relative weights; they are normalised to add up to 1, so only their ratios matter. */
export const WeightsSchema = z.strictObject({
  coverage: z.number().min(0).max(100).optional(),
  proximity: z.number().min(0).max(100).optional(),
  capacity: z.number().min(0).max(100).optional(),
  administrative: z.number().min(0).max(100).optional(),
});
export type Weights = z.infer<typeof WeightsSchema>;

export const ProximityParamsSchema = z.strictObject({
  /** Km beyond the offset at which proximity falls to `decay`. */
  scaleKm: z.number().positive().max(5000).optional(),
  /** Km within which proximity is 1. */
  offsetKm: z.number().min(0).max(5000).optional(),
  /** Proximity at `offsetKm + scaleKm`. */
  decay: z.number().gt(0).lt(1).optional(),
  /** Proximity when coordinates are missing but both sit in the same regency. */
  sameRegency: z.number().min(0).max(1).optional(),
  /** Proximity when coordinates are missing but both sit in the same province. */
  sameProvince: z.number().min(0).max(1).optional(),
});
export type ProximityParams = z.infer<typeof ProximityParamsSchema>;

export const RecommendOptionsSchema = z.strictObject({
  /** How many matches to return (default 10). */
  limit: z.number().int().min(1).max(10_000).optional(),
  weights: WeightsSchema.optional(),
  proximity: ProximityParamsSchema.optional(),
  /** Service radius assumed for partners that give none (default 50 km). */
  defaultServiceRadiusKm: z.number().positive().max(5000).optional(),
  /** Language of the reasons' sentences (default `id`). */
  lang: LangSchema.optional(),
  /** Also list the partner ids behind each exclusion count (default false). */
  explainExclusions: z.boolean().optional(),
});
export type RecommendOptions = z.infer<typeof RecommendOptionsSchema>;

export const DEFAULT_WEIGHTS: Readonly<Record<FactorId, number>> = {
  coverage: 0.55,
  proximity: 0.25,
  capacity: 0.1,
  administrative: 0.1,
};

export const DEFAULT_PROXIMITY: Readonly<Required<ProximityParams>> = {
  scaleKm: 25,
  offsetKm: 5,
  decay: 0.5,
  sameRegency: 0.6,
  sameProvince: 0.25,
};

export const DEFAULT_LIMIT = 10;
export const DEFAULT_SERVICE_RADIUS_KM = 50;
