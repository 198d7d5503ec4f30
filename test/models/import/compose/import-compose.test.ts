import { describe, expect, it } from 'vitest';
import { importCompose } from '../../../../models/import/compose';
import { SourceText } from '../../../../models/source/source-text';
import { parseYaml } from '../../../../models/yaml/parse-yaml';
import { diagnosticText, memoryContext } from './compose-view';

describe('importCompose', () => {
  it('reuses YAML the caller parsed, with the same result and its diagnostics once', () => {
    const text = 'services:\n  web:\n    image: a\n    image: b\n';
    const files = [{ path: 'app/compose.yaml', text }];
    const parsed = parseYaml(new SourceText('app/compose.yaml', text));
    const reused = importCompose(files, memoryContext({}), {
      parsed: new Map([['app/compose.yaml', parsed]]),
    });
    const fresh = importCompose(files, memoryContext({}));
    expect(reused).toEqual(fresh);
    expect(reused.diagnostics.map(diagnosticText)).toEqual(['YAML_DUPLICATE_KEY app/compose.yaml:4:5']);
    expect(reused.bundle.workloads[0]!.containers[0]!.image?.value).toBe('b');
  });

  it('reads absolute paths as they are and relative ones next to the file that names them', () => {
    const output = importCompose(
      [
        {
          path: 'deploy/compose.yaml',
          text: 'services:\n  web:\n    extends: {file: /shared/base.yml, service: base}\n    env_file: [/etc/app.env, local.env]\n',
        },
      ],
      memoryContext({
        '/shared/base.yml': 'services:\n  base:\n    image: b\n    build: {context: ctx}\n',
        '/etc/app.env': 'A=1\n',
        'deploy/local.env': 'B=2\n',
      }),
    );
    const web = output.bundle.workloads[0]!.containers[0]!;
    expect(output.diagnostics).toEqual([]);
    expect(web.image?.value).toBe('b');
    expect(web.dockerfile?.value).toBe('/shared/ctx/Dockerfile');
    expect(web.envFiles.map((f) => f.value)).toEqual(['/etc/app.env', 'deploy/local.env']);
    expect(web.env.map((e) => `${e.name}@${e.at.file}`)).toEqual(['A@/etc/app.env', 'B@deploy/local.env']);
  });

  it('lists every file it read as an input, once', () => {
    const output = importCompose(
      [
        { path: 'compose.yaml', text: 'services:\n  a:\n    env_file: x.env\n  b:\n    env_file: x.env\n' },
        { path: 'compose.override.yaml', text: 'services:\n  a:\n    image: a\n' },
      ],
      memoryContext({ '.env': 'T=1\n', 'x.env': 'X=1\n' }),
    );
    expect(output.bundle.inputs).toEqual([
      { file: 'compose.yaml', kind: 'compose' },
      { file: 'compose.override.yaml', kind: 'compose' },
      { file: '.env', kind: 'env' },
      { file: 'x.env', kind: 'env' },
    ]);
  });

  it('sorts workloads by id and keeps config order inside each', () => {
    const output = importCompose(
      [
        {
          path: 'compose.yaml',
          text: 'services:\n  zeta:\n    cap_add: [B, A]\n  alpha:\n    image: a\n  mid: {}\n',
        },
      ],
      memoryContext({}),
    );
    expect(output.bundle.workloads.map((w) => w.id)).toEqual([
      'compose:default/alpha',
      'compose:default/mid',
      'compose:default/zeta',
    ]);
    expect(output.bundle.workloads[2]!.containers[0]!.capAdd.map((c) => c.value)).toEqual(['B', 'A']);
  });

  it('reports a project without services', () => {
    const output = importCompose([{ path: 'compose.yaml', text: 'networks:\n  a: {}\n' }], memoryContext({}));
    expect(output.diagnostics.map(diagnosticText)).toEqual(['COMPOSE_NO_SERVICES compose.yaml:1:1']);
    expect(output.bundle.workloads).toEqual([]);
    expect(output.bundle.networks).toEqual([]);
  });

  it('keeps hostile keys as inert data', () => {
    const output = importCompose(
      [
        {
          path: 'compose.yaml',
          text: 'services:\n  __proto__:\n    image: a\n    labels: {__proto__: x, constructor: y}\n  constructor:\n    image: b\n',
        },
      ],
      memoryContext({}),
    );
    expect(output.bundle.workloads.map((w) => w.name)).toEqual(['__proto__', 'constructor']);
    const labels = output.bundle.workloads[0]!.labels;
    expect(Object.keys(labels)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('caps port range expansion across a hostile project', () => {
    const services = Array.from({ length: 3 }, (_, i) => `  s${i}:\n    ports: ["1-65535:1-65535"]\n`).join(
      '',
    );
    const output = importCompose(
      [{ path: 'compose.yaml', text: `services:\n${services}` }],
      memoryContext({}),
    );
    const total = output.bundle.workloads.reduce((n, w) => n + w.containers[0]!.ports.length, 0);
    expect(total).toBeLessThanOrEqual(100_000);
    expect(output.diagnostics.map((d) => d.code)).toEqual(['COMPOSE_PORT_LIMIT']);
  });
});
