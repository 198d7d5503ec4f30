import type { PortBinding, Workload } from '../../import/workload';
import type { FindingCollector } from '../finding-collector';

/** Ports of the container runtime APIs: dockerd (2375 plain, 2376 TLS) and the kubelet (10250). */
export const CONTAINER_API_PORTS: ReadonlySet<number> = new Set([2375, 2376, 10250, 10255]);

/** Ports published on the host (R31) and runtime APIs reachable through them (R27). */
export function checkPorts(w: Workload, out: FindingCollector): void {
  if (w.kind === 'dockerfile') return;
  for (const c of w.containers) {
    const published = c.ports.filter((p) => p.published);
    if (published.length === 0) continue;
    const api = published.filter((p) => isApiPort(p));
    for (const p of api) {
      out.add('container-api-exposed', w, c, {
        message: `${c.name} publishes port ${p.hostPort ?? p.containerPort}, a container runtime API port: whoever reaches it can start containers on the host`,
        source: p.at,
        data: { ports: [p.hostPort ?? p.containerPort ?? 0] },
      });
    }
    out.add('published-port', w, c, {
      message: describePublication(w, c.name, published),
      source: published[0]!.at,
      evidence: published.slice(1).map((p) => p.at),
      data: { ports: published.map((p) => p.hostPort ?? p.containerPort ?? 0) },
    });
  }
}

function isApiPort(p: PortBinding): boolean {
  return CONTAINER_API_PORTS.has(p.hostPort ?? -1) || CONTAINER_API_PORTS.has(p.containerPort ?? -1);
}

/** Where the ports are open, in the platform's terms: Docker's published ports bypass host
 * firewalls through its own NAT rules; a Kubernetes hostPort or a hostNetwork pod opens them on
 * the node itself. */
function describePublication(w: Workload, name: string, published: PortBinding[]): string {
  const everywhere = published.some((p) => !p.hostIp || p.hostIp === '0.0.0.0' || p.hostIp === '::');
  if (w.platform === 'kubernetes' && w.host.network?.value === 'host') {
    const ports = published.map((p) => `${p.hostPort ?? p.containerPort ?? '?'}/${p.protocol}`);
    return `${name} listens on ${ports.join(', ')} in the node's own network namespace (hostNetwork), reachable wherever the node is`;
  }
  const all = published.map(describe).join(', ');
  if (w.platform === 'kubernetes')
    return `${name} publishes ${all} as a hostPort${everywhere ? ' on every interface of its node' : ''}`;
  return `${name} publishes ${all}${everywhere ? ' on every host interface, which Docker opens past host firewalls such as UFW' : ''}`;
}

function describe(p: PortBinding): string {
  const host =
    p.hostPort !== undefined
      ? `${p.hostIp && p.hostIp !== '0.0.0.0' ? `${p.hostIp}:` : ''}${p.hostPort}`
      : 'a random host port';
  return `${host} → ${p.containerPort ?? '?'}/${p.protocol}`;
}
