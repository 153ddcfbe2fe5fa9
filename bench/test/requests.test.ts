import { describe, expect, it } from 'vitest';
import { RecommendationRequestSchema } from '../../apps/api/src/routes/recommendations/recommendations.routes';
import { RECOMMENDATION_REQUESTS, recommendationBody } from '../requests';

describe("the HTTP benchmark's request bodies", () => {
  it('are each a body the API accepts, so that the load run measures answers, not 422s', () => {
    for (const request of RECOMMENDATION_REQUESTS) {
      const parsed = RecommendationRequestSchema.safeParse(recommendationBody(request));
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });
});
