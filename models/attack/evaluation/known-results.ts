/** A read-only map of results of which some are not known: the entries of `known` except the
 * `unknown` keys, which read as absent. A what-if scoped to the goals in view evaluates only what
 * they depend on; results elsewhere above the change would be stale, so they are left out rather
 * than shown as if they were current. */
export class KnownResults<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly known: ReadonlyMap<K, V>,
    private readonly unknown: ReadonlySet<K>,
  ) {}

  get size(): number {
    let size = this.known.size;
    for (const key of this.unknown) if (this.known.has(key)) size--;
    return size;
  }

  get(key: K): V | undefined {
    return this.unknown.has(key) ? undefined : this.known.get(key);
  }

  has(key: K): boolean {
    return !this.unknown.has(key) && this.known.has(key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  *entries(): MapIterator<[K, V]> {
    for (const entry of this.known.entries()) if (!this.unknown.has(entry[0])) yield entry;
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
}
