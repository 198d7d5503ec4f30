import { describe, expect, it } from 'vitest';
import {
  DOCKER_DEFAULT_CAPABILITIES,
  importOciConfig,
  looksLikeOciConfig,
} from '../../../../models/import/oci';

const FULL_SET = [
  ...DOCKER_DEFAULT_CAPABILITIES,
  'DAC_READ_SEARCH',
  'LINUX_IMMUTABLE',
  'NET_BROADCAST',
  'NET_ADMIN',
  'IPC_LOCK',
  'IPC_OWNER',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_PTRACE',
  'SYS_PACCT',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_NICE',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'LEASE',
  'AUDIT_CONTROL',
  'MAC_OVERRIDE',
  'MAC_ADMIN',
  'SYSLOG',
  'WAKE_ALARM',
  'BLOCK_SUSPEND',
  'AUDIT_READ',
].map((c) => `CAP_${c}`);

const ALL_NAMESPACES = ['pid', 'network', 'ipc', 'uts', 'mount'].map((type) => ({ type }));

function config(process: object = {}, linux: object = {}, extra: object = {}): object {
  return {
    ociVersion: '1.1.0',
    root: { path: 'rootfs' },
    process,
    linux: { namespaces: ALL_NAMESPACES, ...linux },
    ...extra,
  };
}

function load(doc: unknown, path = 'bundles/web/config.json') {
  const out = importOciConfig({ path, text: JSON.stringify(doc, null, 2) });
  const workload = out.bundle.workloads[0];
  return { out, workload, c: workload?.containers[0], codes: out.diagnostics.map((d) => d.code) };
}

const caps = (bounding: string[]) => load(config({ capabilities: { bounding } })).c!;

describe('looksLikeOciConfig', () => {
  it.each([
    [{ ociVersion: '1.0.0', root: { path: 'rootfs' } }, true],
    [{ ociVersion: '1.0.0', process: { args: ['sh'] } }, true],
    [{ ociVersion: '1.0.0' }, false],
    [{ process: {}, root: {} }, false],
    [[{ ociVersion: '1.0.0', root: {} }], false],
  ])('%j → %s', (doc, expected) => {
    expect(looksLikeOciConfig(doc)).toBe(expected);
  });
});

describe('importOciConfig', () => {
  it('names the workload by hostname, else by its folder, else by its file', () => {
    expect(load(config({}, {}, { hostname: 'web-1' })).workload).toMatchObject({
      id: 'oci:bundles/web/config.json',
      name: 'web-1',
      kind: 'container',
      platform: 'oci',
    });
    expect(load(config()).workload!.name).toBe('web');
    expect(load(config(), 'config.json').workload!.name).toBe('config.json');
  });

  describe('capabilities against Docker defaults', () => {
    it('keeps the defaults: nothing added, nothing dropped', () => {
      const c = caps(DOCKER_DEFAULT_CAPABILITIES.map((n) => `CAP_${n}`));
      expect(c.capAdd).toEqual([]);
      expect(c.capDrop).toEqual([]);
    });

    it('adds what is beyond the defaults and drops the missing defaults', () => {
      const c = caps(['CAP_CHOWN', 'CAP_KILL', 'CAP_SYS_ADMIN', 'CAP_NET_ADMIN', 'cap_kill']);
      expect(c.capAdd.map((f) => [f.value, f.at.path])).toEqual([
        ['SYS_ADMIN', 'process.capabilities.bounding[2]'],
        ['NET_ADMIN', 'process.capabilities.bounding[3]'],
      ]);
      expect(c.capDrop.map((f) => f.value)).toEqual(
        DOCKER_DEFAULT_CAPABILITIES.filter((n) => n !== 'CHOWN' && n !== 'KILL'),
      );
    });

    it('drops ALL when none of the defaults remain', () => {
      expect(caps([]).capDrop.map((f) => f.value)).toEqual(['ALL']);
      expect(caps(['CAP_SYS_TIME']).capDrop.map((f) => f.value)).toEqual(['ALL']);
    });

    it('compares permitted, then effective, when there is no bounding set', () => {
      const c = load(config({ capabilities: { effective: ['CAP_BPF'] } })).c!;
      expect(c.capAdd.map((f) => [f.value, f.at.path])).toEqual([
        ['BPF', 'process.capabilities.effective[0]'],
      ]);
      expect(load(config({})).c!.capDrop).toEqual([]);
    });
  });

  describe('privileged, inferred from its symptoms', () => {
    it('needs a full capability set, no seccomp and no masked paths together', () => {
      expect(load(config({ capabilities: { bounding: FULL_SET } })).c!.privileged).toMatchObject({
        value: true,
        at: { path: expect.stringContaining('privileged inferred') },
      });
      const withSeccomp = config(
        { capabilities: { bounding: FULL_SET } },
        { seccomp: { defaultAction: 'SCMP_ACT_ERRNO' } },
      );
      expect(load(withSeccomp).c!.privileged).toBeUndefined();
      const masked = config({ capabilities: { bounding: FULL_SET } }, { maskedPaths: ['/proc/kcore'] });
      expect(load(masked).c!.privileged).toBeUndefined();
      const partial = config({ capabilities: { bounding: FULL_SET.filter((c) => c !== 'CAP_SYS_ADMIN') } });
      expect(load(partial).c!.privileged).toBeUndefined();
    });
  });

  describe('namespaces', () => {
    it('shares every namespace type missing from the list with the host', () => {
      const { workload } = load(config({}, { namespaces: [{ type: 'mount' }, { type: 'uts' }] }));
      expect(Object.keys(workload!.host)).toEqual(['pid', 'ipc', 'network', 'userns']);
      expect(workload!.host.pid).toMatchObject({
        value: 'host',
        at: { path: "linux.namespaces (no pid entry: shares the host's)" },
      });
    });

    it('shares a namespace joined at /proc/1/ns, not one joined elsewhere', () => {
      const namespaces = [
        { type: 'pid', path: '/proc/1/ns/pid' },
        { type: 'network', path: '/var/run/netns/blue' },
        { type: 'ipc' },
        { type: 'uts' },
      ];
      const host = load(config({}, { namespaces })).workload!.host;
      expect(host.pid!.value).toBe('host');
      expect(host.network).toBeUndefined();
    });

    it('counts a user namespace as private only with uid mappings', () => {
      const mapped = config(
        {},
        {
          namespaces: [...ALL_NAMESPACES, { type: 'user' }],
          uidMappings: [{ containerID: 0, hostID: 1e5, size: 65536 }],
        },
      );
      expect(load(mapped).workload!.host.userns!.value).toBe('private');
      const unmapped = load(config({}, { namespaces: [...ALL_NAMESPACES, { type: 'user' }] }));
      expect(unmapped.workload!.host.userns!.value).toBe('host');
      expect(unmapped.codes).toEqual(['OCI_USER_NAMESPACE_WITHOUT_MAPPINGS']);
      expect(load(config()).workload!.host.userns!.value).toBe('host');
    });
  });

  describe('confinement', () => {
    it('reads seccomp: absent is unconfined, a filter is custom, allow-all without rules is unconfined', () => {
      expect(load(config()).c!.seccomp!.value).toEqual({ mode: 'unconfined' });
      expect(
        load(config({}, { seccomp: { defaultAction: 'SCMP_ACT_ERRNO', syscalls: [] } })).c!.seccomp!.value,
      ).toEqual({
        mode: 'custom',
      });
      expect(load(config({}, { seccomp: { defaultAction: 'SCMP_ACT_ALLOW' } })).c!.seccomp!.value).toEqual({
        mode: 'unconfined',
      });
    });

    it('reads AppArmor and SELinux by their names', () => {
      const read = (process: object) => load(config(process)).c!;
      expect(read({ apparmorProfile: 'unconfined' }).apparmor!.value).toEqual({ mode: 'unconfined' });
      expect(read({ apparmorProfile: 'cri-containerd.apparmor.d' }).apparmor!.value).toEqual({
        mode: 'runtime-default',
      });
      expect(read({ apparmorProfile: '' }).apparmor).toBeUndefined();
      expect(read({ selinuxLabel: 'system_u:system_r:container_t:s0:c1,c2' }).selinux!.value).toEqual({
        mode: 'runtime-default',
      });
      expect(read({ selinuxLabel: 'system_u:system_r:myapp_t:s0' }).selinux!.value).toEqual({
        mode: 'custom',
        profile: 'myapp_t',
      });
    });

    it('reads /proc masking: missing or empty is unmasked', () => {
      expect(load(config()).c!.procMount!.value).toBe('unmasked');
      expect(load(config({}, { maskedPaths: [] })).c!.procMount!.value).toBe('unmasked');
      expect(load(config({}, { maskedPaths: ['/proc/kcore'] })).c!.procMount!.value).toBe('default');
    });

    it('concludes nothing from a Linux field of the wrong type', () => {
      const { c, codes } = load(config({}, { seccomp: 'none', maskedPaths: 'all' }));
      expect(c!.seccomp).toBeUndefined();
      expect(c!.procMount).toBeUndefined();
      expect(codes).toEqual(['OCI_INVALID_TYPE', 'OCI_INVALID_TYPE']);
    });
  });

  describe('mounts, devices and resources', () => {
    it('reads bind mounts by type or by option, with ro and propagation', () => {
      const mounts = [
        {
          destination: '/var/run/docker.sock',
          type: 'bind',
          source: '/var/run/docker.sock',
          options: ['rbind', 'ro'],
        },
        { destination: '/data', source: '/srv/data/', options: ['rbind', 'rslave'] },
        { destination: '/tmp', type: 'tmpfs', source: 'tmpfs' },
        { destination: '/proc', type: 'proc', source: 'proc' },
      ];
      const { c } = load(config({}, {}, { mounts }));
      expect(
        c!.mounts.map((m) => [m.kind, m.hostPath ?? m.name, m.target, m.readOnly, m.propagation]),
      ).toEqual([
        ['bind', '/var/run/docker.sock', '/var/run/docker.sock', true, undefined],
        ['bind', '/srv/data', '/data', false, 'rslave'],
        ['tmpfs', undefined, '/tmp', false, undefined],
        ['other', 'proc', '/proc', false, undefined],
      ]);
    });

    it('records devices beyond the defaults and device rules that allow whole classes', () => {
      const linux = {
        devices: [{ path: '/dev/null' }, { path: '/dev/ttyUSB0' }],
        resources: {
          devices: [
            { allow: false, access: 'rwm' },
            { allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' },
            { allow: true, type: 'b', major: 8, access: 'r' },
            { allow: true, access: 'rwm' },
          ],
        },
      };
      expect(load(config({}, linux)).c!.devices.map((d) => d.value)).toEqual([
        '/dev/ttyUSB0',
        'b 8:* r',
        'a *:* rwm',
      ]);
    });

    it('treats -1 and 0 as no limit', () => {
      const resources = { memory: { limit: -1 }, cpu: { quota: -1, shares: 0 }, pids: { limit: 0 } };
      expect(load(config({}, { resources })).c!.resources).toEqual({});
    });
  });

  describe('diagnostics', () => {
    it('reports an empty file, a document that is not an object and a missing ociVersion', () => {
      expect(importOciConfig({ path: 'c.json', text: '' }).diagnostics.map((d) => d.code)).toEqual([
        'OCI_EMPTY',
      ]);
      expect(importOciConfig({ path: 'c.json', text: '[1, 2]' }).diagnostics.map((d) => d.code)).toEqual([
        'OCI_NOT_AN_OBJECT',
      ]);
      expect(load({ root: { path: 'rootfs' } }).codes).toEqual(['OCI_MISSING_VERSION']);
    });

    it('reads the first document only', () => {
      const out = importOciConfig({
        path: 'c.yaml',
        text: 'ociVersion: 1.0.0\nroot: {path: r}\n---\nociVersion: 2\n',
      });
      expect(out.bundle.workloads).toHaveLength(1);
      expect(out.diagnostics.map((d) => [d.code, d.line])).toEqual([['OCI_EXTRA_DOCUMENTS', 4]]);
    });
  });
});
