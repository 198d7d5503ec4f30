import type { SourceRef } from '../../source/source-ref';
import { isRecord } from '../coerce';
import { mountOf, parseShortVolume, type VolumeSpec, type VolumeType } from '../compose/volumes';
import type { Mount } from '../workload';
import { INSPECT_DIAGNOSTICS as D } from './diagnostics';
import type { TypedFields } from './typed-fields';

/**
 * A container's mounts appear up to three times in `docker inspect`: `HostConfig.Binds` (the `-v`
 * strings as given), `HostConfig.Mounts` (`--mount`), and the top-level `Mounts` the daemon
 * resolved (`Type`, `Source`, `Destination`, `RW`, `Propagation`). A mount point is recorded once,
 * from the first of these that names it; `HostConfig.Tmpfs` adds `--tmpfs` mounts.
 */
export function readMounts(
  fields: TypedFields,
  container: Record<string, unknown>,
  hostConfig: Record<string, unknown> | undefined,
  prefix: string,
): Mount[] {
  const byTarget = new Map<string, Mount>();
  const add = (mount: Mount): void => {
    const key = mount.target ?? '';
    if (!byTarget.has(key)) byTarget.set(key, mount);
  };
  if (hostConfig) {
    readBinds(fields, hostConfig, `${prefix}HostConfig.Binds`).forEach(add);
    readMountObjects(fields, hostConfig, 'Mounts', `${prefix}HostConfig.Mounts`, 'Target').forEach(add);
    readTmpfs(fields, hostConfig, `${prefix}HostConfig.Tmpfs`).forEach(add);
  }
  readMountObjects(fields, container, 'Mounts', `${prefix}Mounts`, 'Destination').forEach(add);
  return [...byTarget.values()];
}

function readBinds(fields: TypedFields, hostConfig: Record<string, unknown>, path: string): Mount[] {
  const list = fields.array(hostConfig, 'Binds', path);
  if (!list) return [];
  const out: Mount[] = [];
  for (const { value, index } of fields.strings(list, path)) {
    const at = fields.itemAt(list, index, `${path}[${index}]`);
    // The same syntax as `docker run -v`; a lone path is an anonymous volume mounted there.
    const spec = parseShortVolume(value);
    if (typeof spec === 'string') {
      fields.report(
        D.INSPECT_INVALID_BIND,
        `Binds entry "${value}": ${spec}; expected source:destination[:options]`,
        at,
      );
      continue;
    }
    out.push(mountOf(spec, at));
  }
  return out;
}

const VOLUME_TYPES: ReadonlySet<string> = new Set(['bind', 'volume', 'tmpfs', 'npipe', 'image', 'cluster']);

/** `HostConfig.Mounts` (`Target`, `ReadOnly`, `BindOptions.Propagation`) and the top-level
 * `Mounts` (`Destination`, `RW`, `Propagation`, `Name`). */
function readMountObjects(
  fields: TypedFields,
  parent: Record<string, unknown>,
  key: string,
  path: string,
  targetKey: 'Target' | 'Destination',
): Mount[] {
  const list = fields.array(parent, key, path);
  if (!list) return [];
  const out: Mount[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const itemPath = `${path}[${i}]`;
    const at: SourceRef = fields.itemAt(list, i, itemPath);
    if (!isRecord(item)) {
      if (item !== null) fields.mistypedItem(list, i, itemPath, 'an object per mount');
      continue;
    }
    const type = fields.string(item, 'Type', `${itemPath}.Type`)?.toLowerCase() ?? 'volume';
    const target = fields.string(item, targetKey, `${itemPath}.${targetKey}`) ?? '';
    const source =
      type === 'volume'
        ? (fields.string(item, 'Name', `${itemPath}.Name`) ??
          fields.string(item, 'Source', `${itemPath}.Source`))
        : fields.string(item, 'Source', `${itemPath}.Source`);
    const rw = targetKey === 'Destination' ? fields.boolean(item, 'RW', `${itemPath}.RW`) : undefined;
    const ro = targetKey === 'Target' ? fields.boolean(item, 'ReadOnly', `${itemPath}.ReadOnly`) : undefined;
    const spec: VolumeSpec = {
      type: (VOLUME_TYPES.has(type) ? type : 'cluster') as VolumeType,
      target,
      readOnly: ro ?? rw === false,
    };
    if (source !== undefined && source !== '') spec.source = source;
    const propagation = readPropagation(fields, item, itemPath, targetKey === 'Target');
    if (propagation) spec.propagation = propagation;
    out.push(mountOf(spec, at));
  }
  return out;
}

function readPropagation(
  fields: TypedFields,
  item: Record<string, unknown>,
  path: string,
  nested: boolean,
): string | undefined {
  if (!nested) return fields.string(item, 'Propagation', `${path}.Propagation`) || undefined;
  const options = fields.object(item, 'BindOptions', `${path}.BindOptions`);
  return (options && fields.string(options, 'Propagation', `${path}.BindOptions.Propagation`)) || undefined;
}

function readTmpfs(fields: TypedFields, hostConfig: Record<string, unknown>, path: string): Mount[] {
  const tmpfs = fields.object(hostConfig, 'Tmpfs', path);
  if (!tmpfs) return [];
  return Object.keys(tmpfs).map((target) => {
    const options = typeof tmpfs[target] === 'string' ? (tmpfs[target] as string).split(',') : [];
    return {
      kind: 'tmpfs' as const,
      target,
      readOnly: options.includes('ro'),
      at: fields.at(tmpfs, target, `${path}.${target}`),
    };
  });
}
