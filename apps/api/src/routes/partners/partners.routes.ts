import { createRoute, z } from '@hono/zod-openapi';
import { ServiceIdSchema } from '@pokmas/matcher';
import { problemResponses } from '../../lib/problem';
import { IdParamSchema, IdSchema, PartnerSchema, RegistryInfoSchema } from '../../lib/schemas';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

const page = (description: string, fallback: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .optional()
    .openapi({ type: 'integer', minimum: 1, maximum: max, default: fallback, description });

const coordinate = /^-?\d{1,3}(\.\d+)?$/;

export const PartnerQuerySchema = z
  .object({
    service: ServiceIdSchema.optional().openapi({ description: 'Only partners offering this service' }),
    bapasId: IdSchema.optional().openapi({ description: 'Only partners of this Bapas' }),
    regencyCode: z
      .string()
      .regex(/^\d{2}(\.\d{0,2})?$/, 'a Kemendagri code or its prefix: 32 (a province), 32.7 or 32.73 (a regency)')
      .optional()
      .openapi({ description: 'A prefix of the partner regency code: `32` is all of West Java, `32.73` Kota Bandung' }),
    near: z
      .string()
      .refine(
        (value) => value.split(',').length === 2 && value.split(',').every((part) => coordinate.test(part.trim())),
        'lat,lon such as -6.9175,107.6191',
      )
      .transform((value) => {
        const [lat, lon] = value.split(',').map(Number) as [number, number];
        return { lat, lon };
      })
      .pipe(
        z.object({
          lat: z.number().min(-90, 'latitude is from -90 to 90').max(90, 'latitude is from -90 to 90'),
          lon: z.number().min(-180, 'longitude is from -180 to 180').max(180, 'longitude is from -180 to 180'),
        }),
      )
      .optional()
      .openapi({ type: 'string', example: '-6.9175,107.6191', description: 'lat,lon: sorts by distance and adds `distanceKm`' }),
    radiusKm: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'a number of km')
      .transform(Number)
      .pipe(z.number().positive().max(5000))
      .optional()
      .openapi({ type: 'number', description: 'With `near`: only partners with coordinates within this many km' }),
    page: page('Page number, from 1', 1, 1_000_000),
    perPage: page(`Partners per page, at most ${MAX_PER_PAGE}`, DEFAULT_PER_PAGE, MAX_PER_PAGE),
  })
  .refine((query) => query.radiusKm === undefined || query.near !== undefined, {
    message: 'radiusKm needs near=lat,lon',
    path: ['radiusKm'],
  });

export const PartnerItemSchema = PartnerSchema.extend({
  distanceKm: z.number().optional().openapi({ description: 'Great-circle km from `near`, when given and the partner has coordinates' }),
}).openapi('PartnerItem');

export const PartnerPageSchema = z
  .object({
    items: z.array(PartnerItemSchema),
    page: z.number().int(),
    perPage: z.number().int(),
    total: z.number().int().openapi({ description: 'Partners matching the filters, on all pages' }),
    totalPages: z.number().int(),
    registry: RegistryInfoSchema,
  })
  .openapi('PartnerPage');

export const list = createRoute({
  method: 'get',
  path: '/v1/partners',
  operationId: 'listPartners',
  tags: ['Partners'],
  summary: 'Search partners',
  description: 'Filters combine with AND. Sorted by id, or by distance then id with `near`.',
  request: { query: PartnerQuerySchema },
  responses: {
    200: { description: 'One page of partners', content: { 'application/json': { schema: PartnerPageSchema } } },
    ...problemResponses('unauthorized', 'validation'),
  },
});
export type ListRoute = typeof list;

export const getOne = createRoute({
  method: 'get',
  path: '/v1/partners/{id}',
  operationId: 'getPartner',
  tags: ['Partners'],
  summary: 'One partner',
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The partner', content: { 'application/json': { schema: PartnerSchema } } },
    ...problemResponses('unauthorized', 'not-found', 'validation'),
  },
});
export type GetOneRoute = typeof getOne;
