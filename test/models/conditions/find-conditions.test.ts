import { describe, expect, it } from 'vitest';
import { findConditions } from '../../../models/conditions/find-conditions';
import type { ConditionId } from '../../../models/conditions/condition-ids';
import type { Workload } from '../../../models/import/workload';
import { bundleOf, container, f, hardenedContainer, workload } from './workload-builder';

function conditionsOf(...workloads: Workload[]): ConditionId[] {
  return [...new Set(findConditions(bundleOf(...workloads)).map((x) => x.condition))].sort();
}

const hardenedDocker = () =>
  workload({ containers: [hardenedContainer()], host: { userns: f('private' as const) } });

describe('findConditions', () => {
  it('reports nothing on a hardened Docker workload', () => {
    expect(conditionsOf(hardenedDocker())).toEqual([]);
  });

  it('reports nothing on a hardened Kubernetes workload', () => {
    const w = workload({
      platform: 'kubernetes',
      containers: [hardenedContainer({ seccomp: f({ mode: 'runtime-default' as const }) })],
      host: { userns: f('private' as const) },
      serviceAccount: { name: 'app', automountToken: f(false), at: f(0).at },
    });
    expect(conditionsOf(w)).toEqual(['generic-seccomp-profile']);
  });

  const cases: { name: string; change: Partial<Parameters<typeof container>[0]>; expect: ConditionId[] }[] = [
    {
      name: 'privileged',
      change: { privileged: f(true) },
      expect: ['mac-disabled', 'privilege-escalation-allowed', 'privileged', 'seccomp-unconfined'],
    },
    {
      name: 'SYS_ADMIN added after drop ALL',
      change: { capAdd: [f('SYS_ADMIN')] },
      expect: ['cap-sys-admin'],
    },
    {
      name: 'ALL added wins over drop ALL',
      change: { capAdd: [f('ALL')] },
      expect: ['cap-sys-admin', 'dangerous-capability'],
    },
    { name: 'SYS_PTRACE added', change: { capAdd: [f('SYS_PTRACE')] }, expect: ['dangerous-capability'] },
    { name: 'NET_BIND_SERVICE added back', change: { capAdd: [f('NET_BIND_SERVICE')] }, expect: [] },
    {
      name: 'no drops',
      change: { capDrop: [], capDropAllExact: false },
      expect: ['default-capabilities-kept'],
    },
    { name: 'uid 0', change: { user: f({ uid: 0, origin: 'config' as const }) }, expect: ['runs-as-root'] },
    { name: 'no user, unknown image', change: { user: undefined }, expect: ['runs-as-root'] },
    {
      name: 'escalation allowed',
      change: { noNewPrivileges: f(false) },
      expect: ['privilege-escalation-allowed'],
    },
    {
      name: 'writable root',
      change: { readOnlyRootFilesystem: undefined },
      expect: ['writable-root-filesystem'],
    },
    {
      name: 'seccomp unconfined',
      change: { seccomp: f({ mode: 'unconfined' as const }) },
      expect: ['seccomp-unconfined'],
    },
    { name: 'docker default seccomp', change: { seccomp: undefined }, expect: ['generic-seccomp-profile'] },
    {
      name: 'apparmor unconfined',
      change: { apparmor: f({ mode: 'unconfined' as const }) },
      expect: ['mac-disabled'],
    },
    {
      name: 'read-only docker socket',
      change: {
        mounts: [
          {
            kind: 'bind',
            hostPath: '/var/run/docker.sock',
            target: '/var/run/docker.sock',
            readOnly: true,
            at: f(0).at,
          },
        ],
      },
      expect: ['runtime-socket-mount'],
    },
    {
      name: '/etc read-only',
      change: {
        mounts: [
          { kind: 'bind', hostPath: '/etc/letsencrypt', target: '/certs', readOnly: true, at: f(0).at },
        ],
      },
      expect: ['sensitive-host-mount'],
    },
    {
      name: 'ordinary host path',
      change: {
        mounts: [
          { kind: 'bind', hostPath: '/var/lib/backup/data', target: '/data', readOnly: false, at: f(0).at },
        ],
      },
      expect: ['host-path-mount'],
    },
    {
      name: 'named volume',
      change: { mounts: [{ kind: 'volume', name: 'data', target: '/data', readOnly: false, at: f(0).at }] },
      expect: [],
    },
    { name: 'device', change: { devices: [f('/dev/ttyUSB0')] }, expect: ['host-devices'] },
    { name: 'proc unmasked', change: { procMount: f('unmasked' as const) }, expect: ['proc-mount-unmasked'] },
    {
      name: 'literal password',
      change: { env: [{ name: 'DB_PASSWORD', value: 's3cr3t', from: 'literal', at: f(0).at }] },
      expect: ['secret-in-environment'],
    },
    {
      name: 'interpolated password',
      change: { env: [{ name: 'DB_PASSWORD', value: '', from: 'interpolated', at: f(0).at }] },
      expect: [],
    },
    {
      name: 'password file path',
      change: { env: [{ name: 'DB_PASSWORD_FILE', value: '/run/secrets/db', from: 'literal', at: f(0).at }] },
      expect: [],
    },
    {
      name: 'URL with literal password',
      change: {
        env: [
          { name: 'DATABASE_URL', value: 'postgres://app:hunter2@db:5432/app', from: 'literal', at: f(0).at },
        ],
      },
      expect: ['secret-in-environment'],
    },
    { name: 'no limits', change: { resources: {} }, expect: ['no-resource-limits'] },
    { name: 'latest image', change: { image: f('nginx:latest') }, expect: ['mutable-image'] },
    { name: 'tag-only image', change: { image: f('nginx:1.27') }, expect: ['mutable-image'] },
    {
      name: 'published on all interfaces',
      change: {
        ports: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp', published: true, at: f(0).at }],
      },
      expect: ['published-port'],
    },
    {
      name: 'Docker API published',
      change: {
        ports: [{ containerPort: 2375, hostPort: 2375, protocol: 'tcp', published: true, at: f(0).at }],
      },
      expect: ['container-api-exposed', 'published-port'],
    },
    {
      name: 'loopback port',
      change: {
        ports: [
          {
            containerPort: 80,
            hostPort: 8080,
            hostIp: '127.0.0.1',
            protocol: 'tcp',
            published: false,
            at: f(0).at,
          },
        ],
      },
      expect: [],
    },
  ];
  for (const c of cases) {
    it(`hardened Docker container with ${c.name}`, () => {
      const w = workload({
        containers: [hardenedContainer(c.change)],
        host: { userns: f('private' as const) },
      });
      expect(conditionsOf(w)).toEqual([...c.expect].sort());
    });
  }

  it('reports host namespaces pod-wide', () => {
    const w = workload({
      containers: [hardenedContainer()],
      host: { pid: f('host'), ipc: f('host'), network: f('host'), userns: f('private' as const) },
    });
    const found = findConditions(bundleOf(w));
    expect(found.map((x) => [x.condition, x.container])).toEqual([
      ['host-ipc', undefined],
      ['host-network', undefined],
      ['host-pid', undefined],
    ]);
  });

  it('treats Kubernetes pods without a seccompProfile as unconfined', () => {
    const w = workload({
      platform: 'kubernetes',
      containers: [hardenedContainer({ seccomp: undefined })],
      host: { userns: f('private' as const) },
    });
    expect(conditionsOf(w)).toContain('seccomp-unconfined');
  });

  it('asks for the literal ALL in Kubernetes drops', () => {
    const w = workload({
      platform: 'kubernetes',
      containers: [hardenedContainer({ capDropAllExact: false })],
      host: { userns: f('private' as const) },
    });
    const kept = findConditions(bundleOf(w)).find((x) => x.condition === 'default-capabilities-kept');
    expect(kept?.message).toMatch(/literal "ALL"/);
  });

  it('gives deterministic, readable ids', () => {
    const w = workload({ containers: [container(), container({ name: 'sidecar' })] });
    const first = JSON.stringify(findConditions(bundleOf(w)));
    for (let i = 0; i < 40; i++) expect(JSON.stringify(findConditions(bundleOf(w)))).toBe(first);
    expect(findConditions(bundleOf(w)).map((x) => x.id)).toContain('runs-as-root@docker:app/sidecar');
  });
});
