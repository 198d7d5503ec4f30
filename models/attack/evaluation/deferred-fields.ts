/**
 * Fields of a result object that are computed on first read. Listing a goal's minimal attacks is
 * most of the cost of an evaluation, and after a what-if toggle on a large system hundreds of
 * goals change while the user looks at one; deferring the lists keeps the toggle within a frame.
 *
 * The object stays plain data: each field starts as an enumerable getter and, on the first read
 * of any of them, all of them are computed together and turned into ordinary data properties, in
 * the order given (so `JSON.stringify`, `structuredClone` and deep equality see the same object as
 * an eager computation would). A field the computation leaves `undefined` is removed, as an
 * optional field that was never set.
 *
 * `deferredFields(keys)` makes the getters once, for every object it is given; each object
 * carries its computation in a hidden symbol property until then. A what-if on 500 services
 * publishes 833 goals: with a fresh set of closures per object, defining them took about 5 ms of
 * the toggle.
 */
export function deferredFields<T extends object, K extends keyof T>(
  keys: readonly K[],
): (target: T, compute: () => Pick<T, K>) => T {
  const descriptors: PropertyDescriptorMap = {};
  for (const key of keys as readonly PropertyKey[]) {
    descriptors[key] = {
      enumerable: true,
      configurable: true,
      get(this: object): unknown {
        materialize(this);
        return (this as Record<PropertyKey, unknown>)[key];
      },
      set(this: object, value: unknown): void {
        materialize(this);
        defineValue(this, key, value);
      },
    };
  }
  const list = keys as readonly PropertyKey[];
  return (target, compute) => {
    const pending: Pending = { keys: keys as readonly PropertyKey[], compute };
    Object.defineProperty(target, PENDING, { value: pending, configurable: true });
    for (const key of list) Object.defineProperty(target, key, descriptors[key]!);
    return target;
  };
}

/** `deferredFields(keys)` for one object. */
export function deferFields<T extends object, K extends keyof T>(
  target: T,
  keys: readonly K[],
  compute: () => Pick<T, K>,
): T {
  return deferredFields<T, K>(keys)(target, compute);
}

interface Pending {
  keys: readonly PropertyKey[];
  compute: () => object;
}

const PENDING = Symbol('deferred fields');

function materialize(target: object): void {
  const pending = (target as { [PENDING]?: Pending })[PENDING];
  if (!pending) return;
  delete (target as { [PENDING]?: Pending })[PENDING];
  const values = pending.compute() as Record<PropertyKey, unknown>;
  for (const key of pending.keys) {
    const value = values[key];
    if (value === undefined) delete (target as Record<PropertyKey, unknown>)[key];
    else defineValue(target, key, value);
  }
}

function defineValue(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
