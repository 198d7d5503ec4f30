import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  importKubernetes,
  K8S_DIAGNOSTICS,
  looksLikeHelmTemplate,
  looksLikeKubernetes,
} from '../../../../models/import/kubernetes';
import { classifyObject } from '../../../../models/import/kubernetes/object-kinds';
import { SourceText } from '../../../../models/source/source-text';
import { parseYaml } from '../../../../models/yaml/parse-yaml';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/kubernetes');

describe('looksLikeKubernetes', () => {
  it.each([
    [{ apiVersion: 'v1', kind: 'Pod' }, true],
    [{ apiVersion: 'example.com/v1', kind: 'Widget', spec: {} }, true],
    [{ kind: 'Pod' }, false],
    [{ apiVersion: 'v1', kind: 3 }, false],
    [{ services: { web: {} } }, false],
    [[{ apiVersion: 'v1', kind: 'Pod' }], false],
    [null, false],
    ['apiVersion: v1', false],
  ])('%j → %s', (doc, expected) => expect(looksLikeKubernetes(doc)).toBe(expected));
});

describe('looksLikeHelmTemplate', () => {
  it.each([
    'name: {{ .Release.Name }}',
    'image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    '  labels:\n    {{- include "chart.labels" . | nindent 4 }}',
    '{{- if .Values.ingress.enabled -}}\nkind: Ingress\n{{- end }}',
    'data:\n{{ toYaml .Values.config | indent 2 }}',
    'version: {{ $.Chart.Version }}',
    'x: {{ tpl .Values.x . }}',
    'x: {{ required "x is required" .Values.x }}',
  ])('a Helm template: %s', (text) => expect(looksLikeHelmTemplate(text)).toBe(true));

  it.each([
    'apiVersion: v1\nkind: Pod\n',
    'summary: "{{ $labels.instance }} is down ({{ .Value }})"',
    "text: '{{ range .Alerts }}{{ .Labels.alertname }}{{ end }}'",
    'title: \'{{ template "slack.default.title" . }}\'',
    'legendFormat: "{{instance}}"',
    'args: ["{{inputs.parameters.message}}"]',
    'not: { { a } }',
  ])('not a Helm template: %s', (text) => expect(looksLikeHelmTemplate(text)).toBe(false));

  it('stays linear on hostile input', () => {
    const started = performance.now();
    expect(looksLikeHelmTemplate('{{'.repeat(200_000))).toBe(false);
    expect(looksLikeHelmTemplate(`${'.Values include '.repeat(50_000)}{{`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('classifyObject', () => {
  it.each([
    ['v1', 'Pod', 'workload'],
    ['apps/v1', 'Deployment', 'workload'],
    ['extensions/v1beta1', 'DaemonSet', 'workload'],
    ['batch/v1beta1', 'CronJob', 'workload'],
    ['v1', 'Service', 'service'],
    ['serving.knative.dev/v1', 'Service', 'unknown'],
    ['networking.k8s.io/v1', 'Ingress', 'ingress'],
    ['networking.k8s.io/v1', 'NetworkPolicy', 'network-policy'],
    ['v1', 'Secret', 'ignored'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'ignored'],
    ['policy/v1beta1', 'PodSecurityPolicy', 'removed'],
    ['v1', 'List', 'list'],
    ['apps/v1', 'DeploymentList', 'list'],
    ['v1', 'Widget', 'unknown'],
    ['apps.openshift.io/v1', 'DeploymentConfig', 'unknown'],
  ])('%s %s → %s', (apiVersion, kind, read) => expect(classifyObject(apiVersion, kind).read).toBe(read));
});

describe('importKubernetes', () => {
  const pods = (names: string[]) =>
    names
      .map(
        (n) =>
          `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${n}\nspec:\n  containers: [{name: c, image: i}]\n`,
      )
      .join('---\n');

  it('sorts workloads by id, whatever the document order', () => {
    const { bundle } = importKubernetes({ path: 'p.yaml', text: pods(['b', 'c', 'a']) });
    expect(bundle.workloads.map((w) => w.id)).toEqual([
      'k8s:default/Pod/a',
      'k8s:default/Pod/b',
      'k8s:default/Pod/c',
    ]);
    expect(bundle.inputs).toEqual([{ file: 'p.yaml', kind: 'kubernetes' }]);
  });

  it('uses the caller’s parse and reports its YAML diagnostics once', () => {
    const text = `${pods(['a'])}---\nkey: [unclosed\n`;
    const file = { path: 'p.yaml', text };
    const parsed = parseYaml(new SourceText(file.path, text));
    const output = importKubernetes(file, parsed);
    expect(output).toEqual(importKubernetes(file));
    expect(output.bundle.workloads).toHaveLength(1);
    expect(output.diagnostics.map((d) => d.code)).toEqual(['YAML_SYNTAX']);
  });

  it('keeps hostile keys inert', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    __proto__: x\n    constructor: y\nspec:\n  containers: [{name: c}]\n';
    const [workload] = importKubernetes({ path: 'p.yaml', text }).bundle.workloads;
    expect(Object.getPrototypeOf(workload!.labels)).toBe(Object.prototype);
    expect(Object.entries(workload!.labels)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });
});

describe('the diagnostics catalogue', () => {
  it('declares each code under its own name, with a title', () => {
    for (const [key, spec] of Object.entries(K8S_DIAGNOSTICS)) {
      expect(spec.code).toBe(key);
      expect(key).toMatch(/^K8S_[A-Z_]+$/);
      expect(spec.title.length).toBeGreaterThan(10);
    }
  });

  it('has a golden case for every code', () => {
    const expected = readdirSync(FIXTURES)
      .map((name) => readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8'))
      .join('\n');
    const missing = Object.keys(K8S_DIAGNOSTICS).filter((code) => !expected.includes(`"${code}"`));
    expect(missing).toEqual([]);
  });
});
