import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFiles } from '../../cli/collect-files';
import { importFiles } from '../../models/import/import-files';
import type { ImportFile } from '../../models/import/import-file';
import { buildTopology, indexReachability, type Topology } from '../../models/topology';
import { SourceText } from '../../models/source/source-text';
import { parseYaml } from '../../models/yaml/parse-yaml';

const root = join(import.meta.dirname, '../../templates/examples/shop');

function filesUnder(dir: string): ImportFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = relative(root, join(entry.parentPath, entry.name)).split('\\').join('/');
      return { path, text: readFileSync(join(entry.parentPath, entry.name), 'utf8') };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

const files = filesUnder(root);

/** The topology `rampart analyze <folder> services` would see: the CLI's file search, the
 * importers, then the topology builder. */
function topologyOf(folder: string): Topology {
  const collected = collectFiles([join(root, folder), join(root, 'services')], root);
  const { bundle, diagnostics } = importFiles(collected.files, {
    explicit: collected.explicit,
    read: collected.read,
  });
  expect([...collected.diagnostics, ...diagnostics].filter((d) => d.severity === 'error')).toEqual([]);
  return buildTopology(bundle);
}

const flow = (t: Topology, from: string, to: string) => t.flows.filter((f) => f.from === from && f.to === to);

describe('the example shop', () => {
  it.each(files.filter((f) => /\.ya?ml$/.test(f.path)).map((f) => [f.path, f] as const))(
    '%s parses',
    (_path, file) => {
      const parsed = parseYaml(new SourceText(file.path, file.text));
      expect(parsed.diagnostics).toEqual([]);
      expect(parsed.documents.length).toBeGreaterThan(0);
    },
  );

  it('has a Dockerfile for every service compose builds', () => {
    const compose = files.find((f) => f.path === 'compose/compose.yaml')!.text;
    const contexts = [...compose.matchAll(/context: \.\.\/services\/([a-z-]+)/g)].map((m) => m[1]);
    expect(contexts).toHaveLength(6);
    for (const name of contexts)
      expect(files.some((f) => f.path === `services/${name}/Dockerfile`)).toBe(true);
  });

  it('mixes good and bad Dockerfile practice', () => {
    const dockerfiles = files.filter((f) => f.path.endsWith('/Dockerfile'));
    const { bundle } = importFiles(dockerfiles);
    const info = (name: string) => bundle.dockerfiles.find((d) => d.path === `services/${name}/Dockerfile`)!;
    expect(info('storefront').finalUser?.value.name).toBe('app');
    expect(info('orders')).toMatchObject({ finalBase: { value: 'python:3.12' } });
    expect(info('orders').finalUser).toBeUndefined();
    expect(info('api-gateway').finalBase?.value).toBe('gcr.io/distroless/static-debian12:nonroot');
    expect(info('worker').pipeToShell).toHaveLength(1);
    expect(bundle.dockerfiles.filter((d) => d.stages.length > 1).length).toBeGreaterThanOrEqual(4);
  });

  describe('as compose', () => {
    const t = topologyOf('compose');
    const id = (name: string) => `compose:shop/${name}`;

    it('has the shop’s services, data stores, external services and the internet', () => {
      const byKind = (kind: string) =>
        t.elements
          .filter((e) => e.kind === kind)
          .map((e) => e.name)
          .sort();
      expect(byKind('service')).toEqual([
        'api-gateway',
        'catalog',
        'monitoring-agent',
        'orders',
        'payments',
        'storefront',
        'worker',
      ]);
      expect(t.elements.filter((e) => e.kind === 'data-store').map((e) => [e.name, e.technology])).toEqual([
        ['postgres', 'postgres'],
        ['rabbitmq', 'rabbitmq'],
        ['redis', 'redis'],
      ]);
      expect(byKind('external')).toEqual([
        'api.payments.example.com',
        'mail.example.net',
        's3.eu-central-1.amazonaws.com',
      ]);
      expect(byKind('internet')).toEqual(['Internet']);
      expect(byKind('host')).toEqual(['Docker host (shop)']);
    });

    it('nests the three networks in the Docker host', () => {
      expect(t.boundaries.filter((b) => b.kind === 'network').map((b) => [b.name, b.internal])).toEqual([
        ['backend', true],
        ['frontend', false],
        ['monitoring', false],
      ]);
    });

    it('publishes storefront, gateway, the agent and (in development) the orders debugger', () => {
      const published = t.flows.filter((f) => f.from === 'internet').map((f) => [f.to, f.port, f.protection]);
      expect(published).toEqual([
        [id('api-gateway'), 8080, 'unknown'],
        [id('monitoring-agent'), 8081, 'unknown'],
        [id('orders'), 5678, 'unknown'],
        [id('storefront'), 443, 'tls'],
        [id('storefront'), 80, 'none'],
      ]);
    });

    it('infers the protection of each connection from its configuration', () => {
      expect(flow(t, id('orders'), id('postgres'))).toMatchObject([
        { protection: 'none', carriesCredentials: true },
      ]);
      expect(flow(t, id('catalog'), id('postgres'))).toMatchObject([
        { protection: 'tls', carriesCredentials: true },
      ]);
      expect(flow(t, id('api-gateway'), id('payments'))).toMatchObject([{ protection: 'mtls', port: 8443 }]);
      expect(flow(t, id('orders'), id('payments'))).toMatchObject([{ protection: 'tls' }]);
      expect(flow(t, id('worker'), id('rabbitmq'))).toMatchObject([
        { protection: 'none', carriesCredentials: true },
      ]);
      expect(flow(t, id('catalog'), id('redis'))).toMatchObject([
        { protocol: 'redis', protection: 'none', carriesCredentials: false },
      ]);
      expect(flow(t, id('payments'), 'external:api.payments.example.com')).toMatchObject([
        {
          protection: 'tls',
          carriesCredentials: true,
          boundariesCrossed: ['boundary:host:shop', 'boundary:internet'],
        },
      ]);
    });

    it('lets every backend service reach the data stores: one flat network', () => {
      const reach = indexReachability(t.reachability);
      expect(reach.reachersOf(id('redis'))).toEqual([
        id('api-gateway'),
        id('catalog'),
        id('orders'),
        id('payments'),
        id('postgres'),
        id('rabbitmq'),
        id('worker'),
      ]);
      expect(reach.canReach(id('storefront'), id('postgres'))).toBe(false);
    });

    it('resolves every address in the configuration', () => {
      expect(t.diagnostics).toEqual([]);
    });
  });

  describe('as Kubernetes manifests', () => {
    const t = topologyOf('kubernetes');
    const id = (ns: string, kind: string, name: string) => `k8s:${ns}/${kind}/${name}`;
    const storefront = id('shop', 'Deployment', 'storefront');
    const gateway = id('shop', 'Deployment', 'api-gateway');
    const postgres = id('shop', 'StatefulSet', 'postgres');

    it('places workloads in their namespaces inside the cluster', () => {
      expect(t.boundaries.filter((b) => b.kind === 'namespace').map((b) => [b.name, b.parent])).toEqual([
        ['shop', 'boundary:cluster:kubernetes'],
        ['shop-jobs', 'boundary:cluster:kubernetes'],
        ['shop-monitoring', 'boundary:cluster:kubernetes'],
      ]);
      expect(t.elements.filter((e) => e.kind === 'data-store').map((e) => e.id)).toEqual([
        id('shop', 'Deployment', 'redis'),
        postgres,
        id('shop', 'StatefulSet', 'rabbitmq'),
      ]);
    });

    it('routes the Ingress over TLS and publishes the agent’s hostPort', () => {
      expect(t.flows.filter((f) => f.from === 'internet').map((f) => [f.to, f.port, f.protection])).toEqual([
        [id('shop-monitoring', 'DaemonSet', 'monitoring-agent'), 8081, 'unknown'],
        [gateway, 443, 'tls'],
        [storefront, 443, 'tls'],
      ]);
    });

    it('follows Service names across namespaces', () => {
      expect(
        flow(t, id('shop-jobs', 'Deployment', 'worker'), id('shop', 'StatefulSet', 'rabbitmq')),
      ).toMatchObject([
        {
          protection: 'none',
          carriesCredentials: true,
          boundariesCrossed: ['boundary:namespace:shop-jobs', 'boundary:namespace:shop'],
        },
      ]);
      expect(flow(t, id('shop', 'Deployment', 'orders'), postgres)).toMatchObject([
        { protection: 'none', carriesCredentials: true },
      ]);
    });

    it('restricts postgres to its clients and leaves redis open to every pod', () => {
      const reach = indexReachability(t.reachability);
      expect(reach.reachersOf(postgres)).toEqual([
        id('shop', 'Deployment', 'catalog'),
        id('shop', 'Deployment', 'orders'),
        id('shop', 'Deployment', 'payments'),
      ]);
      expect(
        t.reachability.targets.find((r) => r.target === id('shop', 'Deployment', 'redis')),
      ).toMatchObject({
        restricted: false,
        fromGroups: ['reach:pods:kubernetes'],
      });
      expect(reach.reachersOf(storefront)).toEqual([]);
      expect(reach.reachersOf(gateway)).toEqual([storefront]);
    });

    it('resolves every address in the manifests', () => {
      expect(t.diagnostics).toEqual([]);
    });
  });
});
