import type { NamespaceDef } from '../workload';
import type { ManifestReader, Mapping } from './manifest-reader';
import type { NamedObjectMeta } from './object-meta';

/** A Namespace with its labels, which include the Pod Security level it claims
 * (`pod-security.kubernetes.io/enforce|audit|warn` and their `-version`). */
export function readNamespace(
  r: ManifestReader,
  obj: Mapping,
  base: string,
  meta: NamedObjectMeta,
): NamespaceDef {
  return { name: meta.name, labels: meta.labels, at: r.nodeAt(obj, base) };
}
