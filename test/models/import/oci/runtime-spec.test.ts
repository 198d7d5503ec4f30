import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOciConfig, looksLikeOciConfig } from '../../../../models/import/oci';
import { SourceText } from '../../../../models/source/source-text';
import { parseYaml } from '../../../../models/yaml/parse-yaml';

/** The runtime-spec schema fixtures (shared/corpus, vendored under test/fixtures/corpus). */
const CORPUS = join(import.meta.dirname, '../../../fixtures/corpus');
const CONFIGS = join(CORPUS, 'opencontainers__runtime-spec/schema/test/config');

const files = (kind: 'good' | 'bad') =>
  readdirSync(join(CONFIGS, kind))
    .filter((f) => f.endsWith('.json'))
    .sort();

function importFixture(kind: 'good' | 'bad', name: string) {
  const text = readFileSync(join(CONFIGS, kind, name), 'utf8');
  return importOciConfig({ path: `${kind}/${name}`, text });
}

describe('runtime-spec schema fixtures', () => {
  it('holds 9 good and 5 bad configs', () => {
    expect(files('good')).toHaveLength(9);
    expect(files('bad')).toHaveLength(5);
  });

  it.each(files('good'))('good/%s imports without errors and is recognized', (name) => {
    const out = importFixture('good', name);
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(out.bundle.workloads).toHaveLength(1);
    expect(JSON.stringify(importFixture('good', name))).toBe(JSON.stringify(out));
    const text = readFileSync(join(CONFIGS, 'good', name), 'utf8');
    expect(looksLikeOciConfig(parseYaml(new SourceText(name, text)).documents[0]!.value)).toBe(true);
  });

  it.each(files('bad'))('bad/%s gives a diagnostic or a normal result, never a throw', (name) => {
    const out = importFixture('bad', name);
    if (name === 'invalid-json.json') {
      expect(out.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['YAML_SYNTAX', 'error', 1]]);
      expect(out.bundle.workloads).toEqual([]);
    } else {
      // Valid JSON whose schema violations lie in fields Rampart does not read (hugepage sizes,
      // RDMA limits, a network device name, a FreeBSD jail option).
      expect(out.bundle.workloads).toHaveLength(1);
    }
  });

  it('reads the full example of the spec', () => {
    const workload = importFixture('good', 'spec-example.json').bundle.workloads[0]!;
    const c = workload.containers[0]!;
    expect(workload.name).toBe('slartibartfast');
    expect(workload.host).toEqual({ userns: expect.objectContaining({ value: 'private' }) });
    expect(c.capAdd).toEqual([]);
    expect(c.capDrop.map((f) => f.value)).toEqual([
      'CHOWN',
      'DAC_OVERRIDE',
      'FOWNER',
      'FSETID',
      'MKNOD',
      'NET_RAW',
      'SETFCAP',
      'SETGID',
      'SETPCAP',
      'SETUID',
      'SYS_CHROOT',
    ]);
    expect(c.seccomp!.value).toEqual({ mode: 'custom' });
    expect(c.apparmor!.value).toEqual({ mode: 'custom', profile: 'acme_secure_profile' });
    expect(c.selinux!.value).toEqual({ mode: 'runtime-default' });
    expect(c.devices.map((d) => d.value)).toEqual(['/dev/fuse', '/dev/sda']);
    expect(c.resources).toMatchObject({
      memoryLimit: { value: '536870912' },
      cpuLimit: { value: '2' },
      pidsLimit: { value: 32771 },
    });
    expect(workload.annotations).toEqual({ 'com.example.key1': 'value1', 'com.example.key2': 'value2' });
  });

  it('reads no Linux settings from FreeBSD and z/OS configs', () => {
    for (const name of [
      'freebsd-example.json',
      'freebsd-minimal.json',
      'zos-example.json',
      'zos-minimal.json',
    ]) {
      const c = importFixture('good', name).bundle.workloads[0]!;
      expect(c.host).toEqual({});
      expect(c.containers[0]!.seccomp).toBeUndefined();
      expect(c.containers[0]!.procMount).toBeUndefined();
    }
  });

  it('takes a config with no platform section as Linux with the host namespaces', () => {
    const workload = importFixture('good', 'minimal.json').bundle.workloads[0]!;
    expect(Object.keys(workload.host)).toEqual(['pid', 'ipc', 'network', 'uts', 'userns']);
    expect(workload.containers[0]!.seccomp!.value).toEqual({ mode: 'unconfined' });
  });
});
