// A worker thread of the pool (pool.ts): Piscina calls the default export with each task.
import { createMatcher, MatcherError, type Matcher, type Partner } from '@pokmas/matcher';
import { readSnapshot, type RegistrySnapshot } from './snapshot';
import { allocationOf, coverageOf, refusal } from './tasks';
import type { Task, TaskAnswer } from './protocol';

interface Held {
  readonly partners: readonly Partner[];
  matcher?: Matcher;
}

/**
 * The registries this thread has read, newest last: two, so that a request still on the previous
 * registry while the next arrives does not make the thread read either one again.
 */
const KEPT = 2;
const held = new Map<number, Held>();

function registryOf(snapshot: RegistrySnapshot): Held {
  let entry = held.get(snapshot.id);
  if (!entry) {
    entry = { partners: readSnapshot(snapshot) };
    held.set(snapshot.id, entry);
    for (const id of held.keys()) if (held.size > KEPT) held.delete(id);
  }
  return entry;
}

export default function run(task: Task): TaskAnswer {
  const registry = registryOf(task.registry);
  try {
    if (task.kind === 'coverage') return { coverage: coverageOf(registry.partners, task.places) };
    // The partners were validated on the main thread; this validates them again, once per registry.
    registry.matcher ??= createMatcher(registry.partners);
    return { allocation: allocationOf(registry.matcher, task.clients, task.options) };
  } catch (error) {
    if (error instanceof MatcherError) return refusal(error);
    throw error;
  }
}
