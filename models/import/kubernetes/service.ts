import type { ServiceDef } from '../workload';
import type { ManifestReader, Mapping } from './manifest-reader';
import type { NamedObjectMeta } from './object-meta';
import { fieldPath, itemPath } from './paths';
import { portNumber } from './ports';

const SERVICE_TYPES: ReadonlySet<string> = new Set(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);

/** A Service: how its pods are reached (type, ports) and which pods it selects. */
export function readService(
  r: ManifestReader,
  obj: Mapping,
  base: string,
  meta: NamedObjectMeta,
): ServiceDef {
  const spec = r.mapping(obj, 'spec', base) ?? {};
  const path = fieldPath(base, 'spec');
  const service: ServiceDef = {
    id: `k8s:${meta.namespace}/Service/${meta.name}`,
    name: meta.name,
    namespace: meta.namespace,
    type: readServiceType(r, spec, path),
    headless: r.string(spec, 'clusterIP', path) === 'None',
    selector: r.stringMap(spec, 'selector', path),
    ports: readServicePorts(r, spec, path),
    at: r.nodeAt(obj, base),
  };
  const externalName = r.string(spec, 'externalName', path);
  if (externalName) service.externalName = externalName;
  return service;
}

function readServiceType(r: ManifestReader, spec: Mapping, path: string): ServiceDef['type'] {
  const type = r.string(spec, 'type', path);
  if (type === undefined) return 'ClusterIP';
  if (SERVICE_TYPES.has(type)) return type as ServiceDef['type'];
  r.invalidValue(
    r.keyAt(spec, 'type', path),
    `${path}.type must be ClusterIP, NodePort, LoadBalancer or ExternalName, found "${type}"; read as ClusterIP`,
  );
  return 'ClusterIP';
}

function readServicePorts(r: ManifestReader, spec: Mapping, specPath: string): ServiceDef['ports'] {
  const list = r.list(spec, 'ports', specPath);
  if (!list) return [];
  const path = fieldPath(specPath, 'ports');
  const ports: ServiceDef['ports'] = [];
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    if (!item) continue;
    const portPath = itemPath(path, i);
    const port = portNumber(r, item, 'port', portPath, 1);
    if (port === undefined) {
      if (item['port'] === undefined) r.invalidValue(r.itemAt(list, i, path), `${portPath}.port must be set`);
      continue;
    }
    const entry: ServiceDef['ports'][number] = {
      port,
      protocol: r.string(item, 'protocol', portPath) ?? 'TCP',
    };
    const name = r.string(item, 'name', portPath);
    if (name) entry.name = name;
    const targetPort = r.intOrString(item, 'targetPort', portPath);
    if (targetPort !== undefined && targetPort !== '') entry.targetPort = targetPort;
    const nodePort = portNumber(r, item, 'nodePort', portPath, 0);
    if (nodePort) entry.nodePort = nodePort;
    const appProtocol = r.string(item, 'appProtocol', portPath);
    if (appProtocol) entry.appProtocol = appProtocol;
    ports.push(entry);
  }
  return ports;
}
