import { fact, type SourceRef } from '../../source/source-ref';
import { isRecord } from '../coerce';
import type { TypedFields } from '../inspect/typed-fields';
import type { HostSharing } from '../workload';
import { OCI_DIAGNOSTICS as D } from './diagnostics';

/**
 * Host sharing of a Linux OCI container. A namespace type missing from `linux.namespaces` is
 * inherited from the runtime, that is shared with the host (runtime-spec `config-linux.md`), and so
 * is an entry that joins `/proc/1/ns/…`. The user namespace counts as private only when it is
 * requested together with `linux.uidMappings` (or joins an existing one by path).
 */

const KNOWN_TYPES = new Set(['pid', 'network', 'mount', 'ipc', 'uts', 'user', 'cgroup', 'time']);
const HOST_SHARED: [string, 'pid' | 'ipc' | 'network' | 'uts'][] = [
  ['pid', 'pid'],
  ['ipc', 'ipc'],
  ['network', 'network'],
  ['uts', 'uts'],
];
const HOST_NAMESPACE_PATH = '/proc/1/ns/';

interface Entry {
  index: number;
  path?: string;
  at: SourceRef;
}

export function readHostSharing(
  fields: TypedFields,
  doc: Record<string, unknown>,
  linux: Record<string, unknown> | undefined,
): HostSharing {
  const list = linux ? fields.array(linux, 'namespaces', 'linux.namespaces') : undefined;
  const entries = list ? readEntries(fields, list) : new Map<string, Entry>();
  // Missing entries are cited at the list, or where it would be written.
  const listAt = list
    ? fields.at(linux, 'namespaces', 'linux.namespaces')
    : linux
      ? fields.at(doc, 'linux', 'linux')
      : fields.reader.node(doc, 'linux');
  const host: HostSharing = {};
  for (const [type, field] of HOST_SHARED) {
    const entry = entries.get(type);
    if (!entry)
      host[field] = fact('host', {
        ...listAt,
        path: `linux.namespaces (no ${type} entry: shares the host's)`,
      });
    else if (entry.path?.startsWith(HOST_NAMESPACE_PATH)) host[field] = fact('host', entry.at);
  }
  const user = entries.get('user');
  const mappings = linux ? fields.array(linux, 'uidMappings', 'linux.uidMappings') : undefined;
  if (
    user &&
    ((mappings && mappings.length > 0) || (user.path && !user.path.startsWith(HOST_NAMESPACE_PATH)))
  ) {
    host.userns = fact('private', user.at);
  } else if (user) {
    if (!user.path) {
      fields.report(
        D.OCI_USER_NAMESPACE_WITHOUT_MAPPINGS,
        'a user namespace needs linux.uidMappings (and gidMappings) to remap root; without them container root is not remapped',
        user.at,
      );
    }
    host.userns = fact('host', user.at);
  } else {
    host.userns = fact('host', {
      ...listAt,
      path: "linux.namespaces (no user entry: root is the host's root)",
    });
  }
  return host;
}

function readEntries(fields: TypedFields, list: unknown[]): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const path = `linux.namespaces[${i}]`;
    if (!isRecord(item)) {
      fields.mistypedItem(list, i, path, 'an object with a type');
      continue;
    }
    const type = fields.string(item, 'type', `${path}.type`);
    if (type === undefined) continue;
    const at = fields.itemAt(list, i, path);
    if (!KNOWN_TYPES.has(type)) {
      fields.report(
        D.OCI_UNKNOWN_NAMESPACE,
        `namespace type "${type}": expected one of ${[...KNOWN_TYPES].join(', ')}`,
        at,
      );
      continue;
    }
    const entry: Entry = { index: i, at };
    const nsPath = fields.string(item, 'path', `${path}.path`);
    if (nsPath) entry.path = nsPath;
    if (!entries.has(type)) entries.set(type, entry);
  }
  return entries;
}
