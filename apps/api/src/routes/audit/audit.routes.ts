import { createRoute, z } from '@hono/zod-openapi';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, ROLES } from '@pokmas/store';
import { problemResponses } from '../../lib/problem';

/** The most entries one page gives; 50 when `limit` is absent. */
export const MAX_AUDIT_PAGE = 500;
export const DEFAULT_AUDIT_PAGE = 50;

const time = (description: string) =>
  z.iso
    .datetime({ offset: true, error: 'an ISO 8601 time with its zone, such as 2026-01-31T00:00:00Z' })
    .optional()
    .openapi({ description, example: '2026-01-31T00:00:00Z' });

export const AuditQuerySchema = z
  .object({
    account: z.string().min(1).max(64).optional().openapi({ description: 'Entries made by this login' }),
    action: z.enum(AUDIT_ACTIONS, `one of ${AUDIT_ACTIONS.join(', ')}`).optional(),
    entity: z.enum(AUDIT_ENTITIES, `one of ${AUDIT_ENTITIES.join(', ')}`).optional(),
    entityId: z.string().min(1).max(200).optional().openapi({ description: 'A partner id, a login, a token id' }),
    since: time('Entries at or after this time'),
    until: time('Entries before this time'),
    cursor: z
      .string()
      .regex(/^[1-9][0-9]{0,15}$/, 'the nextCursor of the page before')
      .optional()
      .openapi({ description: '`nextCursor` of the page before: the next, older, entries' }),
    limit: z
      .string()
      .regex(/^\d+$/, `a whole number from 1 to ${MAX_AUDIT_PAGE}`)
      .transform(Number)
      .pipe(z.number().int().min(1, `from 1 to ${MAX_AUDIT_PAGE}`).max(MAX_AUDIT_PAGE, `from 1 to ${MAX_AUDIT_PAGE}`))
      .optional()
      .openapi({ type: 'integer', description: `Entries a page, 1 to ${MAX_AUDIT_PAGE}; ${DEFAULT_AUDIT_PAGE} when absent` }),
  })
  .strict();

const FieldChangeSchema = z
  .object({ field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() })
  .openapi('FieldChange', { description: 'One field a change touched: `before` is absent when added, `after` when removed' });

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    time: z.string().openapi({ description: 'ISO 8601, UTC' }),
    account: z
      .string()
      .nullable()
      .openapi({ description: 'The login; null for the system (seeding, the command line) or the open demo mode' }),
    role: z.enum(ROLES).nullable(),
    action: z.enum(AUDIT_ACTIONS),
    entity: z.enum(AUDIT_ENTITIES),
    entityId: z.string().nullable(),
    changes: z.array(FieldChangeSchema),
  })
  .openapi('AuditEntry');

export const AuditPageSchema = z
  .object({
    entries: z.array(AuditEntrySchema).openapi({ description: 'Newest first' }),
    nextCursor: z.string().optional().openapi({ description: 'Present when older entries remain: pass it as `cursor`' }),
  })
  .openapi('AuditPage');

export const list = createRoute({
  method: 'get',
  path: '/v1/audit',
  operationId: 'listAudit',
  tags: ['Audit'],
  summary: 'The audit log: every write, sign-in and sign-out (admin only)',
  description:
    'Newest first, filtered by every filter given, in pages: follow `nextCursor`. Entries are appended by the store in the ' +
    'same transaction as their write, and nothing edits or deletes them. A client field is never in them.',
  request: { query: AuditQuerySchema },
  responses: {
    200: { description: 'A page of entries', content: { 'application/json': { schema: AuditPageSchema } } },
    ...problemResponses('unauthorized', 'forbidden', 'validation'),
  },
});
export type ListRoute = typeof list;
