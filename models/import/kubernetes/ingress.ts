import type { SourceRef } from '../../source/source-ref';
import type { IngressDef } from '../workload';
import type { ManifestReader, Mapping } from './manifest-reader';
import type { NamedObjectMeta } from './object-meta';
import { fieldPath, itemPath } from './paths';

type IngressRule = IngressDef['rules'][number];

/** `defaultBackend` in networking.k8s.io/v1, `backend` before it. */
const DEFAULT_BACKEND_KEYS = ['defaultBackend', 'backend'] as const;

/**
 * An Ingress: which Services it exposes, for which hosts and paths, and which hosts have TLS.
 * Reads `networking.k8s.io/v1` backends (`service.name`, `service.port.number|name`) and the
 * older `extensions/v1beta1` / `networking.k8s.io/v1beta1` ones (`serviceName`, `servicePort`);
 * the default backend (`defaultBackend`, formerly `backend`) is a rule without host and path.
 */
export function readIngress(
  r: ManifestReader,
  obj: Mapping,
  base: string,
  meta: NamedObjectMeta,
): IngressDef {
  const spec = r.mapping(obj, 'spec', base) ?? {};
  const path = fieldPath(base, 'spec');
  const tlsList = r.list(spec, 'tls', path);
  const ingress: IngressDef = {
    id: `k8s:${meta.namespace}/Ingress/${meta.name}`,
    name: meta.name,
    namespace: meta.namespace,
    tlsHosts: tlsList ? readTlsHosts(r, tlsList, fieldPath(path, 'tls')) : [],
    tls: tlsList !== undefined && tlsList.length > 0,
    rules: [],
    at: r.nodeAt(obj, base),
  };
  for (const key of DEFAULT_BACKEND_KEYS) {
    const backend = r.mapping(spec, key, path);
    if (backend)
      addRule(
        r,
        ingress.rules,
        backend,
        fieldPath(path, key),
        r.keyAt(spec, key, path),
        undefined,
        undefined,
      );
  }
  readRules(r, spec, path, ingress.rules);
  return ingress;
}

function readTlsHosts(r: ManifestReader, list: unknown[], path: string): string[] {
  const hosts = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    const hostList = item && r.list(item, 'hosts', itemPath(path, i));
    if (!hostList) continue;
    const hostsPath = fieldPath(itemPath(path, i), 'hosts');
    for (let j = 0; j < hostList.length; j++) {
      const host = r.stringItem(hostList, j, hostsPath);
      if (host) hosts.add(host);
    }
  }
  return [...hosts];
}

function readRules(r: ManifestReader, spec: Mapping, specPath: string, rules: IngressRule[]): void {
  const list = r.list(spec, 'rules', specPath);
  if (!list) return;
  const path = fieldPath(specPath, 'rules');
  for (let i = 0; i < list.length; i++) {
    const rule = r.mappingItem(list, i, path);
    if (!rule) continue;
    const rulePath = itemPath(path, i);
    const host = r.string(rule, 'host', rulePath) || undefined;
    const http = r.mapping(rule, 'http', rulePath);
    const httpPath = fieldPath(rulePath, 'http');
    const paths = http && r.list(http, 'paths', httpPath);
    if (!paths) continue;
    const pathsPath = fieldPath(httpPath, 'paths');
    for (let j = 0; j < paths.length; j++) {
      const item = r.mappingItem(paths, j, pathsPath);
      if (!item) continue;
      const entryPath = itemPath(pathsPath, j);
      const backend = r.mapping(item, 'backend', entryPath);
      if (!backend) continue;
      const urlPath = r.string(item, 'path', entryPath) || undefined;
      addRule(
        r,
        rules,
        backend,
        fieldPath(entryPath, 'backend'),
        r.itemAt(paths, j, pathsPath),
        host,
        urlPath,
      );
    }
  }
}

/** A backend that is a Service becomes a rule; a `resource` backend (a custom object) does not. */
function addRule(
  r: ManifestReader,
  rules: IngressRule[],
  backend: Mapping,
  path: string,
  at: SourceRef,
  host: string | undefined,
  urlPath: string | undefined,
): void {
  let serviceName: string | undefined;
  let servicePort: number | string | undefined;
  const service = r.mapping(backend, 'service', path);
  if (service) {
    const servicePath = fieldPath(path, 'service');
    serviceName = r.string(service, 'name', servicePath);
    const port = r.mapping(service, 'port', servicePath);
    const portPath = fieldPath(servicePath, 'port');
    if (port)
      servicePort = r.integer(port, 'number', portPath) ?? (r.string(port, 'name', portPath) || undefined);
  } else {
    serviceName = r.string(backend, 'serviceName', path);
    servicePort = r.intOrString(backend, 'servicePort', path);
  }
  if (!serviceName) return;
  const rule: IngressRule = { serviceName, at };
  if (host !== undefined) rule.host = host;
  if (urlPath !== undefined) rule.path = urlPath;
  if (servicePort !== undefined && servicePort !== '') rule.servicePort = servicePort;
  rules.push(rule);
}
