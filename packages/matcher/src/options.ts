import type { ResolvedOptions } from './context';
import { MatcherError, parseWith } from './errors';
import {
  DEFAULT_LIMIT,
  DEFAULT_PROXIMITY,
  DEFAULT_SERVICE_RADIUS_KM,
  DEFAULT_WEIGHTS,
  FACTOR_IDS,
  RecommendOptionsSchema,
  type FactorId,
  type RecommendOptions,
} from './schemas/options';

/** Validates options (throwing `INVALID_OPTIONS`); later layers override earlier ones. */
export function parseOptions(input: unknown): RecommendOptions {
  return parseWith(RecommendOptionsSchema, input ?? {}, 'INVALID_OPTIONS', ['options']);
}

/**
 * Fills every default into a new object: the caller's options are never changed. Weights and
 * proximity parameters merge key by key, so `{ weights: { proximity: 0 } }` keeps the other
 * default weights.
 */
export function resolveOptions(...layers: readonly RecommendOptions[]): ResolvedOptions {
  const merged = layers.reduce<RecommendOptions>(
    (acc, layer) => ({
      ...acc,
      ...layer,
      weights: { ...acc.weights, ...layer.weights },
      proximity: { ...acc.proximity, ...layer.proximity },
    }),
    {},
  );
  const raw = { ...DEFAULT_WEIGHTS, ...merged.weights };
  const total = FACTOR_IDS.reduce((sum, id) => sum + raw[id], 0);
  if (!(total > 0)) {
    throw new MatcherError('INVALID_OPTIONS', [
      { path: ['options', 'weights'], code: 'custom', message: 'at least one weight must be above 0' },
    ]);
  }
  const weights = Object.fromEntries(FACTOR_IDS.map((id) => [id, raw[id] / total])) as Record<FactorId, number>;
  return {
    limit: merged.limit ?? DEFAULT_LIMIT,
    weights,
    proximity: { ...DEFAULT_PROXIMITY, ...merged.proximity },
    defaultServiceRadiusKm: merged.defaultServiceRadiusKm ?? DEFAULT_SERVICE_RADIUS_KM,
    lang: merged.lang ?? 'id',
    explainExclusions: merged.explainExclusions ?? false,
  };
}
