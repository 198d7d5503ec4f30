import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCompose } from '../../../../models/import/compose';
import type { Workload } from '../../../../models/import/workload';
import { memoryContext } from './compose-view';

/** KICS's docker-compose query fixtures, in the repository's copy of the peer corpus. */
const root = fileURLToPath(
  new URL('../../../fixtures/corpus/Checkmarx__kics/assets/queries/dockerCompose', import.meta.url),
);

function fixtures(): string[] {
  return readdirSync(root).flatMap((query) =>
    readdirSync(join(root, query, 'test'))
      .filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'))
      .map((file) => `${query}/test/${file}`),
  );
}

function load(fixture: string) {
  const text = readFileSync(join(root, fixture), 'utf8');
  return importCompose([{ path: fixture, text }], memoryContext({}));
}

function service(fixture: string, name: string): Workload {
  const workload = load(fixture).bundle.workloads.find((w) => w.name === name);
  if (!workload) throw new Error(`${fixture} has no service ${name}`);
  return workload;
}

describe('KICS docker-compose fixtures', () => {
  it('are all present and import without throwing, deterministically', () => {
    expect(existsSync(root)).toBe(true);
    const files = fixtures();
    expect(files.length).toBeGreaterThanOrEqual(31);
    for (const fixture of files) {
      const first = load(fixture);
      expect(
        first.diagnostics.filter((d) => d.code === 'COMPOSE_INTERNAL_ERROR'),
        fixture,
      ).toEqual([]);
      expect(JSON.stringify(load(fixture)), fixture).toBe(JSON.stringify(first));
    }
  });

  it('privileged_containers_enabled: positive1 is privileged at line 10, positive2 only at build time', () => {
    const c = service('privileged_containers_enabled/test/positive1.yaml', 'webapp').containers[0]!;
    expect(c.privileged).toEqual({
      value: true,
      at: expect.objectContaining({ line: 10, path: 'services.webapp.privileged' }),
    });
    const positive2 = load('privileged_containers_enabled/test/positive2.yaml');
    expect(positive2.bundle.workloads[0]!.containers[0]!.privileged).toBeUndefined();
    expect(positive2.diagnostics.map((d) => `${d.code}:${d.line}`)).toContain('COMPOSE_BUILD_PRIVILEGED:13');
    expect(
      service('privileged_containers_enabled/test/negative2.yaml', 'webapp').containers[0]!.privileged?.value,
    ).toBe(false);
  });

  it('container_capabilities_unrestricted: cap_add ALL, cap_drop lists', () => {
    const positive2 = service('container_capabilities_unrestricted/test/positive2.yaml', 'webapp')
      .containers[0]!;
    expect(positive2.capAdd.map((c) => `${c.value}@${c.at.line}`)).toEqual(['ALL@14']);
    expect(positive2.capDrop.map((c) => c.value)).toEqual(['SYS_CHROOT']);
    const negative1 = service('container_capabilities_unrestricted/test/negative1.yaml', 'webapp')
      .containers[0]!;
    expect(negative1.capDrop.map((c) => c.value)).toEqual(['ALL']);
    expect(negative1.capAdd).toEqual([]);
    const positive4 = service('container_capabilities_unrestricted/test/positive4.yaml', 'webapp')
      .containers[0]!;
    expect(positive4.capDrop).toEqual([]);
  });

  it('docker_socket_mounted_in_container: the socket bind at line 9', () => {
    const mounts = service('docker_socket_mounted_in_container/test/positive1.yaml', 'service1')
      .containers[0]!.mounts;
    expect(mounts).toEqual([
      expect.objectContaining({
        kind: 'bind',
        hostPath: '/var/run/docker.sock',
        readOnly: false,
        at: expect.objectContaining({ line: 9 }),
      }),
    ]);
    expect(
      service('docker_socket_mounted_in_container/test/negative1.yaml', 'service1').containers[0]!.mounts,
    ).toEqual([]);
  });

  it('no_new_privileges_not_set: false, unset (a mapping entry), and true', () => {
    const nnp = (file: string) =>
      service(`no_new_privileges_not_set/test/${file}`, 'service-service-service').containers[0]!
        .noNewPrivileges;
    expect(nnp('positive1.yaml')).toEqual({ value: false, at: expect.objectContaining({ line: 13 }) });
    expect(nnp('positive2.yaml')).toBeUndefined();
    expect(nnp('negative1.yaml')?.value).toBe(true);
  });

  it('seccomp_disabled: seccomp:unconfined is an opt-out, label:seccomp:unconfined is not', () => {
    const positive2 = service('seccomp_disabled/test/positive2.yaml', 'example').containers[0]!;
    expect(positive2.seccomp).toEqual({
      value: { mode: 'unconfined' },
      at: expect.objectContaining({ line: 8 }),
    });
    const positive1 = load('seccomp_disabled/test/positive1.yaml');
    const demo = positive1.bundle.workloads[0]!.containers[0]!;
    expect(demo.seccomp).toBeUndefined();
    expect(demo.selinux).toBeUndefined();
    expect(positive1.diagnostics.map((d) => `${d.code}:${d.line}`)).toEqual([
      'COMPOSE_INVALID_SECURITY_OPT:11',
    ]);
  });

  it('host namespaces: pid, ipc, network_mode and userns_mode', () => {
    expect(service('host_namespace_is_shared/test/positive1.yaml', 'service_name_1').host.pid).toEqual({
      value: 'host',
      at: expect.objectContaining({ line: 10 }),
    });
    expect(service('host_namespace_is_shared/test/positive3.yaml', 'app').host.pid).toBeUndefined();
    expect(service('host_namespace_is_shared/test/positive3.yaml', 'internal').host.pid?.value).toBe('host');
    const joined = service('host_namespace_is_shared/test/negative1.yaml', 'service_name_4');
    expect(joined.host.pid?.value).toBe('container:container_name_4');
    expect(joined.sharesNamespacesWith.map((s) => s.value)).toEqual(['container:container_name_4']);
    expect(service('shared_host_ipc_namespace/test/positive2.yaml', 'webapp').host.ipc?.at.line).toBe(13);
    expect(service('shared_host_network_namespace/test/positive1.yaml', 'mongo').host.network?.at.line).toBe(
      11,
    );
    const userns = service('shared_host_user_namespace/test/positive1.yaml', 'service1').host.userns;
    expect(userns).toEqual({ value: 'host', at: expect.objectContaining({ line: 9 }) });
    expect(
      service('shared_host_user_namespace/test/negative1.yaml', 'webapp').containers[0]!.apparmor?.value,
    ).toEqual({
      mode: 'unconfined',
    });
  });

  it('container_traffic_not_bound_to_host_interface: a port published on all interfaces', () => {
    const ports = service('container_traffic_not_bound_to_host_interface/test/positive1.yaml', 'webapp')
      .containers[0]!.ports;
    expect(ports).toEqual([
      expect.objectContaining({ hostPort: 7000, containerPort: 8000, published: true }),
    ]);
  });

  it('volume_has_sensitive_host_directory: binds, including a named volume that binds a host path', () => {
    const hostPaths = (file: string, name: string) =>
      service(`volume_has_sensitive_host_directory/test/${file}`, name)
        .containers[0]!.mounts.filter((m) => m.kind === 'bind')
        .map((m) => `${m.hostPath}@${m.at.line}`);
    expect(hostPaths('positive1.yaml', 'backup')).toEqual(['/var/lib/backup/data@11']);
    expect(hostPaths('positive1.yaml', 'db')).toEqual([]);
    expect(hostPaths('positive2.yaml', 'web')).toEqual(['/var/lib/backup/data@18', './static@11']);
    expect(hostPaths('positive4.yaml', 'certbot')).toEqual(['/etc/letsencrypt@17']);
    expect(hostPaths('negative1.yaml', 'metadata')).toEqual(['./volumes/metadata@47']);
    const malformed = load('volume_has_sensitive_host_directory/test/positive3.yaml');
    expect(malformed.bundle.workloads).toEqual([]);
    expect(malformed.diagnostics.map((d) => d.code)).toContain('COMPOSE_NOT_A_MAPPING');
  });
});
