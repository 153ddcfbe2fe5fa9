import { authorizeClients } from '../../lib/access';
import { locateClients } from '../../lib/locate';
import type { AppRouteHandler } from '../../lib/types';
import type { AllocateRoute } from './allocations.routes';

export const allocate: AppRouteHandler<AllocateRoute> = async (c) => {
  const { clients, options } = c.req.valid('json');
  authorizeClients(c, clients);
  const { registry, directory, workers } = c.var;
  // Every client the directory cannot locate is a 422 at clients.<i>.<field>; repeated ids and
  // weights that add up to 0 are the library's MatcherError, a 422 at clients.<i>.id or options.weights.
  // The body was validated by the route's schema, so the matcher does not parse it again. The
  // allocation runs in a worker thread, on the registry this request started with; a full pool
  // answers 503 with Retry-After.
  const located = locateClients(directory, clients).map(({ client }) => client);
  const allocation = await workers.allocate(registry, located, options);

  return c.json(
    {
      ...allocation,
      assignments: allocation.assignments.map((assignment) => ({
        ...assignment,
        partner: registry.summaries.get(assignment.partnerId)!,
      })),
      registry: { version: registry.version, partners: registry.partners.length },
    },
    200,
    // An allocation holds client data: never kept by any cache (a problem never is either).
    { 'Cache-Control': 'no-store' },
  );
};
