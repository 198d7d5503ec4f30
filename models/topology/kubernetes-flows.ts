import type { IngressDef } from '../import/workload';
import { diagnosticAt, type Diagnostic } from '../source/diagnostic';
import { TOPOLOGY_DIAGNOSTICS as D } from './diagnostics';
import type { FlowDraft } from './flow-merge';
import { INTERNET_ELEMENT } from './ids';
import { serviceKey, type KubernetesCluster } from './kubernetes-cluster';
import { conventionEvidence, namedPortConvention } from './well-known-ports';

/**
 * Flows from the internet into the cluster: Ingress rules to the workloads behind their backend
 * Service, and NodePort / LoadBalancer Services to the workloads they select. Traffic between pods
 * is not inferred from Services alone: a flow from a client exists where the client names the
 * Service (see env flows).
 */
export function kubernetesExposureFlows(
  cluster: KubernetesCluster,
  ingresses: IngressDef[],
  diagnostics: Diagnostic[],
): FlowDraft[] {
  const drafts: FlowDraft[] = [];
  for (const ingress of ingresses) {
    for (const rule of ingress.rules) {
      const service = cluster.services.get(serviceKey(ingress.namespace, rule.serviceName));
      if (!service) {
        diagnostics.push(
          diagnosticAt(
            D.TOPOLOGY_UNKNOWN_INGRESS_BACKEND,
            `Ingress "${ingress.name}" routes to Service "${rule.serviceName}", which namespace "${ingress.namespace}" does not define`,
            rule.at,
          ),
        );
        continue;
      }
      const tls = coveredByTls(ingress, rule.host);
      const route = `${rule.host ?? '*'}${rule.path ?? ''}`;
      for (const target of service.targets) {
        drafts.push({
          from: INTERNET_ELEMENT,
          to: target,
          protocol: 'http',
          port: tls ? 443 : 80,
          protection: tls ? 'tls' : 'none',
          protectionEvidence: {
            detail: tls
              ? `Ingress "${ingress.name}" terminates TLS for ${rule.host ?? 'all hosts'}`
              : `Ingress "${ingress.name}" has no TLS entry for ${rule.host ?? 'its hostless rule'}`,
            at: tls ? ingress.at : rule.at,
          },
          rank: 2,
          origin: { kind: 'ingress', detail: `${ingress.name} ${route} → ${rule.serviceName}`, at: rule.at },
        });
      }
    }
  }
  for (const { def, targets } of cluster.services.values()) {
    if (def.type !== 'NodePort' && def.type !== 'LoadBalancer') continue;
    for (const port of def.ports) {
      const dialed = def.type === 'NodePort' ? (port.nodePort ?? port.port) : port.port;
      const convention = namedPortConvention(port.appProtocol ?? port.name, port.port);
      for (const target of targets) {
        const draft: FlowDraft = {
          from: INTERNET_ELEMENT,
          to: target,
          protocol: convention?.protocol ?? port.protocol.toLowerCase(),
          port: dialed,
          protection: convention?.protection ?? 'unknown',
          rank: convention?.protection ? 1 : 0,
          origin: {
            kind: def.type === 'NodePort' ? 'node-port' : 'load-balancer',
            detail: `Service ${def.name} port ${dialed}`,
            at: def.at,
          },
        };
        if (convention?.protection)
          draft.protectionEvidence = conventionEvidence(port.port, convention.protection, def.at);
        drafts.push(draft);
      }
    }
  }
  return drafts;
}

/** A rule is served over TLS when a `tls` entry lists its host (wildcards cover one label), or,
 * for a rule without host, when the Ingress has any `tls` entry. */
function coveredByTls(ingress: IngressDef, host: string | undefined): boolean {
  if (!ingress.tls) return false;
  if (host === undefined || ingress.tlsHosts.length === 0) return true;
  const wanted = host.toLowerCase();
  return ingress.tlsHosts.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p === wanted) return true;
    return p.startsWith('*.') && wanted.endsWith(p.slice(1)) && !wanted.slice(0, -p.length + 1).includes('.');
  });
}
