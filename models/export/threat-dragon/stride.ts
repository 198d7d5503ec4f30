import type { ConditionId } from '../../conditions/condition-ids';

/** STRIDE categories as Threat Dragon writes them in `threat.type` (its English labels). */
export type StrideCategory =
  | 'Spoofing'
  | 'Tampering'
  | 'Repudiation'
  | 'Information disclosure'
  | 'Denial of service'
  | 'Elevation of privilege';

/**
 * The STRIDE category of each condition, by what an attacker gains from it:
 *
 * - Elevation of privilege: everything that lets a foothold in a container become root on the
 *   host or reach neighbours — privileged mode, runtime sockets, host namespaces and mounts,
 *   capabilities, missing seccomp/MAC/user-namespace confinement, exposed container APIs, and
 *   flat networks (lateral movement is gaining access one was not granted).
 * - Tampering: what lets code or data be changed — a writable root filesystem and the supply
 *   chain of the image (unpinned images, remote `ADD`, piped installers, full OS bases).
 * - Information disclosure: secrets in the environment, service-account tokens, plaintext flows,
 *   the host network namespace (sniffing) and published ports (an interface exposed).
 * - Spoofing: default capabilities kept, because NET_RAW allows ARP and DNS spoofing.
 * - Denial of service: missing resource limits.
 */
export const CONDITION_STRIDE: Record<ConditionId, StrideCategory> = {
  privileged: 'Elevation of privilege',
  'runtime-socket-mount': 'Elevation of privilege',
  'host-pid': 'Elevation of privilege',
  'host-ipc': 'Elevation of privilege',
  'host-network': 'Information disclosure',
  'sensitive-host-mount': 'Elevation of privilege',
  'host-path-mount': 'Elevation of privilege',
  'cap-sys-admin': 'Elevation of privilege',
  'dangerous-capability': 'Elevation of privilege',
  'default-capabilities-kept': 'Spoofing',
  'runs-as-root': 'Elevation of privilege',
  'privilege-escalation-allowed': 'Elevation of privilege',
  'writable-root-filesystem': 'Tampering',
  'seccomp-unconfined': 'Elevation of privilege',
  'generic-seccomp-profile': 'Elevation of privilege',
  'mac-disabled': 'Elevation of privilege',
  'generic-mac-profile': 'Elevation of privilege',
  'no-user-namespace': 'Elevation of privilege',
  'host-devices': 'Elevation of privilege',
  'unsafe-sysctls': 'Elevation of privilege',
  'proc-mount-unmasked': 'Elevation of privilege',
  'secret-in-environment': 'Information disclosure',
  'service-account-token-automount': 'Information disclosure',
  'no-resource-limits': 'Denial of service',
  'mutable-image': 'Tampering',
  'full-os-base-image': 'Tampering',
  'published-port': 'Information disclosure',
  'container-api-exposed': 'Elevation of privilege',
  'dockerfile-remote-add': 'Tampering',
  'dockerfile-pipe-to-shell': 'Tampering',
  'dockerfile-workdir-proc-fd': 'Elevation of privilege',
  'plaintext-flow': 'Information disclosure',
  'flat-network': 'Elevation of privilege',
  'no-network-policy': 'Elevation of privilege',
};

/** The categories Threat Dragon offers per element (its STRIDE threat model): stores and flows
 * have no spoofing or elevation, actors only spoofing and repudiation. */
const ALLOWED: Record<'process' | 'store' | 'actor' | 'flow', readonly StrideCategory[]> = {
  process: [
    'Spoofing',
    'Tampering',
    'Repudiation',
    'Information disclosure',
    'Denial of service',
    'Elevation of privilege',
  ],
  store: ['Tampering', 'Repudiation', 'Information disclosure', 'Denial of service'],
  flow: ['Tampering', 'Information disclosure', 'Denial of service'],
  actor: ['Spoofing', 'Repudiation'],
};

/**
 * The category a threat on this kind of element is filed under: the condition's own category when
 * Threat Dragon offers it for the element, otherwise the nearest one it offers — on a data store or
 * a flow an escape or a spoofing position is used to tamper with what it holds or carries, and on
 * an actor anything is a matter of who it claims to be.
 */
export function strideFor(condition: ConditionId, shape: keyof typeof ALLOWED): StrideCategory {
  const category = CONDITION_STRIDE[condition];
  if (ALLOWED[shape].includes(category)) return category;
  return shape === 'actor' ? 'Spoofing' : 'Tampering';
}
