import { describe, expect, it } from 'vitest';
import { importDockerInspect, looksLikeDockerInspect } from '../../../../models/import/inspect';
import { SourceText } from '../../../../models/source/source-text';
import { parseYaml } from '../../../../models/yaml/parse-yaml';

/** One container as `docker inspect` prints it, with the given HostConfig, Config and extra fields. */
function container(hostConfig: object = {}, config: object = {}, extra: object = {}): object {
  return { Id: 'f'.repeat(64), Name: '/app', HostConfig: hostConfig, Config: config, ...extra };
}

function load(doc: unknown) {
  const out = importDockerInspect({ path: 'inspect.json', text: JSON.stringify(doc, null, 2) });
  return {
    out,
    workload: out.bundle.workloads[0]!,
    c: out.bundle.workloads[0]?.containers[0],
    codes: out.diagnostics.map((d) => d.code),
  };
}

describe('looksLikeDockerInspect', () => {
  it.each([
    [[container()], true],
    [container(), true],
    [{ Id: 'x', Config: {}, State: {} }, true],
    [[container(), { Name: 'bridge', Id: 'n', Driver: 'bridge' }], true],
    [[], false],
    [[{ Id: 'sha256:x', RepoTags: ['a'], Config: {}, RootFS: {} }], false],
    [[{ Name: 'bridge', Id: 'n', Scope: 'local', Driver: 'bridge', Containers: {} }], false],
    [{ services: {} }, false],
    ['text', false],
    [[container(), 'x'], false],
  ])('%j → %s', (doc, expected) => {
    expect(looksLikeDockerInspect(doc)).toBe(expected);
  });
});

describe('importDockerInspect', () => {
  it('reads a lone container object, with paths without an index', () => {
    const { workload, c } = load(container({ Privileged: true }));
    expect(workload).toMatchObject({
      id: 'container:app',
      name: 'app',
      kind: 'container',
      platform: 'docker',
    });
    expect(c!.privileged).toMatchObject({ value: true, at: { path: 'HostConfig.Privileged', line: 5 } });
  });

  it('reports empty output, and leaves syntax errors to the parser', () => {
    expect(load([]).codes).toEqual(['INSPECT_EMPTY']);
    const broken = importDockerInspect({ path: 'inspect.json', text: '[{"Id": ' });
    expect(broken.diagnostics.map((d) => d.code)).toEqual(['YAML_SYNTAX']);
  });

  it('does not repeat the diagnostics of a parse it is given', () => {
    const text = '[{"Id": "a", "Id": "b", "Name": "/x", "HostConfig": {}}]';
    const parsed = parseYaml(new SourceText('inspect.json', text));
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['YAML_DUPLICATE_KEY']);
    expect(importDockerInspect({ path: 'inspect.json', text }, parsed).diagnostics).toEqual([]);
    expect(importDockerInspect({ path: 'inspect.json', text }).diagnostics.map((d) => d.code)).toEqual([
      'YAML_DUPLICATE_KEY',
    ]);
  });

  // Found by test/robustness/fuzz-importers.test.ts: the second `web` was renamed to `web~2`,
  // the id of the container already named so, and one of the two was lost to the diagram.
  it('keeps ids unique when a container shares a name and another has the name it would get', () => {
    const named = (name: string) => ({ ...container(), Name: name });
    const { out } = load([named('/web'), named('/web~2'), named('/web')]);
    expect(out.bundle.workloads.map((w) => w.id)).toEqual([
      'container:web',
      'container:web~2',
      'container:web~3',
    ]);
    expect(out.diagnostics.map((d) => [d.code, d.path])).toEqual([['INSPECT_DUPLICATE_NAME', '[2].Name']]);
  });

  it('reports a document that is not a container', () => {
    expect(load(42).codes).toEqual(['INSPECT_NOT_A_CONTAINER']);
    expect(load({ Id: 'x' }).codes).toEqual(['INSPECT_NOT_A_CONTAINER']);
  });

  describe('security options', () => {
    const security = (opts: string[], extra: object = {}, hostConfig: object = {}) =>
      load(container({ SecurityOpt: opts, ...hostConfig }, {}, extra)).c!;

    it('reads no-new-privileges in its spellings', () => {
      expect(security(['no-new-privileges']).noNewPrivileges!.value).toBe(true);
      expect(security(['no-new-privileges:true']).noNewPrivileges!.value).toBe(true);
      expect(security(['no-new-privileges=false']).noNewPrivileges!.value).toBe(false);
    });

    it('reads seccomp: unconfined, the builtin profile, a file and an inlined profile', () => {
      expect(security(['seccomp=unconfined']).seccomp!.value).toEqual({ mode: 'unconfined' });
      expect(security(['seccomp:unconfined']).seccomp!.value).toEqual({ mode: 'unconfined' });
      expect(security(['seccomp=builtin']).seccomp!.value).toEqual({ mode: 'runtime-default' });
      expect(security(['seccomp=/etc/docker/app.json']).seccomp!.value).toEqual({
        mode: 'custom',
        profile: '/etc/docker/app.json',
      });
      expect(security(['seccomp={"defaultAction":"SCMP_ACT_ERRNO","syscalls":[]}']).seccomp!.value).toEqual({
        mode: 'custom',
      });
    });

    it('prefers the AppArmor profile the daemon applied over the option', () => {
      expect(security(['apparmor=docker-default']).apparmor!.value).toEqual({ mode: 'runtime-default' });
      const applied = security(['apparmor=my-profile'], { AppArmorProfile: 'unconfined' }).apparmor!;
      expect(applied).toMatchObject({ value: { mode: 'unconfined' }, at: { path: 'AppArmorProfile' } });
      expect(security([], { AppArmorProfile: '' }).apparmor).toBeUndefined();
      expect(security([], { AppArmorProfile: 'docker-default' }).apparmor!.value).toEqual({
        mode: 'runtime-default',
      });
    });

    it('reads SELinux from label options, else from ProcessLabel', () => {
      expect(security(['label=disable']).selinux!.value).toEqual({ mode: 'unconfined' });
      expect(security(['label=type:spc_t']).selinux!.value).toEqual({ mode: 'unconfined', profile: 'spc_t' });
      expect(security(['label=type:app_t']).selinux!.value).toEqual({ mode: 'custom', profile: 'app_t' });
      const label = 'system_u:system_r:container_t:s0:c1,c2';
      expect(security([], { ProcessLabel: label }).selinux!.value).toEqual({ mode: 'runtime-default' });
      expect(security([], { ProcessLabel: 'system_u:system_r:spc_t:s0' }).selinux!.value).toMatchObject({
        mode: 'unconfined',
      });
    });

    it('reads /proc masking from systempaths=unconfined and from MaskedPaths', () => {
      expect(security(['systempaths=unconfined']).procMount!.value).toBe('unmasked');
      expect(security([], {}, { MaskedPaths: [] }).procMount!.value).toBe('unmasked');
      expect(security([], {}, { MaskedPaths: ['/proc/kcore'] }).procMount!.value).toBe('default');
      expect(security([], {}, { MaskedPaths: null }).procMount).toBeUndefined();
    });

    it('reports options Docker would refuse', () => {
      const { codes } = load(container({ SecurityOpt: ['apparmor', 'label=bogus:x', 42] }));
      expect(codes).toEqual([
        'INSPECT_INVALID_SECURITY_OPT',
        'INSPECT_INVALID_SECURITY_OPT',
        'INSPECT_INVALID_TYPE',
      ]);
    });
  });

  describe('resources', () => {
    it('treats 0, -1 and null as no limit', () => {
      const { c } = load(container({ Memory: 0, NanoCpus: 0, CpuShares: 0, PidsLimit: -1, CpuQuota: -1 }));
      expect(c!.resources).toEqual({});
      expect(load(container({ PidsLimit: null })).c!.resources).toEqual({});
    });

    it('reads memory in bytes and CPUs in cores, with quota/period as a fallback', () => {
      const { c } = load(
        container({ Memory: 536870912, CpuQuota: 50000, CpuPeriod: 0, CpuShares: 2048, PidsLimit: 100 }),
      );
      expect(c!.resources).toMatchObject({
        memoryLimit: { value: '536870912' },
        cpuLimit: { value: '0.5' },
        cpuRequest: { value: '2' },
        pidsLimit: { value: 100 },
      });
    });

    it('takes integers beyond 2^53 written without quotes as numbers', () => {
      const text = JSON.stringify([container({ Memory: 1 })]).replace(
        '"Memory":1',
        '"Memory":9223372036854775807',
      );
      const out = importDockerInspect({ path: 'inspect.json', text });
      expect(out.diagnostics).toEqual([]);
      expect(out.bundle.workloads[0]!.containers[0]!.resources.memoryLimit).toBeDefined();
    });
  });

  describe('ports', () => {
    it('publishes empty, 0.0.0.0 and :: host IPs, not loopback ones', () => {
      const { c } = load(
        container({
          PortBindings: {
            '80/tcp': [{ HostIp: '', HostPort: '8080' }],
            '443/tcp': [{ HostIp: '::', HostPort: '' }],
            '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '5432' }],
            '6379/tcp': [{ HostIp: '::1', HostPort: '6379' }],
            '53/udp': [{ HostIp: '10.0.0.5', HostPort: '53' }],
          },
        }),
      );
      expect(c!.ports.map((p) => [p.containerPort, p.protocol, p.hostPort, p.published])).toEqual([
        [80, 'tcp', 8080, true],
        [443, 'tcp', undefined, true],
        [5432, 'tcp', 5432, false],
        [6379, 'tcp', 6379, false],
        [53, 'udp', 53, true],
      ]);
    });

    it('adds running bindings and exposed ports without repeating the configured ones', () => {
      const { c } = load(
        container(
          { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } },
          { ExposedPorts: { '80/tcp': {}, '9000/tcp': {}, '9100/tcp': {} } },
          {
            NetworkSettings: {
              Ports: {
                '80/tcp': [
                  { HostIp: '0.0.0.0', HostPort: '8080' },
                  { HostIp: '::', HostPort: '8080' },
                ],
                '9000/tcp': [{ HostIp: '0.0.0.0', HostPort: '32768' }],
                '9100/tcp': null,
              },
            },
          },
        ),
      );
      expect(c!.ports.map((p) => [p.containerPort, p.hostPort, p.published, p.at.path])).toEqual([
        [80, 8080, true, 'HostConfig.PortBindings["80/tcp"][0]'],
        [9000, 32768, true, 'NetworkSettings.Ports["9000/tcp"][0]'],
        [9100, undefined, false, 'Config.ExposedPorts["9100/tcp"]'],
      ]);
    });

    it('publishes exposed ports under PublishAllPorts', () => {
      const { c } = load(container({ PublishAllPorts: true }, { ExposedPorts: { '3000/tcp': {} } }));
      expect(c!.ports).toMatchObject([{ containerPort: 3000, published: true }]);
    });
  });

  describe('mounts', () => {
    it('records each mount point once, from Binds, HostConfig.Mounts or the resolved Mounts', () => {
      const { c } = load(
        container(
          {
            Binds: ['/var/run/docker.sock:/var/run/docker.sock:ro'],
            Mounts: [
              {
                Type: 'bind',
                Source: '/etc',
                Target: '/host/etc',
                ReadOnly: true,
                BindOptions: { Propagation: 'rshared' },
              },
              { Type: 'bind', Source: '/var/run/docker.sock', Target: '/var/run/docker.sock' },
            ],
          },
          {},
          {
            Mounts: [
              {
                Type: 'bind',
                Source: '/var/run/docker.sock',
                Destination: '/var/run/docker.sock',
                RW: false,
              },
              {
                Type: 'volume',
                Name: 'cache',
                Source: '/var/lib/docker/volumes/cache/_data',
                Destination: '/cache',
                RW: true,
              },
              {
                Type: 'npipe',
                Source: '\\\\.\\pipe\\docker_engine',
                Destination: '\\\\.\\pipe\\docker_engine',
                RW: true,
              },
            ],
          },
        ),
      );
      expect(
        c!.mounts.map((m) => [m.kind, m.hostPath ?? m.name, m.target, m.readOnly, m.propagation, m.at.path]),
      ).toEqual([
        ['bind', '/var/run/docker.sock', '/var/run/docker.sock', true, undefined, 'HostConfig.Binds[0]'],
        ['bind', '/etc', '/host/etc', true, 'rshared', 'HostConfig.Mounts[0]'],
        ['volume', 'cache', '/cache', false, undefined, 'Mounts[1]'],
        ['bind', '\\\\.\\pipe\\docker_engine', '\\\\.\\pipe\\docker_engine', false, undefined, 'Mounts[2]'],
      ]);
    });
  });

  describe('namespaces, networks and dependencies', () => {
    it('resolves container:<id> to the name of a container in the same file', () => {
      const other = { ...container(), Id: 'a'.repeat(64), Name: '/db' };
      const out = importDockerInspect({
        path: 'i.json',
        text: JSON.stringify([
          container({ PidMode: `container:${'a'.repeat(64)}`, IpcMode: 'container:db' }),
          other,
        ]),
      });
      const app = out.bundle.workloads[0]!;
      expect(app.host.pid!.value).toBe('container:db');
      expect(app.host.ipc!.value).toBe('container:db');
      expect(app.sharesNamespacesWith.map((f) => f.value)).toEqual(['db']);
    });

    it('keeps a reference to a container outside the file as written', () => {
      expect(load(container({ NetworkMode: 'container:elsewhere' })).workload.host.network!.value).toBe(
        'container:elsewhere',
      );
    });

    it('records only host, none and container: modes; UsernsMode host', () => {
      const { workload } = load(
        container({
          PidMode: 'private',
          IpcMode: 'shareable',
          NetworkMode: 'none',
          UTSMode: '',
          UsernsMode: 'host',
        }),
      );
      expect(Object.keys(workload.host)).toEqual(['network', 'userns']);
      expect(workload.host.network!.value).toBe('none');
    });

    it('falls back to the network NetworkMode names when the container has not run', () => {
      expect(load(container({ NetworkMode: 'backend' })).workload.networks.map((n) => n.value)).toEqual([
        'backend',
      ]);
      expect(load(container({ NetworkMode: 'default' })).workload.networks).toEqual([]);
    });

    it('reads --link targets as dependencies', () => {
      const { workload } = load(container({ Links: ['/db:/app/database', '/cache:/app/cache'] }));
      expect(workload.dependsOn.map((d) => d.value)).toEqual(['db', 'cache']);
    });
  });

  describe('config', () => {
    it('reads the environment, passthrough names included', () => {
      const { c } = load(container({}, { Env: ['A=1', 'B==2', 'C'] }));
      expect(c!.env.map((e) => [e.name, e.value, e.from])).toEqual([
        ['A', '1', 'literal'],
        ['B', '=2', 'literal'],
        ['C', undefined, 'passthrough'],
      ]);
    });

    it('leaves the user unset when Config.User is empty', () => {
      expect(load(container({}, { User: '' })).c!.user).toBeUndefined();
      expect(load(container({}, { User: 'root' })).c!.user!.value).toMatchObject({
        uid: 0,
        origin: 'config',
      });
    });

    it('reads healthchecks: NONE disables, an empty test inherits the image', () => {
      expect(load(container({}, { Healthcheck: { Test: ['NONE'] } })).c!.healthcheck!.value).toBe(false);
      expect(
        load(container({}, { Healthcheck: { Test: ['CMD-SHELL', 'true'] } })).c!.healthcheck!.value,
      ).toBe(true);
      expect(load(container({}, { Healthcheck: { Test: [] } })).c!.healthcheck).toBeUndefined();
    });

    it('falls back to the image id when Config.Image is empty', () => {
      expect(load(container({}, { Image: '' }, { Image: 'sha256:abc' })).c!.image).toMatchObject({
        value: 'sha256:abc',
        at: { path: 'Image' },
      });
    });

    it('keeps labels as data, even one named __proto__', () => {
      const text =
        '[{"Id": "x", "Name": "/a", "HostConfig": {}, "Config": {"Labels": {"__proto__": "p", "k": "v"}}}]';
      const workload = importDockerInspect({ path: 'i.json', text }).bundle.workloads[0]!;
      expect(Object.keys(workload.labels)).toEqual(['__proto__', 'k']);
      expect(Object.getPrototypeOf(workload.labels)).toBe(Object.prototype);
    });

    it('names a container by its short id when Name is missing', () => {
      const { workload, codes } = load({ Id: 'abcdef0123456789', HostConfig: {} });
      expect(workload.name).toBe('abcdef012345');
      expect(codes).toEqual(['INSPECT_MISSING_NAME']);
    });
  });
});
