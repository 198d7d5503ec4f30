import { fact, type Fact } from '../../source/source-ref';
import { isRecord } from '../coerce';
import { deviceRequests } from './devices';
import type { FileScope } from './file-scope';
import type { DeployFields } from './layer';
import type { ServiceReader } from './service-reader';

/** `deploy.replicas` and `deploy.resources.{limits,reservations}` (memory, cpus, pids, devices). */
export function readDeploy(reader: ServiceReader): DeployFields | undefined {
  const { scope } = reader;
  const path = reader.path('deploy');
  const deploy = scope.mapping(reader.mapping.deploy, reader.at('deploy'), 'a mapping of deploy settings');
  if (!deploy) return undefined;
  const out: DeployFields = {};
  const replicas = scope.number(deploy, 'replicas', `${path}.replicas`);
  if (replicas) out.replicas = replicas;
  const resources = section(scope, deploy, 'resources', path);
  if (!resources) return out;
  const limitsPath = `${path}.resources.limits`;
  const limits = section(scope, resources, 'limits', `${path}.resources`);
  if (limits) {
    out.memoryLimit = quantity(scope, limits, 'memory', limitsPath);
    out.cpuLimit = quantity(scope, limits, 'cpus', limitsPath);
    out.pidsLimit = scope.number(limits, 'pids', `${limitsPath}.pids`);
  }
  const reservationsPath = `${path}.resources.reservations`;
  const reservations = section(scope, resources, 'reservations', `${path}.resources`);
  if (reservations) {
    out.memoryRequest = quantity(scope, reservations, 'memory', reservationsPath);
    out.cpuRequest = quantity(scope, reservations, 'cpus', reservationsPath);
    const devicesAt = scope.keyAt(reservations, 'devices', `${reservationsPath}.devices`);
    const devices = scope.list(reservations.devices, devicesAt, 'a list of device requests');
    if (devices) out.devices = deviceRequests(scope, devices, `${reservationsPath}.devices`);
  }
  return out;
}

/** A resource quantity kept as written (`512m`, `0.5`): units are compose's to interpret. */
function quantity(
  scope: FileScope,
  mapping: Record<string, unknown>,
  key: string,
  path: string,
): Fact<string> | undefined {
  const at = scope.keyAt(mapping, key, `${path}.${key}`);
  const text = scope.string(mapping[key], at, 'a number or a size such as "512m"')?.trim();
  return text ? fact(text, at) : undefined;
}

function section(
  scope: FileScope,
  parent: Record<string, unknown>,
  key: string,
  path: string,
): Record<string, unknown> | undefined {
  const value = parent[key];
  if (value === undefined || isRecord(value)) return value;
  return scope.mapping(value, scope.keyAt(parent, key, `${path}.${key}`), `a mapping of ${key}`);
}
