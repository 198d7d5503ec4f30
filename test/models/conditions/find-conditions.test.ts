import { describe, expect, it } from 'vitest';
import { findConditions } from '../../../models/conditions/find-conditions';
import { importFiles } from '../../../models/import/import-files';
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
      name: 'the host time zone read-only',
      change: {
        mounts: [
          { kind: 'bind', hostPath: '/etc/localtime', target: '/etc/localtime', readOnly: true, at: f(0).at },
        ],
      },
      expect: ['host-path-mount'],
    },
    {
      name: 'the host time zone writable',
      change: {
        mounts: [
          {
            kind: 'bind',
            hostPath: '/etc/localtime',
            target: '/etc/localtime',
            readOnly: false,
            at: f(0).at,
          },
        ],
      },
      expect: ['sensitive-host-mount'],
    },
    {
      name: 'a folder that holds the kubelet and Docker state',
      change: {
        mounts: [{ kind: 'bind', hostPath: '/var/lib', target: '/var/lib', readOnly: true, at: f(0).at }],
      },
      expect: ['sensitive-host-mount'],
    },
    {
      name: 'a data folder kept in a home directory',
      change: {
        mounts: [
          { kind: 'bind', hostPath: '~/minecraft_data', target: '/data', readOnly: false, at: f(0).at },
        ],
      },
      expect: ['host-path-mount'],
    },
    {
      name: 'the SSH keys of a home directory',
      change: {
        mounts: [{ kind: 'bind', hostPath: '~/.ssh', target: '/keys', readOnly: true, at: f(0).at }],
      },
      expect: ['sensitive-host-mount'],
    },
    {
      name: 'a whole home directory',
      change: {
        mounts: [{ kind: 'bind', hostPath: '/home/alice', target: '/alice', readOnly: false, at: f(0).at }],
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
      name: 'a switch named like a password',
      change: {
        env: [
          { name: 'ALLOW_EMPTY_PASSWORD', value: 'yes', from: 'literal', at: f(0).at },
          { name: 'MYSQL_RANDOM_ROOT_PASSWORD', value: 'on', from: 'literal', at: f(0).at },
        ],
      },
      expect: [],
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

  it('takes a lower-case drop all on Kubernetes for what the runtime does: every capability dropped', () => {
    // containerd and CRI-O compare ALL in any case; only Pod Security admission wants the literal,
    // which the importer notes.
    const w = workload({
      platform: 'kubernetes',
      containers: [hardenedContainer({ capDropAllExact: false })],
      host: { userns: f('private' as const) },
    });
    expect(conditionsOf(w)).not.toContain('default-capabilities-kept');
  });

  it('describes a hostNetwork pod in Kubernetes terms, not as a Docker-published port', () => {
    const w = workload({
      platform: 'kubernetes',
      host: { network: f('host' as const) },
      containers: [
        container({
          ports: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp', published: true, at: f(0).at }],
        }),
      ],
    });
    const published = findConditions(bundleOf(w)).find((x) => x.condition === 'published-port');
    expect(published?.message).toBe(
      "app listens on 8080/tcp in the node's own network namespace (hostNetwork), reachable wherever the node is",
    );
  });

  it('writes a whole sentence for a host folder that holds the runtime socket', () => {
    const w = workload({
      containers: [
        container({
          mounts: [{ kind: 'bind', hostPath: '/', target: '/host', readOnly: false, at: f(0).at }],
        }),
      ],
    });
    const socket = findConditions(bundleOf(w)).find((x) => x.condition === 'runtime-socket-mount');
    expect(socket?.message).toBe(
      "app mounts the host's /, which holds the container runtime socket: anyone in the container can start a privileged container on the host",
    );
  });

  it('does not call the writable root of an inspected container a choice', () => {
    const w = workload({
      kind: 'container',
      containers: [container({ readOnlyRootFilesystem: f(false) })],
    });
    const root = findConditions(bundleOf(w)).find((x) => x.condition === 'writable-root-filesystem');
    expect(root?.message).toMatch(/^app runs with a writable root filesystem/);
  });

  it('names the Dockerfile a compose service is built from when its base image runs as root', () => {
    const { bundle } = importFiles([
      { path: 'compose.yaml', text: 'services:\n  api:\n    build: ./api\n' },
      { path: 'api/Dockerfile', text: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n' },
    ]);
    const root = findConditions(bundle).find(
      (x) => x.condition === 'runs-as-root' && x.workload.startsWith('compose:'),
    );
    expect(root?.message).toMatch(
      /the image built from api\/Dockerfile sets no USER and the official python image/,
    );
  });

  it('judges a compose build.target by that stage: root there, although the final stage sets USER', () => {
    const { bundle } = importFiles([
      {
        path: 'compose.yaml',
        text: 'services:\n  api:\n    build:\n      context: ./api\n      target: dev\n',
      },
      { path: 'api/Dockerfile', text: 'FROM python:3.12-slim AS dev\n\nFROM dev\nUSER 10001\n' },
    ]);
    const root = findConditions(bundle).find(
      (x) => x.condition === 'runs-as-root' && x.workload.startsWith('compose:'),
    );
    expect(root?.message).toMatch(/built from api\/Dockerfile \(stage dev\) sets no USER/);
  });

  it('gives deterministic, readable ids', () => {
    const w = workload({ containers: [container(), container({ name: 'sidecar' })] });
    const first = JSON.stringify(findConditions(bundleOf(w)));
    for (let i = 0; i < 40; i++) expect(JSON.stringify(findConditions(bundleOf(w)))).toBe(first);
    expect(findConditions(bundleOf(w)).map((x) => x.id)).toContain('runs-as-root@docker:app/sidecar');
  });
});
