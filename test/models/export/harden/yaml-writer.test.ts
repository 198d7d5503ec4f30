import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeSegment } from '../../../../models/export/harden/file-names';
import { generateHardenedConfigs } from '../../../../models/export/harden';
import { entry, map, renderYamlDocument, scalar, seq } from '../../../../models/export/harden/yaml-writer';
import { analyzeFiles } from '../../../../models/analysis/analyze';
import { SourceText } from '../../../../models/source/source-text';
import { parseYaml } from '../../../../models/yaml/parse-yaml';

const parse = (text: string) => {
  const parsed = parseYaml(new SourceText('t.yml', text));
  expect(parsed.diagnostics).toEqual([]);
  return parsed.documents[0]!.value;
};

describe('renderYamlDocument', () => {
  it('any keys, strings and comments read back as written', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(fc.string({ minLength: 1 }), fc.oneof(fc.string(), fc.boolean(), fc.integer())),
          {
            selector: ([key]) => key,
            maxLength: 6,
          },
        ),
        fc.string(),
        (pairs, comment) => {
          const doc = map([
            entry('top', map(pairs.map(([k, v]) => entry(k, scalar(v), [comment]))), [comment]),
            entry('list', seq(pairs.map(([, v]) => scalar(v)))),
          ]);
          const value = parse(renderYamlDocument(doc, [comment])) as {
            top: Record<string, unknown>;
            list: unknown[];
          };
          expect(value.top ?? {}).toEqual(Object.fromEntries(pairs));
          expect(value.list ?? []).toEqual(pairs.map(([, v]) => v));
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('writes compose tags and keeps comments on one line', () => {
    const text = renderYamlDocument(
      map([
        entry('pid', scalar(null, '!reset'), ['line one\nservices: {evil: true}']),
        entry('cap_add', seq([], '!reset')),
      ]),
    );
    expect(text).toBe('# line one services: {evil: true}\npid: !reset null\ncap_add: !reset []\n');
  });
});

describe('characters YAML cannot hold raw', () => {
  it('are escaped in strings and dropped from comments, so Compose reads the file; strings read back', () => {
    const name = 'svc\u0080\u009f\u007f\ufeff\ufffe';
    const text = renderYamlDocument(map([entry(name, scalar(name), [`comment ${name}`])]), [name]);
    expect(text).not.toMatch(/[\u007f-\u0084\u0086-\u009f\ufeff\ufffe\uffff]/);
    expect(parse(text)).toEqual({ [name]: name });
  });

  it('replaces a lone surrogate, which UTF-8 cannot write, with U+FFFD', () => {
    const text = renderYamlDocument(map([entry('a\ud800b', scalar('c\udc00'), ['d\ud800'])]));
    expect(text).not.toMatch(/[\ud800-\udfff]|\\ud[89a-f]/i);
    expect(parse(text)).toEqual({ 'a\ufffdb': 'c\ufffd' });
  });
});

describe('names from configs in output paths and files', () => {
  it.each([
    ['../../etc/passwd', '__.._etc_passwd'],
    ['..', '_'],
    ['a/b\\c', 'a_b_c'],
    ['', '_'],
    ['web-1.v2', 'web-1.v2'],
  ])('%j becomes the path segment %j', (name, segment) => {
    expect(safeSegment(name)).toBe(segment);
  });

  it('a Kubernetes workload with a hostile name gets a safe patch path and a valid patch', () => {
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: "../../x\\n# injected: true"',
      '  namespace: "a/b"',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: "c: #1"',
      '          image: nginx:1.27',
      '          securityContext: { privileged: true }',
    ].join('\n');
    const out = generateHardenedConfigs(analyzeFiles([{ path: 'k.yaml', text: manifest }]));
    const patch = out.files.find((f) => f.path.endsWith('.patch.yaml'))!;
    expect(patch.path).toBe('kubernetes/a_b.Deployment.__.._x_injected_true.patch.yaml');
    const value = parse(patch.text) as {
      metadata: { name: string; namespace: string };
      spec: {
        template: { spec: { containers: { name: string; securityContext: Record<string, unknown> }[] } };
      };
    };
    expect(value.metadata).toEqual({ name: '../../x\n# injected: true', namespace: 'a/b' });
    expect(value.spec.template.spec.containers[0]!.name).toBe('c: #1');
    expect(value.spec.template.spec.containers[0]!.securityContext.privileged).toBe(false);
    expect(patch.text).not.toMatch(/^injected/m);
  });
});
