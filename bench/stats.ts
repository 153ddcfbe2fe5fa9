/** The `p`-th percentile (0 to 100) of the values, interpolated linearly between ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is not within 0 and 100`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Milliseconds taken by `run`, and what it returned. */
export function time<T>(run: () => T): [result: T, ms: number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}
