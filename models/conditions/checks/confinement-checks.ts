import type { Container, Workload } from '../../import/workload';
import type { FindingCollector } from '../finding-collector';

/** Seccomp, AppArmor/SELinux, /proc masking and the root filesystem. Defaults differ by platform (attack-trees.md §4.1,
 * §4.4): Docker applies its default seccomp profile and `docker-default` AppArmor, Kubernetes pods
 * run seccomp-Unconfined unless a profile is set, and `privileged` switches both off in Docker. */
export function checkConfinement(w: Workload, out: FindingCollector): void {
  if (w.kind === 'dockerfile') return;
  for (const c of w.containers) {
    checkSeccomp(w, c, out);
    checkMac(w, c, out);
    checkProcMount(w, c, out);
    checkRootFilesystem(w, c, out);
  }
}

function checkRootFilesystem(w: Workload, c: Container, out: FindingCollector): void {
  const ro = c.readOnlyRootFilesystem;
  if (ro?.value === true) return;
  const setting = w.platform === 'kubernetes' ? 'readOnlyRootFilesystem: true' : 'read_only: true';
  // docker inspect and OCI bundles state every field, so there `false` is the observed state, not a choice.
  const observed = w.kind === 'container';
  out.add('writable-root-filesystem', w, c, {
    message: ro
      ? `${c.name} ${observed ? 'runs with' : 'explicitly keeps'} a writable root filesystem: an intruder can drop tools and tamper with binaries`
      : `${c.name} does not set ${setting}: an intruder can drop tools and tamper with binaries`,
    source: ro?.at ?? c.at,
    implicit: !ro,
    data: { writable: true },
  });
}

function checkSeccomp(w: Workload, c: Container, out: FindingCollector): void {
  const seccomp = c.seccomp;
  if (c.privileged?.value && w.platform === 'docker') {
    out.add('seccomp-unconfined', w, c, {
      message: `${c.name} is privileged, so Docker applies no seccomp filter`,
      source: c.privileged.at,
      evidence: seccomp ? [seccomp.at] : [],
    });
    return;
  }
  if (seccomp?.value.mode === 'unconfined') {
    out.add('seccomp-unconfined', w, c, {
      message: `${c.name} disables seccomp: every system call reaches the kernel`,
      source: seccomp.at,
    });
    return;
  }
  if (!seccomp && w.platform === 'kubernetes') {
    out.add('seccomp-unconfined', w, c, {
      message: `${c.name} sets no seccompProfile: Kubernetes runs it Unconfined unless the kubelet's SeccompDefault is on`,
      source: c.at,
      implicit: true,
    });
    return;
  }
  if (seccomp?.value.mode === 'custom') return;
  if (!seccomp && w.platform !== 'docker') return;
  out.add('generic-seccomp-profile', w, c, {
    message: `${c.name} relies on the runtime's default seccomp profile, not a whitelist of the calls it needs`,
    source: seccomp?.at ?? c.at,
    implicit: !seccomp,
  });
}

function checkMac(w: Workload, c: Container, out: FindingCollector): void {
  const { apparmor, selinux } = c;
  if (c.privileged?.value && w.platform === 'docker') {
    out.add('mac-disabled', w, c, {
      message: `${c.name} is privileged, so Docker runs it AppArmor-unconfined`,
      source: c.privileged.at,
    });
    return;
  }
  const off = [apparmor, selinux].filter((f) => f?.value.mode === 'unconfined');
  if (off.length > 0) {
    const which = off.map((f) => (f === apparmor ? 'AppArmor' : 'SELinux')).join(' and ');
    out.add('mac-disabled', w, c, {
      message: `${c.name} runs ${which}-unconfined: nothing stops mount, /proc and /sys writes that the default profile denies`,
      source: off[0]!.at,
      evidence: off.slice(1).map((f) => f!.at),
    });
    return;
  }
  if (apparmor?.value.mode === 'custom' || selinux?.value.mode === 'custom') return;
  if (w.platform === 'oci' && !apparmor && !selinux) return;
  out.add('generic-mac-profile', w, c, {
    message: `${c.name} has no application-specific AppArmor or SELinux profile`,
    source: apparmor?.at ?? selinux?.at ?? c.at,
    implicit: !apparmor && !selinux,
  });
}

function checkProcMount(w: Workload, c: Container, out: FindingCollector): void {
  const proc = c.procMount;
  if (proc?.value !== 'unmasked') return;
  const userns = w.host.userns?.value === 'private';
  out.add('proc-mount-unmasked', w, c, {
    message: `${c.name} unmasks /proc: kernel interfaces that the runtime normally hides are visible and writable${userns ? ' (a user namespace limits the damage)' : ''}`,
    source: proc.at,
    severity: userns ? 'medium' : 'high',
  });
}
