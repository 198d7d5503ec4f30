import type { Fact, SourceRef } from '../../../models/source/source-ref';
import type { Container, Platform, Workload, WorkloadKind } from '../../../models/import/workload';
import { emptyBundle, type ImportBundle } from '../../../models/import/workload';

/** Test builders: declare only what a case is about; everything else is an unset, empty default. */
export function at(line: number, path = ''): SourceRef {
  return { file: 'test.yml', line, column: 1, path };
}

export function f<T>(value: T, line = 1, path = ''): Fact<T> {
  return { value, at: at(line, path) };
}

export function container(overrides: Partial<Container> = {}): Container {
  return {
    name: 'app',
    role: 'main',
    at: at(1, 'app'),
    capAdd: [],
    capDrop: [],
    mounts: [],
    devices: [],
    ports: [],
    env: [],
    envFiles: [],
    resources: {},
    ...overrides,
  };
}

export function workload(
  overrides: Partial<Workload> & { platform?: Platform; kind?: WorkloadKind } = {},
): Workload {
  const platform = overrides.platform ?? 'docker';
  return {
    id: overrides.id ?? `${platform}:app`,
    name: 'app',
    kind: platform === 'kubernetes' ? 'Deployment' : 'compose-service',
    platform,
    at: at(1),
    labels: {},
    podLabels: {},
    annotations: {},
    containers: [container()],
    host: {},
    sysctls: [],
    networks: [],
    sharesNamespacesWith: [],
    dependsOn: [],
    secrets: [],
    ...overrides,
  };
}

/** A hardened Docker container: the baseline against which each case changes one thing. */
export function hardenedContainer(overrides: Partial<Container> = {}): Container {
  return container({
    image: f(
      'registry.example.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    ),
    capDrop: [f('ALL')],
    capDropAllExact: true,
    noNewPrivileges: f(true),
    readOnlyRootFilesystem: f(true),
    user: f({ uid: 10001, origin: 'config' as const }),
    seccomp: f({ mode: 'custom' as const, profile: 'app.json' }),
    apparmor: f({ mode: 'custom' as const, profile: 'app-profile' }),
    resources: { memoryLimit: f('256Mi'), cpuLimit: f('500m'), pidsLimit: f(100) },
    ...overrides,
  });
}

export function bundleOf(...workloads: Workload[]): ImportBundle {
  return { ...emptyBundle(), workloads };
}
