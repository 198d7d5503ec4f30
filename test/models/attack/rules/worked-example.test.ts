import { describe, expect, it } from 'vitest';
import type { AssumptionKey, AssumptionValue } from '../../../../models/attack/rules/assumptions';
import { ATTACK_RULES, ruleById } from '../../../../models/attack/rules/catalogue';
import { evaluatePrecondition } from '../../../../models/attack/rules/evaluate-precondition';
import { mitigationEffect } from '../../../../models/attack/rules/mitigation-effect';
import { createPreconditionContext } from '../../../../models/attack/rules/precondition-context';
import type { Finding } from '../../../../models/conditions/finding';
import { finding } from './findings';

/**
 * attack-trees.md §4.5, as findings the conditions would produce:
 *
 *   web:    { image: "nginx:latest", ports: ["80:80"], environment: ["DB_PASSWORD=s3cr3t"] }
 *   worker: { image: "corp/worker@sha256:…", cap_add: [SYS_ADMIN], security_opt: ["apparmor:unconfined"],
 *             volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"] }
 *   db:     { image: "postgres:16" }    # all three share the default network
 */
const DEFAULTS = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
];

function service(name: string, line: number, own: Finding[]): Finding[] {
  const workload = `compose:shop/${name}`;
  const common = [
    finding('runs-as-root', { workload, container: name, implicit: true, line }),
    finding('default-capabilities-kept', {
      workload,
      container: name,
      implicit: true,
      line,
      data: { capabilities: DEFAULTS },
    }),
    finding('privilege-escalation-allowed', { workload, container: name, implicit: true, line }),
    finding('writable-root-filesystem', {
      workload,
      container: name,
      implicit: true,
      line,
      data: { writable: true },
    }),
    finding('no-user-namespace', { workload, container: name, implicit: true, line }),
    finding('no-resource-limits', { workload, container: name, implicit: true, line }),
    finding('generic-seccomp-profile', { workload, container: name, implicit: true, line }),
    finding('generic-mac-profile', { workload, container: name, implicit: true, line }),
    finding('flat-network', { workload: 'network:shop/default', data: { subject: 'network:shop/default' } }),
  ];
  return [...common, ...own];
}

const WEB = service('web', 2, [
  finding('mutable-image', {
    workload: 'compose:shop/web',
    container: 'web',
    line: 2,
    data: { image: 'nginx:latest' },
  }),
  finding('published-port', {
    workload: 'compose:shop/web',
    container: 'web',
    line: 2,
    data: { ports: [80] },
  }),
  finding('secret-in-environment', {
    workload: 'compose:shop/web',
    container: 'web',
    line: 2,
    data: { names: ['DB_PASSWORD'] },
  }),
  finding('plaintext-flow', { workload: 'flow:web->db', data: { subject: 'flow:web->db' } }),
]);

const WORKER = service('worker', 3, [
  finding('cap-sys-admin', {
    workload: 'compose:shop/worker',
    container: 'worker',
    line: 3,
    data: { capabilities: ['SYS_ADMIN'] },
  }),
  finding('mac-disabled', { workload: 'compose:shop/worker', container: 'worker', line: 4 }),
  finding('runtime-socket-mount', {
    workload: 'compose:shop/worker',
    container: 'worker',
    line: 5,
    data: { hostPath: '/var/run/docker.sock', writable: false },
  }),
]);

const DB = service('db', 6, [
  finding('mutable-image', {
    workload: 'compose:shop/db',
    container: 'db',
    line: 6,
    data: { image: 'postgres:16' },
  }),
  finding('plaintext-flow', { workload: 'flow:web->db', data: { subject: 'flow:web->db' } }),
]);

/** The workshop has not settled the cgroup version: the tree shows `{A: host cgroup v1?}`. */
const WORKSHOP: Partial<Record<AssumptionKey, AssumptionValue>> = { 'cgroup-version': 'unknown' };

function context(findings: Finding[], assumptions = WORKSHOP) {
  return createPreconditionContext(findings, { platform: 'docker', assumptions });
}

function firing(findings: Finding[], assumptions = WORKSHOP): string[] {
  const c = context(findings, assumptions);
  return ATTACK_RULES.filter((rule) => evaluatePrecondition(rule.requires, c).holds).map((rule) => rule.id);
}

function rule(id: string) {
  return ruleById(id)!;
}

describe('§4.5 worked example: worker', () => {
  it('escapes through the read-only docker.sock (R04) and release_agent (R02)', () => {
    const steps = firing(WORKER);
    expect(steps).toContain('R04');
    expect(steps).toContain('R02');
    expect(steps).not.toContain('R01');
    expect(steps).not.toContain('R03'); // Docker's default seccomp profile applies
    expect(steps).not.toContain('R26'); // pinned by digest
  });

  it('R02 rests on root, CAP_SYS_ADMIN and apparmor:unconfined, and on the cgroup assumption only', () => {
    const result = evaluatePrecondition(rule('R02').requires, context(WORKER));
    expect(result.evidence.map((f) => f.condition).sort()).toEqual([
      'cap-sys-admin',
      'mac-disabled',
      'runs-as-root',
    ]);
    expect(result.assumptions).toEqual(['cgroup-version']);
  });

  it('R02 does not fire once the workshop confirms cgroup v2', () => {
    expect(firing(WORKER, { 'cgroup-version': 'v2' })).not.toContain('R02');
  });

  it('defences: AppArmor absent blocks, default seccomp present but no help, socket removal the only fix for R04', () => {
    const c = context(WORKER);
    expect(mitigationEffect(rule('R02'), 'apparmor-profile', c)).toBe('blocks');
    expect(mitigationEffect(rule('R02'), 'seccomp-default', c)).toBe('none');
    expect(mitigationEffect(rule('R04'), 'no-runtime-socket', c)).toBe('blocks');
    expect(mitigationEffect(rule('R04'), 'read-only-rootfs', c)).toBe('none');
  });

  it('what-if: removing CAP_SYS_ADMIN (drop-capabilities) cuts R02 and leaves R04', () => {
    const c = context(WORKER);
    expect(mitigationEffect(rule('R02'), 'drop-capabilities', c)).toBe('blocks');
    expect(mitigationEffect(rule('R04'), 'drop-capabilities', c)).toBe('none');
  });

  it('cap_drop: [ALL] while keeping cap_add: [SYS_ADMIN] changes nothing for R02', () => {
    const dropAllKeepSysAdmin = WORKER.filter((f) => f.condition !== 'default-capabilities-kept');
    expect(firing(dropAllKeepSysAdmin)).toContain('R02');
  });
});

describe('§4.5 worked example: web', () => {
  it('is an entry point (R31, R26) that runs as root with NET_RAW kept (R14, R21) and leaks its DB password (R23)', () => {
    const steps = firing(WEB);
    for (const id of ['R14', 'R21', 'R23', 'R25', 'R26', 'R31']) expect(steps, id).toContain(id);
  });

  it('Dirty Pipe (R16) rests on the kernel assumption alone', () => {
    const result = evaluatePrecondition(rule('R16').requires, context(WEB));
    expect(result).toEqual({ holds: true, evidence: [], assumptions: ['kernel-patched'] });
  });

  it('R14 evidence is the NET_RAW default and root', () => {
    const result = evaluatePrecondition(rule('R14').requires, context(WEB));
    expect(result.evidence.map((f) => f.condition).sort()).toEqual([
      'default-capabilities-kept',
      'runs-as-root',
    ]);
    expect(result.assumptions).toEqual(['l2-bridge-network']);
  });

  it('digest pinning counters the mutable nginx:latest (R26)', () => {
    expect(mitigationEffect(rule('R26'), 'immutable-image', context(WEB))).toBe('blocks');
  });

  it('the web → db flow is sniffable (R24) and only transport protection blocks it', () => {
    expect(firing(WEB)).toContain('R24');
    expect(mitigationEffect(rule('R24'), 'tls', context(WEB))).toBe('blocks');
    expect(mitigationEffect(rule('R24'), 'drop-capabilities', context(WEB))).toBe('partial');
  });
});

describe('§4.5 worked example: db', () => {
  it('is reachable from its neighbours on the shared network (R25) and runs a tag-only image (R26)', () => {
    const steps = firing(DB);
    expect(steps).toContain('R25');
    expect(steps).toContain('R26');
    expect(steps).not.toContain('R23');
  });
});
