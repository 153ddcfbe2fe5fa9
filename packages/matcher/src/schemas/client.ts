import { z } from 'zod';
import {
  AgeGroupSchema,
  GenderSchema,
  IdSchema,
  LanguageCodeSchema,
  LocationSchema,
  ModeSchema,
  RegencyCodeSchema,
  ReligionSchema,
  SectorSchema,
  ServiceIdSchema,
  distinct,
  noRepeats,
  serviceKey,
} from './common';

export const PrioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Priority = z.infer<typeof PrioritySchema>;

/** One assessed need; priority 3 is the most urgent, 2 when absent. */
export const NeedSchema = z.strictObject({
  service: ServiceIdSchema,
  priority: PrioritySchema.optional(),
});
export type Need = z.infer<typeof NeedSchema>;

export const MAX_NEEDS = 16;

/**
 * A probation client (klien pemasyarakatan). `id` is a pseudonym of the caller's choosing:
 * the matcher never needs a name or an identity number.
 */
export const ClientSchema = z.strictObject({
  id: IdSchema,
  bapasId: IdSchema.optional(),
  location: LocationSchema.optional(),
  regencyCode: RegencyCodeSchema.optional(),
  needs: z
    .array(NeedSchema)
    .min(1, 'give at least one need')
    .max(MAX_NEEDS, `at most ${MAX_NEEDS} needs, one per service`)
    .superRefine(...noRepeats(serviceKey, ['service'], 'is listed twice; give each service once')),
  gender: GenderSchema.optional(),
  ageGroup: AgeGroupSchema.optional(),
  religion: ReligionSchema.optional(),
  languages: distinct(LanguageCodeSchema).optional(),
  /** The farthest the client can travel, or be visited, for in-person guidance. */
  maxDistanceKm: z.number().positive().max(5000).optional(),
  /** Acceptable modes; all when absent. */
  modes: distinct(ModeSchema).min(1).optional(),
  /** Sectors of interest for economic services. */
  sectors: distinct(SectorSchema).min(1).optional(),
});
export type Client = z.infer<typeof ClientSchema>;
