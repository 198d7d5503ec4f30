import type { ServiceAccountDef } from '../workload';
import type { ManifestReader, Mapping } from './manifest-reader';
import type { NamedObjectMeta } from './object-meta';

/** A ServiceAccount and whether pods that use it get its token mounted by default. */
export function readServiceAccount(
  r: ManifestReader,
  obj: Mapping,
  base: string,
  meta: NamedObjectMeta,
): ServiceAccountDef {
  const account: ServiceAccountDef = { name: meta.name, namespace: meta.namespace, at: r.nodeAt(obj, base) };
  const automount = r.booleanFact(obj, 'automountServiceAccountToken', base);
  if (automount) account.automountToken = automount;
  return account;
}
