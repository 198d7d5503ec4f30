import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import { canonicalCapability, isRecord } from '../coerce';
import { parseUser } from '../compose/user';
import type { Container, EnvVar, Sysctl, Workload } from '../workload';
import { readDevices } from './devices';
import { readMounts } from './mounts';
import { readPorts } from './ports';
import { readResources } from './resources';
import { readSecurity } from './security';
import type { TypedFields } from './typed-fields';

/**
 * One container of `docker inspect` output (the Engine API's `ContainerInspectResponse`) as a
 * workload of kind `container` on platform `docker`, with one container of the same name.
 * Zero, -1 and null mean "no limit" for Memory, NanoCpus, CpuShares and PidsLimit, so they set
 * nothing; an empty `Config.User` is the image's default user and sets nothing either.
 */
export interface InspectedContainer {
  value: Record<string, unknown>;
  name: string;
  /** Path prefix of this container's fields: `[0].` in an array, empty for a lone object. */
  prefix: string;
  at: SourceRef;
}

/** Finds other containers of the same file: by id or name (`container:<x>` namespace modes), and
 * by compose project and service (compose's depends_on label names services). */
export interface ContainerResolver {
  byReference(reference: string): string;
  byService(project: string, service: string): string;
}

const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_DEPENDS_ON = 'com.docker.compose.depends_on';
const LEADING_SLASH = /^\//;

export function readInspectedContainer(
  fields: TypedFields,
  entry: InspectedContainer,
  resolve: ContainerResolver,
): Workload {
  const { value: c, prefix } = entry;
  const config = fields.object(c, 'Config', `${prefix}Config`);
  const hostConfig = fields.object(c, 'HostConfig', `${prefix}HostConfig`);
  const settings = fields.object(c, 'NetworkSettings', `${prefix}NetworkSettings`);
  const labels = config ? fields.stringRecord(config, 'Labels', `${prefix}Config.Labels`) : {};
  const container = readContainer(fields, entry, config, hostConfig, settings);
  const workload: Workload = {
    id: `container:${entry.name}`,
    name: entry.name,
    kind: 'container',
    platform: 'docker',
    at: entry.at,
    labels,
    podLabels: {},
    annotations: {},
    containers: [container],
    host: {},
    sysctls: hostConfig ? readSysctls(fields, hostConfig, `${prefix}HostConfig.Sysctls`) : [],
    networks: [],
    sharesNamespacesWith: [],
    dependsOn: [],
    secrets: [],
  };
  const project = labels[COMPOSE_PROJECT];
  if (project) workload.namespace = project;
  if (hostConfig) readNamespaces(fields, hostConfig, prefix, resolve, workload);
  readNetworks(fields, c, settings, hostConfig, prefix, workload);
  readDependencies(fields, config, hostConfig, resolve, prefix, workload);
  return workload;
}

function readContainer(
  fields: TypedFields,
  entry: InspectedContainer,
  config: Record<string, unknown> | undefined,
  hostConfig: Record<string, unknown> | undefined,
  settings: Record<string, unknown> | undefined,
): Container {
  const { value: c, prefix } = entry;
  const h = `${prefix}HostConfig`;
  const container: Container = {
    name: entry.name,
    role: 'main',
    at: entry.at,
    capAdd: hostConfig ? capabilities(fields, hostConfig, 'CapAdd', `${h}.CapAdd`) : [],
    capDrop: hostConfig ? capabilities(fields, hostConfig, 'CapDrop', `${h}.CapDrop`) : [],
    mounts: readMounts(fields, c, hostConfig, prefix),
    devices: hostConfig ? readDevices(fields, hostConfig, h) : [],
    ports: readPorts(fields, settings, config, hostConfig, prefix),
    env: config ? readEnv(fields, config, `${prefix}Config.Env`) : [],
    envFiles: [],
    resources: hostConfig ? readResources(fields, hostConfig, h) : {},
  };
  if (hostConfig) {
    const privileged = booleanFact(fields, hostConfig, 'Privileged', `${h}.Privileged`);
    if (privileged) container.privileged = privileged;
    const readOnly = booleanFact(fields, hostConfig, 'ReadonlyRootfs', `${h}.ReadonlyRootfs`);
    if (readOnly) container.readOnlyRootFilesystem = readOnly;
  }
  const security = readSecurity(fields, c, hostConfig, prefix);
  if (security.noNewPrivileges) container.noNewPrivileges = security.noNewPrivileges;
  if (security.seccomp) container.seccomp = security.seccomp;
  if (security.apparmor) container.apparmor = security.apparmor;
  if (security.selinux) container.selinux = security.selinux;
  if (security.procMount) container.procMount = security.procMount;
  if (config) {
    const user = fields.string(config, 'User', `${prefix}Config.User`);
    const spec = user === undefined ? undefined : parseUser(user);
    if (spec) container.user = fact(spec, fields.at(config, 'User', `${prefix}Config.User`));
    const healthcheck = readHealthcheck(fields, config, `${prefix}Config.Healthcheck`);
    if (healthcheck) container.healthcheck = healthcheck;
  }
  const image = readImage(fields, c, config, prefix);
  if (image) container.image = image;
  return container;
}

function booleanFact(
  fields: TypedFields,
  mapping: Record<string, unknown>,
  key: string,
  path: string,
): Fact<boolean> | undefined {
  const value = fields.boolean(mapping, key, path);
  return value === undefined ? undefined : fact(value, fields.at(mapping, key, path));
}

function capabilities(
  fields: TypedFields,
  hostConfig: Record<string, unknown>,
  key: string,
  path: string,
): Fact<string>[] {
  const list = fields.array(hostConfig, key, path);
  if (!list) return [];
  return fields
    .strings(list, path)
    .filter((item) => item.value.trim() !== '')
    .map((item) =>
      fact(canonicalCapability(item.value), fields.itemAt(list, item.index, `${path}[${item.index}]`)),
    );
}

/** `Config.Image` as the user wrote it; the top-level `Image` (an image id) when it is empty. */
function readImage(
  fields: TypedFields,
  c: Record<string, unknown>,
  config: Record<string, unknown> | undefined,
  prefix: string,
): Fact<string> | undefined {
  const written = config ? fields.string(config, 'Image', `${prefix}Config.Image`)?.trim() : undefined;
  if (written) return fact(written, fields.at(config, 'Image', `${prefix}Config.Image`));
  const id = fields.string(c, 'Image', `${prefix}Image`)?.trim();
  return id ? fact(id, fields.at(c, 'Image', `${prefix}Image`)) : undefined;
}

/** `Test: ["NONE"]` disables the image's healthcheck; an empty Test inherits it (unknown here). */
function readHealthcheck(
  fields: TypedFields,
  config: Record<string, unknown>,
  path: string,
): Fact<boolean> | undefined {
  const healthcheck = fields.object(config, 'Healthcheck', path);
  if (!healthcheck) return undefined;
  const test = fields.array(healthcheck, 'Test', `${path}.Test`);
  const first = test ? fields.strings(test, `${path}.Test`)[0]?.value : undefined;
  if (first === undefined) return undefined;
  return fact(first.toUpperCase() !== 'NONE', fields.at(config, 'Healthcheck', path));
}

function readEnv(fields: TypedFields, config: Record<string, unknown>, path: string): EnvVar[] {
  const list = fields.array(config, 'Env', path);
  if (!list) return [];
  return fields.strings(list, path).map(({ value, index }) => {
    const at = fields.itemAt(list, index, `${path}[${index}]`);
    const eq = value.indexOf('=');
    if (eq < 0) return { name: value, from: 'passthrough' as const, at };
    return { name: value.slice(0, eq), value: value.slice(eq + 1), from: 'literal' as const, at };
  });
}

function readSysctls(fields: TypedFields, hostConfig: Record<string, unknown>, path: string): Sysctl[] {
  const sysctls = fields.stringRecord(hostConfig, 'Sysctls', path);
  const map = hostConfig.Sysctls;
  return Object.keys(sysctls).map((name) => ({
    name,
    value: sysctls[name]!,
    at: fields.at(map, name, `${path}.${name}`),
  }));
}

/**
 * `host` shares the host's namespace and `none` (network) has none, recorded as written;
 * `container:<id or name>` joins another container's namespace and is recorded as
 * `container:<name>`, the name resolved when that container is in the same file, and also in
 * `sharesNamespacesWith`. Other modes (`private`, `shareable`, a network name) are defaults or
 * network attachments and set nothing here.
 */
function readNamespaces(
  fields: TypedFields,
  hostConfig: Record<string, unknown>,
  prefix: string,
  resolve: ContainerResolver,
  workload: Workload,
): void {
  const modes: [string, 'pid' | 'ipc' | 'network' | 'uts'][] = [
    ['PidMode', 'pid'],
    ['IpcMode', 'ipc'],
    ['NetworkMode', 'network'],
    ['UTSMode', 'uts'],
  ];
  const shared = new Set<string>();
  for (const [key, field] of modes) {
    const path = `${prefix}HostConfig.${key}`;
    const mode = fields.string(hostConfig, key, path)?.trim();
    if (!mode) continue;
    const at = fields.at(hostConfig, key, path);
    if (mode === 'host' || (mode === 'none' && field === 'network')) {
      workload.host[field] = fact(mode, at);
    } else if (mode.startsWith('container:')) {
      const target = resolve.byReference(mode.slice('container:'.length));
      if (target === '') continue;
      workload.host[field] = fact(`container:${target}`, at);
      if (!shared.has(target)) {
        shared.add(target);
        workload.sharesNamespacesWith.push(fact(target, at));
      }
    }
  }
  const usernsPath = `${prefix}HostConfig.UsernsMode`;
  if (fields.string(hostConfig, 'UsernsMode', usernsPath)?.trim() === 'host') {
    workload.host.userns = fact('host', fields.at(hostConfig, 'UsernsMode', usernsPath));
  }
}

/** Networks the container joined (`NetworkSettings.Networks`, or the network `NetworkMode`
 * names when the container has not run), and the aliases it answers to on them. A container on
 * the host network, on none, or in another container's network namespace joins none itself. */
function readNetworks(
  fields: TypedFields,
  c: Record<string, unknown>,
  settings: Record<string, unknown> | undefined,
  hostConfig: Record<string, unknown> | undefined,
  prefix: string,
  workload: Workload,
): void {
  if (workload.host.network) return;
  const path = `${prefix}NetworkSettings.Networks`;
  const networks = settings ? fields.object(settings, 'Networks', path) : undefined;
  const names = networks ? Object.keys(networks) : [];
  if (names.length === 0) {
    const modePath = `${prefix}HostConfig.NetworkMode`;
    const mode =
      hostConfig && typeof hostConfig.NetworkMode === 'string' ? hostConfig.NetworkMode.trim() : '';
    if (mode !== '' && mode !== 'default')
      workload.networks.push(fact(mode, fields.at(hostConfig, 'NetworkMode', modePath)));
    return;
  }
  const id = typeof c.Id === 'string' ? c.Id : '';
  const aliases: Fact<string>[] = [];
  for (const name of names) {
    workload.networks.push(fact(name, fields.at(networks, name, `${path}.${name}`)));
    const network = fields.object(networks!, name, `${path}.${name}`);
    const list = network ? fields.array(network, 'Aliases', `${path}.${name}.Aliases`) : undefined;
    for (const { value, index } of list ? fields.strings(list, `${path}.${name}.Aliases`) : []) {
      // The short container id is always an alias; it names nothing a user wrote.
      if (value === workload.name || (id !== '' && id.startsWith(value))) continue;
      if (aliases.some((a) => a.value === value)) continue;
      aliases.push(fact(value, fields.itemAt(list, index, `${path}.${name}.Aliases[${index}]`)));
    }
  }
  if (aliases.length > 0) workload.aliases = aliases;
}

/** Legacy `--link` targets and the dependencies compose records in a label. */
function readDependencies(
  fields: TypedFields,
  config: Record<string, unknown> | undefined,
  hostConfig: Record<string, unknown> | undefined,
  resolve: ContainerResolver,
  prefix: string,
  workload: Workload,
): void {
  const labels = workload.labels;
  const seen = new Set<string>();
  const add = (name: string, at: SourceRef): void => {
    if (name === '' || seen.has(name)) return;
    seen.add(name);
    workload.dependsOn.push(fact(name, at));
  };
  const linksPath = `${prefix}HostConfig.Links`;
  const links = hostConfig ? fields.array(hostConfig, 'Links', linksPath) : undefined;
  for (const { value, index } of links ? fields.strings(links, linksPath) : []) {
    // "/db:/web/db": the linked container, then the alias inside this one.
    const target = value.split(':')[0]!.replace(LEADING_SLASH, '');
    add(resolve.byReference(target), fields.itemAt(links, index, `${linksPath}[${index}]`));
  }
  const dependsOn = labels[COMPOSE_DEPENDS_ON];
  if (dependsOn && config && isRecord(config.Labels)) {
    const at = fields.at(config.Labels, COMPOSE_DEPENDS_ON, `${prefix}Config.Labels.${COMPOSE_DEPENDS_ON}`);
    // "db:service_started:false,cache:service_healthy:true"
    const project = labels[COMPOSE_PROJECT] ?? '';
    for (const entry of dependsOn.split(','))
      add(resolve.byService(project, entry.split(':')[0]!.trim()), at);
  }
}
