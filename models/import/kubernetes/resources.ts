import { fact, type Fact } from '../../source/source-ref';
import type { Resources } from '../workload';
import type { ManifestReader, Mapping } from './manifest-reader';
import { setIfDefined } from './optional';
import { fieldPath } from './paths';

/** `resources.limits` and `resources.requests` (cpu, memory) of a container. */
export function readResources(r: ManifestReader, container: Mapping, containerPath: string): Resources {
  const resources: Resources = {};
  const spec = r.mapping(container, 'resources', containerPath);
  if (!spec) return resources;
  const path = fieldPath(containerPath, 'resources');
  const limits = r.mapping(spec, 'limits', path);
  const requests = r.mapping(spec, 'requests', path);
  const limitsPath = fieldPath(path, 'limits');
  const requestsPath = fieldPath(path, 'requests');
  if (limits) {
    setIfDefined(resources, 'memoryLimit', quantity(r, limits, 'memory', limitsPath));
    setIfDefined(resources, 'cpuLimit', quantity(r, limits, 'cpu', limitsPath));
  }
  if (requests) {
    setIfDefined(resources, 'memoryRequest', quantity(r, requests, 'memory', requestsPath));
    setIfDefined(resources, 'cpuRequest', quantity(r, requests, 'cpu', requestsPath));
  }
  return resources;
}

function quantity(r: ManifestReader, parent: Mapping, key: string, path: string): Fact<string> | undefined {
  const value = r.quantity(parent, key, path);
  return value === undefined ? undefined : fact(value, r.keyAt(parent, key, path));
}
