import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import { canonicalCapability } from '../coerce';
import type { Container, EnvVar, HostSharing, Mount, Resources, Workload } from '../workload';
import { dockerfileOf } from './build';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import { envFileVariables } from './environment';
import { keyedValues as values, type Keyed, type ServiceFields, type ServiceLayer } from './layer';
import { DEFAULT_NETWORK } from './networks';
import type { ProjectResources } from './resources';
import { effectiveSecurityOptions } from './security-opt';
import type { ImportSession } from './session';
import { apiSocketMount } from './volumes';

/** What every service of a project is built against. */
export interface ProjectScope {
  session: ImportSession;
  name: string;
  resources: ProjectResources;
  /** `container_name` → service name, to resolve `container:<name>` references. */
  containerNames: Map<string, string>;
  /** Networks some service joins, with the first place that joins it. */
  usedNetworks: Map<string, SourceRef>;
}

function workloadId(project: string, service: string): string {
  return `compose:${project}/${service}`;
}

/** Turns a service's merged layer into the normalized Workload with one container. */
export function buildWorkload(project: ProjectScope, layer: ServiceLayer): Workload {
  const f = layer.fields;
  const workload: Workload = {
    id: workloadId(project.name, layer.name),
    name: layer.name,
    kind: 'compose-service',
    platform: 'docker',
    namespace: project.name,
    at: layer.at,
    labels: record(f.labels),
    podLabels: {},
    annotations: record(f.annotations),
    containers: [buildContainer(project, layer)],
    host: hostSharing(f),
    sysctls: values(f.sysctls),
    networks: [],
    sharesNamespacesWith: sharedNamespaces(project, f),
    dependsOn: dependenciesOf(f),
    secrets: secretsOf(project, f),
  };
  if (!f.network_mode) {
    workload.networks = values(f.networks).map((n) => n.name);
    if (workload.networks.length === 0) noteNetwork(project, DEFAULT_NETWORK, layer.at);
    for (const network of workload.networks) noteNetwork(project, network.value, network.at);
  }
  const aliases = aliasesOf(layer);
  if (aliases.length > 0) workload.aliases = aliases;
  const replicas = f.scale ?? f.deploy?.replicas;
  if (replicas) workload.replicas = replicas.value;
  if (f.profiles) workload.profiles = values(f.profiles).map((p) => p.value);
  return workload;
}

function buildContainer(project: ProjectScope, layer: ServiceLayer): Container {
  const f = layer.fields;
  const capDrop = values(f.cap_drop);
  const container: Container = {
    name: f.container_name?.value ?? layer.name,
    role: 'main',
    at: layer.at,
    capAdd: values(f.cap_add).map((c) => fact(canonicalCapability(c.value), c.at)),
    capDrop: capDrop.map((c) => fact(canonicalCapability(c.value), c.at)),
    mounts: mountsOf(project, f),
    devices: concat(values(f.devices), f.device_cgroup_rules?.values(), f.gpus, f.deploy?.devices),
    ports: concat(...values(f.ports), ...values(f.expose)),
    env: environmentOf(project.session, f),
    envFiles: values(f.env_file).map((ref) => fact(ref.path, ref.at)),
    resources: resourcesOf(f),
  };
  // Kubernetes PSS compares with the literal "ALL"; Docker itself accepts any case.
  if (capDrop.some((c) => c.value.trim() === 'ALL')) container.capDropAllExact = true;
  if (f.image) container.image = f.image;
  if (f.privileged) container.privileged = f.privileged;
  if (f.read_only) container.readOnlyRootFilesystem = f.read_only;
  if (f.user) container.user = f.user;
  const security = effectiveSecurityOptions(values(f.security_opt));
  if (security.noNewPrivileges) container.noNewPrivileges = security.noNewPrivileges;
  if (security.seccomp) container.seccomp = security.seccomp;
  if (security.apparmor) container.apparmor = security.apparmor;
  if (security.selinux) container.selinux = security.selinux;
  if (security.procMount) container.procMount = security.procMount;
  const healthcheck = f.healthcheck?.disable?.value
    ? fact(false, f.healthcheck.disable.at)
    : f.healthcheck?.test;
  if (healthcheck) container.healthcheck = healthcheck;
  const dockerfile = f.build && dockerfileOf(f.build);
  if (dockerfile) container.dockerfile = dockerfile;
  if (dockerfile && f.build?.target) container.buildTarget = f.build.target;
  return container;
}

/** container_name, hostname and network aliases: other names other services may connect to. */
function aliasesOf(layer: ServiceLayer): Fact<string>[] {
  const f = layer.fields;
  const out: Fact<string>[] = [];
  const add = (alias: Fact<string> | undefined) => {
    if (alias && alias.value !== layer.name && !out.some((a) => a.value === alias.value)) out.push(alias);
  };
  add(f.container_name);
  add(f.hostname);
  for (const network of f.networks?.values() ?? []) network.aliases.forEach(add);
  return out;
}

/** depends_on targets, then services reached only through links. */
function dependenciesOf(f: ServiceFields): Fact<string>[] {
  if (!f.links) return values(f.depends_on);
  const out = new Map(f.depends_on);
  for (const [service, link] of f.links) if (!out.has(service)) out.set(service, link);
  return values(out);
}

function hostSharing(f: ServiceFields): HostSharing {
  const host: HostSharing = {};
  if (f.pid) host.pid = f.pid;
  if (f.ipc) host.ipc = f.ipc;
  if (f.uts) host.uts = f.uts;
  if (f.network_mode) host.network = f.network_mode;
  if (f.userns_mode?.value === 'host') host.userns = fact('host', f.userns_mode.at);
  return host;
}

/**
 * `service:x` and `container:x` in network_mode, pid and ipc. The value is the service name when
 * the reference names a service of the project (directly or by its container_name), otherwise
 * `container:<name>` as written.
 */
function sharedNamespaces(project: ProjectScope, f: ServiceFields): Fact<string>[] {
  const out: Fact<string>[] = [];
  for (const mode of [f.network_mode, f.pid, f.ipc]) {
    const colon = mode ? mode.value.indexOf(':') : -1;
    if (!mode || colon === -1) continue;
    const kind = mode.value.slice(0, colon);
    const target = mode.value.slice(colon + 1).trim();
    if (target === '' || (kind !== 'service' && kind !== 'container')) continue;
    const service = kind === 'service' ? target : project.containerNames.get(target);
    const value = service ?? `container:${target}`;
    if (!out.some((s) => s.value === value)) out.push(fact(value, mode.at));
  }
  return out;
}

function mountsOf(project: ProjectScope, f: ServiceFields): Mount[] {
  const mounts: Mount[] = [];
  for (const mount of values(f.volumes)) mounts.push(resolveNamedVolume(project, mount));
  mounts.push(...values(f.tmpfs));
  if (f.use_api_socket?.value) mounts.push(apiSocketMount(f.use_api_socket.at));
  for (const use of values(f.secrets))
    mounts.push({ kind: 'secret', name: use.name, target: use.target, readOnly: true, at: use.at });
  for (const use of values(f.configs)) {
    checkDeclared(project, project.resources.configs, use.name, 'config', use.at);
    mounts.push({ kind: 'config', name: use.name, target: use.target, readOnly: true, at: use.at });
  }
  return mounts;
}

/** A named volume whose declaration binds a host directory becomes that bind mount, cited at the
 * line that names the host path. */
function resolveNamedVolume(project: ProjectScope, mount: Mount): Mount {
  if (mount.kind !== 'volume' || mount.name === undefined) return mount;
  const declaration = project.resources.volumes.get(mount.name);
  if (!declaration) {
    project.session.report(
      D.COMPOSE_UNDEFINED_VOLUME,
      `volume "${mount.name}" is not declared under the top-level volumes key`,
      mount.at,
    );
    return mount;
  }
  if (!declaration.hostPath) return mount;
  return { ...mount, kind: 'bind', hostPath: declaration.hostPath.value, at: declaration.hostPath.at };
}

/** env_file variables first, then `environment` over them by name, then build args. */
function environmentOf(session: ImportSession, f: ServiceFields): EnvVar[] {
  if (!f.env_file && !f.build?.args) return values(f.environment);
  const env: Keyed<EnvVar> = new Map();
  for (const ref of values(f.env_file)) for (const v of envFileVariables(session, ref)) env.set(v.name, v);
  for (const v of values(f.environment)) env.set(v.name, v);
  return [...env.values(), ...values(f.build?.args)];
}

function resourcesOf(f: ServiceFields): Resources {
  const resources: Resources = {};
  const memoryLimit = f.deploy?.memoryLimit ?? f.mem_limit;
  const cpuLimit = f.deploy?.cpuLimit ?? f.cpus;
  const pidsLimit = f.deploy?.pidsLimit ?? f.pids_limit;
  const memoryRequest = f.deploy?.memoryRequest ?? f.mem_reservation;
  const cpuRequest = f.deploy?.cpuRequest;
  if (memoryLimit) resources.memoryLimit = memoryLimit;
  if (cpuLimit) resources.cpuLimit = cpuLimit;
  if (pidsLimit) resources.pidsLimit = pidsLimit;
  if (memoryRequest) resources.memoryRequest = memoryRequest;
  if (cpuRequest) resources.cpuRequest = cpuRequest;
  return resources;
}

function secretsOf(project: ProjectScope, f: ServiceFields): Fact<string>[] {
  return values(f.secrets).map((use) => {
    checkDeclared(project, project.resources.secrets, use.name, 'secret', use.at);
    return fact(use.name, use.at);
  });
}

function checkDeclared(
  project: ProjectScope,
  declared: Keyed<unknown>,
  name: string,
  kind: string,
  at: SourceRef,
) {
  if (!declared.has(name))
    project.session.report(
      D.COMPOSE_UNDEFINED_SECRET,
      `${kind} "${name}" is not declared under the top-level ${kind}s key`,
      at,
    );
}

function noteNetwork(project: ProjectScope, name: string, at: SourceRef): void {
  if (!project.usedNetworks.has(name)) project.usedNetworks.set(name, at);
}

/** The items of several optional lists, in order, as one new array. */
function concat<T>(...lists: (Iterable<T> | undefined)[]): T[] {
  const out: T[] = [];
  for (const list of lists) if (list) for (const item of list) out.push(item);
  return out;
}

function record(keyed: Keyed<string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!keyed) return out;
  for (const [key, value] of keyed) {
    if (key === '__proto__')
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
