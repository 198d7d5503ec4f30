import type { SourceRef } from '../../source/source-ref';
import { asBoolean, isRecord } from '../coerce';
import { joinPath } from '../import-file';
import type { Mount } from '../workload';
import { COMPOSE_DIAGNOSTICS as D } from './diagnostics';
import type { Keyed } from './layer';
import type { ServiceReader } from './service-reader';

/**
 * Compose service `volumes` (short `source:target[:options]` and long syntax) and `tmpfs`.
 *
 * Host paths: absolute paths are normalized (`/etc/` → `/etc`), `~` and Windows paths are kept as
 * written, and relative paths stay relative, normalized to start with `./` or `../`. A relative
 * host path is relative to the directory of the file that wrote it, which is `Mount.at.file`; it is
 * deliberately not joined onto that directory, so that a project folder given as an absolute path
 * (`/home/me/app`) can never read as a sensitive host directory such as `/home`.
 */

export type VolumeType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'image' | 'cluster';

export interface VolumeSpec {
  type: VolumeType;
  source?: string;
  target: string;
  readOnly: boolean;
  propagation?: string;
}

const PROPAGATIONS: ReadonlySet<string> = new Set([
  'shared',
  'rshared',
  'slave',
  'rslave',
  'private',
  'rprivate',
]);
const VOLUME_TYPES: ReadonlySet<string> = new Set(['bind', 'volume', 'tmpfs', 'npipe', 'image', 'cluster']);

/** Parses short syntax the way compose's `ParseVolume` does; a string result is the reason it
 * cannot be read. A one-letter part followed by `:` is a Windows drive (`C:\data`), not a separator. */
export function parseShortVolume(spec: string): VolumeSpec | string {
  if (spec.length === 0) return 'the volume is empty';
  if (spec.length <= 2) return { type: 'volume', target: spec, readOnly: false };
  const parts: string[] = [];
  let buffer = '';
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i]!;
    if (ch === ':' && !(buffer.length === 1 && isLetter(buffer.charCodeAt(0)))) {
      parts.push(buffer);
      buffer = '';
    } else {
      buffer += ch;
    }
  }
  parts.push(buffer);
  if (parts.some((p) => p === '')) return 'a part between colons is empty';
  if (parts.length > 3) return 'it has too many colons';
  if (parts.length === 1) return { type: 'volume', target: parts[0]!, readOnly: false };
  const [source, target, options] = parts as [string, string, string | undefined];
  const out: VolumeSpec = { type: isFilePath(source) ? 'bind' : 'volume', source, target, readOnly: false };
  for (const option of options?.split(',') ?? []) {
    if (option === 'ro') out.readOnly = true;
    else if (option === 'rw') out.readOnly = false;
    else if (PROPAGATIONS.has(option)) out.propagation = option;
    // z, Z, nocopy, consistency flags: no security meaning the model records.
  }
  return out;
}

/** Compose's test for a host path in short syntax: `.`, `/`, `~`, `\\` or a Windows drive. */
export function isFilePath(source: string): boolean {
  const c = source[0];
  return c === '.' || c === '/' || c === '~' || isWindowsPath(source);
}

/** A host path as the model records it (see the note at the top of this file). */
export function hostPathOf(source: string): string {
  if (source.startsWith('/')) return normalizeAbsolute(source);
  if (source.startsWith('~') || isWindowsPath(source)) return source;
  const joined = joinPath(source);
  return joined === '.' || joined === '..' || joined.startsWith('../') ? joined : `./${joined}`;
}

/** `/etc/` and `//etc/./x` as `/etc` and `/etc/x`; most paths are already clean and returned as they are. */
function normalizeAbsolute(path: string): string {
  const clean = !path.includes('//') && !path.includes('/.') && (path.length === 1 || !path.endsWith('/'));
  return clean ? path : joinPath(path);
}

function isWindowsPath(path: string): boolean {
  return path.startsWith('\\\\') || (path.length >= 2 && isLetter(path.charCodeAt(0)) && path[1] === ':');
}

export function mountOf(spec: VolumeSpec, at: SourceRef): Mount {
  const target = spec.target.startsWith('/') ? normalizeAbsolute(spec.target) : spec.target;
  const mount: Mount = { kind: 'other', target, readOnly: spec.readOnly, at };
  switch (spec.type) {
    case 'bind':
    case 'npipe':
      mount.kind = 'bind';
      if (spec.source !== undefined) mount.hostPath = hostPathOf(spec.source);
      if (spec.propagation !== undefined) mount.propagation = spec.propagation;
      break;
    case 'volume':
    case 'image':
      mount.kind = spec.type;
      if (spec.source !== undefined && spec.source !== '') mount.name = spec.source;
      break;
    case 'tmpfs':
      mount.kind = 'tmpfs';
      break;
  }
  return mount;
}

/** `use_api_socket: true` bind-mounts the Docker API socket (and registry credentials). */
export function apiSocketMount(at: SourceRef): Mount {
  return {
    kind: 'bind',
    hostPath: '/var/run/docker.sock',
    target: '/var/run/docker.sock',
    readOnly: false,
    at,
  };
}

export function readVolumes(reader: ServiceReader): Keyed<Mount> | undefined {
  const { scope } = reader;
  const path = reader.path('volumes');
  const list = scope.list(reader.mapping.volumes, reader.at('volumes'), 'a list of volumes');
  if (!list) return undefined;
  const out: Keyed<Mount> = new Map();
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const at = scope.itemAt(list, i, `${path}[${i}]`);
    const spec = isRecord(item) ? readLongVolume(reader, item, at) : readShortVolume(reader, item, at);
    if (!spec) continue;
    const mount = mountOf(spec, at);
    out.set(mount.target!, mount);
  }
  return out;
}

export function readTmpfs(reader: ServiceReader): Keyed<Mount> | undefined {
  const { scope } = reader;
  const path = reader.path('tmpfs');
  const value = reader.mapping.tmpfs;
  const at = reader.at('tmpfs');
  const items = typeof value === 'string' ? [value] : scope.list(value, at, 'a path or a list of paths');
  if (!items) return undefined;
  const out: Keyed<Mount> = new Map();
  for (let i = 0; i < items.length; i++) {
    const itemAt = typeof value === 'string' ? at : scope.itemAt(items, i, `${path}[${i}]`);
    const text = scope.string(items[i], itemAt, 'a path such as "/run"')?.trim();
    if (!text) continue;
    const colon = text.indexOf(':');
    const target = colon === -1 ? text : text.slice(0, colon);
    out.set(text, { kind: 'tmpfs', target: normalizeAbsolute(target), readOnly: false, at: itemAt });
  }
  return out;
}

function readShortVolume(reader: ServiceReader, item: unknown, at: SourceRef): VolumeSpec | undefined {
  const text = reader.scope.string(item, at, 'a volume such as "./data:/data:ro" or a mapping');
  if (text === undefined) return undefined;
  const parsed = parseShortVolume(text);
  const spec =
    typeof parsed !== 'string' && !isAbsoluteTarget(parsed.target)
      ? `the container path "${parsed.target}" is not absolute`
      : parsed;
  if (typeof spec === 'string') {
    reader.scope.report(
      D.COMPOSE_INVALID_VOLUME,
      `volume "${text}" cannot be read: ${spec}; expected [source:]target[:ro|rw|z|Z…]`,
      at,
    );
    return undefined;
  }
  return spec;
}

function readLongVolume(
  reader: ServiceReader,
  item: Record<string, unknown>,
  at: SourceRef,
): VolumeSpec | undefined {
  const { scope } = reader;
  const text = (mapping: Record<string, unknown>, key: string, path: string) =>
    scope.string(mapping[key], scope.keyAt(mapping, key, path), 'a string')?.trim();
  const fail = (reason: string) => {
    scope.report(D.COMPOSE_INVALID_VOLUME, `volume mapping cannot be read: ${reason}`, at);
    return undefined;
  };
  const source = text(item, 'source', `${at.path}.source`);
  const target = text(item, 'target', `${at.path}.target`);
  const typeText = text(item, 'type', `${at.path}.type`);
  const type = typeText || (source && isFilePath(source) ? 'bind' : 'volume');
  if (!VOLUME_TYPES.has(type))
    return fail(`unknown type "${type}": expected bind, volume, tmpfs, npipe, image or cluster`);
  if (!target) return fail('target (the path inside the container) is missing');
  if (!isAbsoluteTarget(target)) return fail(`the container path "${target}" is not absolute`);
  if ((type === 'bind' || type === 'npipe') && !source) return fail(`a ${type} mount needs a source`);

  const spec: VolumeSpec = { type: type as VolumeType, target, readOnly: false };
  if (source) spec.source = source;
  const readOnly = text(item, 'read_only', `${at.path}.read_only`);
  if (readOnly !== undefined) spec.readOnly = asBoolean(readOnly) ?? false;
  const bind = item.bind;
  if (isRecord(bind)) {
    const propagation = text(bind, 'propagation', `${at.path}.bind.propagation`);
    if (propagation) spec.propagation = propagation;
  }
  return spec;
}

/** Docker refuses relative paths inside the container. */
function isAbsoluteTarget(target: string): boolean {
  return target.startsWith('/') || isWindowsPath(target);
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
