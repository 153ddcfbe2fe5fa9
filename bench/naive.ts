// The kernel's baseline: what a plain in-memory implementation would do with the matcher's own
// rules and scoring. It holds every partner as an object (prepared once, as such a program would
// keep them), and for each query applies the hard rules to every partner, scores each that
// passes, sorts all of them and keeps the first ten. It reuses the matcher's reference functions,
// so it gives the same answer and the comparison measures the engine alone.
import type { Client, Partner, RecommendOptions } from '@pokmas/matcher';
import {
  assess,
  compareStrings,
  parseClient,
  parseOptions,
  prepareClient,
  prepareRegistry,
  QueryScoring,
  resolveOptions,
  score,
} from '@pokmas/matcher/internal';

/** One ranked partner: what the kernel's correctness check compares. */
export interface Ranked {
  readonly partnerId: string;
  readonly score: number;
}

export interface NaiveMatcher {
  recommend(client: Client, options?: RecommendOptions): Ranked[];
}

/** Prepares the partners once; each query then looks at every one of them. */
export function createNaiveMatcher(partners: readonly Partner[]): NaiveMatcher {
  const registry = prepareRegistry(partners);
  return {
    recommend(client, options) {
      const resolved = resolveOptions(parseOptions(options));
      const preparedClient = prepareClient(parseClient(client));
      const scoring = new QueryScoring(registry.columns, preparedClient, resolved);
      const scored: Ranked[] = [];
      for (const partner of registry.partners) {
        const found = assess(preparedClient, partner, resolved);
        if (typeof found === 'string') continue;
        scored.push({
          partnerId: partner.partner.id,
          score: score(scoring, found).score,
        });
      }
      scored.sort((a, b) => b.score - a.score || compareStrings(a.partnerId, b.partnerId));
      return scored.slice(0, resolved.limit);
    },
  };
}
