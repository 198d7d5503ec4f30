/** A read-only map over a fixed set of keys whose values live in an array. Replacing values copies
 * the array (a block copy), not a hash table: what-if publishes a new map of thousands of node
 * evaluations on every toggle and must stay well inside a frame. Keys keep their given order. */
export class SlotMap<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly slots: ReadonlyMap<K, number>,
    private readonly keyList: readonly K[],
    private readonly valueList: readonly V[],
  ) {}

  /** A map with the same keys and the values at the given slots replaced. */
  withValues(replacements: Iterable<readonly [number, V]>): SlotMap<K, V> {
    const values = this.valueList.slice();
    for (const [slot, value] of replacements) values[slot] = value;
    return new SlotMap(this.slots, this.keyList, values);
  }

  get size(): number {
    return this.keyList.length;
  }

  /** The value in a slot: `get` without the key lookup, for callers that know the slot. */
  at(slot: number): V | undefined {
    return this.valueList[slot];
  }

  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : this.valueList[slot];
  }

  has(key: K): boolean {
    return this.slots.has(key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.keyList.forEach((key, slot) => callback.call(thisArg, this.valueList[slot]!, key, this));
  }

  *entries(): MapIterator<[K, V]> {
    for (let slot = 0; slot < this.keyList.length; slot++) yield [this.keyList[slot]!, this.valueList[slot]!];
  }

  *keys(): MapIterator<K> {
    yield* this.keyList;
  }

  *values(): MapIterator<V> {
    yield* this.valueList;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
