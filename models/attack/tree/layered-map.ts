/** A read-only map that replaces some values of a base map without copying it. What-if changes
 * replace a handful of nodes in maps of thousands; copying the whole map on every toggle would
 * cost more than the evaluation itself. Keys and their order are the base's; only values change.
 * Replacements accumulate in one layer, folded into a fresh map once the layer grows past half the
 * base, so a long series of changes stays linear. */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly layer: ReadonlyMap<K, V>,
  ) {}

  /** `map` with the values of existing keys replaced; keys not in `map` are ignored. */
  static replace<K, V>(map: ReadonlyMap<K, V>, replacements: Iterable<readonly [K, V]>): ReadonlyMap<K, V> {
    const base = map instanceof LayeredMap ? (map.base as ReadonlyMap<K, V>) : map;
    const layer = new Map<K, V>(map instanceof LayeredMap ? (map.layer as ReadonlyMap<K, V>) : undefined);
    for (const [key, value] of replacements) if (base.has(key)) layer.set(key, value);
    if (layer.size === 0) return base;
    if (layer.size * 2 <= base.size) return new LayeredMap(base, layer);
    const flat = new Map(base);
    for (const [key, value] of layer) flat.set(key, value);
    return flat;
  }

  get size(): number {
    return this.base.size;
  }

  get(key: K): V | undefined {
    return this.layer.has(key) ? this.layer.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.base.has(key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) yield [key, this.layer.has(key) ? this.layer.get(key)! : value];
  }

  keys(): MapIterator<K> {
    return this.base.keys();
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
