import type { PortBinding } from '../workload';
import type { ManifestReader, Mapping } from './manifest-reader';
import { fieldPath, itemPath } from './paths';

const PROTOCOLS: ReadonlyMap<string, PortBinding['protocol']> = new Map([
  ['TCP', 'tcp'],
  ['UDP', 'udp'],
  ['SCTP', 'sctp'],
]);

/**
 * `ports` of a container. A port is published when it has a non-zero `hostPort` on a
 * non-loopback `hostIP`. With `hostNetwork: true` the API defaults `hostPort` to `containerPort`
 * (`defaultHostNetworkPorts`), so every declared port is then published on the node.
 */
export function readContainerPorts(
  r: ManifestReader,
  container: Mapping,
  containerPath: string,
  hostNetwork: boolean,
): PortBinding[] {
  const list = r.list(container, 'ports', containerPath);
  if (!list) return [];
  const path = fieldPath(containerPath, 'ports');
  const ports: PortBinding[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    if (!item) continue;
    const portPath = itemPath(path, i);
    const containerPort = portNumber(r, item, 'containerPort', portPath, 1);
    const written = portNumber(r, item, 'hostPort', portPath, 0);
    const hostPort = written ? written : hostNetwork ? containerPort : undefined;
    const hostIp = r.string(item, 'hostIP', portPath) || undefined;
    const binding: PortBinding = {
      protocol: readProtocol(r, item, portPath),
      published: hostPort !== undefined && !isLoopback(hostIp),
      at: r.itemAt(list, i, path),
    };
    if (containerPort !== undefined) binding.containerPort = containerPort;
    if (hostPort !== undefined) binding.hostPort = hostPort;
    if (hostIp !== undefined) binding.hostIp = hostIp;
    ports.push(binding);
  }
  return ports;
}

/** A port number in range; 0 is allowed where it means "none" (`hostPort`). */
export function portNumber(
  r: ManifestReader,
  item: Mapping,
  key: string,
  path: string,
  min: 0 | 1,
): number | undefined {
  const port = r.integer(item, key, path);
  if (port === undefined) return undefined;
  if (port < min || port > 65535) {
    r.invalidValue(
      r.keyAt(item, key, path),
      `${path}.${key} must be between ${min} and 65535, found ${port}`,
    );
    return undefined;
  }
  return port;
}

function readProtocol(r: ManifestReader, item: Mapping, path: string): PortBinding['protocol'] {
  const written = r.string(item, 'protocol', path);
  if (written === undefined) return 'tcp';
  const protocol = PROTOCOLS.get(written);
  if (protocol) return protocol;
  r.invalidValue(
    r.keyAt(item, 'protocol', path),
    `${path}.protocol must be TCP, UDP or SCTP, found "${written}"`,
  );
  return 'tcp';
}

function isLoopback(ip: string | undefined): boolean {
  return ip !== undefined && (ip.startsWith('127.') || ip === '::1');
}
