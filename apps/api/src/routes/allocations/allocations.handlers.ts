import { StoreError } from '@pokmas/store';
import { actorOf, authorize, authorizeClients, ROUTE_ROLES } from '../../lib/access';
import { locateClients } from '../../lib/locate';
import { ProblemError } from '../../lib/problem';
import type { AppRouteHandler } from '../../lib/types';
import { registryVersionOf } from '../../store/live-registry';
import type { AllocateRoute } from './allocations.routes';

const DAY_MS = 86_400_000;

export const allocate: AppRouteHandler<AllocateRoute> = async (c) => {
  const { clients, options } = c.req.valid('json');
  const principal = authorizeClients(c, clients);
  const { commit, ...allocateOptions } = options ?? {};
  if (commit) {
    for (const bapasId of new Set(clients.map((client) => client.bapasId))) {
      authorize(c, { roles: ROUTE_ROLES.refer, ...(bapasId === undefined ? {} : { bapasId }) });
    }
  }
  const { registry, directory, workers } = c.var;
  // Every client the directory cannot locate is a 422 at clients.<i>.<field>; repeated ids and
  // weights that add up to 0 are the library's MatcherError, a 422 at clients.<i>.id or options.weights.
  // The body was validated by the route's schema, so the matcher does not parse it again. The
  // allocation runs in a worker thread, on the registry this request started with; a full pool
  // answers 503 with Retry-After.
  const located = locateClients(directory, clients).map(({ client }) => client);
  const allocation = await workers.allocate(registry, located, options === undefined ? undefined : allocateOptions);

  let referrals: { clientId: string; service: string; partnerId: string; referralId: string; number: string }[] | undefined;
  if (commit && allocation.assignments.length > 0) {
    // Committed against the registry it was solved on: a partner whose places changed since refuses the whole cohort.
    const solvedAt = registryVersionOf(registry.version);
    const bapasOf = new Map(clients.map((client) => [client.id, client.bapasId]));
    const { expiryDays, now } = c.var.referrals;
    const expiresAt = new Date(now() + expiryDays * DAY_MS).toISOString();
    const made = await c.var.store
      .createReferrals(
        allocation.assignments.map((assignment) => ({
          clientRef: assignment.clientId,
          bapasId: bapasOf.get(assignment.clientId) ?? principal.bapasId ?? registry.byId.get(assignment.partnerId)!.bapasId,
          partnerId: assignment.partnerId,
          services: [assignment.service],
          match: { score: assignment.score, allocation: true },
          ...(Number.isNaN(solvedAt) ? {} : { unchangedSince: solvedAt }),
          expiresAt,
        })),
        actorOf(principal),
      )
      .catch((error: unknown) => {
        if (error instanceof StoreError && ['NO_CAPACITY', 'PARTNER_CHANGED', 'INVALID_REFERRAL', 'NOT_FOUND'].includes(error.code)) {
          throw new ProblemError(
            'conflict',
            `Places changed after the allocation was solved (${error.message}); nothing was made. Ask again.`,
            {
              code: 'places-changed',
            },
          );
        }
        throw error;
      });
    await c.var.live.catchUp(made.registryVersion);
    referrals = made.referrals.map((referral, index) => ({
      clientId: allocation.assignments[index]!.clientId,
      service: allocation.assignments[index]!.service,
      partnerId: referral.partnerId,
      referralId: referral.id,
      number: referral.number,
    }));
  }

  return c.json(
    {
      ...allocation,
      assignments: allocation.assignments.map((assignment) => ({
        ...assignment,
        partner: registry.summaries.get(assignment.partnerId)!,
      })),
      registry: { version: registry.version, partners: registry.partners.length },
      ...(referrals === undefined ? {} : { referrals }),
    },
    200,
    // An allocation holds client data: never kept by any cache (a problem never is either).
    { 'Cache-Control': 'no-store' },
  );
};
