import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import { isRecord } from '../coerce';
import type { FileScope } from './file-scope';
import type { Keyed } from './layer';
import { mergeKeyed } from './merge';
import { hostPathOf } from './volumes';

/**
 * The top-level `networks`, `volumes`, `secrets` and `configs` of a project. Files merge them by
 * name, field by field, like services.
 */

export interface NetworkDeclaration {
  name: string;
  at: SourceRef;
  internal?: Fact<boolean>;
  external?: Fact<boolean>;
  driver?: Fact<string>;
  /** Docker encrypts an overlay network when `driver_opts.encrypted` is present, whatever its value. */
  encrypted?: Fact<boolean>;
}

export interface VolumeDeclaration {
  name: string;
  at: SourceRef;
  /**
   * Set when the named volume is a host directory in disguise: the local driver with
   * `o: bind` and `device: /path`, or the local-persist driver's `mountpoint`.
   */
  hostPath?: Fact<string>;
}

export interface ResourceDeclaration {
  name: string;
  at: SourceRef;
}

export interface ProjectResources {
  networks: Keyed<NetworkDeclaration>;
  volumes: Keyed<VolumeDeclaration>;
  secrets: Keyed<ResourceDeclaration>;
  configs: Keyed<ResourceDeclaration>;
}

export function emptyResources(): ProjectResources {
  return { networks: new Map(), volumes: new Map(), secrets: new Map(), configs: new Map() };
}

export function readResources(scope: FileScope): ProjectResources {
  return {
    networks: readDeclarations(scope, 'networks', readNetwork),
    volumes: readDeclarations(scope, 'volumes', readVolume),
    secrets: readDeclarations(scope, 'secrets', (_s, name, _v, at) => ({ name, at })),
    configs: readDeclarations(scope, 'configs', (_s, name, _v, at) => ({ name, at })),
  };
}

/** Later files override earlier ones field by field for a declaration of the same name. */
export function mergeResources(base: ProjectResources, over: ProjectResources): ProjectResources {
  return {
    networks: mergeDeclarations(base.networks, over.networks),
    volumes: mergeDeclarations(base.volumes, over.volumes),
    secrets: mergeKeyed(base.secrets, over.secrets),
    configs: mergeKeyed(base.configs, over.configs),
  };
}

function mergeDeclarations<T extends { at: SourceRef }>(base: Keyed<T>, over: Keyed<T>): Keyed<T> {
  if (base.size === 0) return over;
  const out = new Map(base);
  for (const [name, value] of over) {
    const previous = out.get(name);
    if (!previous) {
      out.set(name, value);
      continue;
    }
    const merged: Record<string, unknown> = { ...previous };
    for (const [key, field] of Object.entries(value))
      if (field !== undefined && key !== 'at') merged[key] = field;
    out.set(name, merged as T);
  }
  return out;
}

function readDeclarations<T>(
  scope: FileScope,
  key: string,
  read: (scope: FileScope, name: string, value: Record<string, unknown>, at: SourceRef) => T,
): Keyed<T> {
  const out: Keyed<T> = new Map();
  const section = scope.mapping(
    scope.root[key],
    scope.keyAt(scope.root, key, key),
    `a mapping of ${key} by name`,
  );
  if (!section) return out;
  for (const name of Object.keys(section)) {
    if (name.startsWith('x-')) continue;
    const at = scope.keyAt(section, name, `${key}.${name}`);
    const value = section[name];
    const definition = value === null ? {} : scope.mapping(value, at, `a mapping of ${key} settings`);
    if (definition) out.set(name, read(scope, name, definition, at));
  }
  return out;
}

function readNetwork(
  scope: FileScope,
  name: string,
  value: Record<string, unknown>,
  at: SourceRef,
): NetworkDeclaration {
  const path = at.path!;
  const declaration: NetworkDeclaration = { name, at };
  declaration.internal = scope.boolean(value, 'internal', `${path}.internal`);
  declaration.external = externalFlag(scope, value, path);
  const driver = scope.string(value.driver, scope.keyAt(value, 'driver', `${path}.driver`), 'a driver name');
  if (driver) declaration.driver = fact(driver, scope.keyAt(value, 'driver', `${path}.driver`));
  const options = isRecord(value.driver_opts) ? value.driver_opts : undefined;
  if (options && 'encrypted' in options)
    declaration.encrypted = fact(true, scope.keyAt(options, 'encrypted', `${path}.driver_opts.encrypted`));
  return declaration;
}

function readVolume(
  scope: FileScope,
  name: string,
  value: Record<string, unknown>,
  at: SourceRef,
): VolumeDeclaration {
  const path = at.path!;
  const declaration: VolumeDeclaration = { name, at };
  const options = isRecord(value.driver_opts) ? value.driver_opts : undefined;
  if (!options) return declaration;
  const optionsPath = `${path}.driver_opts`;
  const option = (key: string) =>
    scope.string(options[key], scope.keyAt(options, key, `${optionsPath}.${key}`), 'a string')?.trim();
  const driver = scope.string(value.driver, scope.keyAt(value, 'driver', `${path}.driver`), 'a driver name');
  const local = driver === undefined || driver === '' || driver === 'local';
  const mountOptions = option('o')?.split(',') ?? [];
  const device = option('device');
  if (local && device && (mountOptions.includes('bind') || mountOptions.includes('rbind'))) {
    declaration.hostPath = fact(hostPathOf(device), scope.keyAt(options, 'device', `${optionsPath}.device`));
  }
  const mountpoint = option('mountpoint');
  if (driver === 'local-persist' && mountpoint) {
    declaration.hostPath = fact(
      hostPathOf(mountpoint),
      scope.keyAt(options, 'mountpoint', `${optionsPath}.mountpoint`),
    );
  }
  return declaration;
}

/** `external: true`, or the legacy `external: {name: …}` form. */
function externalFlag(
  scope: FileScope,
  value: Record<string, unknown>,
  path: string,
): Fact<boolean> | undefined {
  if (isRecord(value.external)) return fact(true, scope.keyAt(value, 'external', `${path}.external`));
  return scope.boolean(value, 'external', `${path}.external`);
}
