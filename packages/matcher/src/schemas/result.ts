import { z } from 'zod';
import { IdSchema, ModeSchema, ServiceIdSchema } from './common';
import { PrioritySchema } from './client';
import { FACTOR_IDS } from './options';
import { ReasonSchema } from './reasons';

export { ReasonSchema, REASON_CODES, type Reason, type ReasonCode, type ReasonDraft } from './reasons';

export const EXCLUSION_REASONS = [
  'no-matching-service',
  'inactive',
  'at-capacity',
  'ineligible-age',
  'ineligible-gender',
  'religion-mismatch',
  'sector-mismatch',
  'mode-mismatch',
  'out-of-range',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];
export const ExclusionReasonSchema = z.enum(EXCLUSION_REASONS);

/** Why one of the client's needs is not met by a partner that meets others. */
export const MISSING_REASONS = ['not-offered', 'religion-mismatch', 'sector-mismatch', 'mode-mismatch', 'out-of-range'] as const;
export type MissingReason = (typeof MISSING_REASONS)[number];

export const FactorResultSchema = z.object({
  id: z.enum(FACTOR_IDS),
  /** The factor's own value in [0, 1]. */
  value: z.number(),
  /** Its normalised weight; the weights add up to 1. */
  weight: z.number(),
  /** `value * weight`; the contributions add up to the score. */
  contribution: z.number(),
});
export type FactorResult = z.infer<typeof FactorResultSchema>;

export const CoveredNeedSchema = z.object({
  service: ServiceIdSchema,
  priority: PrioritySchema,
  /** The modes in which this partner can meet the need for this client. */
  modes: z.array(ModeSchema),
});
export type CoveredNeed = z.infer<typeof CoveredNeedSchema>;

export const MissingNeedSchema = z.object({
  service: ServiceIdSchema,
  priority: PrioritySchema,
  reason: z.enum(MISSING_REASONS),
});
export type MissingNeed = z.infer<typeof MissingNeedSchema>;

export const MatchSchema = z.object({
  partnerId: IdSchema,
  score: z.number().min(0).max(1),
  /** Great-circle km, or null when either side has no coordinates. */
  distanceKm: z.number().nullable(),
  covered: z.array(CoveredNeedSchema),
  missing: z.array(MissingNeedSchema),
  factors: z.array(FactorResultSchema),
  reasons: z.array(ReasonSchema),
});
export type Match = z.infer<typeof MatchSchema>;

export const ExclusionSchema = z.object({
  reason: ExclusionReasonSchema,
  count: z.number().int(),
  /** Present with `explainExclusions`, sorted. */
  partnerIds: z.array(z.string()).optional(),
});
export type Exclusion = z.infer<typeof ExclusionSchema>;

export const RecommendationSchema = z.object({
  matches: z.array(MatchSchema),
  /** One entry per reason that excluded at least one partner, in a fixed order. */
  excluded: z.array(ExclusionSchema),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;
