import { createRoute, z } from '@hono/zod-openapi';
import { limitBody } from '../../lib/body-limit';
import { problemResponses } from '../../lib/problem';
import { MAX_IMPORT_ISSUES } from '../../lib/store-problem';

/** A registry file of 100,000 partners is about 40 MB as JSON; a Bapas's registry a few MB. */
export const MAX_IMPORT_BODY_BYTES = 64 * 1024 * 1024;

const flag = (description: string) =>
  z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .openapi({ type: 'boolean', default: false, description });

export const ImportQuerySchema = z.object({
  mode: z.enum(['upsert', 'replace']).optional().openapi({
    default: 'upsert',
    description: "`upsert` leaves partners absent from the file as they are; `replace` retires them (a bapas-admin: only its own Bapas's)",
  }),
  dryRun: flag('Check and count what the import would do, and change nothing'),
  allowShrink: flag('Let `mode=replace` retire more than half of the active partners'),
});

const ids = (description: string) => z.array(z.string()).openapi({ description });

export const ImportResultSchema = z
  .object({
    mode: z.enum(['upsert', 'replace']),
    dryRun: z.boolean(),
    counts: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      retired: z.number().int(),
      unchanged: z.number().int(),
      pokmasCreated: z.number().int(),
      pokmasUpdated: z.number().int(),
    }),
    created: ids('Ids of the partners created, the first 1,000'),
    updated: ids('Ids of the partners changed (not retired), the first 1,000'),
    retired: ids('Ids of the partners retired, the first 1,000'),
    registry: z.object({
      version: z.string().openapi({ example: 'r12', description: 'The registry version after the import (unchanged for a dry run)' }),
    }),
  })
  .openapi('ImportResult');

export const importRegistry = createRoute({
  method: 'post',
  path: '/v1/registry/import',
  operationId: 'importRegistry',
  tags: ['Registry'],
  summary: 'Import a registry file (CSV or JSON)',
  description:
    'The body is a registry file as `npm run registry -- check` takes it: `text/csv` (one row per partner) or `application/json` ' +
    '(a list of partners, or `{ "pokmas": [...], "partners": [...] }`). A file with any bad row is refused whole: 422 listing every row ' +
    `issue (the first ${MAX_IMPORT_ISSUES}), nothing changed. A good one is applied in one transaction. Refused too (422, nothing changed): ` +
    'an import that would leave no active partner, and `mode=replace` retiring more than half of the active partners without `allowShrink=true`. ' +
    `Needs the role admin, or bapas-admin for a file of its own Bapas's partners only. Body at most ${MAX_IMPORT_BODY_BYTES} bytes (64 MiB).`,
  middleware: [limitBody(MAX_IMPORT_BODY_BYTES)] as const,
  request: {
    query: ImportQuerySchema,
    body: {
      required: true,
      content: {
        'text/csv': { schema: z.string().openapi({ description: 'A registry spreadsheet, the header row first' }) },
        'application/json': {
          schema: z.unknown().openapi('RegistryUpload', {
            description: 'A registry JSON file: a list of partners, or `{ "pokmas": [...], "partners": [...] }`',
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'What the import did, or would do', content: { 'application/json': { schema: ImportResultSchema } } },
    ...problemResponses('malformed-json', 'unauthorized', 'forbidden', 'payload-too-large', 'unsupported-media-type', 'validation'),
  },
});
export type ImportRoute = typeof importRegistry;

export const exportRegistry = createRoute({
  method: 'get',
  path: '/v1/registry/export',
  operationId: 'exportRegistry',
  tags: ['Registry'],
  summary: 'The registry as a file that import takes',
  description:
    "Every partner, retired ones included, and every POKMAS; for a bapas-admin, its own Bapas's. Import the file again and every partner is unchanged.",
  request: {
    query: z.object({
      format: z.enum(['json', 'csv']).optional().openapi({ default: 'json' }),
    }),
  },
  responses: {
    200: {
      description: 'The registry file',
      content: {
        'application/json': { schema: z.object({ pokmas: z.array(z.unknown()), partners: z.array(z.unknown()) }).openapi('RegistryFile') },
        'text/csv': { schema: z.string() },
      },
    },
    ...problemResponses('unauthorized', 'forbidden', 'validation'),
  },
});
export type ExportRoute = typeof exportRegistry;
