/**
 * Just enough of Kubernetes' strategic merge patch to apply the generated patches in tests:
 * mappings merge key by key, `null` deletes, lists of containers and volumes merge by `name`,
 * volumeMounts by `mountPath`, an item with `$patch: delete` removes its match, and other lists
 * are replaced (as for capabilities.add/drop, which have no merge strategy).
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isMap(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function strategicMerge(target: Json, patch: Json, key?: string): Json {
  if (isMap(target) && isMap(patch)) {
    const out: Record<string, Json> = { ...target };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = k in out ? strategicMerge(out[k]!, v, k) : stripDirectives(v);
    }
    return out;
  }
  const mergeKey = key ? MERGE_KEYS[key] : undefined;
  if (Array.isArray(target) && Array.isArray(patch) && mergeKey) {
    const out = [...target];
    for (const item of patch) {
      if (!isMap(item)) continue;
      const index = out.findIndex((t) => isMap(t) && t[mergeKey] === item[mergeKey]);
      if (item.$patch === 'delete') {
        if (index >= 0) out.splice(index, 1);
      } else if (index >= 0) out[index] = strategicMerge(out[index]!, item);
      else out.push(stripDirectives(item));
    }
    return out;
  }
  return stripDirectives(patch);
}

function stripDirectives(value: Json): Json {
  if (Array.isArray(value))
    return value.filter((v) => !(isMap(v) && v.$patch === 'delete')).map(stripDirectives);
  if (isMap(value))
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== '$patch')
        .map(([k, v]) => [k, stripDirectives(v)]),
    );
  return value;
}
