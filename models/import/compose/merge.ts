import { NESTED_FIELDS, type Keyed, type ServiceFields, type ServiceLayer } from './layer';

/**
 * Compose's override rules applied to normalized layers: a later layer's scalar replaces the
 * earlier one, keyed lists (environment, labels, volumes by target, ports, cap_add…) merge entry
 * by entry, nested mappings (build, deploy, healthcheck) merge field by field. `!reset` drops the
 * earlier value and `!override` replaces it whole. Layers are never mutated: merged values are new
 * objects, so a base shared by several `extends` stays intact.
 */
export function mergeLayers(base: ServiceLayer, over: ServiceLayer): ServiceLayer {
  return {
    name: over.name,
    at: base.at,
    resets: over.resets,
    overrides: over.overrides,
    fields: mergeFields(base.fields, over.fields, over.resets, over.overrides),
  };
}

export function mergeFields(
  base: ServiceFields,
  over: ServiceFields,
  resets: readonly string[] = [],
  overrides: readonly string[] = [],
): ServiceFields {
  const out: Record<string, unknown> = { ...base };
  for (const key of resets) delete out[key];
  const source = over as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    const previous = out[key];
    if (previous === undefined || overrides.includes(key)) out[key] = value;
    else if (value instanceof Map) out[key] = mergeKeyed(previous as Keyed<unknown>, value);
    else if (NESTED_FIELDS.has(key)) out[key] = mergeRecord(previous as object, value as object);
    else out[key] = value;
  }
  return out as ServiceFields;
}

/** Later entries replace earlier ones with the same key, keeping the earlier position. */
export function mergeKeyed<T>(base: Keyed<T>, over: Keyed<T>): Keyed<T> {
  if (base.size === 0) return over;
  if (over.size === 0) return base;
  const out = new Map(base);
  for (const [key, value] of over) out.set(key, value);
  return out;
}

function mergeRecord(base: object, over: object): object {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const previous = out[key];
    out[key] = previous instanceof Map && value instanceof Map ? mergeKeyed(previous, value) : value;
  }
  return out;
}
