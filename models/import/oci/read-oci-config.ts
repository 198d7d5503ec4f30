import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import { isRecord } from '../coerce';
import { hostPathOf } from '../compose/volumes';
import { basename, dirname } from '../import-file';
import { appArmorConfinement, selinuxLabelConfinement } from '../inspect/security';
import type { TypedFields } from '../inspect/typed-fields';
import type {
  Confinement,
  Container,
  EnvVar,
  Mount,
  Resources,
  Sysctl,
  UserSpec,
  Workload,
} from '../workload';
import { readCapabilities, type ProcessCapabilities } from './capabilities';
import { readHostSharing } from './namespaces';

/**
 * One OCI runtime `config.json` (an OCI bundle) as a workload of kind `container` on platform
 * `oci`, named by its `hostname` or else its folder. Linux-only settings (namespaces, seccomp,
 * masked paths) are read when the config has a `linux` section or names no other platform
 * (`windows`, `solaris`, `vm`, `freebsd`, `zos`); there, an absent `linux.seccomp` means no
 * system-call filter and absent `linux.maskedPaths` an unmasked /proc, as the runtime applies
 * exactly what the file says. `privileged` has no field of its own: it is inferred only when a
 * full capability set, no seccomp filter and no masked paths coincide.
 */

const OTHER_PLATFORMS = ['windows', 'solaris', 'vm', 'freebsd', 'zos'];
/** Devices every runtime creates in a container (runtime-spec "Default Devices"). */
const DEFAULT_DEVICES = new Set([
  '/dev/null',
  '/dev/zero',
  '/dev/full',
  '/dev/random',
  '/dev/urandom',
  '/dev/tty',
  '/dev/console',
  '/dev/ptmx',
]);
const PROPAGATIONS = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);
/** Set by containerd's CRI plugin on the containers it creates for Kubernetes. */
const CRI_IMAGE_ANNOTATION = 'io.kubernetes.cri.image-name';

export function readOciConfig(fields: TypedFields, doc: Record<string, unknown>, path: string): Workload {
  const root = fields.reader.node(doc, '');
  delete root.path;
  const hostname = fields.string(doc, 'hostname', 'hostname')?.trim();
  const name = hostname || folderName(path);
  const process = fields.object(doc, 'process', 'process');
  const linuxSection = fields.object(doc, 'linux', 'linux');
  // A `linux` value of the wrong type was reported; it says neither what is set nor what is absent.
  const linuxMistyped = doc.linux !== undefined && doc.linux !== null && linuxSection === undefined;
  const isLinux = linuxSection !== undefined || !OTHER_PLATFORMS.some((p) => p in doc);
  const linux = isLinux && !linuxMistyped ? (linuxSection ?? {}) : undefined;
  const annotations = fields.stringRecord(doc, 'annotations', 'annotations');
  const container: Container = {
    name,
    role: 'main',
    at: root,
    capAdd: [],
    capDrop: [],
    mounts: readMounts(fields, doc),
    devices: linux ? readDevices(fields, linux) : [],
    ports: [],
    env: process ? readEnv(fields, process) : [],
    envFiles: [],
    resources: linux ? readResources(fields, linux) : {},
  };
  const capabilities = process ? readProcess(fields, process, container) : undefined;
  const rootfs = fields.object(doc, 'root', 'root');
  const readonly = rootfs ? fields.boolean(rootfs, 'readonly', 'root.readonly') : undefined;
  if (readonly !== undefined)
    container.readOnlyRootFilesystem = fact(readonly, fields.at(rootfs, 'readonly', 'root.readonly'));
  const image = annotations[CRI_IMAGE_ANNOTATION];
  if (image) {
    const annotationsAt = fields.at(
      doc.annotations,
      CRI_IMAGE_ANNOTATION,
      `annotations.${CRI_IMAGE_ANNOTATION}`,
    );
    container.image = fact(image, annotationsAt);
  }
  const workload: Workload = {
    id: `oci:${path}`,
    name,
    kind: 'container',
    platform: 'oci',
    at: root,
    labels: {},
    podLabels: {},
    annotations,
    containers: [container],
    host: {},
    sysctls: linux ? readSysctls(fields, linux) : [],
    networks: [],
    sharesNamespacesWith: [],
    dependsOn: [],
    secrets: [],
  };
  if (linux) {
    workload.host = readHostSharing(fields, doc, linuxSection);
    readLinuxConfinement(fields, doc, linux, container, capabilities);
  }
  return workload;
}

/** `bundle/config.json` → `bundle`; a config at the root is named by its file name. */
function folderName(path: string): string {
  const dir = dirname(path);
  return dir === '.' || dir === '/' ? basename(path) : basename(dir);
}

function readProcess(
  fields: TypedFields,
  process: Record<string, unknown>,
  container: Container,
): ProcessCapabilities | undefined {
  const user = fields.object(process, 'user', 'process.user');
  if (user) {
    const spec: UserSpec = { origin: 'config' };
    const uid = fields.number(user, 'uid', 'process.user.uid');
    const gid = fields.number(user, 'gid', 'process.user.gid');
    const username = fields.string(user, 'username', 'process.user.username');
    if (uid !== undefined) spec.uid = uid;
    if (gid !== undefined) spec.gid = gid;
    if (username) spec.name = username;
    if (spec.uid !== undefined || spec.name !== undefined)
      container.user = fact(spec, fields.at(process, 'user', 'process.user'));
  }
  const nnp = fields.boolean(process, 'noNewPrivileges', 'process.noNewPrivileges');
  if (nnp !== undefined)
    container.noNewPrivileges = fact(nnp, fields.at(process, 'noNewPrivileges', 'process.noNewPrivileges'));
  const caps = readCapabilities(fields, process);
  if (caps) {
    container.capAdd = caps.capAdd;
    container.capDrop = caps.capDrop;
  }
  const apparmor = confinementFact(
    fields,
    process,
    'apparmorProfile',
    'process.apparmorProfile',
    appArmorConfinement,
  );
  if (apparmor) container.apparmor = apparmor;
  const selinux = confinementFact(
    fields,
    process,
    'selinuxLabel',
    'process.selinuxLabel',
    selinuxLabelConfinement,
  );
  if (selinux) container.selinux = selinux;
  return caps;
}

function confinementFact(
  fields: TypedFields,
  mapping: Record<string, unknown>,
  key: string,
  path: string,
  read: (text: string) => Confinement | undefined,
): Fact<Confinement> | undefined {
  const confinement = read(fields.string(mapping, key, path) ?? '');
  return confinement && fact(confinement, fields.at(mapping, key, path));
}

/** Seccomp, /proc masking and the privileged inference, which need the whole Linux section. */
function readLinuxConfinement(
  fields: TypedFields,
  doc: Record<string, unknown>,
  linux: Record<string, unknown>,
  container: Container,
  caps: ProcessCapabilities | undefined,
): void {
  const linuxAt = 'linux' in doc ? fields.at(doc, 'linux', 'linux') : fields.reader.node(doc, 'linux');
  // A field of the wrong type was reported; it is neither a filter nor the absence of one.
  const present = (key: string): boolean => linux[key] !== undefined && linux[key] !== null;
  const seccomp = fields.object(linux, 'seccomp', 'linux.seccomp');
  if (seccomp) {
    const syscalls = fields.array(seccomp, 'syscalls', 'linux.seccomp.syscalls') ?? [];
    const action = fields.string(seccomp, 'defaultAction', 'linux.seccomp.defaultAction');
    // A filter that allows every call by default and lists no rule filters nothing.
    const filtersNothing = action === 'SCMP_ACT_ALLOW' && syscalls.length === 0;
    container.seccomp = fact(
      filtersNothing ? { mode: 'unconfined' } : { mode: 'custom' },
      fields.at(linux, 'seccomp', 'linux.seccomp'),
    );
  } else if (!present('seccomp')) {
    container.seccomp = fact(
      { mode: 'unconfined' },
      { ...linuxAt, path: 'linux.seccomp (absent: no system-call filter)' },
    );
  }
  const masked = fields.array(linux, 'maskedPaths', 'linux.maskedPaths');
  const unmasked = masked ? masked.length === 0 : !present('maskedPaths');
  if (masked) {
    container.procMount = fact(
      unmasked ? 'unmasked' : 'default',
      fields.at(linux, 'maskedPaths', 'linux.maskedPaths'),
    );
  } else if (unmasked) {
    container.procMount = fact('unmasked', {
      ...linuxAt,
      path: 'linux.maskedPaths (absent: /proc is not masked)',
    });
  }
  if (caps?.full && !present('seccomp') && unmasked) {
    container.privileged = fact(true, {
      ...caps.at,
      path: `${caps.at.path} (privileged inferred: full capability set, no linux.seccomp, no linux.maskedPaths)`,
    });
  }
}

function readMounts(fields: TypedFields, doc: Record<string, unknown>): Mount[] {
  const list = fields.array(doc, 'mounts', 'mounts');
  if (!list) return [];
  const out: Mount[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const path = `mounts[${i}]`;
    if (!isRecord(item)) {
      fields.mistypedItem(list, i, path, 'an object with destination, type, source and options');
      continue;
    }
    const optionList = fields.array(item, 'options', `${path}.options`);
    const options = optionList ? fields.strings(optionList, `${path}.options`).map((o) => o.value) : [];
    const type = fields.string(item, 'type', `${path}.type`) ?? '';
    const source = fields.string(item, 'source', `${path}.source`);
    const mount: Mount = {
      kind: 'other',
      readOnly: options.includes('ro'),
      at: fields.itemAt(list, i, path),
    };
    const target = fields.string(item, 'destination', `${path}.destination`);
    if (target !== undefined) mount.target = target;
    if (type === 'bind' || options.includes('bind') || options.includes('rbind')) {
      mount.kind = 'bind';
      if (source) mount.hostPath = hostPathOf(source);
      const propagation = options.find((o) => PROPAGATIONS.has(o));
      if (propagation) mount.propagation = propagation;
    } else if (type === 'tmpfs') {
      mount.kind = 'tmpfs';
    } else if (type !== '') {
      mount.name = type;
    }
    out.push(mount);
  }
  return out;
}

/** Devices beyond the runtime's defaults, and device-cgroup rules that allow whole classes of
 * devices (`{"allow": true, "access": "rwm"}` with no type or number), as `type major:minor access`. */
function readDevices(fields: TypedFields, linux: Record<string, unknown>): Fact<string>[] {
  const out: Fact<string>[] = [];
  const devices = fields.array(linux, 'devices', 'linux.devices');
  for (let i = 0; i < (devices?.length ?? 0); i++) {
    const item = devices![i];
    const path = `linux.devices[${i}]`;
    if (!isRecord(item)) {
      fields.mistypedItem(devices!, i, path, 'an object with path, type, major and minor');
      continue;
    }
    const device = fields.string(item, 'path', `${path}.path`)?.trim();
    if (device && !DEFAULT_DEVICES.has(device)) out.push(fact(device, fields.itemAt(devices, i, path)));
  }
  const resources = isRecord(linux.resources) ? linux.resources : undefined;
  const rules = resources ? fields.array(resources, 'devices', 'linux.resources.devices') : undefined;
  for (let i = 0; i < (rules?.length ?? 0); i++) {
    const rule = rules![i];
    const path = `linux.resources.devices[${i}]`;
    if (!isRecord(rule)) {
      fields.mistypedItem(rules!, i, path, 'an object with allow, type, major, minor and access');
      continue;
    }
    if (fields.boolean(rule, 'allow', `${path}.allow`) !== true) continue;
    const type = fields.string(rule, 'type', `${path}.type`) ?? 'a';
    const major = fields.number(rule, 'major', `${path}.major`);
    const minor = fields.number(rule, 'minor', `${path}.minor`);
    const wildcard = (n: number | undefined): boolean => n === undefined || n < 0;
    if (type !== 'a' && !wildcard(major) && !wildcard(minor)) continue;
    const access = fields.string(rule, 'access', `${path}.access`) ?? 'rwm';
    const number = (n: number | undefined): string => (wildcard(n) ? '*' : String(n));
    out.push(fact(`${type} ${number(major)}:${number(minor)} ${access}`, fields.itemAt(rules, i, path)));
  }
  return out;
}

function readEnv(fields: TypedFields, process: Record<string, unknown>): EnvVar[] {
  const list = fields.array(process, 'env', 'process.env');
  if (!list) return [];
  return fields.strings(list, 'process.env').map(({ value, index }) => {
    const at = fields.itemAt(list, index, `process.env[${index}]`);
    const eq = value.indexOf('=');
    if (eq < 0) return { name: value, from: 'passthrough' as const, at };
    return { name: value.slice(0, eq), value: value.slice(eq + 1), from: 'literal' as const, at };
  });
}

function readSysctls(fields: TypedFields, linux: Record<string, unknown>): Sysctl[] {
  const sysctls = fields.stringRecord(linux, 'sysctl', 'linux.sysctl');
  return Object.keys(sysctls).map((name) => ({
    name,
    value: sysctls[name]!,
    at: fields.at(linux.sysctl, name, `linux.sysctl.${name}`),
  }));
}

/** Memory in bytes; CPU quota over period in cores; shares as a request the way Kubernetes maps
 * requests to shares (1024 = one core). -1 and 0 mean unlimited. */
function readResources(fields: TypedFields, linux: Record<string, unknown>): Resources {
  const out: Resources = {};
  const resources = fields.object(linux, 'resources', 'linux.resources');
  if (!resources) return out;
  const group = (name: string): Record<string, unknown> | undefined =>
    fields.object(resources, name, `linux.resources.${name}`);
  const positive = (
    section: Record<string, unknown> | undefined,
    key: string,
    path: string,
  ): { value: number; at: SourceRef } | undefined => {
    const value = section ? fields.number(section, key, path) : undefined;
    return value !== undefined && value > 0 ? { value, at: fields.at(section, key, path) } : undefined;
  };
  const memory = group('memory');
  const cpu = group('cpu');
  const pids = group('pids');
  const limit = positive(memory, 'limit', 'linux.resources.memory.limit');
  if (limit) out.memoryLimit = fact(String(limit.value), limit.at);
  const reservation = positive(memory, 'reservation', 'linux.resources.memory.reservation');
  if (reservation) out.memoryRequest = fact(String(reservation.value), reservation.at);
  const quota = positive(cpu, 'quota', 'linux.resources.cpu.quota');
  const period = positive(cpu, 'period', 'linux.resources.cpu.period')?.value ?? 100_000;
  if (quota) out.cpuLimit = fact(String(quota.value / period), quota.at);
  const shares = positive(cpu, 'shares', 'linux.resources.cpu.shares');
  if (shares) out.cpuRequest = fact(String(shares.value / 1024), shares.at);
  const pidsLimit = positive(pids, 'limit', 'linux.resources.pids.limit');
  if (pidsLimit) out.pidsLimit = fact(pidsLimit.value, pidsLimit.at);
  return out;
}
