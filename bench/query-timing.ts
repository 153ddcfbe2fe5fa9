// How the kernel times queries, shared by the in-process section (kernel.ts) and the child
// processes that measure a matcher beside a baseline's (kernel-child.ts). It imports no matcher,
// so a child loads only the matcher it measures.
import { median, percentile, time } from './stats';

export interface KernelSideFigures {
  readonly medianUs: number;
  readonly p90Us: number;
  readonly nsPerPartner: number;
}

/**
 * Times `query` on every client once, each call alone, appending the milliseconds to `into`.
 * Returns the sum of `size` over the results: the caller keeps it, so that no call's result is
 * dead code the compiler could drop.
 */
export function timeQueries<C, R>(clients: readonly C[], query: (client: C) => R, size: (result: R) => number, into: number[]): number {
  let sink = 0;
  for (const client of clients) {
    const [result, ms] = time(() => query(client));
    sink += size(result);
    into.push(ms);
  }
  return sink;
}

/** The median and p90 of per-query samples (ms) in µs, and the median per partner in ns. */
export function sideFigures(samples: readonly number[], partners: number): KernelSideFigures {
  const medianMs = median(samples);
  return { medianUs: medianMs * 1_000, p90Us: percentile(samples, 90) * 1_000, nsPerPartner: (medianMs * 1e6) / partners };
}
