import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../models/import/import-files';
import { INPUT_LIMITS } from '../../../models/source/limits';

describe('importFiles', () => {
  it('recognizes files by content, not by name', () => {
    const { bundle } = importFiles([
      {
        path: 'a.yml',
        text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x:1}]\n',
      },
      { path: 'b.yml', text: 'services:\n  web:\n    image: nginx:1.27\n' },
      {
        path: 'inspect.json',
        text: '[{"Id": "abc", "Name": "/db", "Config": {"Image": "postgres:16"}, "HostConfig": {}}]',
      },
      { path: 'svc/Dockerfile', text: 'FROM alpine:3.20\nUSER app\n' },
    ]);
    expect(bundle.inputs).toEqual([
      { file: 'a.yml', kind: 'kubernetes' },
      { file: 'b.yml', kind: 'compose' },
      { file: 'inspect.json', kind: 'docker-inspect' },
      { file: 'svc/Dockerfile', kind: 'dockerfile' },
    ]);
    expect(bundle.workloads.map((w) => w.kind).sort()).toEqual([
      'Pod',
      'compose-service',
      'container',
      'dockerfile',
    ]);
  });

  it('merges compose.yaml with its override and keeps other compose files apart', () => {
    const { bundle } = importFiles([
      { path: 'app/compose.yaml', text: 'services:\n  web:\n    image: nginx:1.27\n' },
      { path: 'app/compose.override.yaml', text: 'services:\n  web:\n    privileged: true\n' },
      { path: 'app/docker-compose.prod.yml', text: 'services:\n  web:\n    image: nginx:1.27\n' },
    ]);
    expect(bundle.workloads.map((w) => w.id)).toEqual(['compose:app-prod/web', 'compose:app/web']);
    expect(bundle.workloads[1]!.containers[0]!.privileged?.at.file).toBe('app/compose.override.yaml');
  });

  it('gives a compose service the USER of the Dockerfile it builds', () => {
    const { bundle } = importFiles([
      { path: 'compose.yaml', text: 'services:\n  api:\n    build: ./api\n' },
      { path: 'api/Dockerfile', text: 'FROM node:22-slim\nUSER node\n' },
    ]);
    const api = bundle.workloads.find((w) => w.id.startsWith('compose:'))!;
    expect(api.containers[0]!.user?.value).toMatchObject({ name: 'node', origin: 'image' });
  });

  it('gives a compose service the USER of the stage its build.target names, not the final one', () => {
    const dockerfile = 'FROM node:22-slim AS dev\nCMD ["npm", "run", "dev"]\n\nFROM dev AS prod\nUSER node\n';
    const { bundle } = importFiles([
      {
        path: 'compose.yaml',
        text: 'services:\n  dev:\n    build:\n      context: ./api\n      target: dev\n  prod:\n    build: ./api\n',
      },
      { path: 'api/Dockerfile', text: dockerfile },
    ]);
    const user = (name: string) =>
      bundle.workloads.find((w) => w.id === `compose:default/${name}`)!.containers[0]!.user?.value;
    expect(user('dev')).toBeUndefined();
    expect(user('prod')).toMatchObject({ name: 'node', origin: 'image' });
    expect(
      bundle.dockerfiles[0]!.stages.map((s) => [s.name, s.resolvedBase.value, s.user?.value.name]),
    ).toEqual([
      ['dev', 'node:22-slim', undefined],
      ['prod', 'node:22-slim', 'node'],
    ]);
  });

  it('keeps going past a broken file and reports it', () => {
    const { bundle, diagnostics } = importFiles([
      { path: 'bad.yaml', text: 'kind: Pod\n  : [\n' },
      { path: 'good.yaml', text: 'services:\n  web:\n    image: nginx:1.27\n' },
    ]);
    expect(bundle.workloads).toHaveLength(1);
    expect(diagnostics.map((d) => [d.file, d.code])).toContainEqual(['bad.yaml', 'YAML_SYNTAX']);
  });

  it('refuses oversized text with a clear error', () => {
    const big = 'x'.repeat(INPUT_LIMITS.maxFileChars + 1);
    const { diagnostics } = importFiles([{ path: 'huge.yaml', text: big }]);
    expect(diagnostics).toMatchObject([{ code: 'IMPORT_FILE_TOO_LARGE', file: 'huge.yaml', line: 1 }]);
  });

  it('reads a manifest that lacks its apiVersion as one, and says so, even in a folder scan', () => {
    const policy = 'kind: NetworkPolicy\nmetadata:\n  name: only-web\nspec:\n  podSelector: {}\n';
    const { bundle, diagnostics } = importFiles([{ path: 'k8s/policy.yaml', text: policy }]);
    expect(bundle.inputs).toEqual([{ file: 'k8s/policy.yaml', kind: 'kubernetes' }]);
    expect(diagnostics).toMatchObject([
      { code: 'K8S_MISSING_KIND', severity: 'error', file: 'k8s/policy.yaml', line: 1 },
    ]);
    expect(diagnostics[0]!.message).toContain('apiVersion');
  });

  // Found by test/robustness/fuzz-importers.test.ts: the third copy of `web` was renamed to
  // `web~3`, the id the copied `web~3` service already had, and the diagram lost a workload.
  it('keeps ids unique when copies of a project define a workload named like a copy', () => {
    const text = 'name: shop\nservices:\n  web~3:\n    image: nginx\n  web:\n    image: nginx\n';
    const { bundle } = importFiles(
      ['a', 'c', 'deploy'].map((dir) => ({ path: `${dir}/compose.yaml`, text })),
    );
    expect(bundle.workloads.map((w) => w.id)).toEqual([
      'compose:shop/web',
      'compose:shop/web~2',
      'compose:shop/web~3',
      'compose:shop/web~3~2',
      'compose:shop/web~3~3',
      'compose:shop/web~4',
    ]);
  });

  it('reports an unrecognized file only when it was named explicitly', () => {
    const files = [{ path: 'package.json', text: '{"name": "x"}' }];
    expect(importFiles(files).diagnostics).toEqual([]);
    expect(importFiles(files, { explicit: new Set(['package.json']) }).diagnostics[0]!.code).toBe(
      'IMPORT_UNRECOGNIZED',
    );
  });
});
