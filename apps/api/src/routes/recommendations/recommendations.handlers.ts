import type { AppRouteHandler } from '../../lib/types';
import type { RecommendRoute } from './recommendations.routes';

export const recommend: AppRouteHandler<RecommendRoute> = (c) => {
  const { client, ...options } = c.req.valid('json');
  const { registry, directory } = c.var;
  // A DirectoryError (unknown regency or Bapas, no location at all) reaches app.onError as a 422.
  const resolved = directory.resolveLocation({
    ...(client.location ? { location: client.location } : {}),
    ...(client.regencyCode ? { regencyCode: client.regencyCode } : {}),
    ...(client.bapasId ? { bapasId: client.bapasId } : {}),
  });
  const located = {
    ...client,
    location: resolved.location,
    ...(resolved.regencyCode ? { regencyCode: resolved.regencyCode } : {}),
  };
  const { matches, excluded } = registry.matcher.recommend(located, options);

  return c.json(
    {
      matches: matches.map((match) => {
        const { id, name, kind, bapasId, pokmasId, contact } = registry.byId.get(match.partnerId)!;
        return { ...match, partner: { id, name, kind, bapasId, ...(pokmasId ? { pokmasId } : {}), ...(contact ? { contact } : {}) } };
      }),
      excluded,
      registry: { version: registry.version, partners: registry.partners.length },
      location: { source: resolved.source, ...(resolved.regencyCode ? { regencyCode: resolved.regencyCode } : {}) },
    },
    200,
  );
};
