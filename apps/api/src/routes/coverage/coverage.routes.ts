import { createRoute, z } from '@hono/zod-openapi';
import {
  CoverageSummarySchema as LibraryCoverageSummarySchema,
  GroupSummarySchema as LibraryGroupSummarySchema,
  LangSchema,
  PlaceCoverageSchema as LibraryPlaceCoverageSchema,
  ServiceIdSchema,
} from '@pokmas/matcher';
import { problemResponses } from '../../lib/problem';
import { annotate, component, IdSchema, RegistryInfoSchema } from '../../lib/schemas';

const services = z
  .union([ServiceIdSchema, z.array(ServiceIdSchema)])
  .optional()
  .openapi({
    description: 'Only these services; repeat the parameter for several (`service=legal-aid&service=health`). All sixteen when absent.',
    example: 'legal-aid',
  });

export const CoverageFilterSchema = z.object({
  bapasId: IdSchema.optional().openapi({
    description: 'Only this Bapas (its three-digit id, such as `026`); 404 when there is no such office',
    example: '026',
  }),
  province: z
    .string()
    .regex(/^\d{2}$/, 'a two-digit Kemendagri province code such as 32')
    .optional()
    .openapi({
      description:
        'Only the Bapas of this province, by its two-digit Kemendagri code (`32` is West Java); 404 when there is no such province',
      example: '32',
    }),
  service: services,
});

export const CoverageQuerySchema = CoverageFilterSchema.extend({
  format: z
    .enum(['json', 'csv'])
    .optional()
    .openapi({ description: '`csv`: one row per Bapas and service, with a header row, for spreadsheets', default: 'json' }),
});

export const CoverageMapQuerySchema = CoverageFilterSchema.extend({
  lang: LangSchema.optional().openapi({ description: 'Language of the title, legend and tooltips', default: 'id' }),
});

// The library's schemas, named as components: the API never restates them.
export const PlaceCoverageSchema = annotate(component(LibraryPlaceCoverageSchema, 'CoveragePlace'), {
  description: 'One Bapas seat: `id` is the Bapas id, `label` its name, `group` its Kanwil; `services` has one cell per service measured',
});
export const CoverageSummarySchema = component(LibraryCoverageSummarySchema, 'CoverageSummary');
export const KanwilSummarySchema = annotate(component(LibraryGroupSummarySchema, 'CoverageGroupSummary'), {
  description: 'The summary of the Bapas of one Kanwil (`group`)',
});

export const CoverageResponseSchema = z
  .object({
    registry: RegistryInfoSchema,
    services: z.array(ServiceIdSchema).openapi({ description: 'The services measured, in taxonomy order' }),
    places: z.array(PlaceCoverageSchema).openapi({ description: 'The Bapas selected by the filters, in directory order' }),
    summary: CoverageSummarySchema.openapi({ description: 'Over the Bapas selected by the filters' }),
    kanwil: z.array(KanwilSummarySchema).openapi({ description: 'One summary per Kanwil of the selected Bapas, by name' }),
    national: CoverageSummarySchema.openapi({ description: 'Over every Bapas office, for the same services' }),
  })
  .openapi('CoverageResponse');

const DESCRIPTION =
  'For each Bapas office (planned offices are left out) and each service: how many active partners can serve an adult ' +
  'client at the Bapas seat by the same rules as the recommendations (in person or at home within the service radius, or ' +
  'remotely), the nearest in person, their free places, and the gaps (services no partner serves there). Measured once ' +
  'per registry version.';

export const getCoverage = createRoute({
  method: 'get',
  path: '/v1/coverage',
  operationId: 'getCoverage',
  tags: ['Coverage'],
  summary: 'Where the Bapas cannot yet offer every service',
  description: DESCRIPTION,
  request: { query: CoverageQuerySchema },
  responses: {
    200: {
      description: 'Coverage per Bapas, with the summaries of the selection, of each Kanwil and of the nation',
      content: {
        'application/json': { schema: CoverageResponseSchema },
        'text/csv': { schema: z.string().openapi({ description: 'One row per Bapas and service, with a header row' }) },
      },
    },
    ...problemResponses('unauthorized', 'forbidden', 'not-found', 'validation', 'unavailable'),
  },
});
export type GetCoverageRoute = typeof getCoverage;

export const getCoverageMap = createRoute({
  method: 'get',
  path: '/v1/coverage/map.svg',
  operationId: 'getCoverageMap',
  tags: ['Coverage'],
  summary: 'A map of the Bapas coloured by their share of services covered',
  description:
    "A standalone SVG on Natural Earth's coastline: one dot per Bapas office selected, coloured and sized by its share of services " +
    'covered (gaps in red and orange, full coverage pale), with a legend and the attribution; point at a dot for its gaps. With ' +
    "`province`, the map zooms to fit that province's offices.",
  request: { query: CoverageMapQuerySchema },
  responses: {
    200: { description: 'The map', content: { 'image/svg+xml': { schema: z.string() } } },
    ...problemResponses('unauthorized', 'forbidden', 'not-found', 'validation', 'unavailable'),
  },
});
export type GetCoverageMapRoute = typeof getCoverageMap;

/**
 * The counsellor page's own addresses for the map and the CSV: the same handlers as the API's,
 * served by the page's router under its Basic auth (a browser cannot send a bearer key), and
 * left out of the OpenAPI document.
 */
export const getPageCoverageMap = createRoute({ ...getCoverageMap, path: '/coverage/map.svg', hide: true });
export type GetPageCoverageMapRoute = typeof getPageCoverageMap;

export const getPageCoverageCsv = createRoute({
  method: 'get',
  path: '/coverage.csv',
  hide: true,
  request: { query: CoverageMapQuerySchema },
  responses: {
    200: { description: 'One row per Bapas and service, with a header row', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses('unauthorized', 'forbidden', 'not-found', 'validation', 'unavailable'),
  },
});
export type GetPageCoverageCsvRoute = typeof getPageCoverageCsv;
