import { DOCKER_DEFAULT_CAPABILITIES } from '../runtime/default-capabilities';
import type { Container } from '../import/workload';

/** The runtime's defaults, re-exported for the checks. */
export const DEFAULT_CAPABILITIES: readonly string[] = DOCKER_DEFAULT_CAPABILITIES;

const DEFAULT_SET = new Set(DEFAULT_CAPABILITIES);

/** Capabilities that open a known path to the host or the kernel (attack-trees.md §4.2: R06, R12,
 * R13, R17; CIS Docker 5.4 community checks). Others outside the default set are still reported,
 * at a lower severity. */
export const HIGH_RISK_CAPABILITIES: ReadonlySet<string> = new Set([
  'ALL',
  'SYS_MODULE',
  'SYS_PTRACE',
  'DAC_READ_SEARCH',
  'NET_ADMIN',
  'SYS_RAWIO',
  'BPF',
  'PERFMON',
  'SYS_BOOT',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'SYSLOG',
  'SYS_TIME',
  'LINUX_IMMUTABLE',
  'SYS_RESOURCE',
  'CHECKPOINT_RESTORE',
]);

export function isDefaultCapability(name: string): boolean {
  return DEFAULT_SET.has(name);
}

/** Whether the container ends up holding `cap`. Docker and Kubernetes apply adds after drops, so
 * `cap_drop: [ALL]` with `cap_add: [SYS_ADMIN]` still holds SYS_ADMIN (attack-trees.md §4.5). */
export function holdsCapability(container: Container, cap: string): boolean {
  if (container.privileged?.value) return true;
  if (container.capAdd.some((c) => c.value === cap || c.value === 'ALL')) return true;
  if (!DEFAULT_SET.has(cap)) return false;
  return !container.capDrop.some((c) => c.value === cap || c.value === 'ALL');
}

/** Default capabilities the container keeps (not dropped, before adds). */
export function keptDefaultCapabilities(container: Container): string[] {
  if (container.capDrop.some((c) => c.value === 'ALL')) return [];
  const dropped = new Set(container.capDrop.map((c) => c.value));
  return DEFAULT_CAPABILITIES.filter((c) => !dropped.has(c));
}
