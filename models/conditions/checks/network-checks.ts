import type { ImportBundle, Workload } from '../../import/workload';
import type { DataFlow, Topology, TopologyElement } from '../../topology/types';
import type { FindingCollector } from '../finding-collector';
import { CONTAINER_API_PORTS } from './port-checks';

/** Conditions about the network between workloads (R24, R25, R31 on Kubernetes): plaintext flows,
 * flat networks, pods that no NetworkPolicy protects, and workloads exposed by Services/Ingress. */
export function checkNetwork(bundle: ImportBundle, topology: Topology, out: FindingCollector): void {
  const workloads = new Map(bundle.workloads.map((w) => [w.id, w]));
  const elements = new Map(topology.elements.map((e) => [e.id, e]));
  checkPlaintextFlows(topology, workloads, elements, out);
  checkReachability(topology, workloads, out);
  checkKubernetesExposure(topology, workloads, out);
}

function checkPlaintextFlows(
  topology: Topology,
  workloads: Map<string, Workload>,
  elements: Map<string, TopologyElement>,
  out: FindingCollector,
): void {
  for (const flow of topology.flows) {
    if (flow.protection !== 'none') continue;
    const from = elements.get(flow.from);
    const to = elements.get(flow.to);
    // The client configures the connection, so the finding belongs to it; traffic from the
    // internet or an external system belongs to the receiving workload.
    const owner =
      (from?.workload && workloads.get(from.workload)) || (to?.workload && workloads.get(to.workload));
    if (!owner) continue;
    const severe = flow.crossesBoundary || flow.carriesCredentials;
    const reasons = [
      flow.carriesCredentials ? 'carries credentials' : '',
      flow.crossesBoundary ? 'crosses a trust boundary' : '',
    ].filter(Boolean);
    out.add('plaintext-flow', owner, undefined, {
      message: `${describeFlow(flow, elements)} is not encrypted${reasons.length ? ` and ${reasons.join(' and ')}` : ''}: anyone on the path can read or alter it`,
      detail: flow.protectionEvidence?.detail,
      source: flow.at,
      evidence: flow.credentialEvidence ? [flow.credentialEvidence.at] : [],
      severity: severe ? 'high' : 'medium',
      data: { subject: flow.id, ...(flow.port !== undefined ? { ports: [flow.port] } : {}) },
    });
  }
}

function describeFlow(flow: DataFlow, elements: Map<string, TopologyElement>): string {
  const name = (id: string) => elements.get(id)?.name ?? id;
  const port = flow.port !== undefined ? `:${flow.port}` : '';
  return `the ${flow.protocol === 'unknown' ? '' : `${flow.protocol} `}flow ${name(flow.from)} → ${name(flow.to)}${port}`;
}

function checkReachability(
  topology: Topology,
  workloads: Map<string, Workload>,
  out: FindingCollector,
): void {
  const groups = new Map(topology.reachability.groups.map((g) => [g.id, g]));
  // Targets on the same networks share one peer set: count it once per combination, so a large
  // flat network costs its size, not its size squared.
  const peerSets = new Map<string, { peers: Set<string>; networks: string[] }>();
  const peersOf = (fromGroups: string[], individuals: string[]) => {
    const key = `${fromGroups.join('\u0000')}\u0001${individuals.join('\u0000')}`;
    let set = peerSets.get(key);
    if (!set) {
      const peers = new Set(individuals);
      for (const id of fromGroups) for (const m of groups.get(id)?.members ?? []) peers.add(m);
      const networks = fromGroups
        .map((id) => groups.get(id))
        .filter((g) => g?.kind === 'network')
        .map((g) => g!.id.replace(/^reach:network:/, ''));
      peerSets.set(key, (set = { peers, networks }));
    }
    return set;
  };
  for (const target of topology.reachability.targets) {
    const w = workloads.get(target.target);
    if (!w || target.restricted) continue;
    if (w.platform === 'kubernetes') {
      out.add('no-network-policy', w, undefined, {
        message: `no NetworkPolicy selects ${w.name} for ingress: every pod in the cluster can connect to it`,
        source: w.at,
        implicit: true,
        data: { subject: target.target },
      });
      continue;
    }
    const { peers, networks } = peersOf(target.fromGroups, target.reachableFrom);
    const others = peers.size - (peers.has(target.target) ? 1 : 0);
    if (others === 0) continue;
    out.add('flat-network', w, undefined, {
      message: `${w.name} is reachable from ${others} other workload${others === 1 ? '' : 's'}${networks.length ? ` on ${networks.join(', ')}` : ''} with nothing restricting traffic between them: one compromised neighbour can attack it directly`,
      source: w.networks[0]?.at ?? w.at,
      implicit: true,
      data: { subject: networks[0] ?? target.target },
    });
  }
}

/** NodePort, LoadBalancer and Ingress make Kubernetes workloads reachable from outside the cluster. */
function checkKubernetesExposure(
  topology: Topology,
  workloads: Map<string, Workload>,
  out: FindingCollector,
): void {
  for (const flow of topology.flows) {
    if (flow.from !== 'internet') continue;
    const w = workloads.get(flow.to);
    if (!w || w.platform !== 'kubernetes') continue;
    const origins = flow.inferredFrom.filter(
      (o) => o.kind === 'node-port' || o.kind === 'load-balancer' || o.kind === 'ingress',
    );
    if (origins.length === 0) continue;
    out.add('published-port', w, undefined, {
      message: `${w.name} is exposed outside the cluster through ${origins.map((o) => o.detail).join(', ')}`,
      source: origins[0]!.at,
      evidence: origins.slice(1).map((o) => o.at),
      data: flow.port !== undefined ? { ports: [flow.port] } : {},
    });
    for (const c of w.containers) {
      const api = c.ports.find(
        (p) => p.containerPort !== undefined && CONTAINER_API_PORTS.has(p.containerPort),
      );
      if (!api) continue;
      out.add('container-api-exposed', w, c, {
        message: `${c.name} listens on ${api.containerPort}, a container runtime API port, and is exposed outside the cluster through ${origins.map((o) => o.detail).join(', ')}: whoever reaches it can start containers`,
        source: api.at,
        evidence: origins.map((o) => o.at),
        data: { ports: [api.containerPort!] },
      });
    }
  }
}
