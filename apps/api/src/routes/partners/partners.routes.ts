import { createRoute, z } from '@hono/zod-openapi';
import { ServiceIdSchema } from '@pokmas/matcher';
import { requireJson, requireMergePatch } from '../../lib/json-body';
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

const ETAG_HEADER = z.object({
  ETag: z.string().openapi({
    example: '"3"',
    description: "The partner's version as a strong ETag: send it back in If-Match to change the partner",
  }),
});

export const getOne = createRoute({
  method: 'get',
  path: '/v1/partners/{id}',
  operationId: 'getPartner',
  tags: ['Partners'],
  summary: 'One partner',
  description: 'Retired partners (`active: false`) are served too. The ETag is what PUT and PATCH ask for in If-Match.',
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The partner', headers: ETAG_HEADER, content: { 'application/json': { schema: PartnerSchema } } },
    ...problemResponses('unauthorized', 'not-found', 'validation'),
  },
});
export type GetOneRoute = typeof getOne;

/**
 * A body that the store validates whole (schema, directory and POKMAS checks at once, every
 * issue listed): the route's own validator only sees that it is an object, so that a partner
 * with a bad kind and an unknown regency hears of both in one answer.
 */
const PartnerBodySchema = z.record(z.string(), z.unknown()).openapi('PartnerBody', {
  description: 'A partner, as the Partner schema describes it; validated whole, every bad field answered at once (422)',
});
const MergePatchSchema = z.record(z.string(), z.unknown()).openapi('PartnerMergePatch', {
  description:
    'An RFC 7396 JSON Merge Patch of a partner: the fields to change; null removes an optional field; `{"active": false}` retires the partner. The id never changes.',
  example: { capacity: { used: 4 } },
});
const IF_MATCH = z.object({
  'if-match': z.string().optional().openapi({
    example: '"3"',
    description:
      'Required: the ETag of the partner as last read, `*` for any current version, or a list of ETags ("2", "3"). Weak tags (W/"3") never match (RFC 9110 strong comparison).',
  }),
});

const WRITE_PROBLEMS = [
  'unauthorized',
  'forbidden',
  'not-found',
  'precondition-failed',
  'precondition-required',
  'invalid-header',
] as const;

export const create = createRoute({
  method: 'post',
  path: '/v1/partners',
  operationId: 'createPartner',
  tags: ['Partners'],
  summary: 'Add a partner',
  description:
    "Needs the role admin, or bapas-admin of the partner's Bapas. The partner is validated as a registry file row is: every bad field at once, nothing stored unless all of it is good. " +
    'Recommendations sent after the answer see the partner.',
  middleware: [requireJson] as const,
  request: { body: { required: true, content: { 'application/json': { schema: PartnerBodySchema } } } },
  responses: {
    201: {
      description: 'The partner as stored',
      headers: ETAG_HEADER.extend({ Location: z.string().openapi({ example: '/v1/partners/P-001' }) }),
      content: { 'application/json': { schema: PartnerSchema } },
    },
    ...problemResponses('malformed-json', 'unauthorized', 'forbidden', 'conflict', 'unsupported-media-type', 'validation'),
  },
});
export type CreateRoute = typeof create;

export const replace = createRoute({
  method: 'put',
  path: '/v1/partners/{id}',
  operationId: 'replacePartner',
  tags: ['Partners'],
  summary: 'Replace a partner',
  description:
    'Needs If-Match, and the role admin or bapas-admin of both the stored partner\'s Bapas and the new one. A body equal to the stored partner changes nothing and keeps the ETag. Partners are never deleted: `"active": false` retires one and keeps its history.',
  middleware: [requireJson] as const,
  request: {
    params: IdParamSchema,
    headers: IF_MATCH,
    body: { required: true, content: { 'application/json': { schema: PartnerBodySchema } } },
  },
  responses: {
    200: { description: 'The partner as stored now', headers: ETAG_HEADER, content: { 'application/json': { schema: PartnerSchema } } },
    ...problemResponses('malformed-json', ...WRITE_PROBLEMS, 'unsupported-media-type', 'validation'),
  },
});
export type ReplaceRoute = typeof replace;

export const MERGE_PATCH = 'application/merge-patch+json';

export const patch = createRoute({
  method: 'patch',
  path: '/v1/partners/{id}',
  operationId: 'patchPartner',
  tags: ['Partners'],
  summary: 'Change fields of a partner (JSON Merge Patch)',
  description:
    `Content-Type ${MERGE_PATCH} only (RFC 7396; anything else is a 415). Needs If-Match. The role admin, or bapas-admin of the partner's Bapas (and of a new bapasId), ` +
    'or the partner account of this partner, which may change only `capacity` and `active`. The patched partner is validated whole.',
  middleware: [requireMergePatch] as const,
  request: {
    params: IdParamSchema,
    headers: IF_MATCH,
    body: { required: true, content: { [MERGE_PATCH]: { schema: MergePatchSchema } } },
  },
  responses: {
    200: { description: 'The partner as stored now', headers: ETAG_HEADER, content: { 'application/json': { schema: PartnerSchema } } },
    ...problemResponses('malformed-json', ...WRITE_PROBLEMS, 'unsupported-media-type', 'validation'),
  },
});
export type PatchRoute = typeof patch;

export const HistoryEntrySchema = z
  .object({
    time: z.string().openapi({ description: 'ISO 8601, UTC', example: '2026-12-07T09:30:00.000Z' }),
    account: z
      .string()
      .nullable()
      .openapi({ description: 'The login; null for the system (seeding, the command line) or the open demo mode' }),
    role: z.string().nullable(),
    action: z.string().openapi({ example: 'partner.patch' }),
    changes: z.array(
      z.object({
        field: z.string().openapi({ example: 'capacity.used', description: 'Dotted inside objects; a list is one field' }),
        before: z.unknown().optional(),
        after: z.unknown().optional(),
      }),
    ),
  })
  .openapi('PartnerHistoryEntry');

export const history = createRoute({
  method: 'get',
  path: '/v1/partners/{id}/history',
  operationId: 'partnerHistory',
  tags: ['Partners'],
  summary: "A partner's changes, newest first",
  description:
    "Every change with its time, account, role and the fields changed (before and after). Needs the role admin, bapas-admin of the partner's Bapas, or the partner account of this partner.",
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: 'Newest first',
      content: {
        'application/json': { schema: z.object({ id: z.string(), entries: z.array(HistoryEntrySchema) }).openapi('PartnerHistory') },
      },
    },
    ...problemResponses('unauthorized', 'forbidden', 'not-found', 'validation'),
  },
});
export type HistoryRoute = typeof history;
