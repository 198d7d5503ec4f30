import { describe, expect, it } from 'vitest';
import type { AssumptionKey, AssumptionValue } from '../../../../models/attack/rules/assumptions';
import { ATTACK_RULES, ruleById } from '../../../../models/attack/rules/catalogue';
import { evaluatePrecondition } from '../../../../models/attack/rules/evaluate-precondition';
import { defenceSets, mitigationEffect } from '../../../../models/attack/rules/mitigation-effect';
import { createPreconditionContext } from '../../../../models/attack/rules/precondition-context';
import type { Finding } from '../../../../models/conditions/finding';
import { MITIGATION_IDS, type MitigationId } from '../../../../models/mitigations/mitigation-ids';
import { finding } from './findings';

function ctx(
  findings: Finding[],
  platform = 'docker',
  assumptions: Partial<Record<AssumptionKey, AssumptionValue>> = {},
) {
  return createPreconditionContext(findings, { platform, assumptions });
}

function rule(id: string) {
  const found = ruleById(id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

function fires(id: string, c: ReturnType<typeof ctx>) {
  return evaluatePrecondition(rule(id).requires, c).holds;
}

const root = finding('runs-as-root');
const privileged = finding('privileged');
const sysAdmin = finding('cap-sys-admin', { data: { capabilities: ['SYS_ADMIN'] } });
const netRawKept = finding('default-capabilities-kept', {
  data: { capabilities: ['CHOWN', 'NET_RAW', 'SETUID'] },
});
const cgroupV1 = { 'cgroup-version': 'v1' } as const;

/** Contexts that cover the configurations the rules distinguish. */
const CONTEXTS = [
  ctx([]),
  ctx([root, privileged], 'docker', cgroupV1),
  ctx([root, sysAdmin, finding('mac-disabled')], 'docker', cgroupV1),
  ctx([finding('seccomp-unconfined', { implicit: true })], 'kubernetes'),
  ctx([root, privileged, finding('host-pid')]),
];

describe('§4.4 note 7: privileged switches seccomp and AppArmor off', () => {
  it('confinement has no effect on the privileged escapes', () => {
    for (const id of ['R01', 'R05']) {
      for (const m of [
        'apparmor-profile',
        'selinux-policy',
        'seccomp-default',
        'seccomp-profile',
        'drop-capabilities',
      ] as const) {
        expect(
          mitigationEffect(rule(id), m, ctx([root, privileged, finding('host-pid')])),
          `${id} ${m}`,
        ).toBe('none');
      }
    }
  });

  it('apparmor-profile blocks R02 but not when the container is privileged', () => {
    const withSysAdmin = ctx([root, sysAdmin, finding('mac-disabled')], 'docker', cgroupV1);
    const withPrivileged = ctx([root, privileged], 'docker', cgroupV1);
    expect(mitigationEffect(rule('R02'), 'apparmor-profile', withSysAdmin)).toBe('blocks');
    expect(mitigationEffect(rule('R02'), 'apparmor-profile', withPrivileged)).toBe('none');
    expect(mitigationEffect(rule('R02'), 'selinux-policy', withPrivileged)).toBe('none');
  });

  it('R02 fires on a privileged container even where the host enforces AppArmor', () => {
    expect(fires('R02', ctx([root, privileged], 'docker', cgroupV1))).toBe(true);
    expect(fires('R02', ctx([root, sysAdmin], 'docker', cgroupV1))).toBe(false); // docker-default applies
  });

  it('a privileged container that also adds SYS_ADMIN needs both fixes', () => {
    const both = ctx([root, privileged, sysAdmin], 'docker', cgroupV1);
    expect(mitigationEffect(rule('R02'), 'no-privileged', both)).toBe('none');
    expect(mitigationEffect(rule('R02'), 'drop-capabilities', both)).toBe('none');
    const sets = defenceSets(rule('R02'), both).blocks;
    expect(sets).toContainEqual(['drop-capabilities', 'no-privileged']);
    expect(sets).toContainEqual(['apparmor-profile', 'no-privileged']);
    expect(sets).toContainEqual(['user-namespace']);
    expect(sets).not.toContainEqual(['apparmor-profile']);
  });
});

describe('§4.4 note 6: a read-only runtime socket still escapes', () => {
  const readOnlySocket = finding('runtime-socket-mount', {
    data: { hostPath: '/var/run/docker.sock', writable: false },
  });

  it('R04 fires for a :ro socket mount', () => {
    expect(fires('R04', ctx([readOnlySocket]))).toBe(true);
  });

  it('read-only-rootfs does not block R04; removing the socket does', () => {
    expect(mitigationEffect(rule('R04'), 'read-only-rootfs', ctx([readOnlySocket]))).toBe('none');
    expect(mitigationEffect(rule('R04'), 'no-runtime-socket', ctx([readOnlySocket]))).toBe('blocks');
    expect(rule('R04').ineffective.find((e) => e.mitigation === 'read-only-rootfs')?.reason).toMatch(
      /§4\.4 note 6/,
    );
  });
});

describe('§4.4 note 8: Kubernetes pods are seccomp-unconfined by default', () => {
  it('the same container is exposed to CVE-2022-0185 on Kubernetes but not on Docker', () => {
    const kubernetes = ctx([finding('seccomp-unconfined', { implicit: true })], 'kubernetes');
    const docker = ctx([], 'docker');
    expect(fires('R15', kubernetes)).toBe(true);
    expect(fires('R15', docker)).toBe(false);
    expect(evaluatePrecondition(rule('R15').requires, kubernetes).assumptions).toEqual([
      'kernel-patched',
      'unprivileged-userns-allowed',
    ]);
  });

  it('R03 needs seccomp unconfined, unprivileged user namespaces, no MAC, cgroup v1 and an unpatched kernel', () => {
    const base = [finding('seccomp-unconfined'), finding('mac-disabled')];
    expect(fires('R03', ctx(base, 'kubernetes', cgroupV1))).toBe(true);
    expect(fires('R03', ctx(base, 'kubernetes'))).toBe(false); // cgroup v2 by default
    expect(fires('R03', ctx([finding('mac-disabled')], 'kubernetes', cgroupV1))).toBe(false);
    expect(fires('R03', ctx(base, 'kubernetes', { ...cgroupV1, 'unprivileged-userns-allowed': false }))).toBe(
      false,
    );
    expect(
      fires(
        'R03',
        ctx([finding('seccomp-unconfined')], 'kubernetes', { ...cgroupV1, 'host-mac-enabled': false }),
      ),
    ).toBe(true);
  });
});

describe('§4.4 note 1: default seccomp allows mount and unshare once CAP_SYS_ADMIN is added', () => {
  it('seccomp-default has no effect on R02, and none on R15 when SYS_ADMIN is added', () => {
    const c = ctx([root, sysAdmin, finding('mac-disabled')], 'docker', cgroupV1);
    expect(mitigationEffect(rule('R02'), 'seccomp-default', c)).toBe('none');
    expect(mitigationEffect(rule('R15'), 'seccomp-default', c)).toBe('none');
  });

  it('seccomp-default blocks R15 when the only route is unshare from an unconfined pod', () => {
    const c = ctx([finding('seccomp-unconfined')], 'kubernetes');
    expect(mitigationEffect(rule('R15'), 'seccomp-default', c)).toBe('blocks');
    expect(mitigationEffect(rule('R15'), 'drop-capabilities', c)).toBe('none');
  });

  it('the capability-gated syscalls of SYS_MODULE, DAC_READ_SEARCH and SYS_PTRACE are not blocked either', () => {
    const c = ctx([
      root,
      finding('dangerous-capability', {
        data: { capabilities: ['SYS_MODULE', 'DAC_READ_SEARCH', 'SYS_PTRACE'] },
      }),
      finding('host-pid'),
      finding('mac-disabled'),
    ]);
    for (const id of ['R12', 'R13', 'R06']) {
      expect(fires(id, c), id).toBe(true);
      expect(mitigationEffect(rule(id), 'seccomp-default', c), id).toBe('none');
    }
  });

  it('cap_drop: [ALL] with cap_add: [SYS_ADMIN] still holds SYS_ADMIN: R02 fires on the cap-sys-admin finding alone', () => {
    const c = ctx([root, sysAdmin, finding('mac-disabled')], 'docker', cgroupV1);
    expect(fires('R02', c)).toBe(true);
    expect(mitigationEffect(rule('R02'), 'drop-capabilities', c)).toBe('blocks');
  });
});

describe('§4.4 notes 2 and 3: user namespaces stop neither CVE-2022-0185 nor Dirty Pipe', () => {
  it('user-namespace does not block R15, R16 or R17', () => {
    for (const c of CONTEXTS) {
      for (const id of ['R15', 'R16', 'R17'])
        expect(mitigationEffect(rule(id), 'user-namespace', c), id).toBe('none');
    }
  });

  it('nothing but host-hardening affects Dirty Pipe (R16)', () => {
    for (const c of CONTEXTS) {
      for (const m of MITIGATION_IDS) {
        expect(mitigationEffect(rule('R16'), m, c), m).toBe(m === 'host-hardening' ? 'blocks' : 'none');
      }
    }
  });

  it('R16 needs only the kernel assumption', () => {
    expect(evaluatePrecondition(rule('R16').requires, ctx([]))).toEqual({
      holds: true,
      evidence: [],
      assumptions: ['kernel-patched'],
    });
    expect(fires('R16', ctx([], 'docker', { 'kernel-patched': true }))).toBe(false);
    expect(fires('R16', ctx([], 'kubernetes', { 'kernel-patched': false }))).toBe(true);
  });

  it('mitigationEffect(R01, seccomp-default) is none', () => {
    expect(mitigationEffect(rule('R01'), 'seccomp-default', ctx([privileged]))).toBe('none');
  });
});

describe('§4.4 note 4: CVE-2019-5736 needs uid 0', () => {
  it('R18 needs root in the container and an unpatched runtime', () => {
    const unpatched = { 'runtime-patched': false } as const;
    expect(fires('R18', ctx([root], 'docker', unpatched))).toBe(true);
    expect(fires('R18', ctx([], 'docker', unpatched))).toBe(false);
    expect(fires('R18', ctx([root]))).toBe(false); // runtime patched by default
    expect(mitigationEffect(rule('R18'), 'non-root-user', ctx([root], 'docker', unpatched))).toBe('blocks');
    expect(mitigationEffect(rule('R18'), 'user-namespace', ctx([root], 'docker', unpatched))).toBe('blocks');
  });
});

describe('§4.4 note 9: NET_RAW is a Docker default', () => {
  it('R14 fires for root with NET_RAW kept, added, or through privileged', () => {
    expect(fires('R14', ctx([root, netRawKept]))).toBe(true);
    expect(
      fires('R14', ctx([root, finding('dangerous-capability', { data: { capabilities: ['NET_RAW'] } })])),
    ).toBe(true);
    expect(fires('R14', ctx([root, privileged]))).toBe(true);
  });

  it('R14 does not fire without root, without NET_RAW, or off an L2 bridge', () => {
    expect(fires('R14', ctx([netRawKept]))).toBe(false);
    expect(
      fires('R14', ctx([root, finding('default-capabilities-kept', { data: { capabilities: ['CHOWN'] } })])),
    ).toBe(false);
    expect(fires('R14', ctx([root, netRawKept], 'docker', { 'l2-bridge-network': false }))).toBe(false);
  });

  it('dropping capabilities blocks R14; TLS only narrows it', () => {
    expect(mitigationEffect(rule('R14'), 'drop-capabilities', ctx([root, netRawKept]))).toBe('blocks');
    expect(mitigationEffect(rule('R14'), 'tls', ctx([root, netRawKept]))).toBe('partial');
  });
});

describe('§4.4 note 10: user namespaces are incompatible with privileged and host namespaces', () => {
  it('user-namespace blocks the privileged and host-namespace steps', () => {
    for (const id of ['R01', 'R05', 'R06', 'R07', 'R35']) {
      expect(
        mitigationEffect(rule(id), 'user-namespace', ctx([root, privileged, finding('host-pid')])),
        id,
      ).toBe('blocks');
    }
  });
});

describe('ineffective mitigations', () => {
  it('have no effect in any context', () => {
    for (const r of ATTACK_RULES) {
      for (const { mitigation } of r.ineffective) {
        for (const c of CONTEXTS)
          expect(mitigationEffect(r, mitigation as MitigationId, c), `${r.id} ${mitigation}`).toBe('none');
      }
    }
  });
});
