import type { Workload } from '../import/workload';
import type { FlowDraft } from './flow-merge';
import { INTERNET_ELEMENT } from './ids';
import { conventionEvidence, portConvention } from './well-known-ports';

/**
 * Flows from the internet to ports published on the host: compose `ports` and Kubernetes
 * `hostPort` bound to all interfaces. The port is the one the internet dials (the host port); the
 * protocol and protection follow the conventions of the container port, then of the host port.
 */
export function publishedPortFlows(workload: Workload): FlowDraft[] {
  const drafts: FlowDraft[] = [];
  for (const container of workload.containers) {
    if (container.role !== 'main') continue;
    for (const binding of container.ports) {
      if (!binding.published) continue;
      const port = binding.hostPort ?? binding.containerPort;
      // `80:8080`: the container speaks HTTP on 8080; the host port 80 says it is plaintext.
      const inner = portConvention(binding.containerPort);
      const outer = portConvention(port);
      const protocol = inner?.protocol ?? outer?.protocol ?? binding.protocol;
      const protection = inner?.protection ?? outer?.protection;
      const conventionPort = inner?.protection ? binding.containerPort : port;
      const written =
        binding.hostPort !== undefined && binding.containerPort !== undefined
          ? `${binding.hostPort}:${binding.containerPort}`
          : `${port ?? ''}`;
      const detail =
        workload.platform === 'kubernetes' ? `hostPort ${written}` : `ports ${written}/${binding.protocol}`;
      const draft: FlowDraft = {
        from: INTERNET_ELEMENT,
        to: workload.id,
        protocol,
        protection: protection ?? 'unknown',
        rank: protection ? 1 : 0,
        origin: { kind: 'published-port', detail, at: binding.at },
      };
      if (port !== undefined) draft.port = port;
      if (protection) draft.protectionEvidence = conventionEvidence(conventionPort, protection, binding.at);
      drafts.push(draft);
    }
  }
  return drafts;
}
