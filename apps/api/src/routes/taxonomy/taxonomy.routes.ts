import { createRoute, z } from '@hono/zod-openapi';
import {
  AgeGroupSchema,
  COMMUNITY_IDS,
  FIELD_IDS,
  GenderSchema,
  ModeSchema,
  PartnerKindSchema,
  ReligionSchema,
  SectorSchema,
  ServiceIdSchema,
  TAXONOMY,
} from '@pokmas/matcher';
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
  })
  .openapi('Taxonomy');

// The library's taxonomy must fit the schema it is documented with.
const taxonomyFits: z.input<typeof TaxonomySchema> = TAXONOMY;
void taxonomyFits;

export const get = createRoute({
  method: 'get',
  path: '/v1/taxonomy',
  tags: ['Taxonomy'],
  summary: 'Fields, communities, services and the other terms clients and partners use',
  responses: {
    200: {
      description: 'The taxonomy, with labels in Indonesian and English',
      content: { 'application/json': { schema: TaxonomySchema } },
    },
    ...problemResponses('unauthorized'),
  },
});
export type GetRoute = typeof get;
