import type { ServiceDef } from '../import/workload';
import type { ComposeProject } from './compose-projects';
import { serviceKey, type KubernetesCluster, type SelectedService } from './kubernetes-cluster';

/** Where a client stands when it looks a name up: DNS answers differ per compose project and per
 * Kubernetes namespace. */
export type ClientScope =
  | { platform: 'docker'; project: ComposeProject; links: ReadonlyMap<string, string> }
  | { platform: 'kubernetes'; namespace: string };

export type Resolution =
  /** Workload elements behind the name (several for a Service selecting several workloads). */
  | { kind: 'elements'; targets: string[]; service?: ServiceDef }
  /** A name outside the system: an external service on the internet. */
  | { kind: 'external'; host: string }
  /** The client itself (`localhost`) or an unspecified bind address. */
  | { kind: 'local' }
  /** A name that only the system could answer, but nothing in it does. */
  | { kind: 'unresolved' };

const LOCAL = new Set(['localhost', 'ip6-localhost', '0.0.0.0', '::', '::1']);
const DOCKER_HOST_NAMES = new Set(['host.docker.internal', 'gateway.docker.internal']);

/** Resolves host names the way the client's DNS would: compose service names, container names and
 * aliases within the project; Kubernetes Service names as `svc`, `svc.ns`, `svc.ns.svc`,
 * `svc.ns.svc.<cluster domain>` and `pod.svc.ns.svc.<cluster domain>`. */
export function resolveHost(
  host: string,
  scope: ClientScope,
  cluster: KubernetesCluster | undefined,
): Resolution {
  if (LOCAL.has(host) || host.startsWith('127.')) return { kind: 'local' };
  if (scope.platform === 'docker') {
    const target = scope.links.get(host) ?? scope.project.byName.get(host);
    if (target !== undefined) return { kind: 'elements', targets: [target] };
    if (DOCKER_HOST_NAMES.has(host)) return { kind: 'elements', targets: [scope.project.hostElement] };
  } else if (cluster) {
    const service = kubernetesService(host, scope.namespace, cluster);
    if (service === 'unresolved') return { kind: 'unresolved' };
    if (service) {
      if (service.def.type === 'ExternalName' && service.def.externalName)
        return { kind: 'external', host: service.def.externalName.toLowerCase().replace(/\.$/, '') };
      return { kind: 'elements', targets: service.targets, service: service.def };
    }
  }
  // A single label only resolves inside the system (or via a search domain Rampart cannot see).
  if (isClusterLocal(host) || (!host.includes('.') && !host.includes(':'))) return { kind: 'unresolved' };
  return { kind: 'external', host };
}

/** The Service a cluster DNS name points at; `unresolved` for a cluster-internal name that no
 * Service answers; undefined for a name outside the cluster. */
function kubernetesService(
  host: string,
  namespace: string,
  cluster: KubernetesCluster,
): SelectedService | 'unresolved' | undefined {
  const labels = host.split('.');
  const svc = labels.indexOf('svc');
  let key: string;
  if (svc >= 2) key = serviceKey(labels[svc - 1]!, labels[svc - 2]!);
  else if (labels.length === 1) key = serviceKey(namespace, host);
  else if (labels.length === 2 && cluster.namespaces.has(labels[1]!))
    key = serviceKey(labels[1]!, labels[0]!);
  else return undefined;
  return cluster.services.get(key) ?? 'unresolved';
}

function isClusterLocal(host: string): boolean {
  return host.endsWith('.cluster.local') || host.includes('.svc.');
}
