import { HIGH_RISK_CAPABILITIES } from '../../conditions/capabilities';
import type { Finding } from '../../conditions/finding';
import type { Container, Mount, Workload } from '../../import/workload';
import type { MitigationId } from '../../mitigations/mitigation-ids';
import { ChangeLog, ofCondition, type HardeningChange } from './hardening-plan';
import { entry, map, scalar, seq, type YamlEntry, type YamlNode } from './yaml-writer';

/** A non-root uid outside the range images give their system users (Debian < 1000, Alpine < 1000). */
export const NON_ROOT_UID = 10001;
/** Limits written where none are set: a starting point to size to the service. */
export const DEFAULT_LIMITS = { memory: '512m', cpus: '1.0', pids: 256, k8sMemory: '512Mi', k8sCpu: '1' };

/** What the override writes for one compose service. */
export interface ComposeServiceHardening {
  service: YamlEntry | undefined;
  changes: HardeningChange[];
}

/** Capabilities a hardened service gives up: ALL, SYS_ADMIN, and the high-risk ones. */
export function isDangerousCapability(cap: string): boolean {
  return cap === 'ALL' || cap === 'SYS_ADMIN' || HIGH_RISK_CAPABILITIES.has(cap);
}

const describeFindings = (findings: readonly Finding[]): string =>
  [...new Set(findings.map((f) => f.condition))].join(', ');

/**
 * The override entry of one compose service: every setting that removes one of its findings, each
 * with a comment naming the conditions and the mitigation. What an override cannot take away by
 * merging (a host namespace, a mount, a capability) is removed with the Compose Specification's
 * `!reset` (drop the value) and `!override` (replace the list whole) tags.
 *
 * `skip` holds mitigations the user has accepted as they are; their changes are not written.
 */
export function hardenComposeService(
  workload: Workload,
  findings: readonly Finding[],
  skip: ReadonlySet<MitigationId> = new Set(),
): ComposeServiceHardening {
  const c = workload.containers[0];
  if (!c) return { service: undefined, changes: [] };
  const log = new ChangeLog();
  const entries: YamlEntry[] = [];
  const set = (
    key: string,
    value: YamlNode,
    change: Omit<HardeningChange, 'setting'>,
    extraComments: string[] = [],
  ): void => {
    const related = change.related ?? [];
    if (skip.has(change.mitigation) || change.fixes.length + related.length === 0) return;
    log.add({ setting: key, ...change });
    const why = `${describeFindings(change.fixes.length ? change.fixes : related)}: ${change.description} (mitigation ${change.mitigation})`;
    entries.push(
      entry(key, value, [why, ...(change.check ? [`check: ${change.check}`] : []), ...extraComments]),
    );
  };
  const at = (f: Finding, suffix: string) => f.source.path?.endsWith(suffix) ?? false;

  // Privileged first: turning it off also ends the seccomp, AppArmor and escalation findings it caused.
  const privileged = ofCondition(findings, 'privileged');
  const byPrivileged = findings.filter(
    (f) => f.condition !== 'privileged' && at(f, '.privileged') && c.privileged?.value === true,
  );
  set('privileged', scalar(false), {
    description: 'not privileged',
    mitigation: 'no-privileged',
    fixes: [...privileged, ...byPrivileged],
  });

  hardenCapabilities(c, findings, privileged, set);

  // Host namespaces: an override can only drop these with !reset.
  for (const [condition, key] of [
    ['host-pid', 'pid'],
    ['host-ipc', 'ipc'],
    ['host-network', 'network_mode'],
  ] as const) {
    set(key, scalar(null, '!reset'), {
      description: `leaves the host ${key === 'network_mode' ? 'network' : key.toUpperCase()} namespace`,
      mitigation: 'no-host-namespaces',
      fixes: ofCondition(findings, condition),
      check:
        key === 'network_mode'
          ? 'the service then joins the project network: publish the ports it serves'
          : undefined,
    });
  }
  if (workload.host.userns?.value === 'host')
    set('userns_mode', scalar(null, '!reset'), {
      description: 'no longer opts out of user-namespace remapping',
      mitigation: 'user-namespace',
      fixes: [],
      related: ofCondition(findings, 'no-user-namespace').filter((f) => !f.implicit),
      check: 'root in the container stays host root until the daemon runs with userns-remap',
    });

  hardenSecurityOptions(c, findings, byPrivileged, set);

  set('read_only', scalar(true), {
    description: 'read-only root filesystem',
    mitigation: 'read-only-rootfs',
    fixes: ofCondition(findings, 'writable-root-filesystem'),
    check: 'paths the service writes need a tmpfs or a volume',
  });
  if (
    entries.some((e) => e.key === 'read_only') &&
    !c.mounts.some((m) => m.target === '/tmp' || m.target?.startsWith('/tmp/'))
  )
    entries.push(entry('tmpfs', seq([scalar('/tmp')]), ['scratch space for the read-only root filesystem']));

  const root = ofCondition(findings, 'runs-as-root');
  set('user', scalar(`${NON_ROOT_UID}:${NON_ROOT_UID}`), {
    description: `runs as uid ${NON_ROOT_UID}`,
    mitigation: 'non-root-user',
    fixes: root,
    check: 'the image must work as this uid; files it writes must belong to it',
  });

  hardenMounts(workload, c, findings, set);

  const limits = ofCondition(findings, 'no-resource-limits');
  const resources = c.resources;
  const limit = (key: string, value: YamlNode, what: string) =>
    set(key, value, {
      description: `${what} limit`,
      mitigation: 'resource-limits',
      fixes: limits,
      check: 'size it to what the service needs under load',
    });
  if (!resources.memoryLimit) limit('mem_limit', scalar(DEFAULT_LIMITS.memory), 'memory');
  if (!resources.cpuLimit) limit('cpus', scalar(DEFAULT_LIMITS.cpus), 'CPU');
  if (!resources.pidsLimit && limits.length > 0) limit('pids_limit', scalar(DEFAULT_LIMITS.pids), 'process');

  if (entries.length === 0) return { service: undefined, changes: [] };
  return { service: entry(workload.name, map(entries)), changes: log.changes };
}

type Setter = (
  key: string,
  value: YamlNode,
  change: Omit<HardeningChange, 'setting'>,
  extra?: string[],
) => void;

function hardenCapabilities(
  c: Container,
  findings: readonly Finding[],
  privileged: readonly Finding[],
  set: Setter,
): void {
  const added = [...new Set(c.capAdd.map((f) => f.value))];
  const removed = added.filter(isDangerousCapability);
  const kept = added.filter((cap) => !isDangerousCapability(cap));
  const dangerous = [
    ...ofCondition(findings, 'cap-sys-admin'),
    ...ofCondition(findings, 'dangerous-capability'),
  ].filter((f) => (f.data.capabilities ?? []).every((cap) => removed.includes(cap)));
  if (removed.length > 0)
    set(
      'cap_add',
      kept.length > 0
        ? seq(
            kept.map((cap) => scalar(cap)),
            '!override',
          )
        : seq([], '!reset'),
      {
        description: `drops ${removed.join(', ')}${kept.length ? `, keeps ${kept.join(', ')}` : ''}`,
        mitigation: 'drop-capabilities',
        fixes: dangerous,
        check: 'the service must work without them',
      },
    );
  // A privileged service shows no capability findings; once it is not privileged it would keep the defaults.
  const dropsAll = c.capDrop.some((f) => f.value === 'ALL');
  set('cap_drop', seq([scalar('ALL')]), {
    description: 'drops every default capability',
    mitigation: 'drop-capabilities',
    fixes: ofCondition(findings, 'default-capabilities-kept'),
    related: dropsAll ? [] : [...privileged],
    check: kept.length ? `cap_add still grants ${kept.join(', ')}` : undefined,
  });
}

/** security_opt: no-new-privileges is merged in; unconfined seccomp, AppArmor, SELinux and
 * /proc options are taken out, which needs the whole list replaced. */
function hardenSecurityOptions(
  c: Container,
  findings: readonly Finding[],
  byPrivileged: readonly Finding[],
  set: Setter,
): void {
  const fromOption = (f: Finding) =>
    !byPrivileged.includes(f) && /\.security_opt\[\d+\]/.test(f.source.path ?? '');
  const seccomp = ofCondition(findings, 'seccomp-unconfined').filter(fromOption);
  const mac = ofCondition(findings, 'mac-disabled').filter(fromOption);
  const proc = ofCondition(findings, 'proc-mount-unmasked').filter(fromOption);
  const escalation = ofCondition(findings, 'privilege-escalation-allowed').filter(
    (f) => !byPrivileged.includes(f),
  );
  const removing = seccomp.length + mac.length + proc.length > 0;
  const nnp = scalar('no-new-privileges:true');
  if (!removing) {
    set('security_opt', seq([nnp]), {
      description: 'no-new-privileges',
      mitigation: 'no-new-privileges',
      fixes: escalation,
    });
    return;
  }
  // Rebuild the list from what the model knows; confinement that is not unconfined is kept.
  const kept: string[] = [];
  if (c.seccomp?.value.mode === 'custom' && c.seccomp.value.profile)
    kept.push(`seccomp=${c.seccomp.value.profile}`);
  if (c.apparmor?.value.mode === 'custom' && c.apparmor.value.profile)
    kept.push(`apparmor=${c.apparmor.value.profile}`);
  if (c.selinux?.value.mode === 'custom' && c.selinux.value.profile)
    kept.push(`label=type:${c.selinux.value.profile}`);
  const fixes = [...escalation, ...seccomp, ...mac, ...proc];
  const removed = [
    seccomp.length ? 'seccomp unconfined' : '',
    mac.length ? 'AppArmor/SELinux unconfined' : '',
    proc.length ? 'systempaths=unconfined' : '',
  ].filter(Boolean);
  set(
    'security_opt',
    seq([...kept.map((text) => scalar(text)), nnp], '!override'),
    {
      description: `no-new-privileges; removes ${removed.join(', ')}, so the runtime's default profiles apply`,
      mitigation: seccomp.length ? 'seccomp-default' : mac.length ? 'apparmor-profile' : 'no-new-privileges',
      fixes,
      check: 'other security_opt entries (SELinux user, role or level labels) must be copied back by hand',
    },
    [
      `then: seccomp=<profile.json> from \`rampart profile seccomp\`, apparmor=<name> from \`rampart profile apparmor\``,
    ],
  );
}

/** Host mounts of the runtime socket or sensitive host folders are taken out of `volumes`. */
function hardenMounts(workload: Workload, c: Container, findings: readonly Finding[], set: Setter): void {
  const mountFindings = [
    ...ofCondition(findings, 'runtime-socket-mount'),
    ...ofCondition(findings, 'sensitive-host-mount'),
  ];
  if (mountFindings.length === 0) return;
  const own = `services.${workload.name}.volumes[`;
  const fromVolumes = (f: Finding) => f.source.path?.startsWith(own) ?? false;
  const removedPaths = new Set(mountFindings.filter(fromVolumes).map((f) => f.source.path));
  const apiSocket = mountFindings.filter((f) => f.source.path === `services.${workload.name}.use_api_socket`);
  set('use_api_socket', scalar(false), {
    description: 'no Docker API socket',
    mitigation: 'no-runtime-socket',
    fixes: apiSocket,
  });
  if (removedPaths.size === 0) return;
  const volumes = c.mounts.filter((m) => m.at.path?.startsWith(own));
  const kept = volumes.filter((m) => !removedPaths.has(m.at.path));
  const removed = volumes.filter((m) => removedPaths.has(m.at.path)).map((m) => m.hostPath ?? m.target ?? '');
  const fixes = mountFindings.filter(fromVolumes);
  const socket = fixes.some((f) => f.condition === 'runtime-socket-mount');
  set(
    'volumes',
    kept.length > 0
      ? seq(
          kept.map((m) => scalar(shortVolume(m))),
          '!override',
        )
      : seq([], '!reset'),
    {
      description: `removes the host mounts ${removed.join(', ')}`,
      mitigation: socket ? 'no-runtime-socket' : 'no-sensitive-mounts',
      fixes,
      check:
        kept.length > 0
          ? 'the kept volumes are listed again; mount options other than ro are not carried over'
          : undefined,
    },
  );
}

/** A mount in compose short syntax, as the model recorded it. */
function shortVolume(m: Mount): string {
  const options = [m.readOnly ? 'ro' : '', m.propagation ?? ''].filter(Boolean).join(',');
  const source = m.kind === 'bind' ? m.hostPath : m.name;
  return [source, m.target, options].filter((part) => part !== undefined && part !== '').join(':');
}
