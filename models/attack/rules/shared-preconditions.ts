import { normalizeCapability } from './finding-filter';
import type { Precondition } from './rule';

/** Building blocks that several rules share, written once so that the corrections of
 * attack-trees.md §4.4 hold everywhere. */

/** The container runs privileged. */
export const PRIVILEGED: Precondition = { condition: 'privileged' };

/** The process runs as uid 0 in the container (see `AttackRule.requires` on reaching it through R20). */
export const RUNS_AS_ROOT: Precondition = { condition: 'runs-as-root' };

/** The capability was added to the container (`cap_add`, `capabilities.add`, also through `ALL`).
 * SYS_ADMIN has its own condition id; it is matched in both forms. */
export function addedCapability(capability: string): Precondition {
  const name = normalizeCapability(capability);
  const asDangerous: Precondition = { condition: 'dangerous-capability', where: { capability: name } };
  return name === 'SYS_ADMIN' ? { any: [{ condition: 'cap-sys-admin' }, asDangerous] } : asDangerous;
}

/** The container holds the capability: added, or granted with every other one by `privileged`. */
export function holdsCapability(capability: string): Precondition {
  return { any: [addedCapability(capability), PRIVILEGED] };
}

/** CAP_NET_RAW is a Docker default capability: kept unless dropped (§4.4 note 9). */
export const HOLDS_NET_RAW: Precondition = {
  any: [
    { condition: 'default-capabilities-kept', where: { capability: 'NET_RAW' } },
    addedCapability('NET_RAW'),
    PRIVILEGED,
  ],
};

/** No AppArmor/SELinux confinement: disabled for the container, switched off by `privileged`
 * (§4.4 note 7), or absent from the host. */
export const MAC_OFF: Precondition = {
  any: [{ condition: 'mac-disabled' }, PRIVILEGED, { assumption: 'host-mac-enabled', is: false }],
};

/** No seccomp filter: disabled explicitly, a Kubernetes pod without a profile (the
 * `seccomp-unconfined` condition covers that default, §4.4 note 8), or `privileged` (note 7). */
export const SECCOMP_OFF: Precondition = { any: [{ condition: 'seccomp-unconfined' }, PRIVILEGED] };

/** The host lets unprivileged processes create user namespaces. */
export const UNPRIVILEGED_USERNS: Precondition = { assumption: 'unprivileged-userns-allowed', is: true };

/** The host kernel may lack the container-escape fixes. */
export const KERNEL_UNPATCHED: Precondition = { assumption: 'kernel-patched', is: false };

/** The container runtime may lack the escape fixes. */
export const RUNTIME_UNPATCHED: Precondition = { assumption: 'runtime-patched', is: false };

/** The host mounts cgroup v1, which has `release_agent`. */
export const CGROUP_V1: Precondition = { assumption: 'cgroup-version', is: 'v1' };
