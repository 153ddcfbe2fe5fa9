// The recommendation requests the bench sends: realistic clients a counsellor would enter, one
// at a Bapas, one with a regency code, one with both and three needs. The HTTP section posts them
// to the API and the memory section measures what one `recommend` of each allocates.

export interface RecommendationRequest {
  readonly client: {
    readonly id: string;
    readonly bapasId?: string;
    readonly regencyCode?: string;
    readonly [field: string]: unknown;
  };
  readonly options?: Readonly<Record<string, unknown>>;
}

export const RECOMMENDATION_REQUESTS: readonly RecommendationRequest[] = [
  {
    client: {
      id: 'K-BENCH-1',
      bapasId: '026',
      ageGroup: 'adult',
      needs: [{ service: 'job-placement', priority: 3 }, { service: 'religious-guidance' }],
    },
    options: { lang: 'en' },
  },
  { client: { id: 'K-BENCH-2', regencyCode: '33.74', needs: [{ service: 'legal-aid' }] } },
  {
    client: {
      id: 'K-BENCH-3',
      bapasId: '016',
      regencyCode: '13.71',
      gender: 'female',
      needs: [{ service: 'skills-training', priority: 3 }, { service: 'psychological-support', priority: 2 }, { service: 'mentoring' }],
    },
  },
];

/** The body `POST /v1/recommendations` takes for a request: the client, and its options under `options`. */
export const recommendationBody = ({ client, options }: RecommendationRequest) => (options ? { client, options } : { client });
