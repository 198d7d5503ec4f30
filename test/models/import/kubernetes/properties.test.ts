import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { importKubernetes, looksLikeHelmTemplate } from '../../../../models/import/kubernetes';

/**
 * Whatever the input, the importer returns (never throws) and returns the same thing twice. The
 * manifests are random trees over the field names the importer reads, so that most of them reach
 * deep into pod specs with values of every type; the text mutations break real fixtures
 * (indentation, brackets, quotes, anchors) where the YAML parser and the importer meet.
 * Runs are seeded so that CI sees the same cases every time.
 */

const FIELDS = [
  'metadata',
  'name',
  'generateName',
  'namespace',
  'labels',
  'annotations',
  'spec',
  'template',
  'jobTemplate',
  'replicas',
  'containers',
  'initContainers',
  'ephemeralContainers',
  'securityContext',
  'privileged',
  'allowPrivilegeEscalation',
  'capabilities',
  'add',
  'drop',
  'readOnlyRootFilesystem',
  'procMount',
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'seccompProfile',
  'appArmorProfile',
  'seLinuxOptions',
  'type',
  'localhostProfile',
  'level',
  'user',
  'role',
  'sysctls',
  'value',
  'hostPID',
  'hostIPC',
  'hostNetwork',
  'hostUsers',
  'volumes',
  'volumeMounts',
  'mountPath',
  'readOnly',
  'mountPropagation',
  'hostPath',
  'path',
  'secret',
  'secretName',
  'configMap',
  'emptyDir',
  'persistentVolumeClaim',
  'claimName',
  'projected',
  'image',
  'reference',
  'ports',
  'containerPort',
  'hostPort',
  'hostIP',
  'protocol',
  'env',
  'envFrom',
  'valueFrom',
  'secretKeyRef',
  'configMapKeyRef',
  'fieldRef',
  'prefix',
  'secretRef',
  'configMapRef',
  'resources',
  'limits',
  'requests',
  'cpu',
  'memory',
  'livenessProbe',
  'readinessProbe',
  'serviceAccountName',
  'serviceAccount',
  'automountServiceAccountToken',
  'volumeClaimTemplates',
  'selector',
  'clusterIP',
  'port',
  'targetPort',
  'nodePort',
  'appProtocol',
  'externalName',
  'rules',
  'host',
  'http',
  'paths',
  'backend',
  'defaultBackend',
  'service',
  'number',
  'serviceName',
  'servicePort',
  'tls',
  'hosts',
  'podSelector',
  'namespaceSelector',
  'matchLabels',
  'matchExpressions',
  'key',
  'operator',
  'values',
  'policyTypes',
  'ingress',
  'egress',
  'from',
  'to',
  'ipBlock',
  'cidr',
  'except',
  'endPort',
  'items',
  'kind',
  'apiVersion',
  '__proto__',
  'constructor',
  'seccomp.security.alpha.kubernetes.io/pod',
  'container.seccomp.security.alpha.kubernetes.io/c',
  'container.apparmor.security.beta.kubernetes.io/c',
];

const API_VERSIONS = [
  'v1',
  'apps/v1',
  'batch/v1',
  'networking.k8s.io/v1',
  'extensions/v1beta1',
  'example.com/v1',
  7,
];
const KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Service',
  'Ingress',
  'NetworkPolicy',
  'Namespace',
  'ServiceAccount',
  'List',
  'PodList',
  'Secret',
  'PodSecurityPolicy',
  'Widget',
  '',
];
const SCALARS = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    65536,
    8080,
    '',
    'ALL',
    'all',
    'None',
    'RuntimeDefault',
    'Unconfined',
    'Localhost',
    'runtime/default',
    'unconfined',
    'localhost/p',
    'spc_t',
    'Unmasked',
    'TCP',
    'yes',
    'NodePort',
    'Egress',
    '$(X)',
    '{{ .Values.x }}',
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
);

const { tree } = fc.letrec<{ tree: unknown }>((go) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    SCALARS,
    fc.dictionary(fc.constantFrom(...FIELDS), go('tree'), { maxKeys: 5 }),
    fc.array(go('tree'), { maxLength: 3 }),
  ),
}));

const manifest = fc
  .record({ apiVersion: fc.constantFrom(...API_VERSIONS), kind: fc.constantFrom(...KINDS), rest: tree })
  .map(({ apiVersion, kind, rest }) => ({
    apiVersion,
    kind,
    ...(typeof rest === 'object' && rest !== null && !Array.isArray(rest) ? rest : { spec: rest }),
  }));

const stream = fc.record({
  documents: fc.array(fc.oneof({ weight: 5, arbitrary: manifest }, { weight: 1, arbitrary: tree }), {
    minLength: 1,
    maxLength: 4,
  }),
  asJson: fc.boolean(),
});

function serialize({ documents, asJson }: { documents: unknown[]; asJson: boolean }): string {
  if (asJson) return documents.map((d) => JSON.stringify(d, null, 1)).join('\n---\n');
  return documents.map((d) => dump(d)).join('---\n');
}

function importTwice(text: string): void {
  const file = { path: 'random.yaml', text };
  const first = importKubernetes(file);
  expect(importKubernetes(file)).toEqual(first);
  for (const d of first.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

const FIXTURES = join(import.meta.dirname, '../../../fixtures/kubernetes');
const SAMPLES = readdirSync(FIXTURES, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name !== 'expected.json')
  .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));

const mutation = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.string({ unit: fc.constantFrom(...'{}[]:-,"\'&*!|>#%@`? \n\t\tab01'.split('')), maxLength: 6 }),
});

function mutate(text: string, edits: { at: number; remove: number; insert: string }[]): string {
  let out = text;
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % out.length;
    out = out.slice(0, at) + edit.insert + out.slice(at + edit.remove);
  }
  return out;
}

describe('importKubernetes on random input', () => {
  it('never throws on random manifests and gives the same output twice', () => {
    fc.assert(
      fc.property(stream, (s) => importTwice(serialize(s))),
      { seed: 20251128, numRuns: 400 },
    );
  });

  it('never throws on mutated fixtures and gives the same output twice', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (text, edits) => importTwice(mutate(text, edits)),
      ),
      { seed: 1128, numRuns: 400 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        importTwice(text);
        expect(typeof looksLikeHelmTemplate(text)).toBe('boolean');
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('gives byte-identical output forty times for the same input', () => {
    const text = SAMPLES.join('\n---\n');
    const first = JSON.stringify(importKubernetes({ path: 'all.yaml', text }));
    for (let i = 0; i < 40; i++)
      expect(JSON.stringify(importKubernetes({ path: 'all.yaml', text }))).toBe(first);
  });
});
