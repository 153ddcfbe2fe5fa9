import { authorizeClients } from '../../lib/access';
import { locateClient } from '../../lib/locate';
import type { AppRouteHandler } from '../../lib/types';
import type { RecommendRoute } from './recommendations.routes';

export const recommend: AppRouteHandler<RecommendRoute> = (c) => {
  const { client, options } = c.req.valid('json');
  authorizeClients(c, [client]);
  const registry = c.get('registry');
  // A DirectoryError (unknown regency or Bapas, no location at all) reaches app.onError as a 422.
  const located = locateClient(c.get('directory'), client);
  // The route has validated the body with the library's own schemas: the matcher does not parse it again.
  // Weights that add up to 0 still throw its MatcherError, at options.weights as in the body.
  const { matches, excluded } = registry.matcher.recommendValidated(located.client, options);

  return c.json(
    {
      matches: matches.map((match) => ({ ...match, partner: registry.summaries.get(match.partnerId)! })),
      excluded,
      registry: { version: registry.version, partners: registry.partners.length },
      location: located.location,
    },
    200,
    // A recommendation holds client data: never kept by any cache (a problem never is either).
    { 'Cache-Control': 'no-store' },
  );
};
