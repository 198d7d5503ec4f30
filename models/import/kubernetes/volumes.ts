import type { SourceRef } from '../../source/source-ref';
import type { Mount, MountKind } from '../workload';
import { K8S_DIAGNOSTICS as D } from './diagnostics';
import type { ManifestReader, Mapping } from './manifest-reader';
import { fieldPath, itemPath } from './paths';

/** A pod volume (`spec.volumes[*]`), as the containers that mount it will see it. */
export interface PodVolume {
  name: string;
  kind: MountKind;
  hostPath?: string;
  hostPathType?: string;
  /** The Secret, ConfigMap, claim or image the volume refers to; the volume name otherwise. */
  source: string;
  /** The kubelet mounts Secret, ConfigMap, downwardAPI, projected and image volumes read-only,
   * whatever the volumeMount says; a claim can be forced read-only on the volume. */
  alwaysReadOnly: boolean;
  at: SourceRef;
}

const SOURCE_KINDS: ReadonlyMap<string, MountKind> = new Map<string, MountKind>([
  ['hostPath', 'bind'],
  ['secret', 'secret'],
  ['configMap', 'configMap'],
  ['emptyDir', 'emptyDir'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['projected', 'projected'],
  ['downwardAPI', 'downwardAPI'],
  // A generic ephemeral volume is a claim the pod owns: storage from the cluster, no host path.
  ['ephemeral', 'volume'],
  ['image', 'image'],
]);

const READ_ONLY_KINDS: ReadonlySet<MountKind> = new Set<MountKind>([
  'secret',
  'configMap',
  'projected',
  'downwardAPI',
  'image',
]);

/** Where each source keeps the name of the object it refers to. */
const SOURCE_NAME_FIELDS: ReadonlyMap<string, string> = new Map([
  ['secret', 'secretName'],
  ['configMap', 'name'],
  ['persistentVolumeClaim', 'claimName'],
  ['image', 'reference'],
]);

export function readVolumes(r: ManifestReader, podSpec: Mapping, specPath: string): Map<string, PodVolume> {
  const volumes = new Map<string, PodVolume>();
  const list = r.list(podSpec, 'volumes', specPath);
  if (!list) return volumes;
  const path = fieldPath(specPath, 'volumes');
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    if (!item) continue;
    const volumePath = itemPath(path, i);
    let name = r.string(item, 'name', volumePath);
    if (!name) {
      // No container can mount it, but a nameless hostPath still shows what the pod asks for.
      r.invalidValue(r.itemAt(list, i, path), `${volumePath}.name must name the volume`);
      name = volumePath;
    }
    volumes.set(name, readVolume(r, item, name, volumePath, r.itemAt(list, i, path)));
  }
  return volumes;
}

function readVolume(r: ManifestReader, item: Mapping, name: string, path: string, at: SourceRef): PodVolume {
  const sourceKey = Object.keys(item).find((key) => key !== 'name' && item[key] !== null);
  // A volume with no source is an emptyDir: the API defaults it so.
  if (sourceKey === undefined) return { name, kind: 'emptyDir', source: name, alwaysReadOnly: false, at };
  const kind = SOURCE_KINDS.get(sourceKey) ?? 'other';
  const volume: PodVolume = { name, kind, source: name, alwaysReadOnly: READ_ONLY_KINDS.has(kind), at };
  const spec = r.mapping(item, sourceKey, path);
  if (!spec) return volume;
  const specPath = fieldPath(path, sourceKey);
  if (kind === 'bind') {
    const hostPath = r.string(spec, 'path', specPath);
    if (hostPath) volume.hostPath = hostPath;
    else r.invalidValue(r.keyAt(item, sourceKey, path), `${specPath}.path must name the host path`);
    const type = r.string(spec, 'type', specPath);
    if (type) volume.hostPathType = type;
  }
  const nameField = SOURCE_NAME_FIELDS.get(sourceKey);
  if (nameField) volume.source = r.string(spec, nameField, specPath) || name;
  if (kind === 'persistentVolumeClaim' && r.boolean(spec, 'readOnly', specPath)) volume.alwaysReadOnly = true;
  return volume;
}

/** `volumeMountPropagation` in the runtime's terms (what the kubelet asks the CRI for). */
const PROPAGATION: ReadonlyMap<string, string> = new Map([
  ['None', 'rprivate'],
  ['HostToContainer', 'rslave'],
  ['Bidirectional', 'rshared'],
]);

/** The container's `volumeMounts`; the names of the volumes it mounts are added to `mounted`. */
export function readVolumeMounts(
  r: ManifestReader,
  container: Mapping,
  containerPath: string,
  volumes: ReadonlyMap<string, PodVolume>,
  mounted: Set<string>,
): Mount[] {
  const list = r.list(container, 'volumeMounts', containerPath);
  if (!list) return [];
  const path = fieldPath(containerPath, 'volumeMounts');
  const mounts: Mount[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    if (!item) continue;
    const mountPath = itemPath(path, i);
    const at = r.itemAt(list, i, path);
    const name = r.string(item, 'name', mountPath);
    const volume = name === undefined ? undefined : volumes.get(name);
    if (!volume) {
      r.report(
        D.K8S_UNKNOWN_VOLUME,
        name === undefined
          ? `${mountPath}.name must name one of the pod's volumes`
          : `${mountPath} mounts the volume "${name}", which is not in the pod's volumes; it is not read`,
        at,
      );
      continue;
    }
    mounted.add(volume.name);
    const mount = mountOf(volume, at);
    const target = r.string(item, 'mountPath', mountPath);
    if (target !== undefined) mount.target = target;
    if (r.boolean(item, 'readOnly', mountPath)) mount.readOnly = true;
    const propagation = r.string(item, 'mountPropagation', mountPath);
    if (propagation !== undefined) {
      const runtime = PROPAGATION.get(propagation);
      if (runtime) mount.propagation = runtime;
      else
        r.invalidValue(
          r.keyAt(item, 'mountPropagation', mountPath),
          `${mountPath}.mountPropagation must be None, HostToContainer or Bidirectional, found "${propagation}"`,
        );
    }
    mounts.push(mount);
  }
  return mounts;
}

/** hostPath volumes that no container mounts: any container of the pod could still reach them
 * (an ephemeral debug container, a later change), so they are kept, without a target. */
export function unmountedHostPaths(
  volumes: ReadonlyMap<string, PodVolume>,
  mounted: ReadonlySet<string>,
): Mount[] {
  const out: Mount[] = [];
  for (const volume of volumes.values()) {
    if (volume.kind === 'bind' && !mounted.has(volume.name)) out.push(mountOf(volume, volume.at));
  }
  return out;
}

function mountOf(volume: PodVolume, at: SourceRef): Mount {
  const mount: Mount = { kind: volume.kind, readOnly: volume.alwaysReadOnly, at };
  if (volume.hostPath !== undefined) mount.hostPath = volume.hostPath;
  if (volume.hostPathType !== undefined) mount.hostPathType = volume.hostPathType;
  mount.name = volume.source;
  return mount;
}

/** A StatefulSet's `volumeClaimTemplates`: the controller gives each pod a claim per template,
 * as a volume of the template's name (replacing a pod volume of the same name). */
export function readClaimTemplates(r: ManifestReader, spec: Mapping, specPath: string): PodVolume[] {
  const list = r.list(spec, 'volumeClaimTemplates', specPath);
  if (!list) return [];
  const path = fieldPath(specPath, 'volumeClaimTemplates');
  const claims: PodVolume[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    const claimPath = itemPath(path, i);
    const meta = item && r.mapping(item, 'metadata', claimPath);
    const name = meta && r.string(meta, 'name', fieldPath(claimPath, 'metadata'));
    if (!name) continue;
    claims.push({
      name,
      kind: 'persistentVolumeClaim',
      source: name,
      alwaysReadOnly: false,
      at: r.itemAt(list, i, path),
    });
  }
  return claims;
}
