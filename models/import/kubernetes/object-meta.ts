import type { ManifestReader, Mapping } from './manifest-reader';
import { fieldPath } from './paths';

/** `metadata` of an object or of a pod template. */
export interface ObjectMeta {
  /** `metadata.name`, else `metadata.generateName`; undefined when neither is set. */
  name?: string;
  /** `metadata.namespace`, else `default`. */
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The `metadata` mapping itself and its path, to cite annotations where they are written. */
  node?: Mapping;
  path: string;
}

export function readObjectMeta(r: ManifestReader, parent: Mapping, parentPath: string): ObjectMeta {
  const path = fieldPath(parentPath, 'metadata');
  const node = r.mapping(parent, 'metadata', parentPath);
  if (!node) return { namespace: 'default', labels: {}, annotations: {}, path };
  const name = r.string(node, 'name', path) || r.string(node, 'generateName', path) || undefined;
  const meta: ObjectMeta = {
    namespace: r.string(node, 'namespace', path) || 'default',
    labels: r.stringMap(node, 'labels', path),
    annotations: r.stringMap(node, 'annotations', path),
    node,
    path,
  };
  if (name !== undefined) meta.name = name;
  return meta;
}

/** The metadata of an object that has a name (Services, Ingresses… are skipped without one). */
export type NamedObjectMeta = ObjectMeta & { name: string };
