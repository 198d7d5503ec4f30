import type { SourceRef } from '../../source/source-ref';
import { isRecord } from '../coerce';
import { fileScopes } from './compose-file';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import type { FileScope } from './file-scope';
import type { ServiceLayer } from './layer';
import { mergeLayers } from './merge';
import { normalizeService, serviceMapping } from './service';

/**
 * A service of one file with its `extends` chain applied: the base (from the same file, or from
 * `{file, service}` read through the import context, relative to this file's directory) is
 * resolved first, then this service is merged over it with the override rules. Each base keeps
 * its own file's relative paths and evidence. Results are cached per file, and a service met again
 * while its own chain is being resolved is a cycle.
 */
export function resolveService(scope: FileScope, name: string): ServiceLayer | undefined {
  const cached = scope.resolved.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const mapping = hasService(scope, name) ? serviceMapping(scope, name, scope.services![name]) : undefined;
  if (!mapping) {
    scope.resolved.set(name, null);
    return undefined;
  }
  scope.resolving.add(name);
  let layer = normalizeService(scope, name, mapping);
  if (mapping.extends !== undefined && mapping.extends !== null) {
    const base = resolveBase(scope, name, mapping);
    if (base) layer = mergeLayers({ ...base, at: layer.at }, layer);
  }
  scope.resolving.delete(name);
  scope.resolved.set(name, layer);
  return layer;
}

function resolveBase(
  scope: FileScope,
  name: string,
  mapping: Record<string, unknown>,
): ServiceLayer | undefined {
  const path = `services.${name}.extends`;
  const at = scope.keyAt(mapping, 'extends', path);
  const spec = mapping.extends;
  let service: string | undefined;
  let file: string | undefined;
  if (isRecord(spec)) {
    service = scope.string(spec.service, scope.keyAt(spec, 'service', `${path}.service`), 'a service name');
    file = scope.string(spec.file, scope.keyAt(spec, 'file', `${path}.file`), 'a file path');
  } else {
    service = scope.string(spec, at, 'a service name or a mapping with service and file');
  }
  service = service?.trim();
  if (!service) {
    if (isRecord(spec)) scope.report(D.COMPOSE_EXTENDS_NOT_FOUND, `${path} names no service`, at);
    return undefined;
  }
  const target = file?.trim() ? baseScope(scope, scope.resolve(file.trim()), service, at) : scope;
  if (!target) return undefined;
  if (!hasService(target, service)) {
    scope.report(
      D.COMPOSE_EXTENDS_NOT_FOUND,
      `${path} names service "${service}", which ${target.file} does not define`,
      at,
    );
    return undefined;
  }
  if (target.resolving.has(service)) {
    scope.report(D.COMPOSE_EXTENDS_CYCLE, `services.${name} extends ${service}, which extends it back`, at);
    return undefined;
  }
  return resolveService(target, service);
}

function hasService(scope: FileScope, name: string): boolean {
  const services = scope.services;
  return services !== undefined && Object.prototype.hasOwnProperty.call(services, name);
}

/** The document of another file that defines `service`. */
function baseScope(scope: FileScope, file: string, service: string, at: SourceRef): FileScope | undefined {
  const loaded = scope.session.load(file);
  if (!loaded) {
    scope.report(D.COMPOSE_EXTENDS_NOT_FOUND, `extends file "${file}" is not available`, at);
    return undefined;
  }
  const scopes = fileScopes(scope.session, loaded);
  const found = scopes.find((s) => hasService(s, service)) ?? scopes[0];
  if (!found) scope.report(D.COMPOSE_EXTENDS_NOT_FOUND, `extends file "${file}" holds no compose model`, at);
  return found;
}
