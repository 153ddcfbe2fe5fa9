import type { AllocateOptions, Allocation, Client, Coverage, CoveragePlace } from '@pokmas/matcher';
import type { RegistrySnapshot } from './snapshot';
import type { RefusedByMatcher } from './tasks';

/** What the main thread asks of a worker: each task names the registry it reads. */
export type Task =
  | { kind: 'allocate'; registry: RegistrySnapshot; clients: readonly Client[]; options: AllocateOptions | undefined }
  | { kind: 'coverage'; registry: RegistrySnapshot; places: readonly CoveragePlace[] };

export type TaskAnswer = { allocation: Allocation } | { coverage: Coverage } | RefusedByMatcher;
