import type { DockerfileInfo, ImportBundle } from '../import/workload';
import { compareDiagnostics, type Diagnostic } from '../source/diagnostic';
import { earliestSourceRef, type SourceRef } from '../source/source-ref';
import { BoundaryRegistry, crossedBoundaries } from './boundaries';
import { composeDependencyFlows, linkAliases } from './compose-flows';
import { composeProjects, type ComposeProject, type ComposeService } from './compose-projects';
import { isRunningWorkload, workloadElement } from './elements';
import { envFlows, type EnvClient } from './env-flows';
import { mergeFlows, type FlowDraft, type MergedFlow } from './flow-merge';
import { INTERNET_BOUNDARY, INTERNET_ELEMENT, compareIds, externalElementId, flowId } from './ids';
import { kubernetesCluster, namespaceOf, type KubernetesCluster } from './kubernetes-cluster';
import { kubernetesExposureFlows } from './kubernetes-flows';
import { overlayEncryption } from './protection';
import { publishedPortFlows } from './published-ports';
import { buildReachability } from './reachability';
import type { DataFlow, Topology, TopologyElement } from './types';

type Elements = Map<string, TopologyElement>;
type Dockerfiles = ReadonlyMap<string, DockerfileInfo>;

/**
 * Turns imported workloads into the system a diagram shows (DESIGN §2: workloads → topology):
 * elements, nested trust boundaries, data flows with their transport protection, and network
 * reachability. Pure and deterministic: ids derive from the input, every list is sorted, and the
 * result does not depend on the order of workloads in the bundle.
 */
export function buildTopology(bundle: ImportBundle): Topology {
  const diagnostics: Diagnostic[] = [];
  const dockerfiles: Dockerfiles = new Map(bundle.dockerfiles.map((d) => [d.path, d]));
  const running = bundle.workloads.filter(isRunningWorkload);
  const projects = composeProjects(
    running.filter((w) => w.platform !== 'kubernetes'),
    bundle.networks,
    diagnostics,
  );
  const cluster = kubernetesCluster(
    running.filter((w) => w.platform === 'kubernetes'),
    bundle,
    diagnostics,
  );

  const registry = new BoundaryRegistry();
  const elements: Elements = new Map();
  const clients: EnvClient[] = [];
  for (const project of projects) placeProject(project, registry, elements, dockerfiles, clients);
  if (cluster) placeCluster(cluster, registry, elements, dockerfiles, clients);

  const drafts: FlowDraft[] = [];
  for (const project of projects) drafts.push(...composeDependencyFlows(project, elements, diagnostics));
  for (const workload of running) drafts.push(...publishedPortFlows(workload));
  if (cluster) drafts.push(...kubernetesExposureFlows(cluster, bundle.ingresses, diagnostics));
  const env = envFlows(clients, elements, cluster, dockerfiles, diagnostics);
  drafts.push(...env.drafts);
  placeInternet(drafts, env.externals, registry, elements);

  const services = new Map<string, { service: ComposeService; project: ComposeProject }>();
  for (const project of projects)
    for (const service of project.services) services.set(service.element, { service, project });
  const flows = mergeFlows(drafts)
    .map((flow) => finishFlow(flow, registry, elements, services))
    .sort((a, b) => compareIds(a.id, b.id));

  const reachability = buildReachability(projects, cluster, bundle.networkPolicies, diagnostics);
  return {
    elements: [...elements.values()].sort((a, b) => compareIds(a.id, b.id)),
    boundaries: registry.list(),
    flows,
    reachability,
    diagnostics: diagnostics.sort(compareDiagnostics),
  };
}

function placeProject(
  project: ComposeProject,
  registry: BoundaryRegistry,
  elements: Elements,
  dockerfiles: Dockerfiles,
  clients: EnvClient[],
): void {
  const name = `Docker host (${project.name})`;
  registry.add({ id: project.hostBoundary, kind: 'host', name, at: project.at });
  for (const network of project.networks.values()) {
    const boundary = {
      id: network.boundary,
      kind: 'network' as const,
      name: network.name,
      parent: project.hostBoundary,
      internal: network.internal,
      encrypted: network.encrypted,
      external: network.external,
    };
    registry.add(network.at ? { ...boundary, at: network.at } : boundary);
  }
  addElement(registry, elements, {
    id: project.hostElement,
    kind: 'host',
    name,
    boundary: project.hostBoundary,
    memberOf: [project.hostBoundary],
    at: project.at,
  });
  for (const service of project.services) {
    const networks = service.networks.map((n) => project.networks.get(n)!.boundary);
    const boundary = networks.length === 1 ? networks[0]! : project.hostBoundary;
    const memberOf = [...new Set([boundary, ...networks])].sort(compareIds);
    addElement(
      registry,
      elements,
      workloadElement(service.workload, { boundary, memberOf, runsOn: project.hostElement }, dockerfiles),
    );
    clients.push({
      workload: service.workload,
      scope: { platform: 'docker', project, links: linkAliases(project, service.workload.dependsOn) },
    });
  }
}

function placeCluster(
  cluster: KubernetesCluster,
  registry: BoundaryRegistry,
  elements: Elements,
  dockerfiles: Dockerfiles,
  clients: EnvClient[],
): void {
  const name = 'Kubernetes cluster';
  registry.add({ id: cluster.boundary, kind: 'cluster', name, at: cluster.at });
  for (const namespace of cluster.namespaces.values()) {
    registry.add({
      id: namespace.boundary,
      kind: 'namespace',
      name: namespace.name,
      parent: cluster.boundary,
      labels: cluster.pods.namespaceLabels(namespace.name),
      at: namespace.at,
    });
  }
  addElement(registry, elements, {
    id: cluster.element,
    kind: 'cluster',
    name,
    boundary: cluster.boundary,
    memberOf: [cluster.boundary],
    at: cluster.at,
  });
  for (const workload of cluster.workloads) {
    const namespace = namespaceOf(workload);
    const boundary = cluster.namespaces.get(namespace)!.boundary;
    addElement(
      registry,
      elements,
      workloadElement(workload, { boundary, memberOf: [boundary], runsOn: cluster.element }, dockerfiles),
    );
    clients.push({ workload, scope: { platform: 'kubernetes', namespace } });
  }
}

/** The internet element exists when something is published; external services are placed in the
 * internet boundary, since nothing in the configs says where else they run. */
function placeInternet(
  drafts: FlowDraft[],
  externals: Map<string, SourceRef>,
  registry: BoundaryRegistry,
  elements: Elements,
): void {
  const published = earliestSourceRef(
    drafts.filter((d) => d.from === INTERNET_ELEMENT).map((d) => d.origin.at),
  );
  if (!published && externals.size === 0) return;
  registry.add({ id: INTERNET_BOUNDARY, kind: 'internet', name: 'Internet' });
  const inInternet = { boundary: INTERNET_BOUNDARY, memberOf: [INTERNET_BOUNDARY] };
  if (published) {
    addElement(registry, elements, {
      id: INTERNET_ELEMENT,
      kind: 'internet',
      name: 'Internet',
      ...inInternet,
      at: published,
    });
  }
  for (const [host, at] of externals) {
    addElement(registry, elements, {
      id: externalElementId(host),
      kind: 'external',
      name: host,
      ...inInternet,
      at,
    });
  }
}

function addElement(registry: BoundaryRegistry, elements: Elements, element: TopologyElement): void {
  elements.set(element.id, element);
  registry.place(element);
}

function finishFlow(
  merged: MergedFlow,
  registry: BoundaryRegistry,
  elements: Elements,
  services: Map<string, { service: ComposeService; project: ComposeProject }>,
): DataFlow {
  let protection = merged.protection;
  let evidence = merged.protectionEvidence;
  const from = services.get(merged.from);
  const to = services.get(merged.to);
  if (
    (protection === 'none' || protection === 'unknown') &&
    from &&
    to &&
    from.project === to.project &&
    from.project.encrypted
  ) {
    const overlay = overlayEncryption(from.service, to.service, from.project);
    if (overlay) {
      protection = 'ipsec';
      evidence = overlay;
    }
  }
  const crossed = crossedBoundaries(registry, elements.get(merged.from)!, elements.get(merged.to)!);
  // Keys are added in the order of DataFlow, which is the order they are written out in.
  const flow = {
    id: flowId(merged.from, merged.to, merged.protocol, merged.port),
    from: merged.from,
    to: merged.to,
    protocol: merged.protocol,
  } as DataFlow;
  if (merged.port !== undefined) flow.port = merged.port;
  flow.protection = protection;
  if (evidence) flow.protectionEvidence = evidence;
  flow.crossesBoundary = crossed.length > 0;
  flow.boundariesCrossed = crossed;
  flow.carriesCredentials = merged.credentials !== undefined;
  if (merged.credentials) flow.credentialEvidence = merged.credentials;
  flow.inferredFrom = merged.origins;
  flow.at = evidence?.at ?? merged.origins[0]!.at;
  return flow;
}
