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
 */
export function deferFields<T extends object, K extends keyof T>(
  target: T,
  keys: readonly K[],
  compute: () => Pick<T, K>,
): T {
  const materialize = (): void => {
    const values = compute();
    for (const key of keys) {
      const value = values[key];
      if (value === undefined) delete target[key];
      else
        Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    }
  };
  for (const key of keys) {
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get(): unknown {
        materialize();
        return target[key];
      },
      set(value: T[K]): void {
        materialize();
        Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  return target;
}
