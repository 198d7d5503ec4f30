import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import { canonicalCapability } from '../coerce';
import type { TypedFields } from '../inspect/typed-fields';
import { DOCKER_DEFAULT_CAPABILITIES } from '../../runtime/default-capabilities';

/**
 * Capabilities of an OCI process, compared with what `docker run` grants by default so that the
 * conditions read them like `cap_add`/`cap_drop`. The set compared is `bounding` (nothing outside
 * it can ever be gained), else `permitted`, else `effective`. A capability beyond Docker's 14
 * defaults is an add; a default that is missing is a drop, and when none of the defaults remain
 * the drop is recorded as `ALL`.
 */

/** Capabilities 0–37 (CAP_CHOWN … CAP_AUDIT_READ), present in every kernel since 3.16. A set
 * holding all of them is the full set a privileged container gets on any current kernel. */
const ALL_CAPABILITIES = [
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'KILL',
  'SETGID',
  'SETUID',
  'SETPCAP',
  'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_ADMIN',
  'NET_RAW',
  'IPC_LOCK',
  'IPC_OWNER',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_CHROOT',
  'SYS_PTRACE',
  'SYS_PACCT',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_NICE',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'MKNOD',
  'LEASE',
  'AUDIT_WRITE',
  'AUDIT_CONTROL',
  'SETFCAP',
  'MAC_OVERRIDE',
  'MAC_ADMIN',
  'SYSLOG',
  'WAKE_ALARM',
  'BLOCK_SUSPEND',
  'AUDIT_READ',
];

const SETS = ['bounding', 'permitted', 'effective'] as const;

export interface ProcessCapabilities {
  capAdd: Fact<string>[];
  capDrop: Fact<string>[];
  /** The set holds every capability, SYS_ADMIN included. */
  full: boolean;
  /** Where the compared set is written. */
  at: SourceRef;
}

export function readCapabilities(
  fields: TypedFields,
  process: Record<string, unknown>,
): ProcessCapabilities | undefined {
  const capabilities = fields.object(process, 'capabilities', 'process.capabilities');
  if (!capabilities) return undefined;
  for (const set of SETS) {
    const path = `process.capabilities.${set}`;
    const list = fields.array(capabilities, set, path);
    if (list) return compareWithDefaults(fields, list, fields.at(capabilities, set, path), path);
  }
  return undefined;
}

function compareWithDefaults(
  fields: TypedFields,
  list: unknown[],
  at: SourceRef,
  path: string,
): ProcessCapabilities {
  const held = new Set<string>();
  const capAdd: Fact<string>[] = [];
  const defaults = new Set<string>(DOCKER_DEFAULT_CAPABILITIES);
  for (const { value, index } of fields.strings(list, path)) {
    const name = canonicalCapability(value);
    if (name === '' || held.has(name)) continue;
    held.add(name);
    if (!defaults.has(name)) capAdd.push(fact(name, fields.itemAt(list, index, `${path}[${index}]`)));
  }
  const missing = DOCKER_DEFAULT_CAPABILITIES.filter((name) => !held.has(name));
  const capDrop =
    missing.length === DOCKER_DEFAULT_CAPABILITIES.length
      ? [fact('ALL', at)]
      : missing.map((name) => fact(name, at));
  return { capAdd, capDrop, full: ALL_CAPABILITIES.every((name) => held.has(name)), at };
}
