/**
 * Host assumptions: facts that decide whether an attack step works but that container configs
 * rarely contain (DESIGN §3). Each one becomes an assumption leaf in the generated trees, which a
 * workshop edits (`rampart analyze --assume KEY=VALUE`). `unknown` is always allowed: the step is
 * then kept as possible, and the leaf carries `unknownProbability`, the chance that the value that
 * enables attacks holds.
 *
 * Probabilities are workshop defaults, not measurements.
 */

export const ASSUMPTION_KEYS = [
  'kernel-patched',
  'cgroup-version',
  'daemon-userns-remap',
  'host-mac-enabled',
  'unprivileged-userns-allowed',
  'runtime-patched',
  'l2-bridge-network',
  'imds-reachable',
  'rbac-grants-token',
  'token-reads-node-logs',
  'setuid-binaries-present',
] as const;

export type AssumptionKey = (typeof ASSUMPTION_KEYS)[number];

export type AssumptionValue = boolean | 'v1' | 'v2' | 'unknown';

export interface Assumption {
  key: AssumptionKey;
  title: string;
  /** What to ask the team that runs the hosts or the cluster. */
  question: string;
  /** Values a workshop may set; `unknown` is always among them. */
  values: readonly AssumptionValue[];
  /** Value used when nobody said otherwise. */
  default: AssumptionValue;
  /** Why that default. */
  why: string;
  /** The value under which the attack steps that depend on this assumption work. */
  enablingValue: AssumptionValue;
  /** Chance that `enablingValue` holds when the value is `unknown`. */
  unknownProbability: number;
  /** Where the fact lives. */
  about: 'host' | 'cluster' | 'cloud' | 'image';
  sources: string[];
}

const BOOLEAN: readonly AssumptionValue[] = [true, false, 'unknown'];

export const ASSUMPTIONS: Record<AssumptionKey, Assumption> = {
  'kernel-patched': {
    key: 'kernel-patched',
    title: 'Host kernel carries the container-escape fixes',
    question:
      'Does every host kernel include the fixes for Dirty Pipe (CVE-2022-0847: 5.16.11, 5.15.25, 5.10.102), ' +
      'CVE-2022-0185 (commit 722d94847de2), CVE-2022-0492 and the nf_tables bugs CVE-2022-1015 and CVE-2024-1086, ' +
      'and have the hosts been rebooted into it?',
    values: BOOLEAN,
    default: 'unknown',
    why:
      'Configs never say which kernel runs them, and distribution backports make version numbers misleading; ' +
      'until someone checks, the kernel-bug steps stay in the tree as possible.',
    enablingValue: false,
    unknownProbability: 0.3,
    about: 'host',
    sources: ['attack-trees.md §4.2 R03, R15–R17', 'nestybox/sysbox docs/user-guide/security-cve.md'],
  },
  'cgroup-version': {
    key: 'cgroup-version',
    title: 'Cgroup version of the host',
    question:
      'Do the hosts mount cgroup v1 or the unified cgroup v2 hierarchy (`stat -fc %T /sys/fs/cgroup`)?',
    values: ['v1', 'v2', 'unknown'],
    default: 'v2',
    why:
      'Current distributions (Ubuntu 21.10+, Debian 11+, Fedora 31+, RHEL 9) boot with cgroup v2, where the ' +
      '`release_agent` escapes (R02, R03) do not apply.',
    enablingValue: 'v1',
    unknownProbability: 0.2,
    about: 'host',
    sources: ['attack-trees.md §4.3 R02 (Fix: cgroup v2 hosts)'],
  },
  'daemon-userns-remap': {
    key: 'daemon-userns-remap',
    title: 'Docker daemon remaps users (`userns-remap`)',
    question:
      'Is `userns-remap` set in /etc/docker/daemon.json on the Docker hosts (`docker info` lists `name=userns`)?',
    values: BOOLEAN,
    default: false,
    why: 'The Docker Engine runs containers in the host user namespace unless the daemon is configured otherwise.',
    enablingValue: false,
    unknownProbability: 0.9,
    about: 'host',
    sources: ['https://docs.docker.com/engine/security/userns-remap', 'attack-trees.md §4.1, §4.4 note 10'],
  },
  'host-mac-enabled': {
    key: 'host-mac-enabled',
    title: 'AppArmor or SELinux enforcing on the host',
    question:
      'Do the hosts run AppArmor (`aa-status`) or SELinux in enforcing mode (`getenforce`), so that the runtime ' +
      'applies its default profile to containers?',
    values: BOOLEAN,
    default: true,
    why:
      'Docker on Ubuntu/Debian loads `docker-default`, RHEL/Fedora run SELinux enforcing, and Kubernetes applies ' +
      '`RuntimeDefault` AppArmor where the node supports it; hosts without either exist but are the exception.',
    enablingValue: false,
    unknownProbability: 0.2,
    about: 'host',
    sources: ['attack-trees.md §4.1 (AppArmor row)', 'moby/profiles apparmor/template.go'],
  },
  'unprivileged-userns-allowed': {
    key: 'unprivileged-userns-allowed',
    title: 'Unprivileged user namespaces allowed on the host',
    question:
      'Can an unprivileged process create a user namespace on the hosts (`sysctl user.max_user_namespaces` > 0, ' +
      'Debian `kernel.unprivileged_userns_clone=1`, Ubuntu `kernel.apparmor_restrict_unprivileged_userns=0`)?',
    values: BOOLEAN,
    default: true,
    why:
      'The upstream kernel and most distributions allow it (Ubuntu 24.04 restricts it through AppArmor); it is how ' +
      'CVE-2022-0185, CVE-2022-0492 and the nf_tables bugs gain capabilities without any being granted.',
    enablingValue: true,
    unknownProbability: 0.8,
    about: 'host',
    sources: ['attack-trees.md §4.2 R03, R15, R17', 'nestybox/sysbox docs/user-guide/security-cve.md'],
  },
  'runtime-patched': {
    key: 'runtime-patched',
    title: 'Container runtime carries the escape fixes',
    question:
      'Are the runtimes at runc ≥ 1.1.12 (Docker ≥ 25.0.2), CRI-O with the CVE-2022-0811 fix, CNI plugins ≥ 0.8.6 ' +
      'and Docker ≥ 19.03.11 (CVE-2020-10749 / CVE-2020-13401)?',
    values: BOOLEAN,
    default: true,
    why: 'The last of these fixes (runc 1.1.12, CVE-2024-21626) shipped in January 2024; supported runtimes carry it.',
    enablingValue: false,
    unknownProbability: 0.1,
    about: 'host',
    sources: ['attack-trees.md §4.2 R11, R14, R18, R19', 'advisory GHSA-xr7r-f8xq-vfvv'],
  },
  'l2-bridge-network': {
    key: 'l2-bridge-network',
    title: 'Containers share a layer-2 bridge',
    question:
      'Are containers attached to a plain Linux bridge (docker0, a compose network, kubenet cbr0) rather than a ' +
      'routed or ARP-safe CNI?',
    values: BOOLEAN,
    default: true,
    why: 'Docker networks and kubenet are L2 bridges, on which ARP and IPv6 router advertisements reach neighbours.',
    enablingValue: true,
    unknownProbability: 0.7,
    about: 'cluster',
    sources: ['attack-trees.md §4.2 R14', 'microsoft/Threat-Matrix-for-Kubernetes MS-TA9036 / MS-M9028'],
  },
  'imds-reachable': {
    key: 'imds-reachable',
    title: 'Cloud metadata service reachable from containers',
    question:
      'Can a container obtain credentials from 169.254.169.254 (IMDSv1, or IMDSv2 with a hop limit above 1, and ' +
      'no egress block)?',
    values: BOOLEAN,
    default: 'unknown',
    why: 'Depends on where the system runs and on cloud settings that no container config shows; false outside a cloud.',
    enablingValue: true,
    unknownProbability: 0.5,
    about: 'cloud',
    sources: ['attack-trees.md §4.2 R29', 'BishopFox/badPods README.md ("Cloud metadata")'],
  },
  'rbac-grants-token': {
    key: 'rbac-grants-token',
    title: "Workload's service account holds useful RBAC permissions",
    question:
      'Does the service account of the workload hold permissions beyond discovery, such as reading Secrets, ' +
      'creating or exec-ing into pods (`kubectl auth can-i --list --as=system:serviceaccount:NS:SA`)?',
    values: BOOLEAN,
    default: 'unknown',
    why: 'RBAC bindings are often kept apart from the workload manifests Rampart reads.',
    enablingValue: true,
    unknownProbability: 0.3,
    about: 'cluster',
    sources: ['attack-trees.md §4.2 R28', 'DataDog/KubeHound docs/reference/attacks/TOKEN_STEAL.md'],
  },
  'token-reads-node-logs': {
    key: 'token-reads-node-logs',
    title: 'A reachable token may read node logs through the kubelet',
    question: 'Can a token available in the workload read `nodes/log` (or `nodes/proxy`) on the kubelet?',
    values: BOOLEAN,
    default: 'unknown',
    why:
      'Default service accounts cannot, but log collectors that mount /var/log often run with node permissions, ' +
      'and an attacker may hold another stolen token.',
    enablingValue: true,
    unknownProbability: 0.2,
    about: 'cluster',
    sources: ['attack-trees.md §4.2 R10', 'DataDog/KubeHound docs/reference/attacks/CE_VAR_LOG_SYMLINK.md'],
  },
  'setuid-binaries-present': {
    key: 'setuid-binaries-present',
    title: 'Image contains setuid or setgid binaries',
    question: 'Does the image ship setuid/setgid binaries (`find / -perm /6000 -type f` in the image)?',
    values: BOOLEAN,
    default: 'unknown',
    why: 'Debian, Ubuntu and Alpine bases ship `su`, `passwd`, `mount` and similar; distroless and scratch do not.',
    enablingValue: true,
    unknownProbability: 0.7,
    about: 'image',
    sources: ['attack-trees.md §4.2 R20', 'OWASP/CheatSheetSeries Docker_Security_Cheat_Sheet.md rule #4'],
  },
};

/** The value each assumption takes when the workshop did not set it. */
export function defaultAssumptions(): Record<AssumptionKey, AssumptionValue> {
  const values = {} as Record<AssumptionKey, AssumptionValue>;
  for (const key of ASSUMPTION_KEYS) values[key] = ASSUMPTIONS[key].default;
  return values;
}

/** Narrows a user-supplied key to an assumption key. */
export function isAssumptionKey(key: string): key is AssumptionKey {
  return (ASSUMPTION_KEYS as readonly string[]).includes(key);
}

export type ParsedAssumption = { key: AssumptionKey; value: AssumptionValue } | { error: string };

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0'];

function formatValue(value: AssumptionValue): string {
  return String(value);
}

/**
 * Reads the value of one assumption as typed on the command line or in the workshop form
 * (`kernel-patched=no`, `cgroup-version=v1`). Never throws: an unknown key or a value outside the
 * assumption's allowed values gives an error message that lists what is allowed.
 */
export function parseAssumption(key: string, text: string): ParsedAssumption {
  const name = key.trim();
  if (!isAssumptionKey(name)) {
    return { error: `unknown assumption "${name}"; known assumptions: ${ASSUMPTION_KEYS.join(', ')}` };
  }
  const assumption = ASSUMPTIONS[name];
  const word = text.trim().toLowerCase();
  const allowed = assumption.values.map(formatValue).join(', ');
  let value: AssumptionValue | undefined;
  if (word === 'unknown' || word === '?') value = 'unknown';
  else if (assumption.values.includes(true) && TRUE_WORDS.includes(word)) value = true;
  else if (assumption.values.includes(false) && FALSE_WORDS.includes(word)) value = false;
  else if (assumption.values.includes('v1') && (word === 'v1' || word === '1')) value = 'v1';
  else if (assumption.values.includes('v2') && (word === 'v2' || word === '2')) value = 'v2';
  if (value === undefined) {
    return { error: `${name}: "${text.trim()}" is not an allowed value; expected one of ${allowed}` };
  }
  return { key: name, value };
}

/** Reads `KEY=VALUE`, the form of `rampart analyze --assume`. */
export function parseAssumptionArgument(argument: string): ParsedAssumption {
  const at = argument.indexOf('=');
  if (at <= 0) return { error: `"${argument}" is not of the form KEY=VALUE (e.g. kernel-patched=false)` };
  return parseAssumption(argument.slice(0, at), argument.slice(at + 1));
}
