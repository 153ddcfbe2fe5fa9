import { createRoute, z } from '@hono/zod-openapi';
import { RegistryInfoSchema } from '../../lib/schemas';

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    registry: RegistryInfoSchema,
  })
  .openapi('Health');

export const get = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'getHealth',
  tags: ['Health'],
  summary: 'Liveness, and which registry is served',
  security: [],
  responses: {
    200: { description: 'The server is up', content: { 'application/json': { schema: HealthSchema } } },
  },
});
export type GetRoute = typeof get;
