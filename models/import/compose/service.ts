import { fact, type SourceRef } from '../../source/source-ref';
import { canonicalCapability, isRecord } from '../coerce';
import type { Sysctl } from '../workload';
import { readBuild } from './build';
import { readDeploy } from './deploy';
import { readDependsOn, readLinks, readVolumesFrom } from './dependencies';
import { readDevices, readGpus } from './devices';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import { readEnvFiles, readEnvironment } from './environment';
import type { FileScope } from './file-scope';
import { readKeyValues } from './key-values';
import { IGNORED_SERVICE_KEYS } from './known-keys';
import type { HealthcheckFields, Keyed, ServiceLayer } from './layer';
import { readServiceNetworks } from './networks';
import { readExpose, readPorts } from './ports';
import { readResourceUses } from './secrets';
import { readSecurityOpt } from './security-opt';
import { ServiceReader } from './service-reader';
import { parseUser } from './user';
import { readTmpfs, readVolumes } from './volumes';

/** Most services tag nothing: they share one empty list. */
const NONE: readonly string[] = Object.freeze([]);

/** Reads one compose key of a service into the reader's fields. */
type KeyHandler = (reader: ServiceReader) => void;

const namespaceMode = (key: 'pid' | 'ipc' | 'uts' | 'network_mode' | 'userns_mode'): KeyHandler => {
  return (r) => {
    const value = r.nonEmptyString(key, 'a mode such as "host" or "service:name"');
    if (value) r.fields[key] = fact(value.value.trim(), value.at);
  };
};

/** Which compose key feeds which field. Keys not listed here are ignored or reported. */
const HANDLERS = new Map<string, KeyHandler>([
  ['image', (r) => (r.fields.image = r.nonEmptyString('image', 'an image reference such as "nginx:1.27"'))],
  ['container_name', (r) => (r.fields.container_name = r.nonEmptyString('container_name'))],
  ['privileged', (r) => (r.fields.privileged = r.boolean('privileged'))],
  ['read_only', (r) => (r.fields.read_only = r.boolean('read_only'))],
  ['use_api_socket', (r) => (r.fields.use_api_socket = r.boolean('use_api_socket'))],
  ['user', readUser],
  ['pid', namespaceMode('pid')],
  ['ipc', namespaceMode('ipc')],
  ['uts', namespaceMode('uts')],
  ['network_mode', namespaceMode('network_mode')],
  ['userns_mode', namespaceMode('userns_mode')],
  ['cap_add', (r) => (r.fields.cap_add = r.stringList('cap_add', 'capabilities', canonicalCapability))],
  ['cap_drop', (r) => (r.fields.cap_drop = r.stringList('cap_drop', 'capabilities', canonicalCapability))],
  ['security_opt', (r) => (r.fields.security_opt = readSecurityOpt(r))],
  ['ports', (r) => (r.fields.ports = readPorts(r))],
  ['expose', (r) => (r.fields.expose = readExpose(r))],
  ['volumes', (r) => (r.fields.volumes = readVolumes(r))],
  ['volumes_from', (r) => (r.fields.volumes_from = readVolumesFrom(r))],
  ['tmpfs', (r) => (r.fields.tmpfs = readTmpfs(r))],
  ['devices', (r) => (r.fields.devices = readDevices(r))],
  [
    'device_cgroup_rules',
    (r) => (r.fields.device_cgroup_rules = r.stringList('device_cgroup_rules', 'rules')),
  ],
  ['gpus', (r) => (r.fields.gpus = readGpus(r))],
  ['sysctls', readSysctls],
  ['environment', (r) => (r.fields.environment = readEnvironment(r))],
  ['env_file', (r) => (r.fields.env_file = readEnvFiles(r))],
  ['labels', (r) => (r.fields.labels = readStringMap(r, 'labels'))],
  ['annotations', (r) => (r.fields.annotations = readStringMap(r, 'annotations'))],
  ['secrets', (r) => (r.fields.secrets = readResourceUses(r, 'secrets'))],
  ['configs', (r) => (r.fields.configs = readResourceUses(r, 'configs'))],
  ['networks', (r) => (r.fields.networks = readServiceNetworks(r))],
  ['hostname', (r) => (r.fields.hostname = r.nonEmptyString('hostname', 'a host name'))],
  ['depends_on', (r) => (r.fields.depends_on = readDependsOn(r))],
  ['links', (r) => (r.fields.links = readLinks(r))],
  ['profiles', (r) => (r.fields.profiles = r.stringList('profiles', 'profile names'))],
  ['healthcheck', readHealthcheck],
  ['build', (r) => (r.fields.build = readBuild(r))],
  ['deploy', (r) => (r.fields.deploy = readDeploy(r))],
  ['mem_limit', (r) => (r.fields.mem_limit = r.nonEmptyString('mem_limit', 'a size such as "512m"'))],
  ['mem_reservation', (r) => (r.fields.mem_reservation = r.nonEmptyString('mem_reservation', 'a size'))],
  ['cpus', (r) => (r.fields.cpus = r.nonEmptyString('cpus', 'a number such as 0.5'))],
  ['pids_limit', (r) => (r.fields.pids_limit = r.number('pids_limit'))],
  ['scale', (r) => (r.fields.scale = r.number('scale'))],
  // Resolved before merging (extends.ts); nothing to record here.
  ['extends', () => undefined],
]);

/**
 * Normalizes one service as written in one file (its `extends` not yet applied). Keys tagged
 * `!reset` are not read: they only drop what earlier layers set.
 */
export function normalizeService(
  scope: FileScope,
  name: string,
  mapping: Record<string, unknown>,
): ServiceLayer {
  const reader = new ServiceReader(scope, name, mapping);
  const services = scope.services;
  const layer: ServiceLayer = {
    name,
    at: scope.keyAt(services, name, reader.base),
    resets: NONE,
    overrides: NONE,
    fields: reader.fields,
  };
  for (const key of Object.keys(mapping)) {
    const tag = scope.tag(mapping, key);
    if (tag === '!reset') {
      layer.resets = [...layer.resets, key];
      continue;
    }
    if (tag === '!override') layer.overrides = [...layer.overrides, key];
    const handler = HANDLERS.get(key);
    if (handler) handler(reader);
    else if (!IGNORED_SERVICE_KEYS.has(key) && !key.startsWith('x-'))
      scope.report(
        D.COMPOSE_UNKNOWN_KEY,
        `"${key}" is not a compose service setting and is ignored; check its spelling`,
        reader.at(key),
      );
  }
  return layer;
}

function readUser(r: ServiceReader): void {
  const value = r.string('user', 'a user such as "1000:1000" or "nginx"');
  const user = value && parseUser(value.value);
  if (value && user) r.fields.user = fact(user, value.at);
}

function readSysctls(r: ServiceReader): void {
  r.fields.sysctls = readKeyValues(r.scope, r.mapping.sysctls, r.at('sysctls'), 'kernel parameters', sysctl);
}

function sysctl(name: string, value: string | undefined, at: SourceRef): Sysctl {
  return { name, value: value ?? '', at };
}

function readStringMap(r: ServiceReader, key: 'labels' | 'annotations'): Keyed<string> | undefined {
  return readKeyValues(r.scope, r.mapping[key], r.at(key), key, (_name, value) => value ?? '');
}

/** `disable: true` and `test: ["NONE"]` turn the image's healthcheck off; a test sets one. */
function readHealthcheck(r: ServiceReader): void {
  const { scope } = r;
  const path = r.path('healthcheck');
  const value = scope.mapping(r.mapping.healthcheck, r.at('healthcheck'), 'a mapping with test or disable');
  if (!value) return;
  const out: HealthcheckFields = {};
  const disable = scope.boolean(value, 'disable', `${path}.disable`);
  if (disable) out.disable = disable;
  if (value.test !== undefined && value.test !== null) {
    const testAt = scope.keyAt(value, 'test', `${path}.test`);
    // Only the list form can say NONE; a string is a shell command.
    const list = Array.isArray(value.test);
    const first = list ? (value.test as unknown[])[0] : value.test;
    const command = scope.string(first, testAt, 'a command string or list')?.trim();
    if (command !== undefined && command !== '') out.test = fact(!(list && command === 'NONE'), testAt);
  }
  r.fields.healthcheck = out;
}

/** Whether a value under `services` can be read as a service definition (null is an empty one). */
export function serviceMapping(
  scope: FileScope,
  name: string,
  value: unknown,
): Record<string, unknown> | undefined {
  if (value === null) return {};
  if (isRecord(value)) return value;
  scope.report(
    D.COMPOSE_NOT_A_MAPPING,
    `service "${name}" must be a mapping of settings such as image: and ports:`,
    scope.keyAt(scope.services, name, `services.${name}`),
  );
  return undefined;
}
