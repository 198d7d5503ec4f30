import type { NetworkDef, Workload } from '../import/workload';
import { diagnosticAt, type Diagnostic } from '../source/diagnostic';
import { earliestSourceRef, type SourceRef } from '../source/source-ref';
import { TOPOLOGY_DIAGNOSTICS as D } from './diagnostics';
import { compareIds, hostBoundaryId, hostElementId, networkBoundaryId } from './ids';
import { addTo } from './multimap';

/** How a compose service (or an inspected container) is attached to networks. */
export type NetworkMode = 'bridge' | 'host' | 'none';

export interface ComposeService {
  workload: Workload;
  /** Element id (the workload id). */
  element: string;
  mode: NetworkMode;
  /** Names of the project networks the service is attached to (sorted); empty for `host`/`none`. */
  networks: string[];
}

export interface ComposeNetwork {
  name: string;
  boundary: string;
  /** Reachability group key: external networks are one network shared by name across projects. */
  groupKey: string;
  internal: boolean;
  encrypted: boolean;
  external: boolean;
  at?: SourceRef;
  /** Element ids of attached services, in input order. */
  members: string[];
}

/**
 * One Docker host's worth of containers: a compose project, or the containers of `docker inspect`
 * and OCI bundles grouped by their namespace. Compose resolves service names per project, so name
 * lookup is per project too.
 */
export interface ComposeProject {
  name: string;
  hostElement: string;
  hostBoundary: string;
  services: ComposeService[];
  networks: Map<string, ComposeNetwork>;
  /** Service names, `container_name`s, hostnames and network aliases → element id. */
  byName: Map<string, string>;
  /** Some network of the project is an encrypted overlay. */
  encrypted: boolean;
  at: SourceRef;
}

/** Groups Docker-platform workloads by project and attaches each to its networks. */
export function composeProjects(
  workloads: Workload[],
  networkDefs: NetworkDef[],
  diagnostics: Diagnostic[],
): ComposeProject[] {
  const byProject = new Map<string, Workload[]>();
  for (const workload of workloads) addTo(byProject, workload.namespace ?? workload.platform, workload);
  const defsByProject = new Map<string, Map<string, NetworkDef>>();
  for (const def of networkDefs) {
    let defs = defsByProject.get(def.project);
    if (!defs) defsByProject.set(def.project, (defs = new Map()));
    defs.set(def.name, def);
  }
  return [...byProject.keys()]
    .sort()
    .map((name) =>
      buildProject(name, byProject.get(name)!, defsByProject.get(name) ?? new Map(), diagnostics),
    );
}

function buildProject(
  name: string,
  workloads: Workload[],
  defs: Map<string, NetworkDef>,
  diagnostics: Diagnostic[],
): ComposeProject {
  const project: ComposeProject = {
    name,
    hostElement: hostElementId(name),
    hostBoundary: hostBoundaryId(name),
    services: [],
    networks: new Map(),
    byName: new Map(),
    encrypted: false,
    at: earliestSourceRef(workloads.map((w) => w.at))!,
  };
  registerNames(project.byName, workloads);

  const byId = new Map(workloads.map((w) => [w.id, w]));
  for (const workload of workloads) {
    const attachment = resolveAttachment(workload, byId, project.byName, diagnostics);
    const service: ComposeService = {
      workload,
      element: workload.id,
      mode: attachment.mode,
      networks: [...new Set(attachment.networks)].sort(),
    };
    project.services.push(service);
    for (const network of service.networks) networkOf(project, defs, network).members.push(service.element);
  }
  // Declared networks nobody joins are still boundaries on the diagram.
  for (const def of defs.values()) networkOf(project, defs, def.name);
  project.encrypted = [...project.networks.values()].some((n) => n.encrypted);
  return project;
}

/** Service names first: a service name wins over another service's alias, as in Docker's
 * embedded DNS. Then `container_name`s, hostnames and aliases; where two services claim the same
 * alias, the one with the smaller id keeps it, whatever the input order. */
function registerNames(byName: Map<string, string>, workloads: Workload[]): void {
  for (const workload of workloads) byName.set(workload.name.toLowerCase(), workload.id);
  for (const workload of [...workloads].sort((a, b) => compareIds(a.id, b.id))) {
    const aliases = (workload.aliases ?? []).map((a) => a.value);
    if (workload.kind === 'compose-service') aliases.push(...workload.containers.map((c) => c.name));
    for (const alias of aliases) {
      const key = alias.toLowerCase();
      if (!byName.has(key)) byName.set(key, workload.id);
    }
  }
}

/** The attachment a workload states itself, for any `network_mode` other than `service:x`. */
function ownAttachment(workload: Workload): { mode: NetworkMode; networks: string[] } {
  const mode = workload.host.network?.value;
  if (mode === 'host') return { mode: 'host', networks: [] };
  if (mode === 'none') return { mode: 'none', networks: [] };
  if (mode && !mode.startsWith('service:') && !mode.startsWith('container:')) {
    // `network_mode: bridge` (Docker's default bridge) or a network by name.
    return { mode: 'bridge', networks: [mode] };
  }
  const networks = workload.networks.map((n) => n.value);
  return { mode: 'bridge', networks: networks.length > 0 ? networks : ['default'] };
}

const SHARED_NAMESPACE = /^(service|container):(.+)$/;

/** Follows `network_mode: service:x` (x's network namespace, so x's networks) to the workload
 * that states its own attachment. A missing or cyclic target leaves the service unattached. */
function resolveAttachment(
  workload: Workload,
  byId: Map<string, Workload>,
  byName: Map<string, string>,
  diagnostics: Diagnostic[],
): { mode: NetworkMode; networks: string[] } {
  let current = workload;
  let seen: Set<string> | undefined;
  for (;;) {
    const mode = current.host.network;
    const shared = mode && SHARED_NAMESPACE.exec(mode.value);
    if (!mode || !shared) return ownAttachment(current);
    seen ??= new Set([workload.id]);
    const next = byId.get(byName.get(shared[2]!.toLowerCase()) ?? '');
    if (!next || seen.has(next.id)) {
      // `container:x` may name a container outside the project; only `service:x` must resolve.
      if (!next && shared[1] === 'service' && current === workload) {
        diagnostics.push(
          diagnosticAt(
            D.TOPOLOGY_UNKNOWN_SHARED_NAMESPACE,
            `network_mode names the unknown service "${shared[2]}"`,
            mode.at,
          ),
        );
      }
      return { mode: 'none', networks: [] };
    }
    seen.add(next.id);
    current = next;
  }
}

function networkOf(project: ComposeProject, defs: Map<string, NetworkDef>, name: string): ComposeNetwork {
  let network = project.networks.get(name);
  if (network) return network;
  const def = defs.get(name);
  network = {
    name,
    boundary: networkBoundaryId(project.name, name),
    groupKey: def?.external ? `external/${def.name}` : `${project.name}/${name}`,
    internal: def?.internal ?? false,
    encrypted: def?.encrypted ?? false,
    external: def?.external ?? false,
    members: [],
  };
  if (def) network.at = def.at;
  project.networks.set(name, network);
  return network;
}
