import { describe, expect, it } from 'vitest';
import { importCompose } from '../../../../models/import/compose';
import type { ServiceFields } from '../../../../models/import/compose/layer';
import { mergeFields, mergeKeyed } from '../../../../models/import/compose/merge';
import { envText, memoryContext, mountText, portText } from './compose-view';

const at = (file: string, line: number) => ({ file, line, column: 1 });

/** Imports `files` (in order) and returns the first workload's container and the workload. */
function merged(...texts: string[]) {
  const files = texts.map((text, i) => ({ path: i === 0 ? 'compose.yaml' : `override${i}.yaml`, text }));
  const output = importCompose(files, memoryContext({}));
  const workload = output.bundle.workloads[0]!;
  return { workload, container: workload.containers[0]!, output };
}

describe('mergeKeyed', () => {
  it('replaces entries with the same key in place and appends new ones', () => {
    const base = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    const result = mergeKeyed(
      base,
      new Map([
        ['c', 3],
        ['a', 10],
      ]),
    );
    expect([...result]).toEqual([
      ['a', 10],
      ['b', 2],
      ['c', 3],
    ]);
    expect([...base]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});

describe('mergeFields', () => {
  const base: ServiceFields = {
    image: { value: 'a', at: at('base', 1) },
    cap_add: new Map([['NET_ADMIN', { value: 'NET_ADMIN', at: at('base', 2) }]]),
    build: { at: at('base', 3), declaredIn: '.', dockerfile: { value: 'Dockerfile', at: at('base', 4) } },
  };

  it('replaces scalars, merges keyed lists and nested records, never mutating the inputs', () => {
    const over: ServiceFields = {
      image: { value: 'b', at: at('over', 1) },
      cap_add: new Map([['SYS_ADMIN', { value: 'SYS_ADMIN', at: at('over', 2) }]]),
      build: { at: at('over', 3), declaredIn: 'sub', context: { value: 'sub', at: at('over', 4) } },
    };
    const result = mergeFields(base, over);
    expect(result.image?.value).toBe('b');
    expect([...result.cap_add!.keys()]).toEqual(['NET_ADMIN', 'SYS_ADMIN']);
    expect(result.build?.dockerfile?.value).toBe('Dockerfile');
    expect(result.build?.context?.value).toBe('sub');
    expect(base.cap_add!.size).toBe(1);
    expect(base.build?.context).toBeUndefined();
  });

  it('drops reset keys and replaces override keys whole', () => {
    const over: ServiceFields = { cap_add: new Map([['CHOWN', { value: 'CHOWN', at: at('over', 2) }]]) };
    expect(mergeFields(base, {}, ['image']).image).toBeUndefined();
    expect([...mergeFields(base, over, [], ['cap_add']).cap_add!.keys()]).toEqual(['CHOWN']);
    expect(mergeFields(base, over, ['cap_add']).cap_add!.size).toBe(1);
  });
});

describe('override files', () => {
  it('replaces scalars and cites the override file', () => {
    const { container } = merged(
      'services:\n  web:\n    image: a\n    user: root\n',
      'services:\n  web:\n    image: b\n',
    );
    expect(container.image).toEqual({
      value: 'b',
      at: expect.objectContaining({ file: 'override1.yaml', line: 3 }),
    });
    expect(container.user?.at.file).toBe('compose.yaml');
  });

  it('appends ports and expose, removing exact duplicates', () => {
    const { container } = merged(
      'services:\n  web:\n    ports: ["80:80", "443:443"]\n    expose: ["9000"]\n',
      'services:\n  web:\n    ports: ["8080:8080", "80:80"]\n    expose: ["9001"]\n',
    );
    expect(container.ports.map(portText)).toEqual([
      '80->80/tcp published @override1.yaml:3',
      '443->443/tcp published @compose.yaml:3',
      '8080->8080/tcp published @override1.yaml:3',
      '*->9000/tcp internal @compose.yaml:4',
      '*->9001/tcp internal @override1.yaml:4',
    ]);
  });

  it('merges environment by name across the map and list forms', () => {
    const { container } = merged(
      'services:\n  web:\n    environment:\n      A: "1"\n      B: "2"\n',
      'services:\n  web:\n    environment:\n      - B=3\n      - C\n',
    );
    expect(container.env.map(envText)).toEqual([
      'A=1 (literal) @compose.yaml:4',
      'B=3 (literal) @override1.yaml:4',
      'C (passthrough) @override1.yaml:5',
    ]);
  });

  it('merges volumes by target and devices by container path', () => {
    const { container } = merged(
      'services:\n  web:\n    volumes: ["/etc:/host:ro", "data:/data"]\n    devices: ["/dev/sda:/dev/xvda"]\nvolumes:\n  data:\n',
      'services:\n  web:\n    volumes: ["./safe:/host:ro"]\n    devices: ["/dev/sdb:/dev/xvda"]\n',
    );
    expect(container.mounts.map(mountText)).toEqual([
      'bind ./safe -> /host ro @override1.yaml:3',
      'volume data -> /data rw @compose.yaml:3',
    ]);
    expect(container.devices.map((d) => d.value)).toEqual(['/dev/sdb']);
  });

  it('unions cap_add, cap_drop and security_opt; the last security option of a kind wins', () => {
    const { container } = merged(
      'services:\n  web:\n    cap_drop: [ALL]\n    security_opt: ["no-new-privileges:true", "seccomp=a.json"]\n',
      'services:\n  web:\n    cap_drop: [NET_RAW]\n    security_opt: ["no-new-privileges:false"]\n',
    );
    expect(container.capDrop.map((c) => c.value)).toEqual(['ALL', 'NET_RAW']);
    expect(container.noNewPrivileges).toEqual({
      value: false,
      at: expect.objectContaining({ file: 'override1.yaml' }),
    });
    expect(container.seccomp?.value).toEqual({ mode: 'custom', profile: 'a.json' });
  });

  it('!reset drops an earlier value, !override replaces a list whole', () => {
    const { container, workload } = merged(
      'services:\n  web:\n    privileged: true\n    ports: ["80:80"]\n    networks: [a, b]\nnetworks: {a: {}, b: {}, c: {}}\n',
      'services:\n  web:\n    privileged: !reset null\n    ports: !override ["127.0.0.1:80:80"]\n    networks: !reset []\n',
      'services:\n  web:\n    networks: [c]\n',
    );
    expect(container.privileged).toBeUndefined();
    expect(container.ports.map(portText)).toEqual(['127.0.0.1:80->80/tcp local @override1.yaml:4']);
    expect(workload.networks.map((n) => n.value)).toEqual(['c']);
  });

  it('!reset on a service removes it, a later file may define it again', () => {
    const { output } = merged(
      'services:\n  web:\n    image: a\n  db:\n    image: pg\n',
      'services:\n  web: !reset\n',
    );
    expect(output.bundle.workloads.map((w) => w.name)).toEqual(['db']);
    const again = merged(
      'services:\n  web:\n    image: a\n',
      'services:\n  web: !reset\n',
      'services:\n  web:\n    image: c\n',
    );
    expect(again.container.image?.value).toBe('c');
  });

  it('merges build and deploy field by field', () => {
    const { container } = merged(
      'services:\n  web:\n    build:\n      context: app\n      args: {A: "1"}\n    deploy:\n      resources:\n        limits: {memory: 1g, cpus: "1"}\n',
      'services:\n  web:\n    build:\n      dockerfile: Dockerfile.dev\n      args: {B: "2"}\n    deploy:\n      resources:\n        limits: {memory: 2g}\n',
    );
    expect(container.dockerfile?.value).toBe('app/Dockerfile.dev');
    expect(container.env.map((e) => `${e.name}=${e.value}`)).toEqual(['A=1', 'B=2']);
    expect(container.resources.memoryLimit?.value).toBe('2g');
    expect(container.resources.cpuLimit?.value).toBe('1');
  });
});
