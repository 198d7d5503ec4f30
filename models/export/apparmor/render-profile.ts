import type { BanePolicy } from './bane-policy';

/** bane prefixes every profile name so that Docker's profiles are recognisable on the host. */
export const PROFILE_PREFIX = 'docker-';

/** The rules after the policy's own, as bane writes them (genuinetools/bane `apparmor/template.go`,
 * the same `/proc` and `/sys` protection as Docker's `docker-default`). */
const HARDENING_TAIL = `  deny @{PROC}/* w,   # deny write for all files directly in /proc (not in a subdir)
  deny @{PROC}/{[^1-9],[^1-9][^0-9],[^1-9s][^0-9y][^0-9s],[^1-9][^0-9][^0-9][^0-9]*}/** w,
  deny @{PROC}/sys/[^k]** w,  # deny /proc/sys except /proc/sys/k* (effectively /proc/sys/kernel)
  deny @{PROC}/sys/kernel/{?,??,[^s][^h][^m]**} w,  # deny everything except shm* in /proc/sys/kernel/
  deny @{PROC}/sysrq-trigger rwklx,
  deny @{PROC}/mem rwklx,
  deny @{PROC}/kmem rwklx,
  deny @{PROC}/kcore rwklx,
  deny mount,
  deny /sys/[^f]*/** wklx,
  deny /sys/f[^s]*/** wklx,
  deny /sys/fs/[^c]*/** wklx,
  deny /sys/fs/c[^g]*/** wklx,
  deny /sys/fs/cg[^r]*/** wklx,
  deny /sys/firmware/efi/efivars/** rwklx,
  deny /sys/kernel/security/** rwklx,
}
`;

const lines = (items: readonly string[], format: (item: string) => string): string =>
  items.map((item) => `  ${format(item)}\n`).join('');

/**
 * Writes the AppArmor profile for a checked policy, laid out line for line as bane lays it out, so
 * that a profile from bane and one from here diff cleanly. Unlike bane, which looks at the machine
 * it runs on, the includes are always `<tunables/global>` and `<abstractions/base>`: the profile is
 * written for the container host, which has them wherever AppArmor is installed.
 *
 * Capabilities: with `Deny`, every capability but those is allowed (`capability,` then the denies);
 * otherwise only the `Allow` list is (none when it is empty). Network: the listed inet protocols,
 * or all networking when none are listed; raw and packet sockets are denied unless allowed.
 */
export function renderAppArmorProfile(policy: BanePolicy): string {
  const { filesystem: fs, capabilities: caps, network } = policy;
  const networkRules = network.protocols.length
    ? lines(network.protocols, (p) => `network inet ${p},`)
    : '  network,\n';
  const denyCaps = caps.deny.length
    ? `  capability,\n${lines(caps.deny, (c) => `deny capability ${c},`)}`
    : '';
  const allowCaps = caps.deny.length ? '' : lines(caps.allow, (c) => `capability ${c},`);
  return [
    '\n#include <tunables/global>\n',
    '\n\n',
    `profile ${PROFILE_PREFIX}${policy.name} flags=(attach_disconnected,mediate_deleted) {\n`,
    '  #include <abstractions/base>\n',
    '\n\n\n',
    networkRules,
    '\n',
    network.raw ? '' : '  deny network raw,\n',
    '\n',
    network.packet ? '' : '  deny network packet,\n',
    '\n  file,\n  umount,\n\n',
    lines(fs.readOnlyPaths, (p) => `deny ${p} wl,`),
    '\n',
    lines(fs.logOnWritePaths, (p) => `audit ${p} w,`),
    '\n',
    lines(fs.writablePaths, (p) => `${p} w,`),
    '\n',
    lines(fs.allowExec, (p) => `${p} ix,`),
    '\n',
    lines(fs.denyExec, (p) => `deny ${p} mrwklx,`),
    '\n',
    denyCaps,
    '\n',
    allowCaps,
    '\n',
    HARDENING_TAIL,
  ].join('');
}
