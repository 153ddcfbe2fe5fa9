import { createRoute, z } from '@hono/zod-openapi';
import {
  AllocateOptionsSchema as LibraryAllocateOptionsSchema,
  AllocationSchema as LibraryAllocationSchema,
  AllocationStatsSchema,
  AssignmentSchema,
  UnassignedSchema,
} from '@pokmas/matcher';
import { limitBody } from '../../lib/body-limit';
import { requireJson } from '../../lib/json-body';
import { problemResponses } from '../../lib/problem';
import { ClientSchema, component, PartnerSummarySchema, RegistryInfoSchema } from '../../lib/schemas';

/** The most clients one request may place; a larger cohort is split into several requests. */
export const MAX_CLIENTS = 1000;

/**
 * The largest body this route accepts, whatever `MAX_BODY_BYTES` (the other routes' limit)
 * says: 2 MiB, about 2 KiB a client at `MAX_CLIENTS`, where a typical client takes 200 bytes.
 */
export const MAX_ALLOCATION_BODY_BYTES = 2 * 1024 * 1024;

export const AllocateOptionsSchema = component(
  LibraryAllocateOptionsSchema.extend({
    /**
     * Places the cohort for real: a referral for every assignment, made in one transaction, all
     * or nothing. If a partner's places changed after solving, nothing is made and the answer is a
     * 409, so that the caller can ask again. A counsellor (for clients of their own Bapas) or an admin.
     */
    commit: z.boolean().optional(),
  }),
  'AllocateOptions',
);

export const AllocationRequestSchema = z
  .strictObject({
    clients: z
      .array(ClientSchema)
      .min(1, 'give at least one client')
      .max(MAX_CLIENTS, `at most ${MAX_CLIENTS} clients a request: split the cohort into several requests`),
    options: AllocateOptionsSchema.optional(),
  })
  .openapi('AllocationRequest', {
    example: {
      clients: [
        {
          id: 'K-2026-0001',
          bapasId: '026',
          ageGroup: 'adult',
          needs: [{ service: 'legal-aid', priority: 3 }, { service: 'skills-training' }],
        },
        { id: 'K-2026-0002', bapasId: '026', ageGroup: 'juvenile', needs: [{ service: 'legal-aid' }] },
      ],
      options: { needs: 'all', minScore: 0.3, weighting: 'priority' },
    },
  });

export const AllocatedAssignmentSchema = component(AssignmentSchema.extend({ partner: PartnerSummarySchema }), 'AllocatedAssignment');

// The library's allocation, each assignment with its partner's summary; flat, not an allOf whose
// parts disagree on what an assignment is.
export const AllocationResponseSchema = component(
  LibraryAllocationSchema.extend({
    assignments: z.array(AllocatedAssignmentSchema),
    unassigned: z.array(component(UnassignedSchema, 'Unassigned')),
    stats: component(AllocationStatsSchema, 'AllocationStats'),
    registry: RegistryInfoSchema,
    referrals: z
      .array(z.object({ clientId: z.string(), service: z.string(), partnerId: z.string(), referralId: z.string(), number: z.string() }))
      .optional()
      .openapi({ description: 'With `options.commit`: the referral made for each assignment, in the order of `assignments`' }),
  }),
  'AllocationResponse',
);

export const allocate = createRoute({
  method: 'post',
  path: '/v1/allocations',
  operationId: 'allocate',
  tags: ['Allocations'],
  summary: 'Place a cohort of clients with partners, within their free places',
  description:
    'Resolves each client location (coordinates, else a regency code, else the Bapas seat), then places the ' +
    "clients' needs with the partners of the current registry so that no partner goes over its free places and " +
    'the total match score is the highest possible (`optimal` says whether that is proven); needs left out carry ' +
    `a reason. At most ${MAX_CLIENTS} clients a request (more is a 422: split the cohort) and a body of at most ` +
    `${MAX_ALLOCATION_BODY_BYTES} bytes (2 MiB, more is a 413), whatever the other routes' limit. ` +
    'Responses are never cached (`Cache-Control: no-store`). Allocations run in worker threads with a bounded queue: when it is full ' +
    'the answer is 503 with `Retry-After`.',
  middleware: [limitBody(MAX_ALLOCATION_BODY_BYTES), requireJson] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: AllocationRequestSchema } } },
  },
  responses: {
    200: {
      description: 'Each need placed with a partner, or left out with its reason',
      content: { 'application/json': { schema: AllocationResponseSchema } },
    },
    ...problemResponses(
      'malformed-json',
      'unauthorized',
      'forbidden',
      'conflict',
      'payload-too-large',
      'unsupported-media-type',
      'validation',
      'unavailable',
    ),
  },
});
export type AllocateRoute = typeof allocate;
