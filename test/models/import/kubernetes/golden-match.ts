/**
 * Compares an import result with a golden `expected.json` that lists only the interesting parts:
 * objects are matched key by key (extra keys in the result are fine), arrays item by item with the
 * same length, and `null` in the expectation means "must be unset" (undefined or absent).
 */
export function subsetMismatches(actual: unknown, expected: unknown, path = '$'): string[] {
  if (expected === null) {
    return actual === undefined ? [] : [`${path}: expected unset, found ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, found ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length)
      return [
        `${path}: expected ${expected.length} items, found ${actual.length}: ${JSON.stringify(actual)}`,
      ];
    return expected.flatMap((item, i) => subsetMismatches(actual[i], item, `${path}[${i}]`));
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual))
      return [`${path}: expected a mapping, found ${JSON.stringify(actual)}`];
    const record = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) =>
      subsetMismatches(record[key], value, `${path}.${key}`),
    );
  }
  return Object.is(actual, expected)
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`];
}

/** Items keyed by an id, so that expectations name objects instead of relying on positions. */
export function keyed<T>(items: readonly T[], key: (item: T) => string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) out[key(item)] = item;
  return out;
}
