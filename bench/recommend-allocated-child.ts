// Run by memory.ts in a process of its own, with its cwd in the worktree whose matcher it
// measures and the flags of `allocationFlags`:
//   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 --no-concurrent-recompilation \
//     --import tsx --conditions=@pokmas/source <this file>
// Builds that matcher over the demo registry, places the bench's recommendation requests as
// the API does (a point from the directory), checks the allocation measure against arrays of
// known size, then measures the bytes one `recommend` allocates: validating the client and the
// options, searching, explaining the matches. Prints one JSON line.
import { loadDemoRegistry, loadDirectory } from '@pokmas/directory';
import { bytesAllocated, calibrate, type AllocationPlan, type AllocationReading, type Calibration } from './heap-allocated';
import { importMatcher } from './matcher-at';
import { RECOMMENDATION_REQUESTS } from './requests';

export interface RecommendAllocatedResult {
  readonly partners: number;
  /** Matches per request, in the order of `RECOMMENDATION_REQUESTS`. */
  readonly matches: readonly number[];
  readonly calibration: Calibration;
  readonly recommend: AllocationReading;
}

// 300 calls of about 100 KB each fit in the young generation of `allocationFlags(SEMI_SPACE_MB)`.
const ALLOCATION_PLAN: AllocationPlan = { warmup: 3_000, calls: 300, samples: 15 };

// The registry and the directory are this tree's, whichever matcher is measured: both sides get the same partners.
const directory = await loadDirectory();
const registry = await loadDemoRegistry(directory);
const { createMatcher } = await importMatcher(process.cwd());
const matcher = createMatcher(registry.partners);

// Placed as the API's locateClient does: a point from the coordinates, the regency or the Bapas seat.
const requests = RECOMMENDATION_REQUESTS.map(({ client, options }) => {
  const resolved = directory.resolveLocation({
    ...(client.regencyCode ? { regencyCode: client.regencyCode } : {}),
    ...(client.bapasId ? { bapasId: client.bapasId } : {}),
  });
  return {
    client: { ...client, location: resolved.location, ...(resolved.regencyCode ? { regencyCode: resolved.regencyCode } : {}) },
    options,
  };
});
const matches = requests.map(({ client, options }) => matcher.recommend(client, options).matches.length);

const calibration = await calibrate({ warmup: ALLOCATION_PLAN.warmup, calls: 1_000, samples: 9 });
let next = 0;
const recommend = await bytesAllocated(() => {
  const request = requests[next++ % requests.length]!;
  return matcher.recommend(request.client, request.options);
}, ALLOCATION_PLAN);

const result: RecommendAllocatedResult = { partners: matcher.partners.length, matches, calibration, recommend };
process.stdout.write(`${JSON.stringify(result)}\n`);
