import { createRoute, z } from '@hono/zod-openapi';
import { ServiceIdSchema } from '@pokmas/matcher';
import {
  CANCEL_REASONS,
  DECLINE_REASONS,
  ENDED_EARLY_REASONS,
  MAX_NOTE_LENGTH,
  OUTCOME_RESULTS,
  REFERRAL_STATUSES,
  ROLES,
} from '@pokmas/store';
import { requireJson } from '../../lib/json-body';
import { problemResponses } from '../../lib/problem';
import { annotate, ClientSchema, IdSchema } from '../../lib/schemas';

const REASONS = [...new Set([...DECLINE_REASONS, ...CANCEL_REASONS, ...ENDED_EARLY_REASONS])];

const NoteSchema = z
  .string()
  .max(MAX_NOTE_LENGTH, `a note has at most ${MAX_NOTE_LENGTH} characters`)
  .openapi({ description: `At most ${MAX_NOTE_LENGTH} characters. Never write the client's name or identity number here.` });

export const NewReferralBodySchema = z
  .strictObject({
    client: ClientSchema,
    partnerId: IdSchema,
    services: z
      .array(ServiceIdSchema)
      .min(1, 'refer for at least one service')
      .max(16)
      .refine((services) => new Set(services).size === services.length, 'list each service once'),
    note: NoteSchema.optional(),
  })
  .openapi('NewReferral', {
    description:
      "`client` as in recommendations: its details are used for the matcher's check and dropped; only `client.id` (the pseudonym) is kept.",
  });

const OutcomeSchema = z
  .strictObject({
    services: z.array(z.strictObject({ service: ServiceIdSchema, result: z.enum(OUTCOME_RESULTS) })).min(1),
    sessionsAttended: z.number().int().min(0).max(10_000).optional(),
  })
  .openapi('ReferralOutcome', { description: 'One result for each service of the referral' });

export const TransitionBodySchema = z
  .strictObject({
    to: z.enum(REFERRAL_STATUSES, `one of ${REFERRAL_STATUSES.join(', ')}`),
    reason: z.enum(REASONS, `one of ${REASONS.join(', ')}`).optional(),
    note: NoteSchema.optional(),
    outcome: OutcomeSchema.optional(),
  })
  .openapi('ReferralTransition');

const HistoryEntrySchema = z
  .object({
    at: z.string(),
    account: z.string().nullable(),
    role: z.enum(ROLES).nullable().openapi({ description: 'null for the system (expiry) or the open demo mode' }),
    from: z.enum(REFERRAL_STATUSES).nullable(),
    to: z.enum(REFERRAL_STATUSES),
    reason: z.string().optional(),
    note: z.string().optional(),
  })
  .openapi('ReferralHistoryEntry');

export const ReferralSchema = z
  .object({
    id: z.string(),
    number: z.string().openapi({ example: 'RJ-000042' }),
    status: z.enum(REFERRAL_STATUSES),
    partnerId: z.string(),
    bapasId: z.string(),
    clientRef: z.string().nullable().openapi({ description: 'The pseudonym; null once erased' }),
    services: z.array(z.string()),
    match: z.unknown().openapi({ description: 'The match as it was scored: score, distanceKm, covered, factors, reasons' }),
    outcome: z
      .object({
        services: z.array(z.object({ service: z.string(), result: z.enum(OUTCOME_RESULTS) })),
        sessionsAttended: z.number().int().optional(),
      })
      .optional(),
    history: z.array(HistoryEntrySchema).openapi({ description: 'Oldest first' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    expiresAt: z.string(),
    endedAt: z.string().optional(),
  })
  .openapi('Referral');

const ETAG = z.object({
  ETag: z.string().openapi({ example: '"1"', description: "The referral's version: send it in If-Match to move it" }),
});
const IF_MATCH = z.object({
  'if-match': z.string().optional().openapi({ example: '"1"', description: "Required: the referral's ETag as last read" }),
});
const ReferralIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const create = createRoute({
  method: 'post',
  path: '/v1/referrals',
  operationId: 'createReferral',
  tags: ['Referrals'],
  summary: 'Refer a client to a partner: checked with the matcher’s rules, holding one place',
  middleware: [requireJson] as const,
  request: { body: { required: true, content: { 'application/json': { schema: NewReferralBodySchema } } } },
  responses: {
    201: {
      description: 'The referral, requested',
      headers: ETAG.extend({ Location: z.string() }),
      content: { 'application/json': { schema: ReferralSchema } },
    },
    ...problemResponses('malformed-json', 'unauthorized', 'forbidden', 'not-found', 'conflict', 'unsupported-media-type', 'validation'),
  },
});
export type CreateRoute = typeof create;

const limit = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `a whole number from 1 to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .optional()
    .openapi({ type: 'integer', description: `1 to ${max}; ${fallback} when absent` });

export const ReferralQuerySchema = z.strictObject({
  status: z.enum(REFERRAL_STATUSES, `one of ${REFERRAL_STATUSES.join(', ')}`).optional(),
  partnerId: IdSchema.optional(),
  bapasId: IdSchema.optional(),
  clientRef: IdSchema.optional(),
  updatedAfter: z.iso.datetime({ offset: true, error: 'an ISO 8601 time such as 2026-01-31T00:00:00Z' }).optional(),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'the nextCursor of the page before')
    .optional(),
  limit: limit(500, 50),
});

export const list = createRoute({
  method: 'get',
  path: '/v1/referrals',
  operationId: 'listReferrals',
  tags: ['Referrals'],
  summary: 'Referrals within one’s scope, newest first',
  request: { query: ReferralQuerySchema },
  responses: {
    200: {
      description: 'One page',
      content: {
        'application/json': {
          schema: z.object({ referrals: z.array(ReferralSchema), nextCursor: z.string().optional() }).openapi('ReferralPage'),
        },
      },
    },
    ...problemResponses('unauthorized', 'forbidden', 'validation'),
  },
});
export type ListRoute = typeof list;

export const getOne = createRoute({
  method: 'get',
  path: '/v1/referrals/{id}',
  operationId: 'getReferral',
  tags: ['Referrals'],
  summary: 'One referral (404 outside one’s scope)',
  request: { params: ReferralIdParam },
  responses: {
    200: { description: 'The referral', headers: ETAG, content: { 'application/json': { schema: ReferralSchema } } },
    ...problemResponses('unauthorized', 'forbidden', 'not-found', 'validation'),
  },
});
export type GetOneRoute = typeof getOne;

export const transition = createRoute({
  method: 'post',
  path: '/v1/referrals/{id}/transitions',
  operationId: 'transitionReferral',
  tags: ['Referrals'],
  summary: 'Move a referral along its lifecycle',
  description: 'See `GET /v1/referrals/lifecycle` for the moves, who may make them and the reasons they take.',
  middleware: [requireJson] as const,
  request: {
    params: ReferralIdParam,
    headers: IF_MATCH,
    body: { required: true, content: { 'application/json': { schema: TransitionBodySchema } } },
  },
  responses: {
    200: { description: 'The referral after the move', headers: ETAG, content: { 'application/json': { schema: ReferralSchema } } },
    ...problemResponses(
      'malformed-json',
      'invalid-header',
      'unauthorized',
      'forbidden',
      'not-found',
      'conflict',
      'precondition-failed',
      'unsupported-media-type',
      'validation',
      'precondition-required',
    ),
  },
});
export type TransitionRoute = typeof transition;

export const LifecycleSchema = z
  .object({
    statuses: z.array(
      z.object({
        id: z.enum(REFERRAL_STATUSES),
        holdsPlace: z.boolean(),
        final: z.boolean(),
        label: z.object({ id: z.string(), en: z.string() }),
      }),
    ),
    transitions: z.array(
      z.object({
        from: z.array(z.enum(REFERRAL_STATUSES)),
        to: z.enum(REFERRAL_STATUSES),
        who: z.array(z.string()),
        reasons: z.array(z.string()).optional(),
        outcome: z.boolean().optional(),
      }),
    ),
    reasons: z.record(z.string(), z.object({ id: z.string(), en: z.string() })),
    outcomes: z.record(z.string(), z.object({ id: z.string(), en: z.string() })),
    mermaid: z.string().openapi({ description: 'The same table as a Mermaid state diagram' }),
  })
  .openapi('ReferralLifecycle');

export const lifecycle = createRoute({
  method: 'get',
  path: '/v1/referrals/lifecycle',
  operationId: 'referralLifecycle',
  tags: ['Referrals'],
  summary: 'The referral lifecycle: statuses, moves, who makes them, reasons and their labels',
  responses: {
    200: { description: 'The lifecycle', content: { 'application/json': { schema: LifecycleSchema } } },
    ...problemResponses('unauthorized'),
  },
});
export type LifecycleRoute = typeof lifecycle;

export const events = createRoute({
  method: 'get',
  path: '/v1/events',
  operationId: 'listEvents',
  tags: ['Referrals'],
  summary: 'Referral events within one’s scope, in commit order: poll with the last cursor',
  request: {
    query: z.strictObject({
      after: z
        .string()
        .regex(/^\d{1,16}$/, 'the cursor of the answer before')
        .transform(Number)
        .optional()
        .openapi({ type: 'integer', description: 'The `cursor` of the answer before; 0 or absent from the start' }),
      limit: limit(1000, 100),
    }),
  },
  responses: {
    200: {
      description: 'Events after the cursor',
      content: {
        'application/json': {
          schema: z
            .object({
              events: z.array(
                z.object({
                  id: z.number().int(),
                  at: z.string(),
                  type: z.string().openapi({ example: 'referral.accepted' }),
                  referralId: z.string(),
                  partnerId: z.string(),
                  bapasId: z.string(),
                  status: z.enum(REFERRAL_STATUSES),
                }),
              ),
              cursor: z.number().int().openapi({ description: 'Pass as `after` to read on' }),
            })
            .openapi('EventPage'),
        },
      },
    },
    ...problemResponses('unauthorized', 'forbidden', 'validation'),
  },
});
export type EventsRoute = typeof events;

export const eraseClient = createRoute({
  method: 'delete',
  path: '/v1/clients/{clientRef}/referrals',
  operationId: 'eraseClientReferrals',
  tags: ['Referrals'],
  summary: 'Erase a pseudonym and its notes from every referral at once (admin only; audited)',
  request: { params: z.object({ clientRef: annotate(IdSchema, { param: { name: 'clientRef', in: 'path' }, example: 'K-0042' }) }) },
  responses: {
    200: {
      description: 'How many referrals were erased',
      content: { 'application/json': { schema: z.object({ erased: z.number().int() }).openapi('ErasedReferrals') } },
    },
    ...problemResponses('unauthorized', 'forbidden', 'validation'),
  },
});
export type EraseClientRoute = typeof eraseClient;
