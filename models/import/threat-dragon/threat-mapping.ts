import type { MitigationId, MitigationState } from '../../mitigations/mitigation-ids';

/**
 * How a Threat Dragon threat maps onto Rampart (the reverse of the mapping in the export):
 *
 * - Every threat becomes a note on its element or flow, keeping its title, category, severity,
 *   status, description and mitigation text.
 * - When its text names a control Rampart knows as a mitigation kind (first match below, and only
 *   a kind that applies to the target: transport kinds on flows, the others on processes and
 *   stores), it also becomes a mitigation-state edit, with the threat as the reason:
 *
 *   | Threat Dragon status          | Rampart state                                      |
 *   |-------------------------------|----------------------------------------------------|
 *   | Mitigated, Avoided, Eliminated | implemented                                       |
 *   | Accepted                      | accepted-risk                                      |
 *   | Transferred                   | accepted-risk (reason says it was transferred)     |
 *   | NotApplicable                 | not-applicable                                     |
 *   | Open, with mitigation text    | planned                                            |
 *   | Open, no mitigation text      | missing                                            |
 */

/** Keyword patterns, most specific first: "mutual TLS" must not be read as plain TLS. */
const KEYWORDS: readonly [RegExp, MitigationId][] = [
  [/\bmutual tls\b|\bmtls\b|client certificate/i, 'mtls'],
  [/\bipsec\b|wireguard|encrypted overlay/i, 'ipsec'],
  [
    /\btls\b|\bhttps\b|\bssl\b|encrypt\w* (in transit|the (channel|connection|traffic))|transport encryption/i,
    'tls',
  ],
  [/seccomp/i, 'seccomp-profile'],
  [/apparmor/i, 'apparmor-profile'],
  [/selinux/i, 'selinux-policy'],
  [/user namespace|userns/i, 'user-namespace'],
  [/no-new-privileges|privilege escalation/i, 'no-new-privileges'],
  [/\bprivileged (mode|container)|--privileged/i, 'no-privileged'],
  [/capabilit/i, 'drop-capabilities'],
  [/read-?only (root )?file ?system|read-?only root/i, 'read-only-rootfs'],
  [/non-?root|runs? as root|root user/i, 'non-root-user'],
  [/docker\.sock|runtime socket|container socket/i, 'no-runtime-socket'],
  [/network polic|segmentation|firewall/i, 'network-policy'],
  [
    /secrets? (manager|management|store)|\bvault\b|hard-?coded (secret|credential|password)/i,
    'secrets-manager',
  ],
  [/image digest|pinned image|image signature|signed image|cosign/i, 'immutable-image'],
  [/distroless|minimal base image|base image/i, 'minimal-base-image'],
  [/rate limit|resource limit|quota|denial of service|\bdos\b/i, 'resource-limits'],
  [/service account token/i, 'no-service-account-token'],
  [/\blogging\b|\baudit\b|monitoring/i, 'logging-and-audit'],
];

const FLOW_KINDS = new Set<MitigationId>(['tls', 'mtls', 'ipsec']);

export type TargetKind = 'process' | 'store' | 'actor' | 'flow';

/** The mitigation kind a threat's text names, if it applies to the target. */
export function mitigationOfThreat(text: string, target: TargetKind): MitigationId | undefined {
  if (target === 'actor') return undefined;
  for (const [pattern, mitigation] of KEYWORDS) {
    if (!pattern.test(text)) continue;
    if (FLOW_KINDS.has(mitigation) === (target === 'flow')) return mitigation;
  }
  return undefined;
}

/** The Rampart state of a threat's status; undefined for a status Threat Dragon does not define. */
export function stateOfThreat(status: string, hasMitigationText: boolean): MitigationState | undefined {
  switch (status.replace(/[\s_-]/g, '').toLowerCase()) {
    case 'mitigated':
    case 'avoided':
    case 'eliminated':
      return 'implemented';
    case 'accepted':
    case 'transferred':
      return 'accepted-risk';
    case 'notapplicable':
      return 'not-applicable';
    case 'open':
      return hasMitigationText ? 'planned' : 'missing';
    default:
      return undefined;
  }
}
