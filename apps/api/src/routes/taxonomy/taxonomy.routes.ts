import { createRoute, z } from '@hono/zod-openapi';
import {
  AgeGroupSchema,
  COMMUNITY_IDS,
  EXCLUSION_REASONS,
  FACTOR_IDS,
  FIELD_IDS,
  MISSING_REASONS,
  GenderSchema,
  ModeSchema,
  PartnerKindSchema,
  ReligionSchema,
  SectorSchema,
  ServiceIdSchema,
  TAXONOMY,
} from '@pokmas/matcher';
import { OUTCOME_RESULTS, REFERRAL_REASON_LABELS, REFERRAL_STATUSES } from '@pokmas/store';
import { problemResponses } from '../../lib/problem';

export const LabelSchema = z.object({ id: z.string(), en: z.string() }).openapi('Label', { description: 'Indonesian and English' });

const FieldIdSchema = z.enum(FIELD_IDS);
const CommunityIdSchema = z.enum(COMMUNITY_IDS);
// Readonly, as the library's taxonomy is.
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const term = <T extends z.ZodType>(id: T) => list(z.object({ id, label: LabelSchema }));

export const TaxonomySchema = z
  .object({
    fields: list(z.object({ id: FieldIdSchema, label: LabelSchema, communities: list(CommunityIdSchema) })),
    communities: list(z.object({ id: CommunityIdSchema, field: FieldIdSchema, label: LabelSchema, services: list(ServiceIdSchema) })),
    services: list(z.object({ id: ServiceIdSchema, community: CommunityIdSchema, field: FieldIdSchema, label: LabelSchema })),
    sectors: term(SectorSchema),
    modes: term(ModeSchema),
    partnerKinds: term(PartnerKindSchema),
    religions: term(ReligionSchema),
    genders: term(GenderSchema),
    ageGroups: term(AgeGroupSchema),
    exclusionReasons: term(z.enum(EXCLUSION_REASONS)).openapi({
      description: 'Why a partner is left out of a recommendation (`excluded[].reason`), in the order they are reported',
    }),
    missingReasons: term(z.enum(MISSING_REASONS)).openapi({
      description: "Why a match does not meet one of the client's needs (`matches[].missing[].reason`)",
    }),
    factors: term(z.enum(FACTOR_IDS)).openapi({
      description: 'The scoring factors (`matches[].factors[].id`, the keys of `weights`), in the order they are reported',
    }),
    referralStatuses: term(z.enum(REFERRAL_STATUSES)).openapi({ description: "A referral's statuses (see `GET /v1/referrals/lifecycle`)" }),
    referralReasons: term(z.enum(Object.keys(REFERRAL_REASON_LABELS) as [string, ...string[]])).openapi({
      description: 'Why a referral was declined, cancelled, put on hold or ended early (`history[].reason`)',
    }),
    outcomes: term(z.enum(OUTCOME_RESULTS)).openapi({
      description: "A completed referral's result per service (`outcome.services[].result`)",
    }),
  })
  .openapi('Taxonomy', {
    description: "The terms clients and partners are described with, and the codes of a recommendation's results, each with its labels",
  });

// The library's taxonomy must fit the schema it is documented with.
const taxonomyFits: Omit<z.input<typeof TaxonomySchema>, 'referralStatuses' | 'referralReasons' | 'outcomes'> = TAXONOMY;
void taxonomyFits;

export const get = createRoute({
  method: 'get',
  path: '/v1/taxonomy',
  operationId: 'getTaxonomy',
  tags: ['Taxonomy'],
  summary: 'Fields, communities, services and the other terms clients and partners use, and the codes results carry',
  responses: {
    200: {
      description: 'The taxonomy and the result codes, with labels in Indonesian and English',
      content: { 'application/json': { schema: TaxonomySchema } },
    },
    ...problemResponses('unauthorized'),
  },
});
export type GetRoute = typeof get;
