import { fact, type Fact } from '../../source/source-ref';
import { effectiveSecurityOptions, parseSecurityOpt, type SecurityOption } from '../compose/security-opt';
import type { Confinement } from '../workload';
import { INSPECT_DIAGNOSTICS as D } from './diagnostics';
import type { TypedFields } from './typed-fields';

/**
 * Confinement of an inspected container. `HostConfig.SecurityOpt` holds the options as `docker run
 * --security-opt` spells them, so they are read like compose's `security_opt`; a seccomp profile
 * given as a file reaches the daemon inlined as JSON (`seccomp={"defaultAction":…}`), which is a
 * custom profile. The top-level `AppArmorProfile` and `ProcessLabel` are what the daemon applied:
 * `AppArmorProfile` wins over an `apparmor=` option, `ProcessLabel` is used when no `label=` option
 * says more. `MaskedPaths: []` is how `--privileged` and `systempaths=unconfined` leave /proc.
 */
export interface InspectSecurity {
  noNewPrivileges?: Fact<boolean>;
  seccomp?: Fact<Confinement>;
  apparmor?: Fact<Confinement>;
  selinux?: Fact<Confinement>;
  procMount?: Fact<'default' | 'unmasked'>;
}

/** SELinux types the container runtimes apply by default (container-selinux). */
const DEFAULT_SELINUX_TYPES = new Set(['container_t', 'svirt_lxc_net_t', 'container_init_t']);
const UNCONFINED_SELINUX_TYPES = new Set(['spc_t', 'unconfined_t']);

export function readSecurity(
  fields: TypedFields,
  container: Record<string, unknown>,
  hostConfig: Record<string, unknown> | undefined,
  prefix: string,
): InspectSecurity {
  const options: SecurityOption[] = [];
  const optPath = `${prefix}HostConfig.SecurityOpt`;
  const list = hostConfig ? fields.array(hostConfig, 'SecurityOpt', optPath) : undefined;
  for (const { value, index } of list ? fields.strings(list, optPath) : []) {
    const at = fields.itemAt(list, index, `${optPath}[${index}]`);
    const parsed = parseSecurityOpt(value);
    if (typeof parsed === 'string') {
      fields.report(D.INSPECT_INVALID_SECURITY_OPT, `SecurityOpt "${value}": ${parsed}`, at);
      continue;
    }
    if (parsed.kind === 'seccomp' && parsed.value.profile?.trimStart().startsWith('{')) {
      // An inlined JSON profile: custom, with no file name to show.
      options.push({ kind: 'seccomp', value: { mode: 'custom' }, at });
      continue;
    }
    options.push({ ...parsed, at });
  }
  const out: InspectSecurity = effectiveSecurityOptions(options);
  const apparmor = appArmorProfile(fields, container, prefix);
  if (apparmor) out.apparmor = apparmor;
  if (!out.selinux) {
    const selinux = processLabel(fields, container, prefix);
    if (selinux) out.selinux = selinux;
  }
  if (!out.procMount && hostConfig) {
    const path = `${prefix}HostConfig.MaskedPaths`;
    const masked = fields.array(hostConfig, 'MaskedPaths', path);
    if (masked)
      out.procMount = fact(
        masked.length === 0 ? 'unmasked' : 'default',
        fields.at(hostConfig, 'MaskedPaths', path),
      );
  }
  return out;
}

/** AppArmor profiles the runtimes load by default (Docker, containerd's CRI plugin, CRI-O). */
const DEFAULT_APPARMOR_PROFILES = new Set(['docker-default', 'cri-containerd.apparmor.d', 'crio-default']);

/** An AppArmor profile name as the kernel applies it; empty means none was set. */
export function appArmorConfinement(profile: string): Confinement | undefined {
  const name = profile.trim();
  if (name === '') return undefined;
  if (name === 'unconfined') return { mode: 'unconfined' };
  if (DEFAULT_APPARMOR_PROFILES.has(name)) return { mode: 'runtime-default' };
  return { mode: 'custom', profile: name };
}

/** An SELinux process label `user:role:type[:level]`; only the type says how the process is confined. */
export function selinuxLabelConfinement(label: string): Confinement | undefined {
  const type = label.trim().split(':')[2];
  if (type === undefined || type === '') return undefined;
  if (UNCONFINED_SELINUX_TYPES.has(type)) return { mode: 'unconfined', profile: type };
  if (DEFAULT_SELINUX_TYPES.has(type)) return { mode: 'runtime-default' };
  return { mode: 'custom', profile: type };
}

function appArmorProfile(
  fields: TypedFields,
  container: Record<string, unknown>,
  prefix: string,
): Fact<Confinement> | undefined {
  const path = `${prefix}AppArmorProfile`;
  const confinement = appArmorConfinement(fields.string(container, 'AppArmorProfile', path) ?? '');
  return confinement && fact(confinement, fields.at(container, 'AppArmorProfile', path));
}

function processLabel(
  fields: TypedFields,
  container: Record<string, unknown>,
  prefix: string,
): Fact<Confinement> | undefined {
  const path = `${prefix}ProcessLabel`;
  const confinement = selinuxLabelConfinement(fields.string(container, 'ProcessLabel', path) ?? '');
  return confinement && fact(confinement, fields.at(container, 'ProcessLabel', path));
}
