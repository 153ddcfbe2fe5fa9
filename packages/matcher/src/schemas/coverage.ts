import { z } from 'zod';
import { GenderSchema, IdSchema, LocationSchema, RegencyCodeSchema, ServiceIdSchema, distinct, idKey, noRepeats } from './common';
import { RecommendOptionsSchema } from './options';

/** How many places `summary.mostGaps` lists when `topGaps` is not given. */
export const DEFAULT_TOP_GAPS = 10;
export const MAX_PLACES = 10_000;

/**
 * A point where coverage is measured: a Bapas seat, or any point a planner chooses. `group`
 * collects places into the per-group summaries (the API passes the Kanwil); `label` is carried
 * through for people to read.
 */
export const CoveragePlaceSchema = z.strictObject({
  id: IdSchema,
  location: LocationSchema,
  /** Used, as by `recommend`, to reach partners that have no coordinates of their own. */
  regencyCode: RegencyCodeSchema.optional(),
  label: z.string().min(1).max(200).optional(),
  group: z.string().min(1).max(200).optional(),
});
export type CoveragePlace = z.infer<typeof CoveragePlaceSchema>;

export const CoveragePlacesSchema = z
  .array(CoveragePlaceSchema)
  .max(MAX_PLACES, `at most ${MAX_PLACES} places`)
  .superRefine(...noRepeats(idKey, ['id'], 'is listed twice'));

export const CoverageOptionsSchema = z.strictObject({
  /** Service radius assumed for partners that give none, as in `recommend` (default 50 km). */
  defaultServiceRadiusKm: RecommendOptionsSchema.shape.defaultServiceRadiusKm,
  /** The services to measure, reported in taxonomy order (default: all sixteen). */
  services: distinct(ServiceIdSchema).min(1).optional(),
  /** How many places `summary.mostGaps` lists (default 10). */
  topGaps: z.number().int().min(0).max(MAX_PLACES).optional(),
});
export type CoverageOptions = z.infer<typeof CoverageOptionsSchema>;

/** What `selectCoverage` keeps of a computed coverage. */
export const CoverageSelectionSchema = z.strictObject({
  /** The places to keep (default: all); ids that were not measured are ignored. */
  placeIds: z.array(IdSchema).max(MAX_PLACES).optional(),
  /** The services to keep (default: all measured); services that were not measured are ignored. */
  services: distinct(ServiceIdSchema).min(1).optional(),
  topGaps: CoverageOptionsSchema.shape.topGaps,
});
export type CoverageSelection = z.infer<typeof CoverageSelectionSchema>;

/** Why a gap has no nearest partner beyond reach to name. */
export const BEYOND_REACH_REASONS = [
  /** No active partner that takes adults offers the service anywhere. */
  'not-offered',
  /** Some do, but every one of them is full. */
  'at-capacity',
  /** Some with free places do, but none records coordinates: no distance can be measured. */
  'no-coordinates',
] as const;
export const BeyondReachReasonSchema = z.enum(BEYOND_REACH_REASONS);
export type BeyondReachReason = z.infer<typeof BeyondReachReasonSchema>;

/**
 * For a gap: the nearest partner that offers the service and has a free place, though beyond
 * its reach of this place (`found: true`), or why there is none (`found: false`); ties go to the
 * smaller partner id.
 */
export const BeyondReachSchema = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), partnerId: IdSchema, name: z.string(), km: z.number().min(0) }),
  z.object({ found: z.literal(false), reason: BeyondReachReasonSchema }),
]);
export type BeyondReach = z.infer<typeof BeyondReachSchema>;

/** One service at one place: who can serve an adult client there. */
export const CoverageCellSchema = z.object({
  service: ServiceIdSchema,
  /** Partners that can serve an adult client here (`inPerson + remoteOnly`); 0 is a gap. */
  partners: z.number().int().min(0),
  /** Of those, the ones that can meet the client in person or at home, within reach. */
  inPerson: z.number().int().min(0),
  /** Of those, the ones that reach this place only remotely. */
  remoteOnly: z.number().int().min(0),
  /** Km to the nearest partner within in-person reach, or null when none has coordinates. */
  nearestKm: z.number().min(0).nullable(),
  /** Free places summed over the partners that record a capacity. */
  freePlaces: z.number().int().min(0),
  /** Partners counted in `partners` that record no capacity (unlimited). */
  unlimitedPartners: z.number().int().min(0),
  /** Partners that would serve here but have no free place: not counted in `partners`. */
  atCapacity: z.number().int().min(0),
  /** The genders served by at least one of the partners (both, unless all are restricted). */
  genders: z.array(GenderSchema),
  /** Only on a gap (`partners` 0): the nearest partner offering the service beyond reach, or why none. */
  nearestBeyondReach: BeyondReachSchema.optional(),
});
export type CoverageCell = z.infer<typeof CoverageCellSchema>;

export const PlaceCoverageSchema = z.object({
  id: IdSchema,
  label: z.string().optional(),
  group: z.string().optional(),
  regencyCode: RegencyCodeSchema.optional(),
  location: LocationSchema,
  /** How many of the measured services have at least one partner here. */
  covered: z.number().int().min(0),
  /** `covered` over the number of services measured, in [0, 1]. */
  share: z.number().min(0).max(1),
  /** The services with no partner in reach, in taxonomy order. */
  gaps: z.array(ServiceIdSchema),
  /** One cell per measured service, in taxonomy order. */
  services: z.array(CoverageCellSchema),
});
export type PlaceCoverage = z.infer<typeof PlaceCoverageSchema>;

export const ServiceSummarySchema = z.object({
  service: ServiceIdSchema,
  /** Places where at least one partner serves it. */
  coveredPlaces: z.number().int().min(0),
  /** Places where at least one partner serves it in person. */
  inPersonPlaces: z.number().int().min(0),
  /** `coveredPlaces` over the number of places (0 when there are none). */
  share: z.number().min(0).max(1),
});
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>;

export const PlaceGapsSchema = z.object({
  id: IdSchema,
  label: z.string().optional(),
  group: z.string().optional(),
  gapCount: z.number().int().min(1),
  gaps: z.array(ServiceIdSchema),
});
export type PlaceGaps = z.infer<typeof PlaceGapsSchema>;

export const CoverageSummarySchema = z.object({
  places: z.number().int().min(0),
  /** Places with no gap. */
  fullyCovered: z.number().int().min(0),
  /** Covered place-service pairs over all pairs (0 when there are no places). */
  share: z.number().min(0).max(1),
  /** One entry per measured service, in taxonomy order. */
  byService: z.array(ServiceSummarySchema),
  /** The places with the most gaps, most first, then by id; places without gaps are left out. */
  mostGaps: z.array(PlaceGapsSchema),
});
export type CoverageSummary = z.infer<typeof CoverageSummarySchema>;

export const GroupSummarySchema = CoverageSummarySchema.extend({ group: z.string() });
export type GroupSummary = z.infer<typeof GroupSummarySchema>;

export const CoverageSchema = z.object({
  /** The services measured, in taxonomy order. */
  services: z.array(ServiceIdSchema),
  /** One entry per place, in the order given. */
  places: z.array(PlaceCoverageSchema),
  /** Over every place. */
  summary: CoverageSummarySchema,
  /** One summary per `group` named by the places, sorted by group; ungrouped places are in `summary` only. */
  groups: z.array(GroupSummarySchema),
});
export type Coverage = z.infer<typeof CoverageSchema>;
