import { z } from 'zod';
import { FACTOR_IDS, type FactorId } from '../factors';
import { LangSchema } from './common';

export { FACTOR_IDS, DEFAULT_WEIGHTS, type FactorId } from '../factors';

const weight = z.number().min(0).max(100).optional();

/** Relative weights, one per factor; they are normalised to add up to 1, so only their ratios matter. */
export const WeightsSchema = z.strictObject(Object.fromEntries(FACTOR_IDS.map((id) => [id, weight])) as Record<FactorId, typeof weight>);
export type Weights = z.infer<typeof WeightsSchema>;

/**
 * The smallest decay scale accepted, in km (10 m). A scale is a distance a counsellor means;
 * below about 1e-162 km its square underflows to 0 and proximity would be 0/0.
 */
export const MIN_SCALE_KM = 0.01;

export const ProximityParamsSchema = z.strictObject({
  /** Km beyond the offset at which proximity falls to `decay`. */
  scaleKm: z.number().min(MIN_SCALE_KM, `give a scale of at least ${MIN_SCALE_KM} km`).max(5000).optional(),
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

export const DEFAULT_PROXIMITY: Readonly<Required<ProximityParams>> = {
  scaleKm: 25,
  offsetKm: 5,
  decay: 0.5,
  sameRegency: 0.6,
  sameProvince: 0.25,
};

export const DEFAULT_LIMIT = 10;
export const DEFAULT_SERVICE_RADIUS_KM = 50;
