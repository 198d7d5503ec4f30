import { describe, expect, it } from 'vitest';
import { importCompose } from '../../../../models/import/compose';
import { diagnosticText, memoryContext, mountText } from './compose-view';

function run(files: Record<string, string>, main = 'app/compose.yaml') {
  const output = importCompose([{ path: main, text: files[main]! }], memoryContext(files));
  const byName = new Map(output.bundle.workloads.map((w) => [w.name, w]));
  return { output, byName, diagnostics: output.diagnostics.map(diagnosticText) };
}

describe('extends', () => {
  it('reads a base from another directory, keeping its relative paths and evidence', () => {
    const { byName, diagnostics } = run({
      'app/compose.yaml':
        'services:\n  web:\n    extends:\n      file: ../shared/base.yml\n      service: base\n',
      'shared/base.yml': 'services:\n  base:\n    image: b\n    volumes: ["./conf:/conf"]\n    build: .\n',
    });
    const web = byName.get('web')!.containers[0]!;
    expect(web.mounts.map(mountText)).toEqual(['bind ./conf -> /conf rw @shared/base.yml:4']);
    expect(web.dockerfile?.value).toBe('shared/Dockerfile');
    expect(diagnostics).toEqual([]);
  });

  it('lets the extending service override and !reset inherited values', () => {
    const { byName } = run({
      'app/compose.yaml':
        'services:\n  base:\n    image: b\n    privileged: true\n    cap_add: [SYS_ADMIN]\n  web:\n    extends: base\n    image: w\n    privileged: !reset null\n    cap_add: [NET_ADMIN]\n',
    });
    const web = byName.get('web')!;
    const c = web.containers[0]!;
    expect(web.at.line).toBe(6);
    expect(c.image?.value).toBe('w');
    expect(c.privileged).toBeUndefined();
    expect(c.capAdd.map((x) => `${x.value}@${x.at.line}`)).toEqual(['SYS_ADMIN@5', 'NET_ADMIN@10']);
    expect(byName.get('base')!.containers[0]!.privileged?.value).toBe(true);
  });

  it('resolves a chain once and shares it between services', () => {
    const { byName, diagnostics } = run({
      'app/compose.yaml':
        'services:\n  a:\n    extends: b\n  b:\n    extends: c\n    user: "1"\n  c:\n    image: c\n    unknown_key: 1\n',
    });
    expect(byName.get('a')!.containers[0]!.image?.value).toBe('c');
    expect(byName.get('a')!.containers[0]!.user?.value.uid).toBe(1);
    // The base's own diagnostics are reported once, not once per service that extends it.
    expect(diagnostics).toEqual(['COMPOSE_UNKNOWN_KEY app/compose.yaml:9:5']);
  });

  it('stops at cycles across files', () => {
    const { diagnostics, byName } = run({
      'app/compose.yaml': 'services:\n  a:\n    extends: {file: other.yml, service: b}\n',
      'app/other.yml': 'services:\n  b:\n    extends: {file: compose.yaml, service: a}\n',
    });
    expect(byName.has('a')).toBe(true);
    expect(diagnostics).toEqual(['COMPOSE_EXTENDS_CYCLE app/other.yml:3:5']);
  });

  it('reports a missing file and a missing service at the extends key', () => {
    const { diagnostics } = run({
      'app/compose.yaml':
        'services:\n  a:\n    extends: {file: gone.yml, service: b}\n  c:\n    extends: nobody\n',
    });
    expect(diagnostics).toEqual([
      'COMPOSE_EXTENDS_NOT_FOUND app/compose.yaml:3:5',
      'COMPOSE_EXTENDS_NOT_FOUND app/compose.yaml:5:5',
    ]);
  });

  it('does not treat an inherited prototype name as a service', () => {
    const { diagnostics } = run({
      'app/compose.yaml': 'services:\n  a:\n    extends: constructor\n  b:\n    extends: __proto__\n',
    });
    expect(diagnostics).toEqual([
      'COMPOSE_EXTENDS_NOT_FOUND app/compose.yaml:3:5',
      'COMPOSE_EXTENDS_NOT_FOUND app/compose.yaml:5:5',
    ]);
  });
});
