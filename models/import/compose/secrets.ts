import { isRecord } from '../coerce';
import type { Keyed, ResourceUse } from './layer';
import type { ServiceReader } from './service-reader';

/**
 * A service's `secrets` and `configs`, short (`- db_password`) or long (`{source, target}`),
 * keyed by the path they are mounted at: secrets under `/run/secrets/`, configs at `/<name>`.
 */
export function readResourceUses(
  reader: ServiceReader,
  key: 'secrets' | 'configs',
): Keyed<ResourceUse> | undefined {
  const { scope } = reader;
  const path = reader.path(key);
  const list = scope.list(
    reader.mapping[key],
    reader.at(key),
    `a list of ${key} names or mappings with source`,
  );
  if (!list) return undefined;
  const out: Keyed<ResourceUse> = new Map();
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const at = scope.itemAt(list, i, `${path}[${i}]`);
    let name: string | undefined;
    let target: string | undefined;
    if (isRecord(item)) {
      name = scope.string(item.source, scope.keyAt(item, 'source', `${at.path}.source`), 'a name')?.trim();
      target = scope.string(item.target, scope.keyAt(item, 'target', `${at.path}.target`), 'a path')?.trim();
    } else {
      name = scope.string(item, at, 'a name or a mapping with source and target')?.trim();
    }
    if (!name) continue;
    const mountPath = mountTarget(key, target || name);
    out.set(mountPath, { name, target: mountPath, at });
  }
  return out;
}

function mountTarget(key: 'secrets' | 'configs', target: string): string {
  if (target.startsWith('/')) return target;
  return key === 'secrets' ? `/run/secrets/${target}` : `/${target}`;
}
