import {
  coverage,
  MatcherError,
  type AllocateOptions,
  type Allocation,
  type Client,
  type Coverage,
  type CoveragePlace,
  type Matcher,
  type Partner,
} from '@pokmas/matcher';

/**
 * The work that leaves the event loop, as plain functions of what they read: the same code runs
 * in a worker thread (worker.ts) and, for an app without a pool (tests' `app.request`), inline.
 */
export const allocationOf = (matcher: Matcher, clients: readonly Client[], options: AllocateOptions | undefined): Allocation =>
  matcher.allocateValidated(clients, options);

export const coverageOf = (partners: readonly Partner[], places: readonly CoveragePlace[]): Coverage => coverage(partners, places);

/** The library's refusal as data: a thread boundary keeps an error's message, not its class, code or issues. */
export interface RefusedByMatcher {
  readonly refused: { code: MatcherError['code']; issues: MatcherError['issues']; message: string };
}

export const refusal = (error: MatcherError): RefusedByMatcher => ({
  refused: { code: error.code, issues: error.issues, message: error.message },
});

export const isRefusal = (value: unknown): value is RefusedByMatcher => typeof value === 'object' && value !== null && 'refused' in value;

export const toMatcherError = ({ refused }: RefusedByMatcher): MatcherError =>
  new MatcherError(refused.code, refused.issues, refused.message);
