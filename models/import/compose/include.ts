import { isRecord } from '../coerce';
import { fileScopes } from './compose-file';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import type { FileScope } from './file-scope';

/**
 * The files named by a top-level `include` (a path, a list of paths, or `{path: …}` entries),
 * relative to the including file. Their services and resources join the project before the
 * including file's own. `seen` guards against files that include each other.
 */
export function includedScopes(scope: FileScope, seen: Set<string>): FileScope[] {
  const value = scope.root.include;
  if (value === undefined || value === null) return [];
  const at = scope.keyAt(scope.root, 'include', 'include');
  const list = scope.list(value, at, 'a list of compose files to include');
  if (!list) return [];
  const out: FileScope[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const itemAt = scope.itemAt(list, i, `include[${i}]`);
    const raw = isRecord(item) ? item.path : item;
    const paths = Array.isArray(raw) ? raw : [raw];
    for (const entry of paths) {
      const path = scope.string(entry, itemAt, 'a file path')?.trim();
      if (!path) continue;
      const file = scope.resolve(path);
      if (seen.has(file)) continue;
      seen.add(file);
      const loaded = scope.session.load(file);
      if (!loaded) {
        scope.report(D.COMPOSE_INCLUDE_NOT_FOUND, `included file "${file}" is not available`, itemAt);
        continue;
      }
      out.push(...fileScopes(scope.session, loaded));
    }
  }
  return out;
}
