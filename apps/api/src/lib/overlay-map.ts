/**
 * A read-only map made of an earlier one and the entries changed since: reading looks at the
 * changes first, so that a registry edit copies what it changed, not every entry. Once the
 * changes outgrow both `FLATTEN_AT` and a tenth of the base, they are merged with it into one
 * plain map (a copy of the base, so seldom: about ten entries copied per change). Chains never
 * grow: an overlay of an overlay keeps one base and one map of changes, so a read is two lookups.
 *
 * @example
 * const next = overlay(byId, [[partner.id, partner]]);
 * next.get(partner.id); // the changed partner; every other id reads byId's
 */
export function overlay<K, V>(base: ReadonlyMap<K, V>, changes: Iterable<readonly [K, V]>): ReadonlyMap<K, V> {
  const below = base instanceof OverlayMap ? (base as OverlayMap<K, V>) : undefined;
  const top = new Map<K, V>(below ? below.top : []);
  for (const [key, value] of changes) top.set(key, value);
  const bottom = below ? below.bottom : base;
  if (top.size > Math.max(FLATTEN_AT, bottom.size / 10)) return new Map([...bottom, ...top]);
  return new OverlayMap(bottom, top);
}

/** Changes held above a base before they are merged into one map. */
export const FLATTEN_AT = 1024;

class OverlayMap<K, V> implements ReadonlyMap<K, V> {
  readonly size: number;

  constructor(
    readonly bottom: ReadonlyMap<K, V>,
    readonly top: ReadonlyMap<K, V>,
  ) {
    let added = 0;
    for (const key of top.keys()) if (!bottom.has(key)) added++;
    this.size = bottom.size + added;
  }

  get(key: K): V | undefined {
    return this.top.has(key) ? this.top.get(key) : this.bottom.get(key);
  }

  has(key: K): boolean {
    return this.top.has(key) || this.bottom.has(key);
  }

  /** The base's keys in its order (with their changed values), then the keys added since. */
  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.bottom) yield [key, this.top.has(key) ? this.top.get(key)! : value];
    for (const [key, value] of this.top) if (!this.bottom.has(key)) yield [key, value];
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
