import type { Partner } from '@pokmas/matcher';
import type { LoadedRegistry } from '../lib/types';

/**
 * A registry's validated partners as UTF-8 JSON in shared memory: written once per registry,
 * then handed to every task by reference (a SharedArrayBuffer is shared, not copied), so that
 * each worker reads the partners once per registry and keeps its matcher.
 */
export interface RegistrySnapshot {
  /** Unique in this process: a worker's cache key (version labels may repeat across tests' registries). */
  readonly id: number;
  readonly bytes: SharedArrayBuffer;
}

/** Partners encoded between two turns of the event loop: a few milliseconds of work at a time. */
const CHUNK = 1000;

let nextId = 1;
const snapshots = new WeakMap<LoadedRegistry, Promise<RegistrySnapshot>>();

/** The registry's snapshot, written at its first use; a registry no longer served is collected with it. */
export function snapshotOf(registry: LoadedRegistry): Promise<RegistrySnapshot> {
  let snapshot = snapshots.get(registry);
  if (!snapshot) {
    snapshot = encode(registry.partners);
    snapshots.set(registry, snapshot);
  }
  return snapshot;
}

// In slices, yielding between them: at 100,000 partners one JSON.stringify holds the loop about
// 160 ms, longer than a recommendation may wait.
async function encode(partners: readonly Partner[]): Promise<RegistrySnapshot> {
  const parts: Buffer[] = [Buffer.from('[')];
  for (let start = 0; start < partners.length; start += CHUNK) {
    if (start > 0) {
      parts.push(Buffer.from(','));
      await new Promise((resolve) => setImmediate(resolve));
    }
    parts.push(Buffer.from(JSON.stringify(partners.slice(start, start + CHUNK)).slice(1, -1)));
  }
  parts.push(Buffer.from(']'));
  const bytes = new SharedArrayBuffer(parts.reduce((sum, part) => sum + part.length, 0));
  const view = new Uint8Array(bytes);
  let offset = 0;
  for (const part of parts) {
    view.set(part, offset);
    offset += part.length;
  }
  return { id: nextId++, bytes };
}

/** The partners of a snapshot (in a worker). */
export const readSnapshot = (snapshot: RegistrySnapshot): Partner[] =>
  JSON.parse(Buffer.from(snapshot.bytes).toString('utf8')) as Partner[];
