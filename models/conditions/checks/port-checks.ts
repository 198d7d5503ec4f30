import type { PortBinding, Workload } from '../../import/workload';
import type { FindingCollector } from '../finding-collector';

/** Ports of the container runtime APIs: dockerd (2375 plain, 2376 TLS) and the kubelet (10250). */
const CONTAINER_API_PORTS = new Set([2375, 2376, 10250, 10255]);

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
    const all = published.map(describe);
    const everywhere = published.some((p) => !p.hostIp || p.hostIp === '0.0.0.0' || p.hostIp === '::');
    out.add('published-port', w, c, {
      message: `${c.name} publishes ${all.join(', ')}${everywhere ? ' on every host interface, which Docker opens past host firewalls such as UFW' : ''}`,
      source: published[0]!.at,
      evidence: published.slice(1).map((p) => p.at),
      data: { ports: published.map((p) => p.hostPort ?? p.containerPort ?? 0) },
    });
  }
}

function isApiPort(p: PortBinding): boolean {
  return CONTAINER_API_PORTS.has(p.hostPort ?? -1) || CONTAINER_API_PORTS.has(p.containerPort ?? -1);
}

function describe(p: PortBinding): string {
  const host =
    p.hostPort !== undefined
      ? `${p.hostIp && p.hostIp !== '0.0.0.0' ? `${p.hostIp}:` : ''}${p.hostPort}`
      : 'a random host port';
  return `${host} → ${p.containerPort ?? '?'}/${p.protocol}`;
}
