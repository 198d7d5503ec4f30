/** Reasons that recur in the `ineffective` lists and `unless` notes of several rules
 * (attack-trees.md §4.3 ✗ cells and §4.4 corrections). */

export const PRIVILEGED_DISABLES_APPARMOR =
  'privileged runs the container unconfined: Docker switches AppArmor off for it (§4.4 note 7; moby daemon oci code)';

export const PRIVILEGED_DISABLES_SELINUX =
  'privileged runs the container in an unconfined SELinux type (spc_t), outside the container_t policy (§4.4 note 7)';

export const PRIVILEGED_SKIPS_SECCOMP =
  'privileged skips the seccomp filter altogether, whichever profile is configured (§4.4 note 7)';

export const PRIVILEGED_OVERRIDES_CAP_DROP =
  'privileged grants every capability whatever cap_drop says (§4.3 R01)';

export const NNP_ONLY_STOPS_SETUID =
  'no-new-privileges only stops gaining privileges through setuid/file capabilities on exec; the step needs none';

export const ROOTFS_IS_NOT_THE_TARGET =
  'a read-only root filesystem protects the container image layer only; the step writes elsewhere or not at all';

export const KERNEL_BUG_ANY_UID =
  'the kernel bug is reachable from any uid: running as non-root does not close it';
