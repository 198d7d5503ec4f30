import type { DockerfileInfo, EnvVar, ServiceDef, Workload } from '../import/workload';
import { diagnosticAt, type Diagnostic } from '../source/diagnostic';
import { compareSourceRefs, type SourceRef } from '../source/source-ref';
import { TOPOLOGY_DIAGNOSTICS as D } from './diagnostics';
import type { EnvNameReadings } from './env-groups';
import { envReferences, type EnvReference } from './env-references';
import type { FlowDraft } from './flow-merge';
import { externalElementId } from './ids';
import type { KubernetesCluster } from './kubernetes-cluster';
import { resolveHost, type ClientScope } from './name-resolution';
import type { TopologyElement } from './types';
import {
  conventionEvidence,
  namedPortConvention,
  protocolFromPortName,
  type PortConvention,
} from './well-known-ports';

export interface EnvClient {
  workload: Workload;
  scope: ClientScope;
}

export interface EnvFlows {
  drafts: FlowDraft[];
  /** External hosts reached, with the first place each is named. */
  externals: Map<string, SourceRef>;
}

/** Flows from the connection addresses in every client's environment. */
export function envFlows(
  clients: EnvClient[],
  elements: ReadonlyMap<string, TopologyElement>,
  cluster: KubernetesCluster | undefined,
  dockerfiles: ReadonlyMap<string, DockerfileInfo>,
  diagnostics: Diagnostic[],
): EnvFlows {
  const out: EnvFlows = { drafts: [], externals: new Map() };
  const readings: EnvNameReadings = new Map();
  for (const client of clients) {
    for (const env of containerEnvironments(client.workload, dockerfiles)) {
      for (const reference of envReferences(env, readings)) {
        const resolution = resolveHost(reference.endpoint.host, client.scope, cluster);
        if (resolution.kind === 'elements') {
          for (const target of resolution.targets) {
            if (target === client.workload.id) continue;
            out.drafts.push(draft(client.workload.id, reference, elements.get(target), resolution.service));
          }
        } else if (resolution.kind === 'external') {
          const seen = out.externals.get(resolution.host);
          if (!seen || compareSourceRefs(reference.at, seen) < 0)
            out.externals.set(resolution.host, reference.at);
          out.drafts.push(draft(client.workload.id, reference, undefined, undefined, resolution.host));
        } else if (resolution.kind === 'unresolved') {
          diagnostics.push(unresolved(reference, client.scope));
        }
      }
    }
  }
  return out;
}

/** Each container's environment as the process sees it: the image's `ENV` (from the Dockerfile the
 * container is built from), overridden by the runtime config. Ephemeral debug containers are not
 * part of the system's normal traffic. */
function containerEnvironments(
  workload: Workload,
  dockerfiles: ReadonlyMap<string, DockerfileInfo>,
): EnvVar[][] {
  const out: EnvVar[][] = [];
  for (const container of workload.containers) {
    if (container.role === 'ephemeral') continue;
    const image = container.dockerfile ? dockerfiles.get(container.dockerfile.value) : undefined;
    if (!image?.env.length) {
      out.push(container.env);
      continue;
    }
    const own = new Set(container.env.map((e) => e.name));
    const inherited = image.env.filter((e) => e.from !== 'build-arg' && !own.has(e.name));
    out.push([...inherited, ...container.env]);
  }
  return out;
}

function draft(
  from: string,
  reference: EnvReference,
  target: TopologyElement | undefined,
  service: ServiceDef | undefined,
  externalHost?: string,
): FlowDraft {
  const servicePort = service ? pickServicePort(service, reference) : undefined;
  const store = target?.kind === 'data-store' ? target : undefined;
  const port = reference.endpoint.port ?? reference.defaultPort ?? servicePort?.port ?? store?.port;
  const portName = servicePort?.appProtocol ?? servicePort?.name;
  const byName = protocolFromPortName(portName);
  const convention: PortConvention | undefined = namedPortConvention(portName, port);
  const protocol =
    reference.protocol ??
    (store && (port === undefined || port === store.port) ? store.protocol : undefined) ??
    convention?.protocol ??
    'tcp';
  const out: FlowDraft = {
    from,
    to: externalHost !== undefined ? externalElementId(externalHost) : target!.id,
    protocol,
    protection: reference.protection,
    rank: reference.rank,
    origin: { kind: reference.kind, detail: reference.variable, at: reference.at },
  };
  if (port !== undefined) out.port = port;
  if (reference.protectionEvidence) out.protectionEvidence = reference.protectionEvidence;
  if (reference.rank === 0 && convention?.protection) {
    out.protection = convention.protection;
    out.rank = 1;
    out.protectionEvidence = byName?.protection
      ? {
          detail: `Service port named \`${servicePort!.appProtocol ?? servicePort!.name}\` (\`${reference.variable}\`)`,
          at: reference.at,
        }
      : conventionEvidence(port, convention.protection, reference.at, reference.variable);
  }
  if (reference.credentials) out.credentials = reference.credentials;
  return out;
}

/** The Service port a client dials: the one it names, else the only one, else the one whose name
 * matches the URL scheme. */
function pickServicePort(
  service: ServiceDef,
  reference: EnvReference,
): ServiceDef['ports'][number] | undefined {
  const wanted = reference.endpoint.port ?? reference.defaultPort;
  if (wanted !== undefined) return service.ports.find((p) => p.port === wanted);
  if (service.ports.length === 1) return service.ports[0];
  return service.ports.find(
    (p) => protocolFromPortName(p.appProtocol ?? p.name)?.protocol === reference.protocol,
  );
}

function unresolved(reference: EnvReference, scope: ClientScope): Diagnostic {
  const where =
    scope.platform === 'docker'
      ? `compose project "${scope.project.name}"`
      : `namespace "${scope.namespace}"`;
  return diagnosticAt(
    D.TOPOLOGY_UNRESOLVED_HOST,
    `${reference.variable} points at "${reference.endpoint.host}", which no service in ${where} answers to`,
    reference.at,
  );
}
