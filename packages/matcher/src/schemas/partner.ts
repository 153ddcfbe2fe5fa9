import { z } from 'zod';
import {
  AgeGroupSchema,
  GenderSchema,
  IdSchema,
  LanguageCodeSchema,
  LocationSchema,
  ModeSchema,
  PartnerKindSchema,
  RegencyCodeSchema,
  ReligionSchema,
  SectorSchema,
  ServiceIdSchema,
  distinct,
  noRepeats,
  serviceKey,
} from './common';

/** One service a partner offers, and how. */
export const OfferingSchema = z.strictObject({
  service: ServiceIdSchema,
  /** How the service is given; `['in-person']` when absent. */
  modes: distinct(ModeSchema).min(1).optional(),
  /** Economic sectors (for job placement, training, capital, self-employment). */
  sectors: distinct(SectorSchema).min(1).optional(),
  /** Faiths served (for religious guidance). */
  religions: distinct(ReligionSchema).min(1).optional(),
});
export type Offering = z.infer<typeof OfferingSchema>;

/**
 * The most places a partner may record. Larger numbers are not real capacities, and the
 * allocation solver counts places in 32-bit integers.
 */
export const MAX_CAPACITY = 1_000_000;
const CAPACITY_ADVICE = `at most ${MAX_CAPACITY.toLocaleString('en')} places; leave capacity out for a partner without a limit`;

export const CapacitySchema = z
  .strictObject({
    /** Places the partner can hold at once. */
    total: z.number().int().min(0).max(MAX_CAPACITY, CAPACITY_ADVICE),
    /** Places already taken. */
    used: z.number().int().min(0).max(MAX_CAPACITY, CAPACITY_ADVICE),
  })
  .refine((capacity) => capacity.used <= capacity.total, {
    message: 'used cannot exceed total',
    path: ['used'],
  });
export type Capacity = z.infer<typeof CapacitySchema>;

export const EligibilitySchema = z.strictObject({
  /** Genders served; all when absent. */
  genders: distinct(GenderSchema).min(1).optional(),
  /** Age groups served; adults only when absent (juveniles must be accepted explicitly). */
  ageGroups: distinct(AgeGroupSchema).min(1).optional(),
});
export type Eligibility = z.infer<typeof EligibilitySchema>;

export const ContactSchema = z.strictObject({
  person: z.string().max(200).optional(),
  phone: z.string().max(50).optional(),
  email: z.string().max(200).optional(),
  address: z.string().max(500).optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

/** A POKMAS LIPAS partner (mitra kerja): a person or an organisation that offers guidance. */
export const PartnerSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1).max(200),
  kind: PartnerKindSchema,
  /** The Bapas whose POKMAS the partner belongs to. */
  bapasId: IdSchema,
  pokmasId: IdSchema.optional(),
  location: LocationSchema.optional(),
  regencyCode: RegencyCodeSchema.optional(),
  /** How far the partner travels or receives clients in person; see `defaultServiceRadiusKm`. */
  serviceRadiusKm: z.number().positive().max(5000).optional(),
  offerings: z
    .array(OfferingSchema)
    .min(1)
    .superRefine(...noRepeats(serviceKey, ['service'], 'is offered twice; merge the two offerings')),
  capacity: CapacitySchema.optional(),
  eligibility: EligibilitySchema.optional(),
  languages: distinct(LanguageCodeSchema).optional(),
  /** `false` for a partner that no longer takes clients; active when absent. */
  active: z.boolean().optional(),
  contact: ContactSchema.optional(),
});
export type Partner = z.infer<typeof PartnerSchema>;
